/**
 * 横展開 from the library (issue 16.3): the member of another municipality (やまなみ町) finds みどり区's
 * published case (last year's report) by a two-character word of its narrative (「窓口」), opens it and adopts one 要因 with the items
 * under it into their own tree as hypotheses; the tree opens on the result, and every adopted node
 * keeps its source case.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { useJourney } from './support/journey';

const journey = useJourney();

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
}

describe('adopting a published case', () => {
  it('finds みどり区 by 「窓口」, adopts a 要因 with its 取組案 into やまなみ町’s tree, each node with its source', async () => {
    const member = await journey.session(demo.yamanami);
    const { page } = member;
    await page.getByRole('link', { name: '事例ライブラリ' }).click();
    await page.getByLabel('キーワード').fill('窓口');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/q=/);
    const hit = page.getByRole('link', { name: 'みどり区' }).first();
    await visible(hit);
    await hit.click();
    await visible(page.getByRole('heading', { name: 'みどり区', level: 1 }));

    await page.getByRole('button', { name: 'この事例を使う' }).click();
    const source = page.getByLabel('取り込む項目（下の項目も含みます）');
    const labels = await source.locator('option').allTextContents();
    const cause = labels.find((l) => l.startsWith('要因'));
    expect(cause, labels.join(' / ')).toBeTruthy();
    await source.selectOption({ label: cause! });
    const target = page.getByLabel('取り込み先の案件');
    const own = (await target.locator('option').allTextContents()).find((l) => l.startsWith('やまなみ町'));
    expect(own).toBeTruthy();
    await target.selectOption({ label: own! });
    const parent = page.getByLabel('取り込み先の親項目');
    await expect.poll(async () => (await parent.locator('option').allTextContents()).length).toBeGreaterThan(1);
    const issue = (await parent.locator('option').allTextContents()).find((l) => l.startsWith('課題'));
    expect(issue).toBeTruthy();
    await parent.selectOption({ label: issue! });
    await page.getByRole('button', { name: '内容を確認' }).click();
    await visible(page.getByText(/仮説として\d+項目追加します/));
    await page.getByRole('button', { name: '追加する' }).click();

    // The tree of やまなみ町 opens on the adopted nodes.
    await page.waitForURL(/\/tree/);
    const title = cause!.replace(/^要因: /, '');
    await visible(page.getByText(title).first());
    const engagementId = /engagements\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const tree = await getJson<{ nodes: { id: string; title: string; hypothesisState: string | null; parentId: string | null }[] }>(
      page,
      `/api/engagements/${engagementId}/tree`,
    );
    const adopted = tree.nodes.find((n) => n.title === title)!;
    expect(adopted.hypothesisState).toBe('hypothesis');
    const subtree = tree.nodes.filter((n) => n.id === adopted.id || n.parentId === adopted.id);
    const sources = await getJson<{ items: { nodeId: string }[] }>(page, `/api/engagements/${engagementId}/tree/sources`);
    for (const n of subtree) expect(sources.items.map((s) => s.nodeId)).toContain(n.id);
    expect(member.errors).toEqual([]);
  });
});
