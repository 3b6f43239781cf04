/**
 * The advisor's journey on みどり区: select a measure as an action (rationale required), see that
 * the roadmap agreement is blocked and why, give the action a span, a milestone and a verification
 * plan, then propose the agreement; the municipal member sees 「合意する」 and agrees (two-party
 * ロードマップ合意), and the roadmap shows both names; the change survives a reload.
 */
import { describe, expect, it } from 'vitest';
import { demo, gone, pickMonth, visible } from './support/browser';
import { useEngagementJourney } from './support/journey';

const measure = '認知症対応型通所の整備誘導';
const s = useEngagementJourney(demo.morikawa, 'みどり区');

describe('advisor: hearing records', () => {
  it('records a finding shared with observers, linked to a tree node, under the first visit', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'ヒアリング' }).click();
    const form = page.locator('.disclosure', { hasText: '事実・助言を記録' });
    await form.locator('summary').click();
    await form.getByLabel('支援回').selectOption({ label: '第1回 令和7年7月10日' });
    await form.getByLabel('種類').selectOption({ label: '助言' });
    await form.getByLabel('公開範囲').selectOption({ label: '傍聴自治体にも公開' });
    await form.getByLabel('内容').fill('連絡票は様式を1枚に絞ると医師の負担が少ない');
    await form.getByLabel('出典').fill('森川アドバイザー');
    await form.getByLabel('かかりつけ医から包括への連絡経路がない').check();
    await form.getByRole('button', { name: '事実・助言を記録' }).click();
    await visible(form.getByText('記録を追加しました。'));
    const finding = page.locator('.visit', { hasText: '令和7年7月10日' }).locator('.finding', { hasText: '連絡票は様式を1枚に絞ると' });
    await visible(finding);
    expect(await finding.textContent()).toContain('かかりつけ医から包括への連絡経路がない');
    expect(await finding.textContent()).toContain('傍聴自治体にも公開');
  });
});

describe('advisor: from action to agreed roadmap', () => {
  it('requires a measure and a rationale, then selects the action', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: '取組' }).click();
    await visible(page.getByRole('heading', { name: '取組を選定する' }));
    await page.getByRole('button', { name: '取組として選定' }).click();
    await visible(page.getByText('取組ノードを選んでください。'));
    await visible(page.getByText('選定理由を入力してください。'));

    await page.getByLabel('取組（ロジックツリーのノード）').selectOption({ label: `${measure}（日中の居場所が少ない）` });
    await page.getByLabel('選定理由').fill('日中の居場所の不足に直接働きかけ、介護者の負担を下げるため');
    await page.getByLabel('担当部署').fill('介護保険課');
    await page.getByLabel('連携先（読点またはカンマ区切り）').fill('介護サービス事業者連絡会、地域包括支援センター');
    await page.getByLabel('優先度').selectOption({ label: '高' });
    await page.getByRole('button', { name: '取組として選定' }).click();
    await visible(page.getByText(`「${measure}」を取組として選定しました。`));
    const row = page.locator('.actions-table tbody tr', { hasText: measure });
    await visible(row);
    expect(await row.textContent()).toContain('介護サービス事業者連絡会、地域包括支援センター');
    expect(await row.textContent()).toContain('期間または検証方法が未設定');
  });

  it('shows why the roadmap cannot be proposed yet', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'ロードマップ' }).click();
    const panel = page.getByTestId('roadmap-agreement');
    await visible(panel.getByText('合意: 未提案'));
    const propose = panel.getByRole('button', { name: '合意を提案する' });
    await visible(panel.getByText('ロードマップ合意にはまだ次の項目が必要です'));
    expect(await propose.isDisabled()).toBe(true);
    const reason = panel.locator('li', { hasText: measure });
    await visible(reason);
    expect(await reason.textContent()).toContain('ロードマップの期間');
    expect(await reason.textContent()).toContain('検証方法');
    // The status control no longer moves to roadmap_agreed: that is the two parties' agreement.
    expect(await page.getByRole('button', { name: '「ロードマップ合意」へ進める' }).count()).toBe(0);
  });

  it('sets the span, a milestone and a complete verification plan on the roadmap', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'ロードマップ' }).click();
    await page.getByRole('button', { name: new RegExp(measure) }).click();
    const panel = page.locator('.row-panel');
    await visible(panel.getByRole('heading', { name: measure }));

    await pickMonth(panel, '開始月', '2026-04');
    await pickMonth(panel, '終了月', '2027-03');
    await panel.getByRole('button', { name: '期間を保存' }).click();
    await visible(panel.getByText('期間を保存しました。'));
    await visible(panel.getByText('令和8年4月〜令和9年3月', { exact: true }));

    await panel.getByLabel('期限').fill('2026-09-30');
    await panel.getByLabel('内容').fill('整備方針の決定');
    await panel.getByRole('button', { name: 'マイルストーンを追加' }).click();
    await visible(panel.locator('.milestone-list__item', { hasText: '整備方針の決定' }));

    await panel.getByRole('button', { name: '検証方法を追加' }).click();
    await panel.getByLabel('指標名（カタログにない場合）').fill('認知症対応型通所の利用定員');
    await panel.getByLabel('単位', { exact: true }).fill('人');
    await panel.getByLabel('ベースライン値').fill('0');
    await pickMonth(panel, 'ベースライン時点', '2026-03');
    await panel.getByLabel('目標値').fill('24');
    await pickMonth(panel, '目標時期', '2027-03');
    await panel.getByLabel('測定時期・頻度').fill('年度末');
    await panel.getByLabel('データ出典').fill('事業所指定台帳');
    await panel.getByLabel('担当', { exact: true }).fill('介護保険課');
    await panel.getByRole('button', { name: '保存', exact: true }).click();
    const card = panel.locator('.plan-card', { hasText: '認知症対応型通所の利用定員' });
    await visible(card.getByText('合意に必要な項目はそろっています'));
    expect(await card.textContent()).toContain('24人');
  });

  it('proposes the agreement; the municipal member sees 「合意する」 and agrees; the roadmap shows both names after a reload', async () => {
    const { page } = s;
    const panel = page.getByTestId('roadmap-agreement');
    const propose = panel.getByRole('button', { name: '合意を提案する' });
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('[data-testid="roadmap-agreement"] button')].find((x) =>
        x.textContent?.includes('合意を提案する'),
      );
      return b instanceof HTMLButtonElement && !b.disabled;
    });
    // a consequential step is confirmed first: cancelling changes nothing
    await propose.click();
    const dialog = page.getByRole('alertdialog');
    await visible(dialog.getByText('このロードマップと検証方法で合意を市町村に提案します', { exact: false }));
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await gone(page.getByRole('alertdialog'));
    await visible(panel.getByText('合意: 未提案'));
    await propose.click();
    await page.getByRole('alertdialog').getByRole('button', { name: '合意を提案する' }).click();
    await visible(page.getByText('合意を提案しました。'));
    await visible(panel.getByText(/合意: 提案 森川 恵子 \(令和.+\) \/ 合意待ち/));
    // The advisor does not agree on the municipality's behalf.
    expect(await panel.getByRole('button', { name: '合意する' }).count()).toBe(0);

    const member = await s.journey.session(demo.midori);
    try {
      await member.page.getByRole('link', { name: 'みどり区' }).first().click();
      await visible(member.page.getByRole('heading', { name: /みどり区/, level: 1 }));
      await member.page.getByRole('tab', { name: 'ロードマップ' }).click();
      const theirs = member.page.getByTestId('roadmap-agreement');
      await theirs.getByRole('button', { name: '合意する' }).click();
      await member.page.getByRole('alertdialog').getByRole('button', { name: '合意する' }).click();
      await visible(member.page.getByText('ロードマップに合意しました。'));
      await visible(theirs.getByText(/合意: 提案 森川 恵子 \(令和.+\) \/ 合意 中村 陽子 \(令和.+\)/));
      expect(member.errors).toEqual([]);
    } finally {
      await member.context.close().catch(() => undefined);
    }

    await page.reload();
    await visible(page.locator('.engagement-header__badges', { hasText: 'ロードマップ合意' }));
    await visible(page.getByTestId('roadmap-agreement').getByText(/合意: 提案 森川 恵子 \(令和.+\) \/ 合意 中村 陽子 \(令和.+\)/));
    await visible(page.getByRole('button', { name: '「進捗確認」へ進める' }));
    expect(s.errors).toEqual([]);
  });

  it('confirms an action status that cannot be walked back, and offers undo for one that can', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: '取組' }).click();
    const status = page.getByLabel(`${measure} の状態`);
    await status.selectOption({ label: '→ 実施中' });
    // 選定 → 実施中 cannot be walked back: nothing changes until confirmed
    await visible(page.getByText('この変更は元に戻せません。'));
    expect(await status.inputValue()).toBe('selected');
    await page.getByRole('button', { name: '「実施中」にする' }).click();
    await visible(page.getByText('取組の状態を「実施中」に変更しました。'));
    expect(await page.getByRole('button', { name: '元に戻す' }).count()).toBe(0);

    // 実施中 → 保留 can be walked back: applied at once, with undo
    await status.selectOption({ label: '→ 保留' });
    await visible(page.getByText('取組の状態を「保留」に変更しました。'));
    await page.getByRole('button', { name: '元に戻す' }).click();
    await visible(page.getByText('取組の状態を「実施中」に変更しました。'));
    await page.reload();
    await expect.poll(() => page.getByLabel(`${measure} の状態`).inputValue()).toBe('in_progress');
    expect(s.errors).toEqual([]);
  });
});
