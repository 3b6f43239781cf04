/**
 * 交付金 in 地域分析: the advisor opens the tab for みどり区 and reads both grants by evaluation area;
 * every row of each grant's data table (area, score, maximum, national and prefectural averages)
 * equals the analysis API, for both fiscal years.
 */
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const journey = useJourney();

interface Grant {
  fiscalYear: number;
  grant: 'promotion' | 'support';
  area: string;
  position: number;
  score: number;
  maxScore: number;
  nationalAverage: number | null;
  prefectureAverage: number | null;
}

const shown = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 }).format(v));

describe('交付金 (地域分析)', () => {
  it('the advisor reads the 交付金 areas of みどり区, and each data table equals the API', async () => {
    const { page, errors } = await journey.session(demo.morikawa);
    const id = await engagementIdOf(page, 'みどり区');
    const api = (await (await page.request.get(`/api/engagements/${id}/analysis`)).json()) as { grants: Grant[] };
    expect(api.grants.length).toBeGreaterThan(0);
    await page.goto(`/engagements/${id}/hearing`);
    await page.getByRole('tab', { name: '地域分析' }).click();
    await visible(page.getByRole('heading', { name: '交付金の評価', level: 3 }));
    for (const name of ['保険者機能強化推進交付金', '介護保険保険者努力支援交付金'])
      await visible(page.locator('.analysis-grants__card').getByRole('heading', { name, level: 4 }));

    const tables = [...new Set(api.grants.map((g) => `${g.grant}-${g.fiscalYear}`))];
    expect(tables).toHaveLength(4);
    for (const key of tables) {
      const [grant, year] = key.split('-');
      const expected = api.grants
        .filter((g) => g.grant === grant && g.fiscalYear === Number(year))
        .sort((a, b) => a.position - b.position)
        .map((g) => [g.area, shown(g.score), shown(g.maxScore), shown(g.nationalAverage), shown(g.prefectureAverage)]);
      const table = page.getByTestId(`grant-${key}`);
      await visible(table);
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim());
          // area, score, max, (rate), national, prefecture
          return [cells[0], cells[1], cells[2], cells[4], cells[5]];
        }),
      );
      // The last row is the total.
      expect(rows.slice(0, -1)).toEqual(expected);
      expect(rows.at(-1)![0]).toBe('合計');
    }
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
