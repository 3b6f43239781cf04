import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { insurerMunicipalities, insurers, municipalities, organizers, reports } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type TestContext } from '../support/test-app.js';

let ctx: TestContext;
let midori: string;
let aoba: string;
let yamanami: string;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-03-10' });
  midori = await engagementIdOf(ctx, 'みどり区');
  aoba = await engagementIdOf(ctx, 'あおば市');
  yamanami = await engagementIdOf(ctx, 'やまなみ町');
});
afterAll(() => ctx.close());

async function draft(engagementId: string, narratives?: Record<string, string>) {
  const advisor = await ctx.login(demo.morikawa);
  const res = await advisor.post(`/api/engagements/${engagementId}/reports`, {});
  expect(res.statusCode).toBe(201);
  let report = res.json() as { id: string; version: number };
  if (narratives) {
    const patched = await advisor.patch(
      `/api/engagements/${engagementId}/reports/${report.id}`,
      { narratives },
      { 'if-match': `"${report.version}"` },
    );
    expect(patched.statusCode).toBe(200);
    report = patched.json();
  }
  return report;
}

async function publish(engagementId: string, report: { id: string; version: number }) {
  const res = await (
    await ctx.login(demo.office)
  ).post(`/api/engagements/${engagementId}/reports/${report.id}/publish`, undefined, {
    'if-match': `"${report.version}"`,
  });
  expect(res.statusCode).toBe(200);
}

interface Item {
  reportId: string;
  municipality: { name: string };
  snippet: { text: string; highlights: { start: number; length: number }[] } | null;
}

async function search(email: string, query: Record<string, string>) {
  const res = await (await ctx.login(email)).get(`/api/library?${new URLSearchParams(query)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; nextCursor: string | null };
}
const names = async (email: string, query: Record<string, string>) => (await search(email, query)).items.map((i) => i.municipality.name);

describe('GET /api/library full-text search', () => {
  beforeAll(async () => {
    // みどり区 published (its tree holds 見守り協定 and 認知症カフェ); あおば市 published too;
    // やまなみ町 a draft whose narrative says 見守り — never to be found.
    await publish(midori, await draft(midori));
    await publish(aoba, await draft(aoba));
    await draft(yamanami, { summary: '見守りネットワークと認知症カフェの準備を始めた' });
  });

  it('finds みどり区 by a two-character word and by a compound, never a draft', async () => {
    expect(await names(demo.yamanami, { q: '見守' })).toEqual(['みどり区']);
    expect(await names(demo.yamanami, { q: '見守り' })).toEqual(['みどり区']);
    expect(await names(demo.yamanami, { q: '認知症カフェ' })).toEqual(['みどり区']);
    expect(await names(demo.office, { q: '見守りネットワーク' })).toEqual([]);
    // the draft's own words are in no index
    const [draftRow] = await ctx.database.db.select({ v: reports.searchVector }).from(reports).where(eq(reports.engagementId, yamanami));
    expect(draftRow?.v).toBeNull();
  });

  it('asks the bigrams as a phrase: the characters of a word apart do not match', async () => {
    // カフェ認知 has the same characters as 認知症カフェ's pieces, not in that order
    expect(await names(demo.yamanami, { q: 'カフェ認知' })).toEqual([]);
    // every space-separated part must match
    expect(await names(demo.yamanami, { q: '見守り 認知症' })).toEqual(['みどり区']);
    expect(await names(demo.yamanami, { q: '見守り 通いの場' })).toEqual([]);
  });

  it('returns a snippet with the matched term marked', async () => {
    const { items } = await search(demo.yamanami, { q: '見守り' });
    const s = items[0]!.snippet!;
    const h = s.highlights[0]!;
    expect(s.text.slice(h.start, h.start + h.length)).toBe('見守り');
  });

  it('combines the filters with the text', async () => {
    expect(await names(demo.yamanami, { q: '見守り', category: 'ward', regionType: 'metro' })).toEqual(['みどり区']);
    expect(await names(demo.yamanami, { q: '見守り', category: 'city' })).toEqual([]);
    expect(await names(demo.yamanami, { q: '見守り', populationBand: '100k_300k', agingBand: 'under_25' })).toEqual(['みどり区']);
    expect(await names(demo.yamanami, { q: '見守り', populationBand: '300k_plus' })).toEqual([]);
    expect(await names(demo.yamanami, { q: '見守り', agingBand: '25_30' })).toEqual([]);
    expect(await names(demo.yamanami, { populationBand: '100k_300k' })).toEqual(expect.arrayContaining(['みどり区', 'あおば市']));
    expect(await names(demo.yamanami, { populationBand: '100k_300k', agingBand: '25_30' })).toEqual(['あおば市']);
    expect(await names(demo.yamanami, { q: '見守り', indicator: 'I05', theme: '認知症' })).toEqual(['みどり区']);
    expect(await names(demo.yamanami, { q: '見守り', indicator: 'I01' })).toEqual([]);
  });

  it('filters by the insurer of the case’s municipality', async () => {
    const db = ctx.database.db;
    expect((await names(demo.yamanami, { insurerType: 'single' })).sort()).toEqual(['あおば市', 'みどり区']);
    const [org] = await db.select({ id: organizers.id }).from(organizers).limit(1);
    const [ins] = await db.insert(insurers).values({ name: '架空広域連合', kind: 'wide_area_union', organizerId: org!.id }).returning();
    const [aobaMuni] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, 'あおば市'));
    await db.insert(insurerMunicipalities).values({ insurerId: ins!.id, municipalityId: aobaMuni!.id });
    expect(await names(demo.yamanami, { insurerType: 'single' })).toEqual(['みどり区']);
    expect(await names(demo.yamanami, { insurerType: 'wide_area_union' })).toEqual(['あおば市']);
    expect(await names(demo.yamanami, { insurerType: 'partial_affairs_association' })).toEqual([]);
    await db.delete(insurerMunicipalities).where(eq(insurerMunicipalities.insurerId, ins!.id));
  });

  it('orders by similarity to the reader’s municipality', async () => {
    // さくら区 (a ward) sees みどり区 (ward, metro) first; やまなみ町 (a small town, aging 41.5%) sees あおば市 first
    expect(await names(demo.sakura, { sort: 'similar' })).toEqual(['みどり区', 'あおば市']);
    expect(await names(demo.yamanami, { sort: 'similar' })).toEqual(['あおば市', 'みどり区']);
    const res = await (await ctx.login(demo.office)).get('/api/library?sort=similar');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('querystring.sort');
  });

  it('pages with a cursor in every order, without repeating a case', async () => {
    for (const sort of ['newest', 'similar', 'relevance']) {
      const q: Record<string, string> = sort === 'relevance' ? { q: '報告書', sort } : { sort };
      const first = await search(demo.yamanami, { ...q, limit: '1' });
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = await search(demo.yamanami, { ...q, limit: '1', cursor: first.nextCursor! });
      expect(second.items).toHaveLength(1);
      expect(second.items[0]!.reportId).not.toBe(first.items[0]!.reportId);
      expect(second.nextCursor).toBeNull();
    }
    const bad = await (await ctx.login(demo.yamanami)).get('/api/library?cursor=bm9wZQ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.cursor');
  });
});
