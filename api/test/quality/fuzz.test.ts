/**
 * Fuzzing every write operation with requests generated from its zod contract: valid bodies from
 * fast-check arbitraries derived from the schema (z.toJSONSchema), then mutated — wrong types,
 * missing and extra fields, huge strings, unicode (lone surrogates, RTL, emoji, NUL), negative and
 * huge numbers, NaN-like strings, malformed JSON, bad ids, bad If-Match, wrong content type.
 *
 * Asserted for every case: no 5xx; every rejection is problem+json; a 400 names the offending field
 * in `errors[].path`; a request the contract rejects gets 400 (415 for a wrong content type, 404 when
 * the router cannot match a mangled id); and no rejected request changes the database (a digest of
 * every table is compared around each possibly-accepted case and over each run of rejected ones).
 * Fixed seed, bounded runs: the same cases every time.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as s from '../../src/db/schema/index.js';
import type { RouteEntry } from '../../src/plugins/security.js';
import { createTestContext, demo, type Session, type TestContext } from '../support/test-app.js';
import {
  arbitraryFor,
  badIds,
  badIfMatch,
  extraKeys,
  type Json,
  jsonSchemaOf,
  malformedBodies,
  nanLike,
  pathsOf,
  remove,
  setAt,
  weirdNumbers,
  weirdStrings,
  wrongTypes,
} from './support/arbitrary.js';
import { changedTables, queryRows, tableNames, versionDigest } from './support/digest.js';
import { type EngagementFixture, freshRows, loadFixtures } from './support/fixtures.js';
import { httpMethod } from './support/http.js';

const SEED = 20251201;
const CASES_PER_OPERATION = 100;
/** Not fuzzed: logout has no input and would end the fuzzing session. */
const skipped = new Set(['logout']);

/** Who sends an operation's cases: someone the policy lets through, so valid cases reach the service. */
const senders: Record<string, keyof typeof demo | 'anonymous'> = {
  login: 'anonymous',
  createProgram: 'office',
  updateProgram: 'office',
  createEngagement: 'office',
  updateEngagement: 'office',
  continueEngagement: 'office',
  addMember: 'office',
  removeMember: 'office',
  updateMember: 'office',
  createObserverGrant: 'office',
  revokeObserverGrant: 'office',
  publishReport: 'office',
  selectApplication: 'office',
  declineApplication: 'office',
  createApplication: 'sakura',
  updateApplication: 'sakura',
  recordMeasurement: 'midori',
  putPdcaReview: 'midori',
  // ロードマップ合意: the municipality agrees (the team proposes, the default sender).
  agreeRoadmap: 'midori',
  // issue 13: accounts
  createInvitation: 'office',
  deactivateUser: 'office',
  reactivateUser: 'office',
  sendPasswordReset: 'office',
  acceptInvitation: 'anonymous',
  setTwoFactorRequirement: 'office',
  resetTwoFactor: 'office',
  completeSetup: 'anonymous',
  // issue 13: organizer, jurisdiction, insurers, public links
  updateOrganizer: 'office',
  addToJurisdiction: 'office',
  removeFromJurisdiction: 'office',
  createInsurer: 'office',
  updateInsurer: 'office',
  createPublicLink: 'office',
  revokePublicLink: 'office',
  // issue 15: observers who attend (the team records attendance: the default sender)
  registerAttendance: 'sakura',
  withdrawAttendance: 'sakura',
  createObservationRequest: 'higashi',
  approveObservationRequest: 'office',
  declineObservationRequest: 'office',
  // issue 16: the program's reference materials are the office's
  uploadReferenceMaterial: 'office',
  updateReferenceMaterial: 'office',
  deleteReferenceMaterial: 'office',
  // issue 16.1: program events are the office's; anyone of the jurisdiction registers
  createProgramEvent: 'office',
  updateProgramEvent: 'office',
  deleteProgramEvent: 'office',
  registerForProgramEvent: 'sakura',
  withdrawFromProgramEvent: 'sakura',
  recordProgramEventAttendance: 'office',
  uploadProgramEventMaterial: 'office',
  deleteProgramEventMaterial: 'office',
  // issue 14: indicator figures come in through the office
  previewIndicatorImport: 'office',
  importIndicatorValues: 'office',
  previewGrantImport: 'office',
  importGrantScores: 'office',
  createIndicator: 'office',
  updateIndicator: 'office',
  enterIndicatorValue: 'office',
};

let ctx: TestContext;
let eng: EngagementFixture;
let uuids: string[] = [];
const globals = { programId: '', applicationId: '', reportId: '', measurementId: '', eventId: '' };
let totalCases = 0;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2025-12-01' });
  const db = ctx.database.db;
  eng = (await loadFixtures(db)).みどり区;
  const nodes = await db.select({ id: s.treeNodes.id }).from(s.treeNodes).where(eq(s.treeNodes.engagementId, eng.id));
  const users = await db.select({ id: s.users.id }).from(s.users);
  const munis = await db.select({ id: s.municipalities.id }).from(s.municipalities);
  uuids = [
    ...new Set([
      eng.id,
      eng.programId,
      eng.visitId,
      eng.findingId,
      eng.commentId,
      eng.homeworkId,
      eng.actionId,
      eng.milestoneId,
      eng.planId,
      eng.indicatorValueId,
      eng.indicatorId,
      eng.freeMeasureNodeId,
      ...nodes.map((n) => n.id),
      ...users.map((u) => u.id),
      ...munis.map((m) => m.id),
    ]),
  ];
  globals.programId = eng.programId;
  // A measurement of the fixture plan, for correcting and deleting.
  globals.measurementId = await freshRows.measurement(db, eng);
  // A program event, for the event routes (their materials, registration, attendance).
  const [event] = await db
    .insert(s.programEvents)
    .values({
      programId: eng.programId,
      kind: 'joint_hearing',
      title: 'ファジング用の合同ヒアリング',
      startDate: '2026-01-20',
      endDate: '2026-01-20',
    })
    .returning({ id: s.programEvents.id });
  globals.eventId = event!.id;
  // Sign every sender in now: a sign-in records its time on the user (last sign-in), which is not an operation's change.
  for (const who of new Set([...Object.values(senders), 'morikawa' as const])) if (who !== 'anonymous') await ctx.login(demo[who]);
  const has = (op: string) => ctx.app.routeInventory.some((r) => r.operationId === op);
  if (has('createReport')) {
    const res = await (await ctx.login(demo.morikawa)).post(`/api/engagements/${eng.id}/reports`, {});
    globals.reportId = z.object({ id: z.string() }).parse(res.json()).id;
  }
  if (has('createApplication')) {
    const res = await (
      await ctx.login(demo.sakura)
    ).post(`/api/programs/${eng.programId}/applications`, {
      theme: '見守り',
      motivation: 'ファジング用',
      contactName: '石井 聡',
      contactEmail: 'sakura@example.test',
    });
    globals.applicationId = res.statusCode === 201 ? z.object({ id: z.string() }).parse(res.json()).id : randomUUID();
  }
});
afterAll(() => {
  console.info(`fuzz: ${totalCases} cases over the write operations`);
  return ctx.close();
});

function paramValue(name: string): string {
  switch (name) {
    case 'id':
      return eng.id;
    case 'visitId':
      return eng.visitId;
    case 'findingId':
      return eng.findingId;
    case 'commentId':
      return eng.commentId;
    case 'homeworkId':
      return eng.homeworkId;
    case 'nodeId':
      return eng.nodeId;
    case 'actionId':
      return eng.actionId;
    case 'milestoneId':
      return eng.milestoneId;
    case 'planId':
      return eng.planId;
    case 'fiscalYear':
      return String(eng.fiscalYear);
    case 'revision':
      return '1';
    case 'programId':
      return globals.programId;
    case 'applicationId':
      return globals.applicationId;
    case 'reportId':
      return globals.reportId;
    case 'measurementId':
      return globals.measurementId;
    case 'eventId':
      return globals.eventId;
  }
  // Evidence, members, grants, jobs: an id that exists nowhere is as good for fuzzing.
  return randomUUID();
}

const isZod = (v: unknown): v is z.ZodType => v instanceof z.ZodType;

interface Case {
  kind: string;
  params: Record<string, string>;
  body?: Json;
  raw?: string;
  contentType?: string;
  ifMatch?: string;
}

function caseArbitrary(route: RouteEntry): fc.Arbitrary<Case> {
  const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const params = Object.fromEntries(names.map((n) => [n, paramValue(n)]));
  // The one route whose :id is a program's.
  if (route.url.startsWith('/api/programs/:id')) params.id = globals.programId;
  const bodySchema = isZod(route.schema?.body) ? route.schema.body : undefined;
  const valid: fc.Arbitrary<Json | undefined> = bodySchema ? arbitraryFor(jsonSchemaOf(bodySchema), uuids) : fc.constant(undefined);
  const kinds: fc.Arbitrary<Case>[] = [];
  const withBody = (kind: string, f: (body: Json) => fc.Arbitrary<Json>) =>
    valid.chain((body) =>
      body === undefined ? fc.constant<Case>({ kind: 'valid', params }) : f(body).map((b): Case => ({ kind, params, body: b })),
    );
  const pathOf = (body: Json, pred: (v: Json) => boolean) => {
    const found = pathsOf(body).filter((p) => pred(p.value));
    return found.length ? fc.constantFrom(...found) : fc.constant(pathsOf(body)[0]!);
  };
  kinds.push(valid.map((body): Case => ({ kind: 'valid', params, ...(body === undefined ? {} : { body }) })));
  if (bodySchema) {
    kinds.push(
      withBody('wrong type', (b) =>
        fc
          .tuple(
            pathOf(b, () => true),
            fc.constantFrom(...wrongTypes),
          )
          .map(([p, v]) => setAt(b, p.path, v)),
      ),
    );
    kinds.push(withBody('missing field', (b) => pathOf(b, () => true).map((p) => (p.path.length ? setAt(b, p.path, remove) : {}))));
    kinds.push(
      withBody('extra field', (b) =>
        fc
          .tuple(
            pathOf(b, (v) => v !== null && typeof v === 'object' && !Array.isArray(v)),
            fc.constantFrom(...extraKeys),
            fc.constantFrom(...wrongTypes),
          )
          .map(([p, k, v]) => {
            if (p.value === null || typeof p.value !== 'object' || Array.isArray(p.value)) return setAt(b, p.path, { [k]: v });
            return setAt(b, p.path, { ...p.value, [k]: v });
          }),
      ),
    );
    kinds.push(
      withBody('huge string', (b) =>
        fc
          .tuple(
            pathOf(b, (v) => typeof v === 'string'),
            fc.constantFrom('あ'.repeat(30_000), 'x'.repeat(200_000)),
          )
          .map(([p, v]) => setAt(b, p.path, v)),
      ),
    );
    kinds.push(
      withBody('unicode', (b) =>
        fc
          .tuple(
            pathOf(b, (v) => typeof v === 'string'),
            fc.constantFrom(...weirdStrings),
          )
          .map(([p, v]) => setAt(b, p.path, v)),
      ),
    );
    kinds.push(
      withBody('numbers', (b) =>
        fc
          .tuple(
            pathOf(b, (v) => typeof v === 'number'),
            fc.constantFrom(...weirdNumbers),
          )
          .map(([p, v]) => setAt(b, p.path, v)),
      ),
    );
    kinds.push(
      withBody('NaN-like', (b) =>
        fc
          .tuple(
            pathOf(b, (v) => typeof v === 'number'),
            fc.constantFrom(...nanLike),
          )
          .map(([p, v]) => setAt(b, p.path, v)),
      ),
    );
  }
  kinds.push(fc.constantFrom(...malformedBodies).map((raw): Case => ({ kind: 'malformed JSON', params, raw })));
  kinds.push(
    fc
      .tuple(
        valid,
        fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
      )
      .map(([body, contentType]): Case => ({ kind: 'content type', params, raw: JSON.stringify(body ?? {}), contentType })),
  );
  if (names.length) {
    kinds.push(
      fc
        .tuple(fc.constantFrom(...names), fc.oneof(fc.constantFrom(...badIds), fc.uuid({ version: 4 })), valid)
        .map(([name, bad, body]): Case => ({
          kind: 'bad id',
          params: { ...params, [name]: bad },
          ...(body === undefined ? {} : { body }),
        })),
    );
  }
  if (route.method !== 'POST')
    kinds.push(
      fc
        .tuple(fc.constantFrom(...badIfMatch), valid)
        .map(([ifMatch, body]): Case => ({ kind: 'If-Match', params, ifMatch, ...(body === undefined ? {} : { body }) })),
    );
  return fc.oneof(...kinds);
}

function urlOf(route: RouteEntry, params: Record<string, string>) {
  return route.url.replace(/:([A-Za-z]+)/g, (_, n: string) => {
    const v = params[n] ?? '';
    return v.includes('%') ? v : encodeURIComponent(v);
  });
}

/**
 * What the contract says about a case: certainly rejected (and for what), or possibly accepted.
 * A route that declares 428 requires If-Match, so without a well-formed one it cannot accept
 * (PUT creates without If-Match, so PUT stays possible).
 */
function predict(route: RouteEntry, c: Case): { reject: 'body' | 'params' | 'content-type' | 'precondition' | null } {
  const bodySchema = isZod(route.schema?.body) ? route.schema.body : undefined;
  // An upload takes multipart: the fuzzed one is malformed (a JSON text in a part-less body), so its body is refused.
  const consumes = (route.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
  if (c.contentType?.startsWith('multipart/form-data') && consumes.includes('multipart/form-data')) return { reject: 'body' };
  // A route without a body ignores one it is sent, unless it is not even JSON.
  if (c.contentType && (bodySchema || c.contentType !== 'text/plain')) return { reject: 'content-type' };
  const paramsSchema = isZod(route.schema?.params) ? route.schema.params : undefined;
  const decoded = Object.fromEntries(
    Object.entries(c.params).map(([k, v]) => {
      try {
        return [k, decodeURIComponent(v)];
      } catch {
        return [k, v];
      }
    }),
  );
  if (paramsSchema && !paramsSchema.safeParse(decoded).success) return { reject: 'params' };
  let body: unknown = c.body;
  if (c.raw !== undefined && !c.contentType) {
    try {
      // The server's parser skips a byte-order mark.
      body = JSON.parse(c.raw.replace(/^\uFEFF/, ''));
    } catch {
      return { reject: 'body' };
    }
  }
  if (bodySchema && !bodySchema.safeParse(body).success) return { reject: 'body' };
  if (requiresIfMatch(route) && (c.ifMatch === undefined || !/^(?:W\/)?"?\d{1,9}"?$/.test(c.ifMatch))) return { reject: 'precondition' };
  return { reject: null };
}

function requiresIfMatch(route: RouteEntry): boolean {
  const response = route.schema?.response;
  const declares428 = response !== null && typeof response === 'object' && Object.keys(response).includes('428');
  return declares428 && route.method !== 'PUT';
}

const ProblemBody = z.object({
  status: z.number(),
  title: z.string(),
  errors: z.array(z.object({ path: z.string() })).optional(),
});

function judge(route: RouteEntry, c: Case, expected: ReturnType<typeof predict>, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `5xx: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400)
    return expected.reject ? `accepted (${res.statusCode}) although the contract rejects its ${expected.reject}` : null;
  if (!String(res.headers['content-type']).startsWith('application/problem+json'))
    return `rejection without problem+json: ${res.headers['content-type']}`;
  const parsed = ProblemBody.safeParse(res.json());
  if (!parsed.success) return `malformed problem: ${res.body.slice(0, 200)}`;
  if (res.statusCode === 400) {
    const paths = parsed.data.errors?.map((e) => e.path) ?? [];
    if (paths.length === 0 || paths.some((p) => p.length === 0)) return `400 without errors[].path: ${res.body.slice(0, 300)}`;
    if (expected.reject === 'body' && !paths.some((p) => p.startsWith('body'))) return `400 names ${paths.join(', ')} for a bad body`;
    if (expected.reject === 'precondition' && !paths.some((p) => p.startsWith('body') || p === 'If-Match'))
      return `400 names ${paths.join(', ')}`;
    if (expected.reject === 'params' && !paths.some((p) => p.startsWith('params'))) return `400 names ${paths.join(', ')} for a bad id`;
  }
  // text/plain has a parser (the body becomes a string, which the schema refuses: 400); others 415.
  if (expected.reject === 'content-type' && res.statusCode !== 415 && res.statusCode !== 400)
    return `wrong content type answered ${res.statusCode}`;
  if (expected.reject === 'body' && res.statusCode !== 400 && res.statusCode !== 413) return `bad body answered ${res.statusCode}`;
  if (expected.reject === 'params' && ![400, 404, 414].includes(res.statusCode)) return `bad id answered ${res.statusCode}`;
  if (expected.reject === 'precondition' && ![400, 403, 404, 409, 412, 428].includes(res.statusCode))
    return `no valid If-Match answered ${res.statusCode}`;
  return null;
}

async function sessionFor(operationId: string): Promise<Session> {
  const who = senders[operationId] ?? 'morikawa';
  return who === 'anonymous' ? ctx.anonymous : ctx.login(demo[who]);
}

async function send(session: Session, route: RouteEntry, c: Case): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (c.ifMatch !== undefined) headers['if-match'] = c.ifMatch;
  if (c.raw !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  const payload = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  if (payload !== undefined && c.raw === undefined) headers['content-type'] = 'application/json';
  return session.request({
    method: httpMethod(route.method),
    url: urlOf(route, c.params),
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
}

describe('fuzzing the write operations from their contracts', () => {
  it(
    `answers ${CASES_PER_OPERATION} generated and mutated requests per write operation without 5xx, with field-naming problems, and without changing the database when rejecting`,
    { timeout: 600_000 },
    async () => {
      const failures: string[] = [];
      const routes = ctx.app.routeInventory.filter(
        (r) => r.url.startsWith('/api/') && r.method !== 'GET' && r.operationId && !skipped.has(r.operationId),
      );
      expect(routes.length).toBeGreaterThan(10);
      const db = ctx.database.db;
      // Sessions and the login's rate-limit bookkeeping are not the operation's data.
      const hasJobs = (await tableNames(db)).includes('export_jobs');
      const digest = async () => {
        // Export jobs accepted earlier finish in the background: let them settle first.
        for (let i = 0; hasJobs && i < 300; i++) {
          const [row] = await queryRows(db, sql`select count(*)::int as n from export_jobs where status in ('queued', 'running')`);
          if (row?.n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        // A refused sign-in is recorded on purpose (login throttling counts failures): not a change of data.
        return versionDigest(db, { exclude: ['sessions', 'login_failures'] });
      };
      let base = await digest();
      let dirty = false;
      for (const [i, route] of routes.entries()) {
        const op = route.operationId!;
        const session = await sessionFor(op);
        const cases = fc.sample(caseArbitrary(route), { seed: SEED + i, numRuns: CASES_PER_OPERATION });
        for (const c of cases) {
          totalCases++;
          const expected = predict(route, c);
          const maybeAccepted = expected.reject === null;
          if (maybeAccepted && dirty) {
            // Everything since the last digest was rejected: nothing may have changed.
            const now = await digest();
            const changed = changedTables(base, now);
            if (changed.length) failures.push(`${op}: rejected requests before a ${c.kind} case changed ${changed.join(', ')}`);
            base = now;
            dirty = false;
          }
          let res: LightMyRequestResponse;
          try {
            res = await send(session, route, c);
          } catch (err) {
            failures.push(`${op} [${c.kind}]: inject threw ${String(err)}`);
            continue;
          }
          const verdict = judge(route, c, expected, res);
          if (verdict)
            failures.push(
              `${op} [${c.kind}] ${route.method} ${urlOf(route, c.params).slice(0, 120)} ${JSON.stringify(c.body ?? c.raw ?? null).slice(0, 160)}: ${verdict}`,
            );
          if (maybeAccepted) {
            const after = await digest();
            if (res.statusCode >= 400) {
              const changed = changedTables(base, after);
              if (changed.length) failures.push(`${op} [${c.kind}]: rejected with ${res.statusCode} but changed ${changed.join(', ')}`);
            }
            base = after;
          } else dirty = true;
        }
        const end = dirty ? await digest() : base;
        dirty = false;
        const changed = changedTables(base, end);
        if (changed.length) failures.push(`${op}: rejected requests changed ${changed.join(', ')}`);
        base = end;
      }
      expect(failures.slice(0, 60)).toEqual([]);
      expect(totalCases).toBeGreaterThanOrEqual(routes.length * CASES_PER_OPERATION);
    },
  );
});
