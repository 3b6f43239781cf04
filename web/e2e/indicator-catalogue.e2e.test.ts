/**
 * The indicator catalogue (program office): from 市区町村と管轄 to 指標カタログ, add an indicator,
 * see a duplicate code refused with its message, edit the new one, then enter one figure for みどり区
 * with a period written as people write it (令和7年度) and read it back as 令和7年度 in the notice
 * and in みどり区's 地域分析 table. Screenshot: /tmp/indicator-catalogue.png.
 */
import { describe, it } from 'vitest';
import { demo, networkQuiet, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const journey = useJourney();

describe('指標カタログ', () => {
  it('the office adds and edits an indicator and enters one figure that 地域分析 then shows', async () => {
    const { page } = await journey.session(demo.office);
    await page.getByRole('link', { name: '市区町村と管轄' }).click();
    await page.getByRole('link', { name: '指標カタログ（追加・編集・値の入力）' }).click();
    await page.getByRole('heading', { name: '指標カタログ', level: 1 }).waitFor();
    const table = page.getByTestId('indicator-catalogue');
    await visible(table.getByRole('rowheader', { name: '調整済み認定率' }));

    await page.getByRole('button', { name: '指標を追加' }).click();
    const form = page.getByTestId('indicator-form');
    await form.getByLabel('コード').fill('M01');
    await form.getByLabel('指標名').fill('介護予防教室の修了者数');
    await form.getByRole('button', { name: '保存' }).click();
    await visible(form.getByText('この指標コードはすでにカタログにあります。'));

    await form.getByLabel('コード').fill('T01');
    await form.getByLabel('単位').fill('人');
    await form.getByLabel('水準').selectOption('output');
    await form.getByLabel('値の種類').selectOption('count');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '介護予防教室の修了者数' }) });
    await visible(row.getByText('アウトプット'));

    await row.getByRole('button', { name: '介護予防教室の修了者数を編集' }).click();
    await page.getByTestId('indicator-form').getByLabel('テーマ').fill('介護予防');
    await page.getByTestId('indicator-form').getByRole('button', { name: '保存' }).click();
    await visible(row.getByText('介護予防', { exact: true }));

    const entry = page.getByTestId('value-entry');
    await entry.getByLabel('市区町村').selectOption({ label: 'みどり区' });
    await entry.getByLabel('指標').selectOption({ label: 'T01 介護予防教室の修了者数' });
    await entry.getByLabel('期間').fill('令和7年度');
    await entry.getByLabel('値（人）').fill('42');
    await entry.getByRole('button', { name: '登録する' }).click();
    await visible(entry.getByTestId('value-entry-done').getByText('令和7年度の値 42 を登録しました。'));
    await networkQuiet(page);
    await page.screenshot({ path: '/tmp/indicator-catalogue.png', fullPage: true });

    const id = await engagementIdOf(page, 'みどり区');
    await page.goto(`/engagements/${id}/analysis`);
    const card = page.locator('.analysis-card[data-code="T01"]');
    await visible(card.getByTestId('latest-value').getByText('42'));
    await visible(card.getByTestId('latest-value').getByText('令和7年度', { exact: false }));
  });
});
