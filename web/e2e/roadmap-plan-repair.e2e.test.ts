/**
 * Issue 12 item 1: a verification plan without baseline or target month (and without measurements)
 * used to crash its whole roadmap row (「Not an ISO date: 0-01」 from the chart), with the plan's
 * edit form inside the crashed panel. Now the row opens, the plan shows what the agreement still
 * needs, the form marks those fields, and the plan is repaired from the UI.
 */
import { describe, expect, it } from 'vitest';
import { demo, gone, pickMonth, visible } from './support/browser';
import { useEngagementJourney } from './support/journey';

const action = 'マンション管理組合・配達事業者と見守り協定';
const s = useEngagementJourney(demo.morikawa, 'みどり区');

describe('a verification plan without months', () => {
  it('is saved with a name only, and its row still opens with the plan, its gaps and its edit button', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'ロードマップ' }).click();
    await page.getByRole('button', { name: new RegExp(action) }).click();
    const panel = page.locator('.row-panel');
    await visible(panel.getByRole('heading', { name: action }));

    await panel.getByRole('button', { name: '検証方法を追加' }).click();
    // The form marks what the roadmap agreement needs.
    await visible(panel.getByText('ベースライン時点（合意に必要）'));
    await visible(panel.getByText('目標時期（合意に必要）'));
    await panel.getByLabel('指標名（カタログにない場合）').fill('見守り協定による通報件数');
    await panel.getByRole('button', { name: '保存', exact: true }).click();

    const card = panel.locator('.plan-card', { hasText: '見守り協定による通報件数' });
    await visible(card.getByText(/合意に必要な未入力項目/));
    expect(await card.textContent()).toContain('検証方法のベースライン時点');
    await visible(card.getByRole('img', { name: /見守り協定による通報件数/ }));
    // The rest of the row survived: the other plan of the action and its milestones are there.
    await visible(panel.locator('.plan-card', { hasText: '初回相談時 認知症自立度Ⅱb以下の割合' }));
    await gone(page.getByText('画面の表示中に問題が発生しました。'));
    expect(s.errors.filter((e) => e.includes('Not an ISO date'))).toEqual([]);
  });

  it('is repaired from its card, and then complete for the agreement', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    const card = panel.locator('.plan-card', { hasText: '見守り協定による通報件数' });
    await card.getByRole('button', { name: '検証方法を編集' }).click();
    await card.getByLabel('単位', { exact: true }).fill('件/年');
    await card.getByLabel('ベースライン値').fill('0');
    await pickMonth(card, 'ベースライン時点', '2025-09');
    await card.getByLabel('目標値').fill('40');
    await pickMonth(card, '目標時期', '2027-03');
    await card.getByLabel('測定時期・頻度').fill('四半期');
    await card.getByLabel('データ出典').fill('包括受付記録');
    await card.getByRole('button', { name: '保存', exact: true }).click();
    await visible(card.getByText('合意に必要な項目はそろっています'));
    // The saved plan's figures, once the save has answered (the form says 保存中… until then).
    await visible(card.getByText('40件/年'));
    await gone(card.getByText('保存中…'));
    await page.reload();
    await page.getByRole('tab', { name: 'ロードマップ' }).click();
    await page.getByRole('button', { name: new RegExp(action) }).click();
    await visible(
      page.locator('.row-panel .plan-card', { hasText: '見守り協定による通報件数' }).getByText('合意に必要な項目はそろっています'),
    );
  });
});
