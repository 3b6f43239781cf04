/**
 * Issue 11 finding 7, issue 12 items 3 and 4: roadmap records are corrected and removed from the UI.
 * The lead advisor records a measurement, corrects it (訂正) and deletes it after confirming; adds,
 * edits, completes (and undoes that from the toast) and deletes a milestone; adds, edits and deletes
 * a verification plan. Each deletion is confirmed in a dialog and still gone after a reload.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, gone, pickMonth, visible } from './support/browser';
import { useEngagementJourney } from './support/journey';

const action = '医師会と「もの忘れ連絡票」を定型化';
const s = useEngagementJourney(demo.morikawa, 'みどり区');

/** Opens the action's row on the roadmap tab and answers its panel. */
async function openRow(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'ロードマップ' }).click();
  await page.getByRole('button', { name: new RegExp(action) }).click();
  const panel = page.locator('.row-panel');
  await visible(panel.getByRole('heading', { name: action }));
  return panel;
}

/** Confirms the open confirmation dialog with its destructive button. */
async function confirm(page: Page, title: string, button: string): Promise<void> {
  const dialog = page.getByRole('alertdialog', { name: title });
  await visible(dialog);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await gone(page.getByRole('alertdialog'));
}

const period = '令和8年10月';

describe('measurements', () => {
  it('records a value and corrects it inline (訂正)', async () => {
    const { page } = s;
    const panel = await openRow(page);
    const card = panel.locator('.plan-card').first();
    await pickMonth(card, '対象月', '2026-10');
    await card.getByLabel(/^値/).fill('18');
    await card.getByLabel('コメント', { exact: true }).fill('速報値');
    await card.getByRole('button', { name: '測定値を記録' }).click();
    await visible(card.getByText('測定値を記録しました。'));

    await card.locator('details.measurements > summary').click();
    const row = card.locator('details.measurements tbody tr', { hasText: period });
    await visible(row.getByText('速報値'));
    await row.getByRole('button', { name: `${period} の測定値を訂正` }).click();
    const form = card.getByRole('form', { name: `${period} の測定値の訂正` });
    await visible(form);
    await form.getByLabel(/^値/).fill('21');
    await form.getByLabel('コメント', { exact: true }).fill('確定値');
    await form.getByRole('button', { name: '訂正を保存' }).click();
    await visible(card.getByText(`${period} の測定値を訂正しました。`));
    const corrected = card.locator('details.measurements tbody tr', { hasText: period });
    await visible(corrected.getByText('確定値'));
    expect(await corrected.textContent()).toContain('21件/年');
    expect(await corrected.textContent()).toContain('森川 恵子');
  });

  it('deletes it after a confirmation; a cancelled confirmation keeps it; gone after a reload', async () => {
    const { page } = s;
    const card = page.locator('.row-panel .plan-card').first();
    const row = () => card.locator('details.measurements tbody tr', { hasText: period });
    await row()
      .getByRole('button', { name: `${period} の測定値を削除` })
      .click();
    const dialog = page.getByRole('alertdialog', { name: '測定値を削除しますか？' });
    await visible(dialog.getByText(/21件\/年 を削除します/));
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await gone(page.getByRole('alertdialog'));
    await visible(row());

    await row()
      .getByRole('button', { name: `${period} の測定値を削除` })
      .click();
    await confirm(page, '測定値を削除しますか？', '削除');
    await visible(card.getByText(`${period} の測定値を削除しました。`));
    await gone(row());

    await page.reload();
    const panel = await openRow(page);
    // The plan's only value is gone: it shows no measurement of the period (nor, here, any at all).
    const again = panel.locator('.plan-card').first();
    await visible(again.getByRole('button', { name: '測定値を記録' }));
    expect(await again.locator('details.measurements tbody tr', { hasText: period }).count()).toBe(0);
  });
});

describe('milestones', () => {
  const title = 'E2E 連絡票の様式確定';
  const edited = 'E2E 連絡票の様式確定（医師会承認）';

  it('adds and edits a milestone', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    const add = panel.getByRole('form', { name: 'マイルストーンを追加' });
    await add.getByLabel('期限').fill('2027-01-29');
    await add.getByLabel('内容').fill(title);
    await add.getByRole('button', { name: 'マイルストーンを追加' }).click();
    await visible(panel.locator('.milestone-list__item', { hasText: title }));

    await panel.getByRole('button', { name: `「${title}」を編集` }).click();
    const form = panel.getByRole('form', { name: `「${title}」の編集` });
    await form.getByLabel('内容').fill(edited);
    await form.getByLabel('期限').fill('2027-02-26');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await visible(panel.getByText(`「${edited}」を保存しました。`));
    const item = panel.locator('.milestone-list__item', { hasText: edited });
    await visible(item.getByText('令和9年2月26日'));
  });

  it('marks it done, and undoes that from the toast', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    const item = panel.locator('.milestone-list__item', { hasText: edited });
    await item.getByRole('button', { name: `「${edited}」を完了にする` }).click();
    const toast = page.getByRole('status').filter({ hasText: `「${edited}」を完了にしました。` });
    await visible(toast);
    await visible(item.getByText('完了', { exact: true }));
    await toast.getByRole('button', { name: '元に戻す' }).click();
    await visible(page.getByRole('status').filter({ hasText: `「${edited}」を完了前の状態に戻しました。` }));
    await visible(item.getByRole('button', { name: `「${edited}」を完了にする` }));
    await visible(item.getByText('予定', { exact: true }));
  });

  it('deletes it after a confirmation; gone after a reload', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    await panel.getByRole('button', { name: `「${edited}」を削除` }).click();
    await confirm(page, 'マイルストーンを削除しますか？', '削除');
    await visible(panel.getByText(`「${edited}」を削除しました。`));
    await gone(panel.locator('.milestone-list__item', { hasText: edited }));
    await page.reload();
    const again = await openRow(page);
    await visible(again.locator('.milestone-list__item').first());
    expect(await again.locator('.milestone-list__item', { hasText: edited }).count()).toBe(0);
  });
});

describe('verification plans', () => {
  const name = 'E2E 連絡票の返信率';

  it('adds and edits a plan', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    await panel.getByRole('button', { name: '検証方法を追加' }).click();
    await panel.getByLabel('指標名（カタログにない場合）').fill(name);
    await panel.getByRole('button', { name: '保存', exact: true }).click();
    const card = panel.locator('.plan-card', { hasText: name });
    await visible(card.getByText(/合意に必要な未入力項目/));
    await card.getByRole('button', { name: '検証方法を編集' }).click();
    await card.getByLabel('測定時期・頻度').fill('半期');
    await card.getByRole('button', { name: '保存', exact: true }).click();
    await visible(card.getByText('半期'));
  });

  it('deletes it after a confirmation; gone after a reload', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    const card = panel.locator('.plan-card', { hasText: name });
    await card.getByRole('button', { name: '検証方法を削除' }).click();
    await confirm(page, '検証方法を削除しますか？', '検証方法を削除');
    await visible(panel.getByText(`検証方法「${name}」を削除しました。`));
    await gone(panel.locator('.plan-card', { hasText: name }));
    await page.reload();
    const again = await openRow(page);
    await visible(again.locator('.plan-card').first());
    expect(await again.locator('.plan-card', { hasText: name }).count()).toBe(0);
    expect(s.errors).toEqual([]);
  });
});
