import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One fetcher per endpoint: every request the web makes is written once, in web/src/api/, so one
 * query key holds its data and an invalidation reaches every view that shows it.
 */
const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const normalize = (path: string) => path.replace(/\$\{[^}]*\}/g, '{}').replace(/\?.*$/, '');

/** The endpoints a source file names: `api.<method>(path …)`, `apiSend(path, { method })` and `/api/…` URLs. */
export function endpointsIn(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\bapi\.(get|post|put|patch|delete|upload)\(\s*(['`])(.*?)\2/gs))
    found.push(`${m[1] === 'upload' ? 'POST' : m[1]!.toUpperCase()} ${normalize(m[3]!)}`);
  for (const m of source.matchAll(/\b(?:apiSend|apiRequest)\(\s*(['`])(.*?)\1\s*,\s*\{[^}]*method:\s*'(\w+)'/gs))
    found.push(`${m[3]} ${normalize(m[2]!)}`);
  for (const m of source.matchAll(/(['`])\/api(\/.*?)\1/gs)) found.push(`URL ${normalize(m[2]!)}`);
  return found;
}

const files = sourceFiles(root).filter((f) => !f.endsWith(join('lib', 'api-client.ts')));
const byEndpoint = new Map<string, Set<string>>();
for (const file of files) {
  for (const endpoint of endpointsIn(readFileSync(file, 'utf8'))) {
    const set = byEndpoint.get(endpoint) ?? new Set<string>();
    set.add(relative(root, file));
    byEndpoint.set(endpoint, set);
  }
}

describe('web endpoints', () => {
  it('the scanner recognises the ways a request is written', () => {
    const sample = [
      'api.get(`/engagements/${enc(id)}/tree`, TreeSchema, { signal })',
      "api.post('/programs', ProgramSchema, body)",
      "apiSend('/auth/logout', { method: 'POST', body: {} })",
      'const url = `/api/library/${encodeURIComponent(id)}/tree.svg?v=${v}`;',
    ].join('\n');
    expect(endpointsIn(sample)).toEqual(['GET /engagements/{}/tree', 'POST /programs', 'POST /auth/logout', 'URL /library/{}/tree.svg']);
  });

  it('finds the requests of every screen', () => {
    expect(byEndpoint.size).toBeGreaterThan(45);
    expect(byEndpoint.has('GET /engagements/{}/tree')).toBe(true);
  });

  it('fetches each endpoint from one module only', () => {
    const twice = [...byEndpoint]
      .filter(([, modules]) => modules.size > 1)
      .map(([endpoint, modules]) => `${endpoint}: ${[...modules].join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('writes every request in web/src/api/, below the features', () => {
    const outside = [...byEndpoint].flatMap(([endpoint, modules]) =>
      [...modules].filter((m) => !m.startsWith(`api/`)).map((m) => `${endpoint}: ${m}`),
    );
    expect(outside).toEqual([]);
  });

  it('writes every request path as a literal, so it can be found', () => {
    const computed = files.filter((f) =>
      /\b(?:api\.(?:get|post|put|patch|delete)|apiSend|apiRequest)\(\s*[^'`\s]/.test(readFileSync(f, 'utf8')),
    );
    expect(computed.map((f) => relative(root, f))).toEqual([]);
  });

  it('calls fetch only through the api client', () => {
    const direct = files.filter((f) => /\bfetch\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(direct).toEqual([]);
  });
});
