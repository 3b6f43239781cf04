import { fiscalYearLabel } from '@banso/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { resolveDemoDates, seedDemo } from '../../src/db/seed.js';
import { fixedClock } from '../../src/lib/clock.js';
import { DEMO_PASSWORD, demo, freshDatabase } from '../support/test-app.js';

/**
 * The demo lives in the present: seeded fresh at a reference date in any fiscal year, with the
 * clock at that date, it is that year's program, continued from last year's, with measurements and
 * at most a few delayed milestones.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function demoAt(today: string) {
  const database = await freshDatabase({ empty: true });
  await seedDemo(database.db, { today });
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    database,
    clock: fixedClock(today),
    logger: false,
  });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await database.drop();
  });
  const login = async (email: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = `banso_session=${res.cookies.find((c) => c.name === 'banso_session')!.value}`;
    return (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  };
  return { login };
}

interface PortfolioItem {
  engagementId: string;
  fiscalYear: number;
  municipality: { name: string };
  delayedMilestones: number;
  measuredPlans: number;
}

describe('the demo seeded at a reference date', () => {
  it('resolves fiscal-year-relative dates, Reiwa years and the plan period', () => {
    expect(resolveDemoDates(['fy+0-07-10', 'fy+1-03', 'fy-1', '(R{fy-1})', '令和{fy+0}年度', '第{期}期', 'fy+0年12月調査'], 2026)).toEqual([
      '2026-07-10',
      '2027-03',
      '2025',
      '(R7)',
      '令和8年度',
      '第9期',
      '2026年12月調査',
    ]);
    expect(resolveDemoDates({ a: ['fy+2-02-28'], n: 3 }, 2027)).toEqual({ a: ['2029-02-28'], n: 3 });
    expect(resolveDemoDates('第{期}期', 2027)).toBe('第10期');
  });

  for (const today of ['2026-12-01', '2028-08-20']) {
    const fy = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
    it(
      `on ${today} is ${fiscalYearLabel(fy)}'s program, continued from last year's, measured and mostly on time`,
      { timeout: 180_000 },
      async () => {
        const { login } = await demoAt(today);
        const office = await login(demo.office);

        const list = (await office('/api/programs')).json().items as { fiscalYear: number; name: string }[];
        expect(list.map((p) => p.fiscalYear).sort()).toEqual([fy - 1, fy]);
        expect(list.find((p) => p.fiscalYear === fy)!.name).toContain(fiscalYearLabel(fy));

        const portfolio = (await office('/api/portfolio')).json().items as PortfolioItem[];
        const current = portfolio.filter((i) => i.fiscalYear === fy);
        expect(current.map((i) => i.municipality.name).sort()).toEqual(['あおば市', 'みどり区', 'やまなみ町'].sort());
        // A living program: at most a few delayed milestones over the whole demo, and measured plans.
        expect(current.reduce((n, i) => n + i.delayedMilestones, 0)).toBeLessThanOrEqual(3);
        expect(current.reduce((n, i) => n + i.measuredPlans, 0)).toBeGreaterThanOrEqual(3);

        // Measurements recorded up to now (months that have ended), none in the future.
        const aoba = current.find((i) => i.municipality.name === 'あおば市')!;
        const roadmap = (await office(`/api/engagements/${aoba.engagementId}/roadmap`)).json();
        const rows = roadmap.items;
        const periods: string[] = rows.flatMap((r: { plans: { measurements: { period: string }[] }[] }) =>
          r.plans.flatMap((p) => p.measurements.map((m) => m.period)),
        );
        expect(periods.length).toBeGreaterThan(0);
        expect(periods.every((p) => p < today.slice(0, 7))).toBe(true);

        // Milestones: what is past is done (early in a year that may be only last year's), the rest is planned.
        const milestones: { status: string; due: string }[] = [];
        for (const e of portfolio) {
          const items = (await office(`/api/engagements/${e.engagementId}/roadmap`)).json().items as {
            milestones: { status: string; due: string }[];
          }[];
          milestones.push(...items.flatMap((r) => r.milestones));
        }
        expect(milestones.some((m) => m.status === 'done')).toBe(true);
        expect(milestones.some((m) => m.status === 'planned')).toBe(true);
        expect(milestones.filter((m) => m.due < today).every((m) => m.status === 'done')).toBe(true);

        // This year's みどり区 continued from last year's, whose PDCA review is there.
        const midori = current.find((i) => i.municipality.name === 'みどり区')!;
        const detail = (await office(`/api/engagements/${midori.engagementId}`)).json();
        const previous = portfolio.find((i) => i.fiscalYear === fy - 1 && i.municipality.name === 'みどり区')!;
        expect(detail.previousEngagementId).toBe(previous.engagementId);
        const items = (await office(`/api/engagements/${previous.engagementId}/pdca-reviews`)).json().items as {
          fiscalYear: number;
          assessment: string;
        }[];
        expect(items).toEqual([expect.objectContaining({ fiscalYear: fy - 1, assessment: 'fair' })]);
        // Last year's engagement went past roadmap_agreed: proposed by its lead advisor, agreed by its municipal lead.
        const last = (await office(`/api/engagements/${previous.engagementId}`)).json();
        expect(last.roadmapAgreement).toMatchObject({
          state: 'agreed',
          proposedBy: { name: '森川 恵子' },
          agreedBy: { name: '中村 陽子' },
        });
        expect(detail.roadmapAgreement).toMatchObject({ state: 'none', proposedBy: null, agreedBy: null });

        // Last year's March report is published, with what others learn from it: the case the library shows.
        const neighbour = await login(demo.yamanami);
        const cases = (await neighbour('/api/library')).json().items as {
          reportId: string;
          fiscalYear: number;
          municipality: { name: string };
        }[];
        expect(cases.map((c) => [c.municipality.name, c.fiscalYear])).toEqual([['みどり区', fy - 1]]);
        const shown = (await neighbour(`/api/library/${cases[0]!.reportId}`)).json();
        expect(shown.narratives.questions).toContain('窓口を知らないからか');
        expect(shown.narratives.successFactors).not.toBe('');
        expect(shown.narratives.difficulties).not.toBe('');
        expect(shown.narratives.nextSteps).toContain('もの忘れ連絡票');
        // Before ⇒ After per 課題: I06 went from 9 to 12 under 初期集中支援チームの稼働が少ない, with its narrative.
        const team = shown.facts.themes.find((t: { title: string }) => t.title === '初期集中支援チームの稼働が少ない');
        const plan = shown.facts.verification.find((p: { planId: string }) => p.planId === team.planIds[0]);
        expect([plan.indicatorCode, plan.baselineValue, plan.latest?.value]).toEqual(['I06', 9, 12]);
        expect(shown.narratives.byTheme[team.nodeId]).toContain('9件から12件');
        expect(shown.facts.visits.map((v: { seq: number }) => v.seq)).toEqual([1, 2]);
        expect(JSON.stringify(shown.facts)).not.toContain('森川');
        const print = await neighbour(`/api/library/${cases[0]!.reportId}/preview`);
        expect(print.statusCode).toBe(200);
        expect(print.body).toContain('今後の展開');

        // The program's events: a 合同ヒアリング of the three, and the March 報告会 where they present, with its pack.
        const programId = (await office(`/api/engagements/${midori.engagementId}`)).json().programId as string;
        const events = (await neighbour(`/api/programs/${programId}/events`)).json().items as {
          id: string;
          kind: string;
          startDate: string;
          engagements: { municipality: { name: string } }[];
          agenda: unknown[];
        }[];
        expect(events.map((e) => e.kind)).toEqual(['joint_hearing', 'report_meeting']);
        const meeting = events[1]!;
        expect(meeting.startDate).toBe(`${fy + 1}-03-16`);
        expect(meeting.engagements.map((e) => e.municipality.name)).toEqual(['みどり区', 'あおば市', 'やまなみ町']);
        expect(meeting.agenda.length).toBeGreaterThan(3);
        expect(events[0]!.engagements).toHaveLength(3);

        // The municipal member sees both years of their engagement.
        const member = await login(demo.midori);
        const own = (await member('/api/engagements')).json().items as { fiscalYear: number }[];
        expect(own.map((e) => e.fiscalYear).sort()).toEqual([fy - 1, fy]);
      },
    );
  }
});
