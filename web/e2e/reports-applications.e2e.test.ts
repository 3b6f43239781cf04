/**
 * 希望制 in the browser: the program office opens next year's program, やまなみ町 applies, and the
 * office compares the applicants' indicators and selects it with two advisors — which creates the
 * engagement that continues this year's.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, launchBrowser, type Session, signInAs, visible } from './support/browser';
import { type RunningApp, startApp } from './support/server';

let app: RunningApp;
let browser: Browser;
let office: Session;

/** Next fiscal year (April–March, Japan time): always open for applications, whenever the suite runs. */
const nextFiscalYear = (() => {
  const now = new Date(Date.now() + 9 * 3600_000);
  return (now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1) + 1;
})();
const programName = `伴走型支援 ${nextFiscalYear}年度（e2e）`;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  office = await signInAs(browser, app.baseUrl, demo.office);
});

afterAll(async () => {
  await office?.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

describe('applications and selection', () => {
  it('the program office opens next year’s program', async () => {
    const { page } = office;
    await page.getByRole('link', { name: '希望制' }).click();
    await visible(page.getByRole('heading', { name: '次年度のプログラムを開く' }));
    await page.getByLabel('年度', { exact: true }).fill(String(nextFiscalYear));
    await page.getByLabel('プログラム名').fill(programName);
    await page.getByRole('button', { name: 'プログラムを作成' }).click();
    await visible(page.getByText(`${programName} を作成しました。自治体が応募できます。`));
    await visible(page.getByRole('link', { name: programName }));
  });

  it('やまなみ町 applies for itself', async () => {
    const staff = await signInAs(browser, app.baseUrl, demo.yamanami);
    try {
      const { page } = staff;
      await page.getByRole('link', { name: '希望制' }).click();
      await page.getByRole('link', { name: programName }).click();
      await visible(page.getByRole('heading', { name: 'やまなみ町として応募' }));
      await page.getByLabel('テーマ').fill('在宅医療・介護連携');
      await page.getByLabel('応募の動機・解決したい課題').fill('看取りまで町で支える体制を広域で作りたい');
      await page.getByLabel('担当者名').fill('山口 大地');
      await page.getByLabel('連絡先メール').fill('yamanami@demo.banso.jp');
      await page.getByRole('button', { name: '応募する' }).click();
      await visible(page.getByRole('heading', { name: /あなたの自治体の応募/ }));
      await visible(page.getByText('応募中'));
      expect(staff.errors).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });

  it('the office compares the indicators and selects it with two advisors', async () => {
    const { page } = office;
    await page.getByRole('link', { name: programName }).click();
    const row = page.locator('.selection-table tbody tr', { hasText: 'やまなみ町' });
    await visible(row);
    expect(await row.textContent()).toContain('41.5%'); // aging rate, side by side with the indicators
    await visible(page.locator('.selection-table thead th', { hasText: 'M01' }));
    await page.getByRole('button', { name: 'やまなみ町 選定する…' }).click();
    const form = page.getByRole('form', { name: 'やまなみ町を選定' });
    await visible(form);
    await form.getByLabel('森川 恵子').check();
    await form.getByLabel('北野 修').check();
    expect(await form.getByLabel('前年度のロジックツリー・継続中の取組・検証方法・チームを引き継ぐ').isChecked()).toBe(true);
    await form.getByRole('button', { name: '選定して案件を作成' }).click();
    await visible(page.getByText('やまなみ町を選定し、案件を作成しました。'));
    await visible(page.locator('.selection-categories', { hasText: '町村部 選定済み' }));
    await page.getByRole('link', { name: '案件を開く' }).first().click();
    await visible(page.getByRole('heading', { name: /やまなみ町/, level: 1 }));
    expect(office.errors).toEqual([]);
  });
});
