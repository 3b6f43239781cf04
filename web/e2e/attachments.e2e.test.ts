/**
 * 資料 and 参考資料 in the browser: the advisor posts a real PDF (printed by Chromium) to the planned
 * third visit of みどり区, and a team-only memo beside it; the municipal member sees both and downloads
 * the PDF byte for byte; the observer from さくら区 sees the shared file only. The program office posts
 * a reference material that an advisor downloads; a file over UPLOAD_MAX_BYTES shows the 413 in words.
 * Screenshots (desktop 1280, mobile 390, English) go to /tmp/h8-files-*.png.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demo, gone, visible } from './support/browser';
import { useJourney } from './support/journey';

// Small, so the oversized file stays small too; the PDF below is far under it.
const MAX_BYTES = 200_000;
const journey = useJourney({ env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });

let dir = '';
let pdfPath = '';
let memoPath = '';
let guidePath = '';
let bigPath = '';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'banso-files-'));
  // A real one-page PDF, printed by the same Chromium.
  const context = await journey.browser.newContext();
  const page = await context.newPage();
  await page.setContent(
    '<html lang="ja"><body style="font-family: sans-serif"><h1>第3回 事前資料</h1><p>認知症の早期発見: 相談経路の整理（案）</p></body></html>',
  );
  const pdf = await page.pdf({ format: 'A4' });
  await context.close();
  pdfPath = path.join(dir, '第3回_事前資料.pdf');
  await writeFile(pdfPath, pdf);
  memoPath = path.join(dir, 'チーム内メモ.txt');
  await writeFile(memoPath, '支援チーム内の検討メモ（傍聴者には見せない）\n');
  guidePath = path.join(dir, '豊明市_取組事例.pdf');
  await writeFile(guidePath, pdf);
  bigPath = path.join(dir, '大きすぎる資料.csv');
  await writeFile(bigPath, 'a,b\n'.repeat(MAX_BYTES / 2));
}, 60_000);

async function openThirdVisit(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'みどり区' }).first().click();
  await visible(page.getByRole('heading', { name: /みどり区/, level: 1 }));
  const card = page.getByTestId('visit').filter({ has: page.getByRole('heading', { name: /^第3回/ }) });
  await visible(card);
  return card;
}

const fileRow = (card: Locator, name: string) => card.getByTestId('file').filter({ hasText: name });

async function shoot(page: Page, name: string, target?: Locator) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(200);
  const file = `/tmp/h8-files-${name}.png`;
  if (target) await target.screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: false });
}

describe('資料 on a visit', () => {
  it('the advisor uploads a team-only memo, then a PDF shared with observers', async () => {
    const { page, errors } = await journey.session(demo.morikawa);
    const card = await openThirdVisit(page);
    const files = card.getByTestId('files');
    await visible(files.getByText('資料はまだありません。'));

    await files.getByLabel('ファイルを選ぶ').setInputFiles(memoPath);
    await visible(fileRow(card, 'チーム内メモ.txt'));
    expect(await fileRow(card, 'チーム内メモ.txt').textContent()).toContain('チームと自治体のみ');

    await files.getByLabel('傍聴者にも公開する').check();
    await files.getByLabel('ファイルを選ぶ').setInputFiles(pdfPath);
    const row = fileRow(card, '第3回_事前資料.pdf');
    await visible(row);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('傍聴者にも公開');
    expect(text).toContain('森川 恵子');
    expect(text).toMatch(/令和\d+年\d+月\d+日/);
    expect(text).toMatch(/\d+(\.\d)? KB/);
    await visible(files.getByText('1件の資料を登録しました。'));
    await row.scrollIntoViewIfNeeded();
    await shoot(page, 'visit-desktop', card);
    expect(errors).toEqual([]);
  });

  it('the municipal member sees both and downloads the PDF byte for byte', async () => {
    const { page } = await journey.session(demo.midori);
    const card = await openThirdVisit(page);
    await visible(fileRow(card, 'チーム内メモ.txt'));
    const link = fileRow(card, '第3回_事前資料.pdf').getByRole('link', { name: /第3回_事前資料\.pdf/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('第3回_事前資料.pdf');
    const got = await readFile((await download.path())!);
    expect(sha(got)).toBe(sha(await readFile(pdfPath)));
    // A member may manage the visit's files too (visit.materials).
    await visible(fileRow(card, 'チーム内メモ.txt').getByRole('button', { name: /名前を変更/ }));
  });

  it('the observer sees only the file shared with observers, and no controls', async () => {
    const { page } = await journey.session(demo.sakura);
    const card = await openThirdVisit(page);
    await visible(fileRow(card, '第3回_事前資料.pdf'));
    expect(await fileRow(card, 'チーム内メモ.txt').count()).toBe(0);
    expect(await card.getByLabel('ファイルを選ぶ').count()).toBe(0);
    expect(await card.getByRole('button', { name: /削除: 第3回/ }).count()).toBe(0);
  });

  it('the advisor renames the memo and stops sharing the PDF; an oversized file shows the 413 in words', async () => {
    const { page } = await journey.session(demo.morikawa);
    const card = await openThirdVisit(page);
    await fileRow(card, 'チーム内メモ.txt')
      .getByRole('button', { name: /名前を変更/ })
      .click();
    const rename = card.getByLabel('新しいファイル名');
    await rename.fill('第3回_検討メモ.txt');
    await card.getByRole('button', { name: '保存', exact: true }).click();
    await visible(fileRow(card, '第3回_検討メモ.txt'));

    await fileRow(card, '第3回_事前資料.pdf')
      .getByRole('button', { name: /公開をやめる/ })
      .click();
    await visible(fileRow(card, '第3回_事前資料.pdf').getByText('チームと自治体のみ'));
    await fileRow(card, '第3回_事前資料.pdf')
      .getByRole('button', { name: /傍聴者に公開/ })
      .click();
    await visible(fileRow(card, '第3回_事前資料.pdf').getByText('傍聴者にも公開'));

    await card.getByLabel('ファイルを選ぶ').setInputFiles(bigPath);
    const failure = card.locator('.files__failure');
    await visible(failure.getByText('ファイルが大きすぎるため添付できません。'));
    expect(await failure.textContent()).toContain('大きすぎる資料.csv');
    expect(await fileRow(card, '大きすぎる資料.csv').count()).toBe(0);
    await failure.scrollIntoViewIfNeeded();
    await shoot(page, 'too-large', card);

    // Delete after confirming.
    await fileRow(card, '第3回_検討メモ.txt').getByRole('button', { name: /削除/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '削除', exact: true }).click();
    await gone(fileRow(card, '第3回_検討メモ.txt'));
  });

  it('looks right on a phone (390 px) and in English', async () => {
    const { page } = await journey.session(demo.morikawa, { width: 390, height: 844 });
    const card = await openThirdVisit(page);
    await fileRow(card, '第3回_事前資料.pdf').scrollIntoViewIfNeeded();
    await shoot(page, 'visit-mobile', card.getByTestId('files').first());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'English' }).click();
    // The card by its file now: its heading reads "Visit 3".
    const cardEn = page.getByTestId('visit').filter({ has: page.getByTestId('file').filter({ hasText: '第3回_事前資料.pdf' }) });
    const files = cardEn.getByTestId('files').first();
    await visible(files.getByRole('heading', { name: 'Materials' }));
    await visible(fileRow(cardEn, '第3回_事前資料.pdf').getByText('Shared with observers'));
    await shoot(page, 'visit-mobile-en', files);
  });
});

describe('参考資料 of the program', () => {
  it('the program office posts a reference material; an advisor downloads it; the observer reads it too', async () => {
    const office = await journey.session(demo.office);
    await office.page.getByRole('link', { name: '参考資料' }).click();
    await visible(office.page.getByRole('heading', { name: '参考資料', level: 1 }));
    await office.page.getByLabel('ファイルを選ぶ').setInputFiles(guidePath);
    const row = office.page.getByTestId('file').filter({ hasText: '豊明市_取組事例.pdf' });
    await visible(row);
    await shoot(office.page, 'reference-desktop');

    const advisor = await journey.session(demo.kitano);
    await advisor.page.getByRole('link', { name: '参考資料' }).click();
    const link = advisor.page.getByRole('link', { name: /豊明市_取組事例\.pdf/ });
    await visible(link);
    // Reading only: no upload, no delete for an advisor.
    expect(await advisor.page.getByLabel('ファイルを選ぶ').count()).toBe(0);
    await visible(advisor.page.getByText('事務局（実施主体）だけが登録・削除できます。'));
    const [download] = await Promise.all([advisor.page.waitForEvent('download'), link.click()]);
    expect(sha(await readFile((await download.path())!))).toBe(sha(await readFile(guidePath)));

    const observer = await journey.session(demo.sakura, { width: 390, height: 844 });
    await observer.page.goto('/reference');
    await visible(observer.page.getByRole('link', { name: /豊明市_取組事例\.pdf/ }));
    await shoot(observer.page, 'reference-mobile');
    await observer.page.getByRole('button', { name: 'English' }).click();
    await visible(observer.page.getByRole('heading', { name: 'Reference materials', level: 1 }));
    await shoot(observer.page, 'reference-mobile-en');
  });
});
