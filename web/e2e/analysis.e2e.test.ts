/**
 * 地域分析: the program office imports a small indicator file in Bansō's template (UTF-8 with BOM,
 * written here): the preview names a non-number and an unknown area code and the import stays
 * disabled; the corrected file previews clean and imports. Then the advisor and the observer of
 * みどり区 open its 地域分析 tab and read the imported value with its 令和 period, its rank with the
 * direction, and the comparison lines (legend and the table behind each chart); once in English.
 * Screenshots go to /tmp/h8-analysis-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, networkQuiet, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const journey = useJourney();

const HEADER = '団体コード,団体名,指標コード,期間,値';
const file = (rows: string[][]) => Buffer.from(`\ufeff${[HEADER, ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`, 'utf8');
const good = [
  ['990001', 'みどり区', 'A01', 'FY2024', '48.5'],
  ['990001', 'みどり区', 'A04', '令和6年度', '1.2'],
];
const bad = [...good, ['990001', 'みどり区', 'A01', '令和5年度', 'abc'], ['990999', '架空区', 'A01', 'FY2024', '5.0']];

/** Saves the viewport (or one part of the page) once the page has settled. */
async function shoot(page: Page, name: string, part?: Locator) {
  await networkQuiet(page);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
  const path = `/tmp/h8-analysis-${name}.png`;
  if (part) await part.screenshot({ path });
  else await page.screenshot({ path });
}

/** The card of one indicator in the tab. */
const card = (page: Page, code: string) => page.locator(`.analysis-card[data-code="${code}"]`);

describe('地域分析', () => {
  it('the program office sees every bad cell first, then imports the corrected file', async () => {
    const { page } = await journey.session(demo.office);
    await page.getByRole('link', { name: '市区町村と管轄' }).click();
    await page.getByRole('link', { name: '指標データ（見える化・テンプレート）の取り込み' }).click();
    await page.getByRole('heading', { name: '指標データの取り込み', level: 1 }).waitFor();
    await visible(page.getByRole('radio', { name: /Bansō のテンプレート/ }));
    expect(await page.getByRole('radio', { name: /Bansō のテンプレート/ }).isChecked()).toBe(true);
    await visible(page.getByRole('link', { name: 'テンプレートをダウンロード（CSV）' }));

    await page
      .getByLabel('ファイル（CSV または Excel）')
      .setInputFiles({ name: 'indicators.csv', mimeType: 'text/csv', buffer: file(bad) });
    await page.getByRole('button', { name: 'ファイルを確認する' }).click();
    const errors = page.getByTestId('import-errors');
    await visible(errors);
    // The header is row 1: row 4 holds "abc", row 5 an area code nobody has.
    expect(await errors.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')))).toEqual(['4', '5']);
    await visible(errors.locator('tr[data-row="4"]').getByText('数値ではありません'));
    await visible(errors.locator('tr[data-row="5"]').getByText('団体コードが見つかりません'));
    await visible(errors.locator('tr[data-row="5"]').getByText('990999'));
    await visible(page.getByText('誤りのあるセル：2件', { exact: false }));
    expect(await page.getByRole('button', { name: '取り込む', exact: true }).isDisabled()).toBe(true);
    await shoot(page, 'import-errors');

    await page
      .getByLabel('ファイル（CSV または Excel）')
      .setInputFiles({ name: 'indicators.csv', mimeType: 'text/csv', buffer: file(good) });
    await page.getByRole('button', { name: 'ファイルを確認する' }).click();
    await visible(page.getByText('誤りはありません。'));
    await visible(page.getByText('2件の値を読みました。新規 0件・更新 2件・変更なし 0件。', { exact: false }));
    await page.getByRole('button', { name: '取り込む', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: '指標データを取り込みますか？' });
    await dialog.getByRole('button', { name: '取り込む' }).click();
    await visible(page.getByTestId('import-result').getByText('取り込みました：新規 0件・更新 2件・変更なし 0件。'));
    await shoot(page, 'import-done');

    // A 見える化 table (areas as rows, fiscal years as columns) names its indicator on the page.
    await page.getByRole('radio', { name: /見える化システムの表/ }).check();
    expect(await page.getByRole('button', { name: 'ファイルを確認する' }).isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: /^指標/ }).selectOption({ label: 'A13 在宅看取りの割合' });
    const table = Buffer.from('\ufeff団体コード,団体名,令和5年度,令和6年度\r\n990001,みどり区,30.0,31.5\r\n', 'utf8');
    await page.getByLabel('ファイル（CSV または Excel）').setInputFiles({ name: 'mieruka.csv', mimeType: 'text/csv', buffer: table });
    await page.getByRole('button', { name: 'ファイルを確認する' }).click();
    await visible(page.getByText('形式：CSV (utf-8) · 見える化の表', { exact: false }));
    await visible(page.getByText('新規 0件・更新 2件・変更なし 0件。', { exact: false }));
    await page.getByRole('button', { name: '取り込む', exact: true }).click();
    await page.getByRole('alertdialog', { name: '指標データを取り込みますか？' }).getByRole('button', { name: '取り込む' }).click();
    await visible(page.getByTestId('import-result').getByText('取り込みました：新規 0件・更新 2件・変更なし 0件。'));
  });

  it('the advisor reads the imported value, its rank and the comparison lines', async () => {
    const { page, errors } = await journey.session(demo.morikawa);
    const id = await engagementIdOf(page, 'みどり区');
    await page.goto(`/engagements/${id}/hearing`);
    await page.getByRole('tab', { name: '地域分析' }).click();
    await visible(page.getByRole('heading', { name: '地域分析', level: 2 }));
    const a01 = card(page, 'A01');
    await visible(a01.getByRole('heading', { name: '通いの場への参加率' }));
    await visible(a01.getByTestId('latest-value').getByText('48.5'));
    await visible(a01.getByTestId('latest-value').getByText('令和6年度'));
    // 48.5% is far above every other municipality of the jurisdiction: first, higher being better.
    expect(await a01.getByTestId('rank').textContent()).toMatch(/^1位／\d+団体$/);
    await visible(a01.getByText('値が高いほど上位です（高いほど良い指標）。'));
    // A04 (要支援1・2の認定率) is better lower: 1.2% ranks first too.
    expect(await card(page, 'A04').getByTestId('rank').textContent()).toMatch(/^1位／\d+団体$/);
    await visible(card(page, 'A04').getByText('値が低いほど上位です（低いほど良い指標）。'));
    await visible(card(page, 'A13').getByTestId('latest-value').getByText('31.5'));
    // The chart is drawn, and its lines are named in the legend and the table behind it.
    await visible(a01.locator('.analysis-chart svg.recharts-surface'));
    expect(await a01.locator('.analysis-chart .recharts-line').count()).toBe(4);
    const legend = a01.getByRole('list', { name: '凡例' });
    for (const name of ['みどり区', '全国', /類似団体平均/]) await visible(legend.getByText(name));
    const table = a01.getByTestId('series-table');
    expect(await table.locator('caption').textContent()).toBe('通いの場への参加率の年度別の値（単位：%）');
    expect(await table.locator('tbody tr').count()).toBe(5);
    expect(await table.locator('tbody tr').last().locator('th').textContent()).toBe('令和6年度');
    expect(await table.locator('tbody tr').last().locator('td').first().textContent()).toBe('48.5');

    // The neighbours join on request.
    await page.getByLabel('近隣の市区町村も表示する').check();
    await visible(legend.getByText('さくら区'));
    expect(await a01.locator('.analysis-chart .recharts-line').count()).toBe(5);

    // Theme filter: 認知症 only.
    await page.getByLabel('テーマ').selectOption('認知症');
    await visible(page.getByRole('heading', { name: '認知症', level: 3 }));
    expect(await page.getByRole('heading', { name: '介護予防', level: 3 }).count()).toBe(0);
    await page.getByLabel('テーマ').selectOption('');

    // 交付金: both grants, two years each, with the averages.
    await visible(page.getByRole('heading', { name: '交付金の評価', level: 3 }));
    expect(await page.locator('.analysis-grants__table').count()).toBe(4);
    await visible(page.locator('.analysis-grants__table').first().getByRole('columnheader', { name: '全国平均' }));
    await page.getByLabel('近隣の市区町村も表示する').uncheck();
    await shoot(page, 'desktop');
    await shoot(page, 'desktop-theme', page.locator('.analysis-theme').first());
    await shoot(page, 'desktop-last-theme', page.locator('.analysis-theme').last());
    await shoot(page, 'desktop-grants', page.locator('.analysis-grants'));
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'mobile');
    await shoot(page, 'mobile-card', a01);
    await shoot(page, 'mobile-grants', page.locator('.analysis-grants__card').first());
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('the observer reads the same, read-only, and in English', async () => {
    const { page, context } = await journey.session(demo.sakura);
    const id = await engagementIdOf(page, 'みどり区');
    await page.goto(`/engagements/${id}/analysis`);
    const a01 = card(page, 'A01');
    await visible(a01.getByTestId('latest-value').getByText('48.5'));
    expect(await a01.getByTestId('rank').textContent()).toMatch(/^1位／\d+団体$/);
    await visible(a01.locator('.analysis-chart .recharts-line').first());
    expect(await a01.locator('.analysis-chart .recharts-line').count()).toBe(4);

    await context.addInitScript(() => window.localStorage.setItem('banso.locale', 'en'));
    await page.evaluate(() => window.localStorage.setItem('banso.locale', 'en'));
    await page.reload();
    await visible(page.getByRole('heading', { name: 'Regional analysis', level: 2 }));
    await visible(a01.getByTestId('latest-value').getByText('FY2024 (Reiwa 6)'));
    expect(await a01.getByTestId('rank').textContent()).toMatch(/^No\. 1 of \d+$/);
    await visible(a01.getByText('A higher value ranks higher (higher is better).'));
    const legend = a01.getByRole('list', { name: 'Legend' });
    for (const name of ['Japan', /Similar municipalities \(mean/]) await visible(legend.getByText(name));
    expect(await a01.getByTestId('series-table').locator('tbody tr').last().locator('th').textContent()).toBe('FY2024 (Reiwa 6)');
    await visible(page.getByRole('heading', { name: 'Grant scores', level: 3 }));
    await shoot(page, 'english');
    await shoot(page, 'english-card', a01);
  });
});
