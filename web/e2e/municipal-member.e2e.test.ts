/**
 * The municipal member (中村 陽子, みどり区) records a measurement and completes a milestone on the
 * roadmap, ticks her homework, and is offered nothing that is the advisors' to change.
 */
import { describe, expect, it } from 'vitest';
import { demo, pickMonth, visible } from './support/browser';
import { useEngagementJourney } from './support/journey';

const action = '医師会と「もの忘れ連絡票」を定型化';
const s = useEngagementJourney(demo.midori, 'みどり区');

describe('municipal member on the roadmap', () => {
  it('records a measurement and sees it as the latest value and in the chart', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'ロードマップ' }).click();
    await page.getByRole('button', { name: new RegExp(action) }).click();
    const panel = page.locator('.row-panel');
    const card = panel.locator('.plan-card').first();
    await visible(card);
    const pointsBefore = await card.locator('.chart__point').count();

    await pickMonth(card, '対象月', '2026-10');
    await card.getByLabel(/^値/).fill('18');
    await card.getByLabel('コメント', { exact: true }).fill('2診療所で試行、月3件前後');
    await card.getByRole('button', { name: '測定値を記録' }).click();
    await visible(card.getByText('測定値を記録しました。'));
    await visible(card.locator('.facts', { hasText: '18件/年' }));
    await visible(card.getByText('令和8年10月').first());
    expect(await card.locator('.chart__point').count()).toBe(pointsBefore + 1);
  });

  it('completes a milestone that is due', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    const button = panel.getByRole('button', { name: /を完了にする$/ }).first();
    await visible(button);
    const label = (await button.getAttribute('aria-label')) ?? '';
    const title = /^「(.+)」を完了にする$/.exec(label)?.[1] ?? '';
    expect(title).not.toBe('');
    const before = await panel.getByRole('button', { name: /を完了にする$/ }).count();
    await button.click();
    // She co-owns the roadmap (roadmap.write), so she may undo it as the team may: no confirmation, an undo in the toast.
    await visible(
      page
        .getByRole('status')
        .filter({ hasText: `「${title}」を完了にしました。` })
        .getByRole('button', { name: '元に戻す' }),
    );
    const item = panel.locator('.milestone-list__item', { hasText: title });
    await visible(item.getByText('完了', { exact: true }));
    await visible(item.getByText(/中村 陽子 が完了/));
    expect(await panel.getByRole('button', { name: /を完了にする$/ }).count()).toBe(before - 1);
  });

  it('edits spans, plans and milestones with the team (co-ownership), but has no status control', async () => {
    const { page } = s;
    const panel = page.locator('.row-panel');
    for (const name of [/期間を保存/, /マイルストーンを追加/]) expect(await panel.getByRole('button', { name }).count()).toBeGreaterThan(0);
    expect(await page.locator('.status-control').count()).toBe(0);
    expect(await page.getByText('閲覧のみ', { exact: true }).count()).toBe(0);
  });

  it('sees minutes and homework, and may tick her own homework', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'ヒアリング' }).click();
    await visible(page.getByRole('heading', { name: '宿題' }));
    const box = page.getByRole('checkbox', { name: /包括別の初回相談時自立度を集計する/ });
    expect(await box.isChecked()).toBe(true);
    expect(await box.isDisabled()).toBe(false);
    await box.uncheck();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLInputElement>('.checklist input[type=checkbox]');
      return el !== null && !el.checked && !el.disabled;
    });
    await page.reload();
    await visible(page.getByRole('heading', { name: '宿題' }));
    expect(await page.getByRole('checkbox', { name: /包括別の初回相談時自立度を集計する/ }).isChecked()).toBe(false);
    expect(await page.getByText('A包括の相談員').count()).toBe(0);
    await visible(page.getByText('議事録').first());
  });

  it('writes the self-assessment (振り返り) of the fiscal year', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: '振り返り' }).click();
    const year = page.locator('.review', { has: page.getByRole('heading', { name: '令和7年度' }) });
    await year.getByRole('button', { name: '振り返りを記入' }).click();
    await year.getByLabel('○ おおむねできた').check();
    await year.getByLabel('評価のコメント').fill('連絡票の試行は2診療所で始まった。');
    await year.getByLabel('次年度に向けた取組').fill('全区展開に向けて医師会と運用を確認する。');
    await year.getByRole('button', { name: '保存', exact: true }).click();
    await visible(year.getByText('振り返りを保存しました。'));
    await visible(year.getByText('連絡票の試行は2診療所で始まった。'));
    await page.reload();
    await visible(page.locator('.review', { hasText: '連絡票の試行は2診療所で始まった。' }).locator('.review__mark', { hasText: '○' }));
    expect(s.errors).toEqual([]);
  });
});
