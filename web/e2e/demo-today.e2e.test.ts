/**
 * Issue 12 item 12 in the browser: the demo on a fresh start lives in the present. The server is
 * started as a newcomer starts it — the demo seeded as of the real today (the other journeys pin
 * E2E_DEMO_DATE) — and the program office sees this fiscal year's program with every engagement,
 * no more than a few delayed milestones, and measurements already recorded on the roadmap.
 */
import { fiscalYearLabel, fiscalYearOf, todayInJapan } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { useJourney } from './support/journey';

const today = todayInJapan();
const fy = fiscalYearOf(today);
const journey = useJourney({ env: { DEMO_DATE: today } });

describe(`the demo on a fresh start (${today}, ${fiscalYearLabel(fy)})`, () => {
  it('is this fiscal year’s program, continued from last year’s, with at most a few delayed milestones', async () => {
    const { page, errors } = await journey.session(demo.office, { width: 1440, height: 900 });
    // The list: this year's three engagements, last year's behind the disclosure.
    const cards = page.locator('.engagement-card');
    await visible(cards.first());
    expect(await cards.count()).toBe(3);
    for (const card of await cards.all()) expect(await card.textContent()).toContain(fiscalYearLabel(fy));
    await visible(page.getByRole('button', { name: /前年度以前の案件/ }));

    await page.getByRole('link', { name: 'ポートフォリオ', exact: true }).click();
    const rows = page.locator('.portfolio-table tbody tr');
    await visible(rows.first());
    expect((await page.locator('.portfolio-table tbody th a').allTextContents()).sort()).toEqual(['あおば市', 'みどり区', 'やまなみ町']);
    const delayed = await page.$$eval('.portfolio-table tbody tr', (trs) =>
      trs.map((tr) => Number((tr.querySelector('td.num')?.textContent ?? '0').trim() || '0')),
    );
    expect(delayed.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3);
    expect(errors).toEqual([]);
  });

  it('shows measurements recorded on the roadmap, none in the future', async () => {
    const { page, errors } = journey.sessions[0]!;
    const list = (await page.evaluate(() => fetch('/api/engagements').then((r) => r.json()))) as {
      items: { id: string; fiscalYear: number; municipality: { name: string } }[];
    };
    const aoba = list.items.find((e) => e.fiscalYear === fy && e.municipality.name === 'あおば市')!;
    const roadmap = (await page.evaluate((id) => fetch(`/api/engagements/${id}/roadmap`).then((r) => r.json()), aoba.id)) as {
      items: { node: { title: string }; plans: { measurements: { period: string }[] }[] }[];
    };
    const measured = roadmap.items.find((r) => r.plans.some((p) => p.measurements.length > 0));
    expect(measured).toBeDefined();
    const recorded = roadmap.items.flatMap((r) => r.plans.flatMap((p) => p.measurements.map((m) => m.period)));
    expect(recorded.every((period) => period < today.slice(0, 7))).toBe(true);
    const title = measured!.node.title;

    await page.goto(`/engagements/${aoba.id}/roadmap`);
    await page.getByRole('button', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    const panel = page.locator('.row-panel');
    await visible(panel.getByRole('heading', { name: title }));
    const card = panel.locator('.plan-card', { has: page.locator('details.measurements') }).first();
    await card.locator('details.measurements > summary').click();
    const periods = await card.locator('details.measurements tbody tr').count();
    expect(periods).toBeGreaterThan(0);
    // The chart draws them (points on the measurement line).
    await visible(card.locator('.chart__svg'));
    expect(errors).toEqual([]);
  });
});
