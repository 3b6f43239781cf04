/**
 * fast-check arbitraries derived from the zod contracts (through `z.toJSONSchema`), and the
 * mutations the fuzz test applies to the valid values they produce.
 */
import fc from 'fast-check';
import { z } from 'zod';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);

/** The subset of JSON Schema that z.toJSONSchema emits for our contracts. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: Json[];
  const?: Json;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}
const SchemaSchema: z.ZodType<Schema> = z.lazy(() =>
  z
    .object({
      type: z.union([z.string(), z.array(z.string())]).optional(),
      properties: z.record(z.string(), SchemaSchema).optional(),
      required: z.array(z.string()).optional(),
      items: SchemaSchema.optional(),
      anyOf: z.array(SchemaSchema).optional(),
      oneOf: z.array(SchemaSchema).optional(),
      allOf: z.array(SchemaSchema).optional(),
      enum: z.array(JsonSchema).optional(),
      const: JsonSchema.optional(),
      format: z.string().optional(),
      pattern: z.string().optional(),
      minLength: z.number().optional(),
      maxLength: z.number().optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      exclusiveMinimum: z.number().optional(),
      exclusiveMaximum: z.number().optional(),
      minItems: z.number().optional(),
      maxItems: z.number().optional(),
    })
    .loose(),
);

/** The input JSON Schema of a zod schema (what a client may send). */
export function jsonSchemaOf(schema: z.ZodType): Schema {
  return SchemaSchema.parse(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
}

const japanese = fc.constantFrom(...'あいうえおかきくけこ地域包括支援センター介護予防重度化目指す姿課題要因取組伴走'.split(''));
const text = (min: number, max: number) =>
  fc
    .array(fc.oneof(japanese, fc.constantFrom('a', 'Z', '1', ' ', '-', '・', '（', '）')), {
      minLength: Math.max(min, 1),
      maxLength: Math.max(Math.min(max, 24), Math.max(min, 1)),
    })
    .map((cs) => `あ${cs.join('')}`.slice(0, max));

const isoDate = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const yearMonth = fc
  .tuple(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

/** A value the schema accepts (mostly: refinements beyond JSON Schema are not known here). */
export function arbitraryFor(schema: Schema, uuids: readonly string[]): fc.Arbitrary<Json> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, uuids)));
  if (schema.allOf?.[0]) return arbitraryFor(schema.allOf[0], uuids);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
      return fc.integer({ min: Math.max(min, -1_000_000), max: Math.min(max, 1_000_000) });
    }
    case 'number': {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'string': {
      if (schema.format === 'uuid')
        return uuids.length
          ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...uuids) }, { weight: 1, arbitrary: fc.uuid({ version: 4 }) })
          : fc.uuid({ version: 4 });
      if (schema.format === 'date') return isoDate;
      if (schema.format === 'email') return fc.constantFrom('someone@example.test', 'a.b+c@example.jp');
      if (schema.pattern?.includes('\\d{4}-(0[1-9]|1[0-2])')) return yearMonth;
      return text(schema.minLength ?? 0, schema.maxLength ?? 40);
    }
    case 'array': {
      const items = schema.items ? arbitraryFor(schema.items, uuids) : fc.constant<Json>(null);
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<Json>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = arbitraryFor(v, uuids);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
  }
  return fc.constant(null);
}

// ── Mutations ───────────────────────────────────────────────────────────────────────────────────

type Path = (string | number)[];

/** Every path inside a JSON value (the root is []). */
export function pathsOf(value: Json, at: Path = []): { path: Path; value: Json }[] {
  const here = [{ path: at, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return here;
}

function clone(value: Json): Json {
  return JsonSchema.parse(JSON.parse(JSON.stringify(value)));
}

/** A copy of `root` with the value at `path` replaced (or the key removed, with `remove`). */
export function setAt(root: Json, path: Path, replacement: Json | typeof remove): Json {
  if (path.length === 0) return replacement === remove ? {} : replacement;
  const copy = clone(root);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key] ?? null;
    else if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof key === 'string') node = node[key] ?? null;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node) && typeof last === 'number') {
    if (replacement === remove) node.splice(last, 1);
    else node[last] = replacement;
  } else if (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof last === 'string') {
    if (replacement === remove) delete node[last];
    else node[last] = replacement;
  }
  return copy;
}
export const remove: unique symbol = Symbol('remove');

export const weirdStrings = [
  '\uD800',
  'lone \uDFFF surrogate',
  '\u202Eright-to-left override',
  'שלום مرحبا mixed RTL',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'NUL \u0000 inside',
  '\u0000',
  '\uFEFFbom',
  '\u200B',
  '   ',
  '\t\r\n',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  '%00%2e%2e',
  'e\u0301\u0301\u0301',
  '𠮷野家',
];
export const weirdNumbers: Json[] = [-1, -0, 1e308, -1e308, 2 ** 53 + 1, 5e-324, 0.1 + 0.2, 99_999_999_999, -2_147_483_649, 2_147_483_648];
export const nanLike: Json[] = ['NaN', 'Infinity', '-Infinity', '1e309', '0x10', ' 1', '', '1,5', '١٢٣'];
export const wrongTypes: Json[] = [123, -1, true, false, null, {}, [], 'text', [1, 2], { nested: { deeper: [] } }];
export const extraKeys = ['__proto__', 'constructor', 'admin', '$where', 'ｔｉｔｌｅ', '', 'id', 'engagementId', 'version', 'role'];
export const malformedBodies = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}}',
  '\uFEFF{}',
  'null',
  '[]',
  '"text"',
  '1',
  'true',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":1e999}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  `{"deep":${'['.repeat(2000)}${']'.repeat(2000)}}`,
];
export const badIds = [
  'not-a-uuid',
  "' or 1=1 --",
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '123',
  '-1',
  'null',
  '%00',
  '..%2F..%2Fetc',
  'x'.repeat(300),
  '%E2%80%AE',
  '１２３',
];
export const badIfMatch = ['"abc"', '*', '"-1"', '"99999999999"', 'W/"x"', '"1", "2"', '\u00ff', '"' + '9'.repeat(50) + '"'];
