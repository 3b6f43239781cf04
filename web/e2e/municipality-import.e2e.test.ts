/**
 * The program office imports the municipality master: a UTF-8 CSV (with BOM) in the official
 * list's layout with two bad check digits and a repeated code → the preview lists those rows (row,
 * column, reason in Japanese, from the catalog) and offers no import → the corrected file previews
 * clean → confirm → the result counts what was created → the jurisdiction list finds the new names.
 * Then a published report is shared by a public link that opens signed out, and stops once revoked.
 */
import { municipalityCheckDigit } from '@banso/shared/municipality-code';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, launchBrowser, openSession, type Session, signInAs, visible } from './support/browser';
import { type RunningApp, startApp } from './support/server';

let app: RunningApp;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

const code = (five: string) => `${five}${municipalityCheckDigit(five)}`;
const wrong = (five: string) => `${five}${(municipalityCheckDigit(five) + 1) % 10}`;
const HEADER = '団体コード,都道府県名（漢字）,市区町村名（漢字）,都道府県名（カナ）,市区町村名（カナ）';
const rows = [
  [code('47901'), '沖縄県', '試験一町', 'オキナワケン', 'シケンイッチョウ'],
  [wrong('47902'), '沖縄県', '試験二町', 'オキナワケン', 'シケンニチョウ'],
  [code('47903'), '沖縄県', '試験三村', 'オキナワケン', 'シケンサンソン'],
  [wrong('47904'), '沖縄県', '試験四村', 'オキナワケン', 'シケンヨンソン'],
  [code('47901'), '沖縄県', '重複町', 'オキナワケン', 'ジュウフクチョウ'],
];
const csv = (lines: string[][]) => Buffer.from(`\ufeff${[HEADER, ...lines.map((r) => r.join(','))].join('\r\n')}\r\n`, 'utf8');

describe('municipality import', () => {
  it('shows every bad row of the file, imports the corrected one, and the jurisdiction lists it', async () => {
    const office = await signInAs(browser, app.baseUrl, demo.office);
    sessions.push(office);
    const page = office.page;
    await page.getByRole('link', { name: '市区町村と管轄' }).click();
    await page.getByRole('heading', { name: '市区町村マスタと管轄', level: 1 }).waitFor();

    await page.getByLabel('ファイル（CSV または Excel）').setInputFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: csv(rows) });
    await page.getByRole('button', { name: 'ファイルを確認する' }).click();
    const errors = page.getByTestId('import-errors');
    await visible(errors);
    // Rows 3 and 5 have a wrong check digit, row 6 repeats row 2's code (the header is row 1).
    expect(await errors.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')))).toEqual(['3', '5', '6']);
    await visible(errors.locator('tr[data-row="3"]').getByText('団体コードの検査数字が合いません'));
    await visible(errors.locator('tr[data-row="6"]').getByText('同じ団体コードがファイル内で重複しています'));
    await visible(errors.locator('tr[data-row="3"]').getByText('団体コード', { exact: true }));
    await visible(page.getByText('誤りのある行：3行', { exact: false }));
    expect(await page.getByRole('button', { name: '取り込む', exact: true }).count()).toBe(0);

    // The corrected file: the good rows only.
    const good = [rows[0]!, rows[2]!];
    await page.getByLabel('ファイル（CSV または Excel）').setInputFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: csv(good) });
    await page.getByRole('button', { name: 'ファイルを確認する' }).click();
    await visible(page.getByText('誤りのある行はありません。'));
    await visible(page.getByText('新規 2件・更新 0件・変更なし 0件', { exact: false }));
    await page.getByRole('button', { name: '取り込む', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: '市区町村マスタを取り込みますか？' });
    await visible(dialog);
    await dialog.getByRole('button', { name: '取り込む' }).click();
    await visible(
      page.getByTestId('import-result').getByText('新規 2件・更新 0件・変更なし 0件。管轄に加わった市区町村：2件', { exact: false }),
    );

    await page.getByLabel('名称・カナ・都道府県・団体コードで検索').fill('試験');
    const jurisdiction = page.getByTestId('jurisdiction');
    await visible(jurisdiction.getByText('試験一町'));
    await visible(jurisdiction.getByText('試験三村'));
    await visible(page.getByTestId('jurisdiction-range').getByText('全2件', { exact: false }));
  });

  it('the office shares a published report by a public link: it opens signed out, without the app, and stops once revoked', async () => {
    const advisor = await signInAs(browser, app.baseUrl, demo.morikawa);
    sessions.push(advisor);
    await advisor.page.getByRole('link', { name: '報告書', exact: true }).click();
    await advisor.page.getByRole('link', { name: 'みどり区 令和7年度 報告書を開く' }).click();
    await advisor.page.getByRole('button', { name: '記録から下書きを作成' }).click();
    await advisor.page.waitForURL(/\/reports\/[^/]+\/[^/]+$/);
    const reportUrl = new URL(advisor.page.url()).pathname;

    const office = await signInAs(browser, app.baseUrl, demo.office);
    sessions.push(office);
    const page = office.page;
    await page.goto(reportUrl);
    await page.getByRole('button', { name: '公開する' }).click();
    await page.locator('.notice').getByRole('button', { name: '公開する' }).click();
    await visible(page.getByRole('heading', { name: '公開リンク', level: 2 }));
    await page.getByRole('button', { name: 'リンクを作る' }).click();
    const url = (await (await visible(page.getByTestId('public-link-url'))).first().textContent()) ?? '';
    expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);

    const stranger = await openSession(browser, app.baseUrl);
    sessions.push(stranger);
    await stranger.page.goto(new URL(url).pathname);
    await visible(stranger.page.getByRole('heading', { name: 'みどり区', level: 1 }));
    await visible(stranger.page.getByText('この報告書は公開リンクで共有されたものです（閲覧のみ）。'));
    expect(new URL(stranger.page.url()).pathname).toBe(new URL(url).pathname);
    expect(await stranger.page.getByRole('link', { name: '案件一覧' }).count()).toBe(0);

    await page.getByRole('button', { name: '取り消す' }).click();
    await page.getByRole('alertdialog', { name: 'この公開リンクを取り消しますか？' }).getByRole('button', { name: '取り消す' }).click();
    await visible(page.getByText('無効', { exact: true }));
    await stranger.page.reload();
    await visible(stranger.page.getByText('このリンクは無効です。取り消されたか、期限が切れています。'));
  });
});
