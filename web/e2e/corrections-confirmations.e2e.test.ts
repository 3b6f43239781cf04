/**
 * Issue 12 items 3 and 4, the records and steps the other journeys leave out: a visit's date and
 * agenda and a homework's text are corrected (If-Match behind the forms) and still so after a
 * reload; the engagement's gate buttons (進める / 戻す) change nothing until confirmed; a
 * municipality's application is withdrawn (取り下げ) only after a confirmation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, gone, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const journey = useJourney();

/** Next fiscal year (April–March, Japan time): always open for applications. */
const nextFiscalYear = (() => {
  const now = new Date(Date.now() + 9 * 3600_000);
  return (now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1) + 1;
})();

async function apiPost(page: Page, url: string, body: unknown): Promise<{ status: number; json: { id: string } }> {
  return page.evaluate(
    async ([u, b]) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(b),
      });
      return { status: res.status, json: await res.json() };
    },
    [url, body] as const,
  );
}

describe('correcting a visit and a homework', () => {
  it('corrects the date and agenda of a visit; the correction survives a reload', async () => {
    const { page, errors } = await journey.session(demo.morikawa);
    const id = await engagementIdOf(page, 'みどり区');
    await page.goto(`/engagements/${id}/hearing`);
    const visit = page.locator('.visit', { hasText: '令和7年10月2日' });
    await visible(visit);
    await visit.getByRole('button', { name: /^編集 第\d+回$/ }).click();
    const form = page.getByRole('form', { name: /の支援回を編集$/ });
    await visible(form);
    expect(await form.getByLabel('実施日').inputValue()).toBe('2025-10-02');
    await form.getByLabel('実施日').fill('2025-10-09');
    await form.getByLabel('議題').fill('早期発見の経路（日程変更後）');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await gone(form);

    await page.reload();
    const moved = page.locator('.visit', { hasText: '令和7年10月9日' });
    await visible(moved.getByText('早期発見の経路（日程変更後）'));
    expect(await page.locator('.visit', { hasText: '令和7年10月2日' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('corrects the text of a homework; the correction survives a reload', async () => {
    const page = journey.sessions[0]!.page;
    const text = '包括別の初回相談時自立度を集計する';
    const item = page.locator('.checklist__item', { hasText: text });
    await visible(item);
    await item.getByRole('button', { name: /^編集/ }).click();
    const form = page.getByRole('form', { name: '宿題を編集' });
    expect(await form.getByLabel('内容').inputValue()).toBe(text);
    await form.getByLabel('内容').fill('包括別・月別の初回相談時自立度を集計する');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await gone(form);

    await page.reload();
    await visible(page.locator('.checklist__item', { hasText: '包括別・月別の初回相談時自立度を集計する' }));
    expect(await page.locator('.checklist__item', { hasText: text }).count()).toBe(0);
  });
});

describe('consequential steps are confirmed first', () => {
  it('the gate’s 戻す changes nothing when cancelled, and moves the engagement once confirmed', async () => {
    const page = journey.sessions[0]!.page;
    await page.getByRole('tab', { name: 'ヒアリング' }).click();
    const header = page.locator('.engagement-header__badges');
    await visible(header.getByText('取組選定'));
    const back = page.getByRole('button', { name: '「課題整理」に戻す' });
    await back.click();
    const confirm = page.locator('.status-control').getByText('案件の状態を「課題整理」に変更しますか？');
    await visible(confirm);
    await page.locator('.status-control').getByRole('button', { name: 'キャンセル' }).click();
    await gone(confirm);
    await page.reload();
    await visible(header.getByText('取組選定'));

    await page.getByRole('button', { name: '「課題整理」に戻す' }).click();
    await page.locator('.status-control').getByRole('button', { name: '変更する' }).click();
    await visible(page.getByText('状態を「課題整理」に変更しました。'));
    await page.reload();
    await visible(header.getByText('課題整理'));
    // and forward again, confirmed the same way
    await page.getByRole('button', { name: '「取組選定」へ進める' }).click();
    await page.locator('.status-control').getByRole('button', { name: '変更する' }).click();
    await visible(page.getByText('状態を「取組選定」に変更しました。'));
  });

  it('an application is withdrawn (取り下げ) only after a confirmation', async () => {
    const office = await journey.session(demo.office);
    const program = await apiPost(office.page, '/api/programs', {
      fiscalYear: nextFiscalYear,
      name: `伴走型支援 ${nextFiscalYear}年度（取り下げ e2e）`,
    });
    expect(program.status).toBe(201);
    const staff = await journey.session(demo.yamanami);
    const applied = await apiPost(staff.page, `/api/programs/${program.json.id}/applications`, {
      theme: '在宅医療・介護連携',
      motivation: '看取りまで町で支える体制を広域で作りたい',
      contactName: '山口 大地',
      contactEmail: 'yamanami@demo.banso.jp',
    });
    expect(applied.status).toBe(201);

    const { page, errors } = staff;
    await page.goto(`/applications/${program.json.id}`);
    await visible(page.getByText('応募中'));
    await page.getByRole('button', { name: '応募を取り下げる' }).click();
    const dialog = page.getByRole('alertdialog', { name: '応募を取り下げますか？' });
    await visible(dialog.getByText('やまなみ町の応募を取り下げます', { exact: false }));
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await gone(dialog);
    await page.reload();
    await visible(page.getByText('応募中'));

    await page.getByRole('button', { name: '応募を取り下げる' }).click();
    await dialog.getByRole('button', { name: '応募を取り下げる' }).click();
    // The form to apply again takes the application's place, and says what happened.
    await visible(page.getByText('応募を取り下げました。改めて応募するときは', { exact: false }));
    await visible(page.getByRole('heading', { name: 'やまなみ町として応募' }));
    await page.reload();
    await visible(page.getByText('応募を取り下げました。改めて応募するときは', { exact: false }));
    expect(errors).toEqual([]);
  });
});
