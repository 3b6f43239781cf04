/**
 * The March report journey: an advisor drafts みどり区's report from the record and writes the
 * narrative, exports it (PDF, Excel, PowerPoint) while the page shows progress, the program office
 * publishes it, and a user of another municipality finds it in the case library by theme.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, gone, launchBrowser, type Session, signInAs, visible } from './support/browser';
import { type RunningApp, startApp } from './support/server';

let app: RunningApp;
let browser: Browser;
let advisor: Session;
let reportUrl = '';
const title = '令和7年度 みどり区 伴走型支援 報告書';
const summary = '医師会との「もの忘れ連絡票」の試行が始まり、早期相談の経路ができつつある。';

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  advisor = await signInAs(browser, app.baseUrl, demo.morikawa);
});

afterAll(async () => {
  await advisor?.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** Starts an export, waits for the progress to end and downloads the file. */
async function exportAndDownload(page: Page, format: 'PDF' | 'Excel' | 'PowerPoint') {
  const box = page.locator('.export', { has: page.getByRole('button', { name: `${format}を作成` }) }).first();
  await box.getByRole('button', { name: `${format}を作成` }).click();
  const link = box.getByRole('link', { name: /ダウンロード/ });
  await visible(link, 60_000);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

describe('March report', () => {
  it('an advisor drafts the report from the record and writes its narrative', async () => {
    const { page } = advisor;
    await page.getByRole('link', { name: '報告書', exact: true }).click();
    await page.getByRole('link', { name: 'みどり区 令和7年度 報告書を開く' }).click();
    await visible(page.getByText('まだ報告書はありません。'));
    await page.getByRole('button', { name: '記録から下書きを作成' }).click();
    await visible(page.getByRole('heading', { name: title, level: 1 }));
    reportUrl = new URL(page.url()).pathname;

    // Facts from the record: the desired state, the selected actions and the shareable findings only.
    await visible(page.locator('.report-desired', { hasText: '認知症になっても住み慣れた地域で自分らしく暮らせる' }));
    await visible(page.locator('.report-actions th', { hasText: '医師会と「もの忘れ連絡票」を定型化' }));
    await visible(page.getByText('初回相談時に認知症自立度Ⅱb以下の人は58%にとどまる'));
    expect(await page.getByText('人事評価').count()).toBe(0);
    const tree = page.getByRole('img', { name: 'みどり区のロジックツリー' });
    await visible(tree);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.report-figure img');
      return img !== null && img.complete && img.naturalWidth > 0;
    });

    // The visit log by role (no names) and Before ⇒ After per 課題, each with its own narrative.
    await visible(page.locator('.report-visits th', { hasText: '第1回支援' }));
    await visible(page.locator('.report-visits', { hasText: '主任アドバイザー（架空大学 社会福祉学部） 1名' }));
    expect(await page.locator('.report-visits', { hasText: '森川' }).count()).toBe(0);
    await visible(page.getByRole('heading', { name: '課題: 相談が重度化してから来る', level: 3 }));
    await page.getByLabel('Before ⇒ After（相談が重度化してから来る）').fill('窓口の周知はこれから。');
    await page.getByLabel('所見・コメント（問い）').fill('相談が遅れるのは窓口を知らないからか。');
    await page.getByLabel('所見・コメント（成功要因）').fill('包括と同じ場で事例を振り返った。');
    await page.getByLabel('所見・コメント（苦労した点）').fill('認知度は3年に1度しか測れない。');
    await page.getByLabel('所見・コメント（今後の展開）').fill('連絡票を全区に広げる。');

    await page.getByLabel('所見・コメント（総括）').fill(summary);
    await visible(page.getByText('未保存の変更があります').first());
    await page.getByRole('button', { name: '所見を保存' }).first().click();
    await visible(page.getByText('保存しました。').first());
    await page.reload();
    expect(await page.getByLabel('所見・コメント（総括）').inputValue()).toBe(summary);
    expect(await page.getByLabel('所見・コメント（苦労した点）').inputValue()).toBe('認知度は3年に1度しか測れない。');
    expect(await page.getByLabel('Before ⇒ After（相談が重度化してから来る）').inputValue()).toBe('窓口の周知はこれから。');
  });

  it('keeps what the advisor typed when they leave the page without saving, and saves it by itself', async () => {
    const { page } = advisor;
    const field = page.getByLabel('所見・コメント（ヒアリングで分かったこと）');
    const lesson = '訪問のたびに地域包括支援センターの担当者が同席し、論点が引き継がれた。';
    await field.fill(lesson);
    // straight to another page of the app, before any save
    await page.getByRole('link', { name: '案件一覧', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1 }));
    await page.goto(reportUrl);
    await expect.poll(() => field.inputValue(), { timeout: 15_000 }).toBe(lesson);
    // and it reached the server: another browser of the same person reads it
    const again = await signInAs(browser, app.baseUrl, demo.morikawa);
    try {
      await again.page.goto(`${app.baseUrl}${reportUrl}`);
      await expect
        .poll(() => again.page.getByLabel('所見・コメント（ヒアリングで分かったこと）').inputValue(), { timeout: 15_000 })
        .toBe(lesson);
    } finally {
      await again.context.close();
    }

    // typing, then a pause: saved without pressing the button
    const next = `${lesson}次年度は他の圏域にも広げる。`;
    await field.fill(next);
    await visible(page.getByText('入力が止まると自動で保存します').first());
    await visible(page.getByText('保存しました。').first());
    await page.reload();
    expect(await field.inputValue()).toBe(next);
  });

  it('exports the report as PDF and the engagement as Excel and PowerPoint, with progress', async () => {
    const { page } = advisor;
    const pdf = await exportAndDownload(page, 'PDF');
    expect(pdf.name).toBe('みどり区_令和7年度_報告書_第1版_下書き.pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await exportAndDownload(page, 'Excel');
    expect(xlsx.name).toBe('みどり区_令和7年度_伴走支援.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    const pptx = await exportAndDownload(page, 'PowerPoint');
    expect(pptx.name).toBe('みどり区_令和7年度_ツリーとロードマップ.pptx');
    expect(pptx.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps the draft out of the case library', async () => {
    const other = await signInAs(browser, app.baseUrl, demo.yamanami);
    try {
      await other.page.getByRole('link', { name: '事例ライブラリ' }).click();
      // Only last year's report of みどり区, which the demo published at last year's report meeting.
      await visible(other.page.getByText('1件の事例'));
      await visible(other.page.getByText('令和6年度 みどり区 伴走型支援 報告書'));
      expect(await other.page.getByText('令和7年度 みどり区 伴走型支援 報告書').count()).toBe(0);
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('the program office publishes it, after which it cannot be edited', async () => {
    const office = await signInAs(browser, app.baseUrl, demo.office);
    try {
      const { page } = office;
      await page.goto(reportUrl);
      await visible(page.getByRole('heading', { name: title, level: 1 }));
      expect(await page.getByLabel('所見・コメント（総括）').count()).toBe(0); // only advisors write
      await page.getByRole('button', { name: '公開する' }).click();
      await visible(page.getByText('公開すると、この版は変更できなくなり、事例ライブラリに掲載されます。公開しますか？'));
      await page.locator('.notice').getByRole('button', { name: '公開する' }).click();
      await visible(page.getByText('公開しました。事例ライブラリに掲載されています。'));
      await visible(page.getByText('この版は公開済みのため変更できません。'));
      expect(office.errors).toEqual([]);
    } finally {
      await office.context.close();
    }
    // The advisor now sees the published version read-only, and may start a correction.
    const { page } = advisor;
    await page.reload();
    await visible(page.getByText('この版は公開済みのため変更できません。'));
    await gone(page.getByLabel('所見・コメント（総括）'));
    await visible(page.locator('.report-narrative', { hasText: summary }));
    await page.getByRole('button', { name: '訂正版を作成' }).click();
    await visible(page.locator('.report__meta', { hasText: '第2版' }));
    await visible(page.getByLabel('所見・コメント（総括）'));
  });

  it('a user of another municipality finds the case by theme and reads its tree, actions and results', async () => {
    const other = await signInAs(browser, app.baseUrl, demo.yamanami);
    try {
      const { page } = other;
      await page.getByRole('link', { name: '事例ライブラリ' }).click();
      await page.getByLabel('テーマ').selectOption('認知症');
      await page.waitForURL(/theme=/);
      // This year's, just published, beside last year's from the demo.
      await visible(page.getByText('2件の事例'));
      await page.getByLabel('年度', { exact: true }).selectOption('2025');
      await visible(page.getByText('1件の事例'));
      await page.getByLabel('区分').selectOption({ label: '町村部' });
      await visible(page.getByText('条件に合う公開事例はありません。'));
      await page.getByLabel('区分').selectOption({ label: '区部' });
      await page.getByRole('link', { name: 'みどり区' }).click();
      await visible(page.getByRole('heading', { name: 'みどり区', level: 1 }));
      await visible(page.getByText('閲覧のみ').first());
      await visible(page.getByText(summary));
      await visible(page.locator('.library-actions', { hasText: 'チーム依頼基準を包括合同で統一' }));
      await visible(page.getByRole('row', { name: /連絡票受理件数/ }));
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.library-figure img');
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      expect(await page.getByText('人事評価').count()).toBe(0);
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
    expect(advisor.errors).toEqual([]);
  });
});
