/**
 * Screenshots of every page in Japanese (and one in English), saved as PNGs to SCREENSHOT_DIR
 * (default: <tmp>/banso-screenshots) to look at. With SCREENSHOTS_TO_DOCS=1 it also writes the three
 * small ones the README shows (docs/screenshot-{list,roadmap,hearing}.png, each ≤ 150 KB).
 * Every page must render without a console or page error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, launchBrowser, openSession, type Session, signIn, signInAs, visible } from './support/browser';
import { repoRoot, type RunningApp, startApp } from './support/server';

const outDir = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'banso-screenshots');
const toDocs = process.env.SCREENSHOTS_TO_DOCS === '1';
const DOCS_LIMIT = 150 * 1024;

let app: RunningApp;
let browser: Browser;
const sessions: Session[] = [];

/** Settles the page (fonts, pending renders) and saves a full-page PNG. */
async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<Buffer> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  if (options.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  const png = await page.screenshot({ fullPage: options.fullPage ?? true });
  writeFileSync(path.join(outDir, `${name}.png`), png);
  return png;
}

/** Scales a PNG down in the browser (canvas) until it fits `limit` bytes. */
async function shrink(page: Page, png: Buffer, limit: number): Promise<Buffer> {
  if (png.length <= limit) return png;
  for (const scale of [0.9, 0.8, 0.72, 0.64, 0.56]) {
    const dataUrl = await page.evaluate(
      async ([src, s]) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(img.width * s);
        canvas.height = Math.round(img.height * s);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        return canvas.toDataURL('image/png');
      },
      [`data:image/png;base64,${png.toString('base64')}`, scale] as const,
    );
    const out = Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
    if (out.length <= limit) return out;
  }
  throw new Error(`Could not bring the screenshot under ${limit} bytes`);
}

async function toDocsFile(page: Page, name: string, png: Buffer): Promise<void> {
  if (!toDocs) return;
  const small = await shrink(page, png, DOCS_LIMIT);
  writeFileSync(path.join(repoRoot, 'docs', `screenshot-${name}.png`), small);
}

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
  console.log(`Screenshots in ${outDir}`);
});

describe('screenshots', () => {
  it('sign-in page', async () => {
    const s = await openSession(browser, app.baseUrl);
    sessions.push(s);
    await s.page.goto('/login');
    await visible(s.page.getByRole('heading', { name: 'サインイン' }));
    await shoot(s.page, '01-login');
    expect(s.errors).toEqual([]);
  });

  it('advisor: list and every tab of みどり区', async () => {
    const s = await signInAs(browser, app.baseUrl, demo.morikawa);
    sessions.push(s);
    const { page } = s;
    await visible(page.locator('.engagement-card__name'));
    await page.waitForFunction(() => !document.querySelector('.user-chip__role')?.textContent?.includes('主任'));
    await toDocsFile(page, 'list', await shoot(page, '02-list', { fullPage: false }));

    await page.getByRole('link', { name: 'みどり区' }).click();
    await visible(page.locator('.visit').first());
    await page.locator('.minutes summary').first().click();
    await page.evaluate(() => document.querySelector('.tabs')?.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -70));
    await toDocsFile(page, 'hearing', await shoot(page, '03-hearing-viewport', { fullPage: false }));
    await shoot(page, '03-hearing');

    await page.getByRole('tab', { name: 'ロジックツリー' }).click();
    await page.waitForURL(/\/tree$/);
    await page.waitForTimeout(1500);
    await shoot(page, '04-tree', { fullPage: false });

    await page.getByRole('tab', { name: '取組' }).click();
    await visible(page.locator('.actions-table'));
    await shoot(page, '05-actions');

    await page.getByRole('tab', { name: 'ロードマップ' }).click();
    await visible(page.locator('.timeline__row').first());
    await page.evaluate(() => document.querySelector('.tabs')?.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -70));
    await toDocsFile(page, 'roadmap', await shoot(page, '06-roadmap-viewport', { fullPage: false }));
    await page.getByRole('button', { name: /医師会と「もの忘れ連絡票」を定型化/ }).click();
    await visible(page.locator('.row-panel .chart__svg').first());
    await shoot(page, '06-roadmap-panel');

    await page.getByRole('tab', { name: '振り返り' }).click();
    await visible(page.locator('.review').first());
    await shoot(page, '07-review');
    expect(s.errors).toEqual([]);
  });

  it('program office: portfolio', async () => {
    const s = await signInAs(browser, app.baseUrl, demo.office);
    sessions.push(s);
    await s.page.goto('/portfolio');
    await visible(s.page.locator('.portfolio-table tbody tr').first());
    await shoot(s.page, '08-portfolio');
    expect(s.errors).toEqual([]);
  });

  it('program office: programs with the program form, and a team', async () => {
    const s = await signInAs(browser, app.baseUrl, demo.office);
    sessions.push(s);
    await s.page.goto('/programs');
    await s.page.getByRole('button', { name: '新しい事業を開く' }).click();
    await s.page.getByRole('button', { name: '支援回を追加' }).click();
    await visible(s.page.getByLabel('第1回 開始日'));
    await toDocsFile(s.page, 'program-form', await shoot(s.page, '08-programs-viewport', { fullPage: false }));
    const list = (await s.page.evaluate(() => fetch('/api/engagements').then((r) => r.json()))) as {
      items: { id: string; fiscalYear: number; municipality: { name: string } }[];
    };
    const latest = Math.max(...list.items.map((e) => e.fiscalYear));
    const midori = list.items.find((e) => e.fiscalYear === latest && e.municipality.name === 'みどり区')!;
    await s.page.goto(`/engagements/${midori.id}/team`);
    await visible(s.page.locator('tr[data-member]').first());
    await toDocsFile(s.page, 'team', await shoot(s.page, '08-team-viewport', { fullPage: false }));
    expect(s.errors).toEqual([]);
  });

  it('observer: read-only roadmap and hearing', async () => {
    const s = await signInAs(browser, app.baseUrl, demo.sakura);
    sessions.push(s);
    await s.page.getByRole('link', { name: 'みどり区' }).click();
    await visible(s.page.locator('.visit').first());
    await shoot(s.page, '09-observer-hearing');
    await s.page.getByRole('tab', { name: 'ロードマップ' }).click();
    await s.page.getByRole('button', { name: /区報・薬局で相談窓口を周知/ }).click();
    await visible(s.page.locator('.row-panel .chart__svg').first());
    await shoot(s.page, '10-observer-roadmap');
    expect(s.errors).toEqual([]);
  });

  it('municipal member in English', async () => {
    const s = await openSession(browser, app.baseUrl);
    sessions.push(s);
    await signIn(s.page, demo.midori);
    await s.page.getByRole('button', { name: 'English' }).click();
    await s.page.getByRole('link', { name: 'みどり区' }).click();
    await s.page.getByRole('tab', { name: 'Roadmap' }).click();
    await visible(s.page.locator('.timeline__row').first());
    await shoot(s.page, '11-member-roadmap-en');
    expect(s.errors).toEqual([]);
  });
});
