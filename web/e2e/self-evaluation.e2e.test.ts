/**
 * The 「取組と目標」 self-evaluation sheet: the municipal member (中村 陽子, みどり区) adds a 取組と目標
 * to this year's sheet, marks it ○ and links it to an action, meets someone else's change (412) and
 * reloads it, and downloads the sheet as Excel. A screenshot of the tab goes to SCREENSHOT_DIR.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { engagementIdOf, useEngagementJourney } from './support/journey';

const outDir = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'banso-screenshots');
const s = useEngagementJourney(demo.midori, 'みどり区');
const goal = '認知症サポーターの養成';

/** The text of one entry of a zip file (an xlsx), read through its central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`no ${name} in the file`);
}

/** Calls the API as the page's signed-in user (the CSRF token from /api/auth/me). */
async function apiCall(page: Page, method: string, url: string, body: unknown, ifMatch: string): Promise<number> {
  return page.evaluate(
    async ([m, u, b, v]) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(u, {
        method: m,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'if-match': v },
        body: JSON.stringify(b),
      });
      return res.status;
    },
    [method, url, body, ifMatch] as const,
  );
}

describe('自己評価シート', () => {
  it('shows this year’s sheet of the plan period with the demo’s marks', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: '自己評価シート' }).click();
    await visible(page.getByRole('heading', { name: '取組と目標 自己評価シート' }));
    // The demo stands in 令和7年度 (E2E_DEMO_DATE); the server's own today may be later in the plan period.
    await page.getByLabel('年度').selectOption('2025');
    await visible(page.getByText('第9期 介護保険事業計画（令和6年度〜令和8年度）'));
    const row = page.locator('.self-eval-table tbody tr', { hasText: '認知症相談窓口の周知' });
    await visible(row);
    expect(await row.locator('.self-eval-table__mark').textContent()).toBe('○概ね達成');
  });

  it('adds a 取組と目標, marks it ○ and links it to an action', async () => {
    const { page } = s;
    await page.getByRole('button', { name: '取組と目標を追加' }).click();
    const form = page.getByRole('form', { name: '取組と目標の追加' });
    await visible(form);
    await form.getByLabel('区分').fill('認知症施策の推進');
    await form.getByLabel('取組と目標').fill(goal);
    await form.getByLabel('指標（計画での表記）').fill('認知症サポーター養成数');
    await form.getByLabel('単位').fill('人');
    await form.getByLabel('目標値').fill('300');
    await form.getByLabel('実績値').fill('280');
    await form.getByLabel('自己評価', { exact: true }).selectOption({ label: '○ 概ね達成' });
    await form.getByLabel('評価の理由・課題').fill('企業向け講座が伸び、目標の9割を超えた。');
    await form.getByLabel('今後の方向性', { exact: true }).selectOption({ label: '継続' });
    await form.getByRole('checkbox', { name: /区報・薬局で相談窓口を周知/ }).check();
    await form.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText(`「${goal}」を保存しました。`));
    const row = page.locator('.self-eval-table tbody tr', { hasText: goal });
    await visible(row);
    expect(await row.locator('.self-eval-table__mark').textContent()).toBe('○概ね達成');
    await visible(row.getByText('280人'));
    await visible(row.locator('.self-eval-table__links', { hasText: '区報・薬局で相談窓口を周知' }));
    expect(s.errors).toEqual([]);
  });

  it('says someone else changed the item (412) and reloads their version into the form', async () => {
    const { page } = s;
    const id = await engagementIdOf(page, 'みどり区');
    const list = (await page.evaluate(
      (u) => fetch(u).then((r) => r.json()),
      `/api/engagements/${id}/self-evaluations?fiscalYear=2025`,
    )) as {
      items: { id: string; title: string; version: number }[];
    };
    const item = list.items.find((i) => i.title === goal)!;
    await page.getByRole('button', { name: `編集: ${goal}` }).click();
    const form = page.getByRole('form', { name: `${goal} の編集` });
    await visible(form);
    // Meanwhile an advisor's edit, as the API sees it: the version moves on.
    expect(
      await apiCall(page, 'PATCH', `/api/engagements/${id}/self-evaluations/${item.id}`, { actualValue: 290 }, `"${item.version}"`),
    ).toBe(200);
    await form.getByLabel('評価の理由・課題').fill('自分の入力');
    await form.getByRole('button', { name: '保存' }).click();
    await visible(form.getByText('ほかの人がこの項目を変更しました。再読み込みして最新の内容を確認してください。'));
    await form.getByRole('button', { name: '再読み込み' }).click();
    expect(await form.getByLabel('実績値').inputValue()).toBe('290');
    await form.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText(`「${goal}」を保存しました。`));
  });

  it('downloads the sheet as Excel with the title, the new item and its mark', async () => {
    const { page } = s;
    mkdirSync(outDir, { recursive: true });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    writeFileSync(path.join(outDir, 'self-evaluation-ja.png'), await page.screenshot({ fullPage: true }));
    const link = page.getByRole('link', { name: 'Excelでダウンロード' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('みどり区_取組と目標_自己評価シート_FY2025.xlsx');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const strings = zipEntry(bytes, 'xl/sharedStrings.xml');
    for (const text of ['令和7年度 取組と目標 自己評価シート', goal, '○', '◎', '継続']) expect(strings).toContain(text);
    expect(s.errors).toEqual([]);
  });
});
