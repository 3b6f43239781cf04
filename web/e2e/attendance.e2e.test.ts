/**
 * Observers who attend: the observer (さくら区, at mobile width) reads a held visit's 傍聴者向け要旨
 * and registers for the next visit (参加登録), which stays after a reload; the program office
 * approves ひがし市's pending 傍聴申請 and ひがし市's staff can then open みどり区. やまなみ町's staff, reading
 * みどり区's published case in the library, ask to observe みどり区 from there; the office approves, the
 * inbox says so, and みどり区 opens read-only (閲覧のみ).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, gone, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

// A short grace delay, so the approval's notification arrives while the test waits.
const journey = useJourney({ env: { NOTIFY_GRACE_MS: '300', JOBS_POLL_MS: '500' } });

/** Calls the API as the page's signed-in user (the CSRF token from /api/auth/me). */
async function apiPost(page: Page, url: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ([u, b]) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(b),
      });
      return res.status;
    },
    [url, body] as const,
  );
}

const visitCard = (page: Page, seq: number) =>
  page.getByTestId('visit').filter({ has: page.getByRole('heading', { name: new RegExp(`^第${seq}回`) }) });

describe('observers who attend', () => {
  it('the observer reads the summary, not the minutes, and registers for the next visit', async () => {
    // The demo stands on 2025-12-01 but the server runs on today's date: the advisor plans a visit still to come.
    const advisor = await journey.session(demo.morikawa);
    const id = await engagementIdOf(advisor.page, 'みどり区');
    const next = `${new Date().getFullYear() + 1}-02-10`;
    expect(
      await apiPost(advisor.page, `/api/engagements/${id}/visits`, { kind: 'workshop', date: next, agenda: '見守り体制の振り返り' }),
    ).toBe(201);

    const observer = await journey.session(demo.sakura, { width: 390, height: 844 });
    const { page } = observer;
    await page.getByRole('link', { name: 'みどり区' }).click();
    await visible(page.getByRole('heading', { name: /みどり区/, level: 1 }));
    await page.getByRole('tab', { name: 'ヒアリング' }).click();
    const first = visitCard(page, 1);
    await visible(first.getByText(/初回相談時点で認知症が進んでいる人が多い/));
    expect(await first.locator('details.minutes').count()).toBe(0);

    const upcoming = visitCard(page, 4);
    await visible(upcoming.getByText('見守り体制の振り返り'));
    await upcoming.getByRole('button', { name: '参加登録' }).click();
    await visible(upcoming.getByText('参加登録済みです。'));
    await visible(upcoming.getByRole('button', { name: '参加を取り消す' }));
    await visible(upcoming.getByText(/石井 聡.*さくら区/));

    await page.reload();
    await visible(visitCard(page, 4).getByRole('button', { name: '参加を取り消す' }));
    expect(observer.errors).toEqual([]);
  });

  it('the program office approves a 傍聴申請 and the neighbour can open the engagement', async () => {
    const neighbour = await journey.session(demo.higashi);
    const home = neighbour.page;
    const observable = home.locator('section', { has: home.getByRole('heading', { name: '傍聴できる近隣の案件' }) });
    await visible(observable.getByText('みどり区'));
    await visible(observable.getByText('審査中'));
    expect(await home.getByRole('link', { name: 'みどり区' }).count()).toBe(0);

    const office = await journey.session(demo.office);
    await office.page.goto('/portfolio');
    const requests = office.page.locator('section', { has: office.page.getByRole('heading', { name: '傍聴申請（承認待ち）' }) });
    const item = requests.getByRole('listitem', { name: 'ひがし市 → みどり区' });
    await visible(item);
    await item.getByRole('button', { name: /^承認/ }).click();
    await gone(item);

    await home.reload();
    await visible(home.getByRole('link', { name: 'みどり区' }));
    expect(neighbour.errors).toEqual([]);
    expect(office.errors).toEqual([]);
  });

  it('a user of another municipality asks to observe from the library; once approved the engagement opens read-only', async () => {
    const neighbour = await journey.session(demo.yamanami);
    const { page } = neighbour;
    await page.getByRole('link', { name: '事例ライブラリ' }).click();
    await page.getByRole('link', { name: 'みどり区' }).first().click();
    await visible(page.getByRole('heading', { name: 'みどり区', level: 1 }));
    const observe = page.locator('section', { has: page.getByRole('heading', { name: 'この自治体の伴走支援を傍聴する' }) });
    await observe.getByRole('button', { name: '傍聴を申請' }).click();
    await observe.getByLabel('申請の理由（任意）').fill('町でも認知症の早期相談の経路づくりを始めます。');
    await observe.getByRole('button', { name: '申請する' }).click();
    await visible(observe.getByText('傍聴を申請しました。承認されるとお知らせが届きます。'));
    await visible(observe.getByText('審査中'));

    const office = await journey.session(demo.office);
    await office.page.goto('/portfolio');
    const requests = office.page.locator('section', { has: office.page.getByRole('heading', { name: '傍聴申請（承認待ち）' }) });
    const item = requests.getByRole('listitem', { name: 'やまなみ町 → みどり区' });
    await visible(item.getByText('町でも認知症の早期相談の経路づくりを始めます。'));
    await item.getByRole('button', { name: /^承認/ }).click();
    await gone(item);

    // The requester's inbox tells of the approval and links to the engagement, which opens read-only.
    await page.goto('/notifications');
    const notice = page.getByRole('link', { name: '傍聴申請が承認されました:みどり区(閲覧のみ)' });
    for (let i = 0; i < 20 && (await notice.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await notice.click();
    await visible(page.getByRole('heading', { name: /みどり区/, level: 1 }));
    await visible(page.getByText('閲覧のみ').first());
    // The library no longer offers to ask: the municipality observes now.
    await page.goto('/library');
    await page.getByRole('link', { name: 'みどり区' }).first().click();
    await visible(page.getByRole('heading', { name: 'みどり区', level: 1 }));
    await gone(page.getByRole('heading', { name: 'この自治体の伴走支援を傍聴する' }));
    expect(neighbour.errors).toEqual([]);
    expect(office.errors).toEqual([]);
  });
});
