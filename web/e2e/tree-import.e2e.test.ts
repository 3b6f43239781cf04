/**
 * Importing a logic tree (「Excelから取り込む」) in Chromium against the real API: an advisor pastes an
 * outline, reads the preview (rows, inferred kinds), fixes a kind — the nodes under it follow — and
 * imports it under the goal; the editor shows the new revision with the nodes. Screenshots of the
 * dialog (Japanese and English, desktop) go to /tmp/h8-treeimport-*.png to be looked at.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, gone, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const journey = useJourney();
const { session } = journey;

async function openTree(page: Page, municipality: string): Promise<string> {
  const id = await engagementIdOf(page, municipality);
  await page.goto(`/engagements/${id}/tree`);
  await page.waitForFunction(() => Number(document.body.dataset.treeReady) > 0, null, { timeout: 20_000 });
  return id;
}

const outline = ['外出する高齢者が増える', '　閉じこもりがちな高齢者が多い', '　　外出のきっかけがない', '　　　地域サロンの開催'].join(
  '\n',
);

describe('importing a logic tree', () => {
  it('an advisor pastes an outline, fixes a kind, imports it under the goal and sees the nodes in the editor', async () => {
    const { page, errors } = await session(demo.morikawa, { width: 1440, height: 900 });
    const id = await openTree(page, 'みどり区');
    const before = (await (await page.request.get(`/api/engagements/${id}/tree`)).json()) as { revision: number; nodes: unknown[] };

    await page.getByRole('button', { name: 'Excelから取り込む' }).click();
    const dialog = page.getByRole('dialog', { name: 'ロジックツリーを取り込む' });
    await visible(dialog);
    await dialog.getByLabel('アウトライン').fill(outline);
    await dialog.getByRole('button', { name: '読み込んで確認' }).click();
    const list = dialog.getByTestId('tree-import-preview');
    await visible(list.getByText('地域サロンの開催'));
    // Under the goal: 課題 → 要因 → 要因 → 取組案, each with its row.
    const kindOf = (row: number, title: string) => dialog.getByLabel(`${row}行「${title}」の種類`);
    expect(await kindOf(1, '外出する高齢者が増える').inputValue()).toBe('issue');
    expect(await kindOf(2, '閉じこもりがちな高齢者が多い').inputValue()).toBe('cause');
    expect(await kindOf(4, '地域サロンの開催').inputValue()).toBe('measure');
    await visible(dialog.getByText('1行'));

    // The first line is an intermediate outcome: the rows under it move down a kind.
    await kindOf(1, '外出する高齢者が増える').selectOption('outcome');
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('[data-testid="tree-import-preview"] li:nth-child(2) select')?.value === 'issue',
    );
    expect(await kindOf(3, '外出のきっかけがない').inputValue()).toBe('cause');
    await visible(dialog.getByText('変更済み'));
    await visible(dialog.getByText('取り込めます。'));
    await expect(dialog.getByRole('radio', { name: '既存のノードの下に追加する' }).isChecked()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/h8-treeimport-ja.png' });

    // Focus stays in the modal: Tab from the last control comes back into the dialog.
    await dialog.getByRole('button', { name: '取り込む', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')) || document.activeElement === document.body)).toBe(
      true,
    );

    await dialog.getByRole('button', { name: '取り込む', exact: true }).click();
    await gone(dialog);
    await visible(page.getByText('4 件のノードを取り込みました'));
    // Off-screen nodes are not rendered: show the whole tree first.
    await page.getByRole('button', { name: '全体を表示' }).click();
    await visible(page.getByRole('group', { name: '中間アウトカム: 外出する高齢者が増える', exact: true }));
    await visible(page.getByRole('group', { name: '取組案: 地域サロンの開催', exact: true }));
    await visible(page.getByTestId('tree-save-status').filter({ hasText: `版 ${before.revision + 1}` }));

    const after = (await (await page.request.get(`/api/engagements/${id}/tree`)).json()) as {
      revision: number;
      nodes: { kind: string; title: string }[];
    };
    expect(after.revision).toBe(before.revision + 1);
    expect(after.nodes).toHaveLength(before.nodes.length + 4);
    expect(after.nodes.find((n) => n.title === '閉じこもりがちな高齢者が多い')?.kind).toBe('issue');
    expect(errors).toEqual([]);
  });

  it('reads in English, with row numbers in the errors', async () => {
    const { page, errors } = await session(demo.takada, { width: 1440, height: 900 });
    await page.evaluate(() => window.localStorage.setItem('banso.locale', 'en'));
    await openTree(page, 'みどり区');
    await page.getByRole('button', { name: 'Import from Excel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a logic tree' });
    await dialog.getByLabel('Outline').fill('■ Older people go out more\n□ Few reasons to go out\n○ Community salon\n■ A second goal');
    await dialog.getByRole('button', { name: 'Read and check' }).click();
    await dialog.getByRole('radio', { name: 'Replace the tree' }).check();
    const problems = dialog.getByTestId('tree-import-errors');
    await visible(problems.getByText('Row 4: Only one “Goal” can be at the top.'));
    await visible(dialog.getByText(/I confirm that the current tree/));
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: '/tmp/h8-treeimport-en.png' });
    await page.keyboard.press('Escape');
    await gone(dialog);
    expect(errors).toEqual([]);
  });
});
