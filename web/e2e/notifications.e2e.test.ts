/**
 * Notifications in the browser: the advisor mentions the municipal member in a comment; after the
 * grace delay the member's bell counts it, her お知らせ page lists it with a link to the tree, and
 * marking it read clears the count. She turns the e-mail of mentions off in the settings.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const journey = useJourney({ env: { NOTIFY_GRACE_MS: '300', JOBS_POLL_MS: '500' } });

/** Calls the API as the page's signed-in user (the CSRF token from /api/auth/me). */
async function apiCall(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ([m, u, b]) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(u, {
        method: m,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: res.status, json: await res.json() };
    },
    [method, url, body] as const,
  );
}

describe('the municipal member’s inbox', () => {
  it('shows the mention behind the bell, links to its subject, and is marked read', async () => {
    const advisor = await journey.session(demo.morikawa);
    const member = await journey.session(demo.midori);
    const engagementId = await engagementIdOf(advisor.page, 'みどり区');
    const tree = (await apiCall(advisor.page, 'GET', `/api/engagements/${engagementId}/tree`)).json as { nodes: { id: string }[] };
    const me = (await apiCall(member.page, 'GET', '/api/auth/me')).json as { user: { id: string } };
    const posted = await apiCall(advisor.page, 'POST', `/api/engagements/${engagementId}/comments`, {
      subjectType: 'node',
      subjectId: tree.nodes[0]!.id,
      body: '@中村 陽子 さん、この指標の出典を確認できますか',
      visibility: 'municipality',
      mentions: [me.user.id],
    });
    expect(posted.status).toBe(201);

    const { page } = member;
    // The bell polls every minute: a reload shows the count once the job has run.
    const bell = page.getByRole('link', { name: /^お知らせ\(未読 \d+件\)$/ });
    for (let i = 0; i < 20 && (await bell.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await visible(bell);
    await bell.click();
    await visible(page.getByRole('heading', { name: 'お知らせ', level: 1 }));
    const item = page.getByRole('link', { name: '森川 恵子さんがコメントであなたに言及しました(みどり区)' });
    await visible(item);
    expect(await item.getAttribute('href')).toBe(`/engagements/${engagementId}/tree`);
    await page.getByRole('button', { name: /^既読にする: 森川 恵子さんが/ }).click();
    await visible(page.getByRole('link', { name: 'お知らせ(未読なし)' }));

    await page.getByRole('checkbox', { name: 'コメントでの言及: メール(すぐに)' }).uncheck();
    await page.getByRole('button', { name: '設定を保存' }).click();
    await visible(page.getByText('通知の設定を保存しました。'));
    const prefs = (await apiCall(page, 'GET', '/api/me/notification-preferences')).json as { items: { kind: string; email: boolean }[] };
    expect(prefs.items.find((p) => p.kind === 'mention')?.email).toBe(false);

    await item.click();
    await visible(page.getByRole('tab', { name: 'ロジックツリー', selected: true }));
    expect(member.errors).toEqual([]);
  });
});
