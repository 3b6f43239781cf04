import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicators } from '../../src/db/schema/index.js';
import { createTestContext, demo, engagementIdOf, type Session, type TestContext } from '../support/test-app.js';

interface Milestone {
  id: string;
  due: string;
  title: string;
  status: string;
  storedStatus: string;
  completedAt: string | null;
  completedBy: { id: string; name: string } | null;
  version: number;
}
interface Plan {
  id: string;
  indicatorId: string | null;
  indicatorName: string;
  indicator: { code: string } | null;
  unit: string;
  direction: string | null;
  gaps: string[];
  version: number;
  measurements: Record<string, unknown>[];
}
interface Row {
  action: { id: string; status: string; dropped: boolean; version: number };
  node: { title: string };
  roadmapItem: {
    startMonth: string;
    endMonth: string;
    fiscalYears: number[];
    quarters: { fiscalYear: number; quarter: number }[];
    version: number;
  } | null;
  milestones: Milestone[];
  plans: Plan[];
}
interface Roadmap {
  view: 'full' | 'observer';
  today: string;
  items: Row[];
}

let ctx: TestContext;
let midori: string;
let advisor: Session;
const base = () => `/api/engagements/${midori}`;

beforeAll(async () => {
  // Pinned clock: a year after the demo's story, so milestones left planned are overdue.
  ctx = await createTestContext({ today: '2026-12-01' });
  midori = await engagementIdOf(ctx, 'みどり区');
  advisor = await ctx.login(demo.morikawa);
});
afterAll(() => ctx.close());

const roadmap = async (s: Session = advisor) => {
  const res = await s.get(`${base()}/roadmap`);
  expect(res.statusCode).toBe(200);
  return res.json() as Roadmap;
};
const row = async (title: string, s: Session = advisor) => (await roadmap(s)).items.find((r) => r.node.title === title)!;

/** Selects the demo's unselected measure (once) and returns its action id. */
let extraAction: string | undefined;
async function unselectedAction(): Promise<string> {
  if (extraAction) return extraAction;
  const nodes = (await advisor.get(`${base()}/tree`)).json().nodes as { id: string; title: string }[];
  const node = nodes.find((n) => n.title === '認知症対応型通所の整備誘導')!;
  const res = await advisor.post(`${base()}/actions`, { nodeId: node.id, rationale: '日中の居場所を増やす' });
  expect(res.statusCode).toBe(201);
  extraAction = res.json().id as string;
  return extraAction;
}

/** Adds a measure under a cause and selects it; returns the action id. */
async function newAction(title: string): Promise<string> {
  const tree = (await advisor.get(`${base()}/tree`)).json() as { revision: number; nodes: { id: string; title: string }[] };
  const cause = tree.nodes.find((n) => n.title === '相談窓口が知られていない')!;
  const id = crypto.randomUUID();
  const added = await advisor.post(
    `${base()}/tree/operations`,
    { operations: [{ op: 'add', id, parentId: cause.id, kind: 'measure', title }] },
    { 'if-match': `"${tree.revision}"` },
  );
  expect(added.statusCode).toBe(200);
  const res = await advisor.post(`${base()}/actions`, { nodeId: id, rationale: '周知経路を増やす' });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('GET /api/engagements/:id/roadmap', () => {
  it('gives each action its span with derived fiscal years and quarters', async () => {
    const renraku = await row('医師会と「もの忘れ連絡票」を定型化');
    expect(renraku.roadmapItem).toMatchObject({ startMonth: '2025-09', endMonth: '2027-02', fiscalYears: [2025, 2026], version: 1 });
    expect(renraku.roadmapItem!.quarters).toEqual([
      { fiscalYear: 2025, quarter: 2 },
      { fiscalYear: 2025, quarter: 3 },
      { fiscalYear: 2025, quarter: 4 },
      { fiscalYear: 2026, quarter: 1 },
      { fiscalYear: 2026, quarter: 2 },
      { fiscalYear: 2026, quarter: 3 },
      { fiscalYear: 2026, quarter: 4 },
    ]);
  });

  it('shows an overdue milestone that is not done as delayed against the pinned clock', async () => {
    const road = await roadmap();
    expect(road.today).toBe('2026-12-01');
    const cafe = road.items.find((r) => r.node.title === '圏域ごとの認知症カフェに介護者相談を併設')!;
    expect(cafe.milestones.map((m) => [m.due, m.status, m.storedStatus])).toEqual([
      ['2026-05-31', 'delayed', 'planned'],
      ['2027-01-31', 'planned', 'planned'],
    ]);
    const renraku = road.items.find((r) => r.node.title === '医師会と「もの忘れ連絡票」を定型化')!;
    expect(renraku.milestones[0]).toMatchObject({ due: '2025-10-31', status: 'done', storedStatus: 'done' });
  });

  it('includes verification plans with indicator, baseline, target, gaps and direction', async () => {
    const mimamori = await row('マンション管理組合・配達事業者と見守り協定');
    expect(mimamori.plans).toEqual([
      expect.objectContaining({
        indicator: expect.objectContaining({ code: 'I05', direction: 'higher' }),
        direction: 'higher',
        baselineValue: 58,
        baselineAsOf: '2025-03',
        targetValue: 70,
        targetBy: '2027-03',
        timing: '毎年5月',
        dataSource: '包括相談記録',
        gaps: [],
        measurements: [],
        latest: null,
        progress: null,
      }),
    ]);
    // A named indicator (not in the catalogue) with its own unit.
    const renraku = await row('医師会と「もの忘れ連絡票」を定型化');
    expect(renraku.plans[0]).toMatchObject({
      indicatorId: null,
      indicator: null,
      indicatorName: '連絡票受理件数',
      unit: '件/年',
      direction: 'higher',
    });
  });

  it('lists dropped actions last, flagged', async () => {
    const cafe = await row('圏域ごとの認知症カフェに介護者相談を併設');
    expect(cafe.action.dropped).toBe(false);
    const dropped = await advisor.patch(
      `${base()}/actions/${cafe.action.id}`,
      { status: 'dropped' },
      { 'if-match': `"${cafe.action.version}"` },
    );
    expect(dropped.statusCode).toBe(200);
    const road = await roadmap();
    expect(road.items.at(-1)).toMatchObject({
      node: { title: '圏域ごとの認知症カフェに介護者相談を併設' },
      action: { dropped: true, status: 'dropped' },
    });
    expect(road.items.slice(0, -1).every((r) => !r.action.dropped)).toBe(true);
    // The others keep the tree's order.
    expect(road.items.slice(0, 4).map((r) => r.node.title)).toEqual([
      'マンション管理組合・配達事業者と見守り協定',
      '区報・薬局で相談窓口を周知',
      '医師会と「もの忘れ連絡票」を定型化',
      'チーム依頼基準を包括合同で統一',
    ]);
  });

  it('gives the team, the municipality and the program office the full view, observers their own', async () => {
    for (const email of [demo.morikawa, demo.midori, demo.office]) expect((await roadmap(await ctx.login(email))).view, email).toBe('full');
    const observed = await roadmap(await ctx.login(demo.sakura));
    expect(observed.view).toBe('observer');
    expect(observed.items.length).toBeGreaterThanOrEqual(5);
    expect((await (await ctx.login(demo.kitano)).get(`${base()}/roadmap`)).statusCode).toBe(404);
    expect((await ctx.anonymous.get(`${base()}/roadmap`)).statusCode).toBe(401);
  });
});

describe('PUT /api/engagements/:id/actions/:actionId/roadmap-item', () => {
  it('creates a roadmap item without If-Match (201) and then requires it (428)', async () => {
    const action = await unselectedAction();
    const url = `${base()}/actions/${action}/roadmap-item`;
    const created = await advisor.put(url, { startMonth: '2026-10', endMonth: '2028-03' });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({ startMonth: '2026-10', endMonth: '2028-03', fiscalYears: [2026, 2027] });
    expect((await advisor.put(url, { startMonth: '2026-11', endMonth: '2028-03' })).statusCode).toBe(428);
  });

  it('replaces it with If-Match (200) and answers 412 with the current item when stale', async () => {
    const renraku = await row('医師会と「もの忘れ連絡票」を定型化');
    const url = `${base()}/actions/${renraku.action.id}/roadmap-item`;
    const updated = await advisor.put(url, { startMonth: '2025-10', endMonth: '2027-03' }, { 'if-match': '"1"' });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.json()).toMatchObject({ startMonth: '2025-10', endMonth: '2027-03', version: 2 });
    const stale = await advisor.put(url, { startMonth: '2025-11', endMonth: '2027-03' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ startMonth: '2025-10', version: 2 });
  });

  it('answers 412 to If-Match on an action without a roadmap item', async () => {
    const action = await newAction('薬局でのもの忘れ相談会');
    const url = `${base()}/actions/${action}/roadmap-item`;
    const res = await advisor.put(url, { startMonth: '2026-04', endMonth: '2026-09' }, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(412);
    expect((await advisor.put(url, { startMonth: '2026-04', endMonth: '2026-09' })).statusCode).toBe(201);
  });

  it('rejects an end before the start and a span over ten years with 400 naming endMonth', async () => {
    const renraku = await row('医師会と「もの忘れ連絡票」を定型化');
    const url = `${base()}/actions/${renraku.action.id}/roadmap-item`;
    for (const body of [
      { startMonth: '2026-04', endMonth: '2026-03' },
      { startMonth: '2026-04', endMonth: '2036-04' },
    ]) {
      const res = await advisor.put(url, body, { 'if-match': '"2"' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('body.endMonth');
    }
    expect((await advisor.put(url, { startMonth: '2026-4', endMonth: '2026-09' }, { 'if-match': '"2"' })).json().errors[0].path).toBe(
      'body.startMonth',
    );
  });

  it('answers 404 for an action of another engagement', async () => {
    const aoba = await engagementIdOf(ctx, 'あおば市');
    const foreign = ((await advisor.get(`/api/engagements/${aoba}/roadmap`)).json() as Roadmap).items[0]!.action.id;
    expect(
      (
        await advisor.put(
          `${base()}/actions/${foreign}/roadmap-item`,
          { startMonth: '2026-04', endMonth: '2026-09' },
          { 'if-match': '"1"' },
        )
      ).statusCode,
    ).toBe(404);
  });

  it('lets advisors and municipal members set spans and refuses other roles (403) and advisors of other engagements (404)', async () => {
    const r = await row('区報・薬局で相談窓口を周知');
    const url = `${base()}/actions/${r.action.id}/roadmap-item`;
    const body = { startMonth: r.roadmapItem!.startMonth, endMonth: '2027-03' };
    const headers = { 'if-match': `"${r.roadmapItem!.version}"` };
    for (const email of [demo.sakura, demo.office])
      expect((await (await ctx.login(email)).put(url, body, headers)).statusCode, email).toBe(403);
    expect((await (await ctx.login(demo.kitano)).put(url, body, headers)).statusCode).toBe(404);
    expect((await (await ctx.login(demo.midori)).put(url, body, headers)).statusCode).toBe(200);
  });
});

describe('milestones', () => {
  const milestonesUrl = (actionId: string) => `${base()}/actions/${actionId}/milestones`;

  it('advisor adds a milestone (201, effective status against today)', async () => {
    const r = await row('区報・薬局で相談窓口を周知');
    const past = await advisor.post(milestonesUrl(r.action.id), { due: '2026-11-15', title: '区報第2弾' });
    expect(past.statusCode).toBe(201);
    expect(past.headers.etag).toBe('"1"');
    expect(past.json()).toMatchObject({ due: '2026-11-15', status: 'delayed', storedStatus: 'planned', completedAt: null });
    const future = await advisor.post(milestonesUrl(r.action.id), { due: '2027-02-15', title: '効果測定' });
    expect(future.json()).toMatchObject({ status: 'planned' });
    expect((await advisor.post(milestonesUrl(r.action.id), { due: '2027-02-30', title: 'x' })).statusCode).toBe(400);
    expect((await advisor.post(milestonesUrl(r.action.id), { due: '2027-02-15', title: '  ' })).statusCode).toBe(400);
  });

  it('a municipal member marks a milestone done (completedAt/By set)', async () => {
    const r = await row('区報・薬局で相談窓口を周知');
    const m = r.milestones.find((x) => x.title === '区報第2弾')!;
    const url = `${milestonesUrl(r.action.id)}/${m.id}`;
    const midoriSession = await ctx.login(demo.midori);
    const headers = { 'if-match': `"${m.version}"` };
    const done = await midoriSession.patch(url, { status: 'done' }, headers);
    expect(done.statusCode).toBe(200);
    expect(done.headers.etag).toBe(`"${m.version + 1}"`);
    expect(done.json()).toMatchObject({ status: 'done', storedStatus: 'done', completedBy: { name: '中村 陽子' }, title: '区報第2弾' });
    expect(done.json().completedAt).toEqual(expect.any(String));
  });

  it('an advisor edits any field; leaving done clears the completion', async () => {
    const r = await row('区報・薬局で相談窓口を周知');
    const m = r.milestones.find((x) => x.title === '区報第2弾')!;
    const url = `${milestonesUrl(r.action.id)}/${m.id}`;
    const res = await advisor.patch(
      url,
      { status: 'planned', due: '2027-01-15', title: '区報第2弾(延期)' },
      { 'if-match': `"${m.version}"` },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'planned',
      due: '2027-01-15',
      title: '区報第2弾(延期)',
      completedAt: null,
      completedBy: null,
    });
  });

  it('answers 428 without If-Match, 412 when stale, 404 through another action', async () => {
    const r = await row('区報・薬局で相談窓口を周知');
    const m = r.milestones.find((x) => x.title === '区報第2弾(延期)')!;
    const url = `${milestonesUrl(r.action.id)}/${m.id}`;
    expect((await advisor.patch(url, { title: 'x' })).statusCode).toBe(428);
    const stale = await advisor.patch(url, { title: 'x' }, { 'if-match': `"${m.version - 1}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: m.id, version: m.version });
    const other = await row('医師会と「もの忘れ連絡票」を定型化');
    expect(
      (await advisor.patch(`${milestonesUrl(other.action.id)}/${m.id}`, { title: 'x' }, { 'if-match': `"${m.version}"` })).statusCode,
    ).toBe(404);
  });

  it('refuses observers and the program office (403) and advisors of other engagements (404)', async () => {
    const r = await row('区報・薬局で相談窓口を周知');
    const m = r.milestones[0]!;
    const url = `${milestonesUrl(r.action.id)}/${m.id}`;
    const headers = { 'if-match': `"${m.version}"` };
    expect((await (await ctx.login(demo.sakura)).patch(url, { status: 'done' }, headers)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.office)).patch(url, { status: 'done' }, headers)).statusCode).toBe(403);
    expect((await (await ctx.login(demo.kitano)).patch(url, { status: 'done' }, headers)).statusCode).toBe(404);
    for (const email of [demo.sakura, demo.office])
      expect((await (await ctx.login(email)).post(milestonesUrl(r.action.id), { due: '2027-01-01', title: 'x' })).statusCode, email).toBe(
        403,
      );
  });

  it('advisor deletes a milestone with If-Match (204); 428 without; 412 when stale', async () => {
    const r = await row('区報・薬局で相談窓口を周知');
    const m = r.milestones.find((x) => x.title === '効果測定')!;
    const url = `${milestonesUrl(r.action.id)}/${m.id}`;
    expect((await advisor.delete(url)).statusCode).toBe(428);
    expect((await (await ctx.login(demo.midori)).delete(url, { 'if-match': `"${m.version + 1}"` })).statusCode).toBe(412);
    expect((await advisor.delete(url, { 'if-match': `"${m.version + 1}"` })).statusCode).toBe(412);
    expect((await advisor.delete(url, { 'if-match': `"${m.version}"` })).statusCode).toBe(204);
    expect((await row('区報・薬局で相談窓口を周知')).milestones.find((x) => x.id === m.id)).toBeUndefined();
  });
});

describe('verification plans', () => {
  const plansUrl = (actionId: string) => `${base()}/actions/${actionId}/verification-plans`;

  it('advisor adds a plan with a catalogue indicator: name and unit come from the catalogue; gaps listed', async () => {
    const action = await unselectedAction();
    const [m01] = await ctx.database.db.select().from(indicators).where(eq(indicators.code, 'M01'));
    const res = await advisor.post(plansUrl(action), { indicatorId: m01!.id, targetValue: 19 });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      indicatorName: '調整済み認定率',
      unit: '%',
      indicator: { code: 'M01', direction: 'lower' },
      direction: 'lower',
      gaps: ['baselineAsOf', 'baseline', 'targetBy', 'timing', 'dataSource'],
    });
  });

  it('advisor adds a plan with a named indicator; one of the two is required', async () => {
    const action = await unselectedAction();
    const named = await advisor.post(plansUrl(action), {
      indicatorName: '通所利用者の日中活動時間',
      unit: '時間/週',
      baselineValue: null,
      baselineAsOf: '2026-09',
      baselineNote: '未把握',
      targetValue: 10,
      targetBy: '2028-03',
      timing: '半期',
      dataSource: '事業所報告',
      responsible: '介護保険課',
      method: '事業所の利用記録から集計',
    });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({ indicatorId: null, indicator: null, direction: null, gaps: [] });
    const neither = await advisor.post(plansUrl(action), { targetValue: 3 });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors[0].path).toBe('body.indicatorName');
    const unknown = await advisor.post(plansUrl(action), { indicatorId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.indicatorId');
    expect((await advisor.post(plansUrl(action), { indicatorName: 'x', baselineAsOf: '2026/09' })).statusCode).toBe(400);
  });

  it('advisor completes a plan with If-Match (gaps empty), 428 without, 412 when stale', async () => {
    const action = await unselectedAction();
    const plan = (await row('認知症対応型通所の整備誘導')).plans.find((p) => p.indicator?.code === 'M01')!;
    const url = `${plansUrl(action)}/${plan.id}`;
    const patch = { baselineValue: 19.6, baselineAsOf: '2025-03', targetBy: '2028-03', timing: '年1回', dataSource: '見える化システム' };
    expect((await advisor.patch(url, patch)).statusCode).toBe(428);
    const res = await advisor.patch(url, patch, { 'if-match': `"${plan.version}"` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${plan.version + 1}"`);
    expect(res.json()).toMatchObject({ gaps: [], baselineValue: 19.6, version: plan.version + 1 });
    const stale = await advisor.patch(url, { note: 'x' }, { 'if-match': `"${plan.version}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: plan.id, version: plan.version + 1 });
    const noIndicator = await advisor.patch(url, { indicatorId: null, indicatorName: '' }, { 'if-match': `"${plan.version + 1}"` });
    expect(noIndicator.statusCode).toBe(400);
  });

  it('refuses other roles (403) and advisors of other engagements (404); deletes with If-Match', async () => {
    const action = await unselectedAction();
    const plan = (await row('認知症対応型通所の整備誘導')).plans.find((p) => p.indicatorName === '通所利用者の日中活動時間')!;
    const url = `${plansUrl(action)}/${plan.id}`;
    const headers = { 'if-match': `"${plan.version}"` };
    for (const email of [demo.sakura, demo.office]) {
      const s = await ctx.login(email);
      expect((await s.post(plansUrl(action), { indicatorName: 'x' })).statusCode, email).toBe(403);
      expect((await s.patch(url, { note: 'x' }, headers)).statusCode, email).toBe(403);
      expect((await s.delete(url, headers)).statusCode, email).toBe(403);
    }
    expect((await (await ctx.login(demo.kitano)).delete(url, headers)).statusCode).toBe(404);
    expect((await advisor.delete(url)).statusCode).toBe(428);
    expect((await advisor.delete(url, headers)).statusCode).toBe(204);
    expect((await row('認知症対応型通所の整備誘導')).plans.map((p) => p.id)).not.toContain(plan.id);
  });
});
