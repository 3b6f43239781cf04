/**
 * Working together live (issue 15), two browsers on one engagement: the advisor and the observer
 * see each other in the presence line; the advisor adds a node and the observer's open tree shows
 * it without a reload; the observer asks a question on it, the advisor answers, and the observer
 * reads the answer — each side's view refreshed by the live stream, never by a reload.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { engagementIdOf, useJourney, waitTreeSaved } from './support/journey';

const journey = useJourney();

async function openTree(page: Page, engagementId: string): Promise<void> {
  await page.goto(`/engagements/${engagementId}/tree`);
  await page.waitForFunction(() => Number(document.body.dataset.treeReady) > 0, null, { timeout: 20_000 });
}

/** With SCREENSHOTS=1, pictures to look at (not asserted) in SCREENSHOT_DIR. */
async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  const dir = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'banso-screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `live-${name}.png`) });
}

const node = (page: Page, label: string) => page.getByRole('group', { name: label, exact: true });

describe('two people on one engagement, live', () => {
  it('shows the advisor’s new node in the observer’s open tree, and the question and answer on it, without reloading', async () => {
    const advisor = await journey.session(demo.morikawa);
    const observer = await journey.session(demo.sakura);
    const id = await engagementIdOf(advisor.page, 'みどり区');
    await openTree(advisor.page, id);
    await openTree(observer.page, id);
    const reloads = { advisor: 0, observer: 0 };
    advisor.page.on('load', () => (reloads.advisor += 1));
    observer.page.on('load', () => (reloads.observer += 1));

    // Presence: the advisor sees the observer by name; the observer sees the advisor's role only.
    await visible(advisor.page.locator('.presence').getByText('石井 聡（傍聴自治体）'), 10_000);
    const seen = await visible(observer.page.locator('.presence__person'), 10_000);
    expect(await seen.first().textContent()).toMatch(/^アドバイザー・/);
    expect(await observer.page.locator('.presence').textContent()).not.toContain('森川');
    await shot(advisor.page, 'advisor-presence');

    // The advisor adds a node under an outcome (Insert adds a child) and it is saved.
    await node(advisor.page, '中間アウトカム: 早期に相談・支援につながる').click();
    await advisor.page.keyboard.press('Insert');
    await visible(advisor.page.locator('.lt-node__editor'));
    await advisor.page.keyboard.type('ライブで追加したノード');
    await advisor.page.keyboard.press('Enter');
    await waitTreeSaved(advisor.page);

    // The observer's tree shows it, with no reload.
    const added = observer.page.getByRole('group', { name: /ライブで追加したノード$/ });
    await visible(added, 10_000);

    // The observer asks a question on the new node.
    await added.click();
    const panel = observer.page.locator('.lt-panel');
    await panel.getByRole('textbox', { name: '質問', exact: true }).fill('この課題の根拠になる数字はありますか。');
    await panel.getByRole('button', { name: '質問する' }).click();
    await visible(panel.getByText('この課題の根拠になる数字はありますか。'));

    // The advisor, on the same node, sees the question arrive and answers it.
    await advisor.page.getByRole('group', { name: /ライブで追加したノード$/ }).click();
    const advisorPanel = advisor.page.locator('.lt-panel');
    const thread = await visible(advisorPanel.getByRole('listitem', { name: '質問のスレッド' }), 10_000);
    await visible(thread.getByText('この課題の根拠になる数字はありますか。'));
    await thread.getByRole('button', { name: '回答する' }).click();
    await thread.getByRole('textbox', { name: '回答する' }).fill('包括の相談記録で、初回相談時の自立度を集計しています。');
    await thread.getByRole('button', { name: '送信' }).click();
    await visible(thread.getByText('包括の相談記録で、初回相談時の自立度を集計しています。'));

    // The observer reads the answer where they asked.
    await visible(panel.getByText('包括の相談記録で、初回相談時の自立度を集計しています。'), 10_000);
    await shot(observer.page, 'observer-answer');
    await observer.page.setViewportSize({ width: 390, height: 844 });
    await shot(observer.page, 'observer-mobile');
    expect(reloads).toEqual({ advisor: 0, observer: 0 });
    expect(advisor.errors).toEqual([]);
    expect(observer.errors).toEqual([]);
  });
});
