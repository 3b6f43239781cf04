/**
 * The advisor keeps the hearing record right: edits a finding's text and 公開範囲 (seeing who will
 * read it), deletes a finding after confirming, moves a homework due date, deletes homework, approves
 * minutes after confirming and deletes a visit without findings; then restores an older revision of the logic tree. Every change is
 * checked in the UI after a reload.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, gone, visible } from './support/browser';
import { useEngagementJourney } from './support/journey';

const s = useEngagementJourney(demo.morikawa, 'みどり区');

/** Reloads the page and waits for the hearing tab's visits. */
async function reloadHearing(page: Page) {
  await page.reload();
  await visible(page.locator('.visit').first());
}

const finding = (page: Page, text: string) => page.locator('.finding', { hasText: text });
const homework = (page: Page, text: string) => page.locator('.checklist__item', { hasText: text });

describe('advisor: editing and deleting hearing records', () => {
  it('edits a finding’s text and 公開範囲, with the privacy meaning shown', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'ヒアリング' }).click();
    const item = finding(page, 'かかりつけ医から包括への連絡は個人的な関係に頼っている');
    await visible(item);
    expect(await item.textContent()).toContain('傍聴自治体にも公開');
    await item.getByRole('button', { name: /^編集/ }).click();
    const form = item.locator('form');
    await visible(form);
    // Prefilled with what the finding says.
    expect(await form.getByLabel('内容').inputValue()).toBe('かかりつけ医から包括への連絡は個人的な関係に頼っている');
    await visible(form.getByText('傍聴自治体（閲覧のみの近隣自治体）も読めます'));
    await form.getByLabel('公開範囲').selectOption({ label: '支援チームのみ' });
    await visible(form.getByText('支援チーム（アドバイザー）と実施主体だけが読めます'));
    await form.getByLabel('内容').fill('かかりつけ医から包括への連絡は医師個人の関係に頼っている');
    await form.getByRole('button', { name: '保存' }).click();
    await gone(form);

    await reloadHearing(page);
    const edited = finding(page, 'かかりつけ医から包括への連絡は医師個人の関係に頼っている');
    await visible(edited);
    expect(await edited.textContent()).toContain('支援チームのみ');
    expect(await finding(page, '個人的な関係に頼っている').count()).toBe(0);
  });

  it('deletes a finding after confirming', async () => {
    const { page } = s;
    const text = '初回相談時に認知症自立度Ⅱb以下の人は58%にとどまる';
    await finding(page, text).getByRole('button', { name: /^削除/ }).click();
    const dialog = await visible(page.getByRole('alertdialog'));
    expect(await dialog.textContent()).toContain(text);
    // Cancelling keeps it.
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await gone(page.getByRole('alertdialog'));
    await visible(finding(page, text));
    await finding(page, text).getByRole('button', { name: /^削除/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '削除', exact: true }).click();
    await gone(finding(page, text));

    await reloadHearing(page);
    expect(await finding(page, text).count()).toBe(0);
  });

  it('moves a homework due date, then deletes the homework', async () => {
    const { page } = s;
    const text = '包括別の初回相談時自立度を集計する';
    await visible(homework(page, text));
    expect(await homework(page, text).textContent()).toContain('期限 令和7年8月31日');
    await homework(page, text).getByRole('button', { name: /^編集/ }).click();
    const form = homework(page, text).locator('form');
    expect(await form.getByLabel('期限').inputValue()).toBe('2025-08-31');
    await form.getByLabel('期限').fill('2026-02-27');
    await form.getByRole('button', { name: '保存' }).click();
    await gone(form);

    await reloadHearing(page);
    await visible(homework(page, text).getByText('期限 令和8年2月27日'));

    await homework(page, text).getByRole('button', { name: /^削除/ }).click();
    const dialog = await visible(page.getByRole('alertdialog'));
    expect(await dialog.textContent()).toContain(text);
    await dialog.getByRole('button', { name: '削除', exact: true }).click();
    await gone(homework(page, text));

    await reloadHearing(page);
    expect(await homework(page, text).count()).toBe(0);
  });

  it('approves minutes only after confirming', async () => {
    const { page } = s;
    const second = page.locator('.visit', { hasText: '令和7年10月2日' });
    await second.getByRole('button', { name: '議事録を承認' }).click();
    const dialog = await visible(page.getByRole('alertdialog'));
    expect(await dialog.textContent()).toContain('自治体と合意した記録');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await gone(page.getByRole('alertdialog'));
    expect(await second.textContent()).not.toContain('議事録承認済み');
    await second.getByRole('button', { name: '議事録を承認' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '議事録を承認' }).click();
    await visible(second.getByText('議事録承認済み'));

    await reloadHearing(page);
    const approved = page.locator('.visit', { hasText: '令和7年10月2日' });
    await visible(approved.getByText('議事録承認済み'));
    // Approved minutes are a record: the visit cannot be deleted, and says why.
    expect(await approved.getByRole('button', { name: /^削除 第\d+回$/ }).isDisabled()).toBe(true);
    await visible(approved.getByText('議事録が承認済みのため削除できません。'));
  });

  it('deletes a visit without findings after confirming; a visit with findings cannot be deleted', async () => {
    const { page } = s;
    // The first visit holds findings: its delete button is disabled and says why.
    const first = page.locator('.visit', { hasText: '令和7年7月10日' });
    expect(await first.getByRole('button', { name: '削除 第1回', exact: true }).isDisabled()).toBe(true);
    await visible(first.getByText('記録が2件あるため削除できません', { exact: false }));

    const form = page.locator('.disclosure', { hasText: '支援回を追加' });
    await form.locator('summary').click();
    await form.getByLabel('実施日').fill('2026-02-10');
    await form.getByLabel('形式').selectOption({ index: 0 });
    await form.getByRole('button', { name: '支援回を追加' }).click();
    await visible(form.getByText('支援回を追加しました。'));
    const visit = page.locator('.visit', { hasText: '令和8年2月10日' });
    await visible(visit);

    await visit.getByRole('button', { name: /^削除 第\d+回$/ }).click();
    const dialog = await visible(page.getByRole('alertdialog'));
    expect(await dialog.textContent()).toContain('令和8年2月10日');
    await dialog.getByRole('button', { name: '削除', exact: true }).click();
    await gone(visit);

    await reloadHearing(page);
    expect(await page.locator('.visit', { hasText: '令和8年2月10日' }).count()).toBe(0);
    expect(s.errors).toEqual([]);
  });
});

describe('advisor: restoring an older tree revision', () => {
  const node = (page: Page, kindLabel: string, title: string) => page.getByRole('group', { name: `${kindLabel}: ${title}`, exact: true });

  it('restores revision 1 as a new revision after an edit, and the restored tree survives a reload', async () => {
    const { page } = s;
    const original = '依頼基準が包括間でばらつく';
    const renamed = '依頼基準が包括ごとに異なる';
    await page.getByRole('tab', { name: 'ロジックツリー' }).click();
    await page.waitForFunction(() => Number(document.body.dataset.treeReady) > 0, null, { timeout: 30_000 });

    // An edit makes revision 2.
    await node(page, '要因', original).click();
    await page.keyboard.press('F2');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(renamed);
    await page.keyboard.press('Enter');
    await page.getByTestId('tree-save-status').filter({ hasText: '保存済み' }).waitFor({ timeout: 15_000 });
    await visible(node(page, '要因', renamed));

    // Revision 1, shown read-only, is restored after confirming.
    const slider = page.getByRole('slider', { name: '表示する版' });
    expect(await slider.getAttribute('max')).toBe('2');
    await slider.fill('1');
    await visible(page.getByTestId('tree-revision-info').filter({ hasText: '版 1 / 2 を表示中（閲覧のみ）' }));
    await page.getByRole('button', { name: 'この版に戻す' }).click();
    const dialog = await visible(page.getByRole('alertdialog'));
    expect(await dialog.textContent()).toContain('新しい版 3');
    await dialog.getByRole('button', { name: '戻す', exact: true }).click();
    await visible(page.getByTestId('tree-revision-info').filter({ hasText: '最新の版を表示中' }));
    await visible(node(page, '要因', original));

    await page.reload();
    await page.waitForFunction(() => Number(document.body.dataset.treeReady) > 0, null, { timeout: 30_000 });
    await visible(node(page, '要因', original));
    expect(await node(page, '要因', renamed).count()).toBe(0);
    expect(await page.getByRole('slider', { name: '表示する版' }).getAttribute('max')).toBe('3');
    await visible(page.getByTestId('tree-revision-info').filter({ hasText: '版 1 に戻した' }));
    // The edit is still in the history: revision 2 shows the renamed node.
    await page.getByRole('slider', { name: '表示する版' }).fill('2');
    await visible(node(page, '要因', renamed));
    expect(s.errors).toEqual([]);
  });
});
