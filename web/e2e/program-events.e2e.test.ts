/**
 * Program events (issue 16.1): the program office publishes みどり区's report, plans the March 報告会
 * on the イベント page (days, venue, participating engagements, an agenda item); a user of a municipality
 * of the jurisdiction that takes no part in it (しおさい村) registers and downloads the meeting pack —
 * one PDF with the cover, the agenda and the published report; the office then records the attendance.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, visible } from './support/browser';
import { engagementIdOf, useJourney } from './support/journey';

const run = promisify(execFile);
const journey = useJourney();

/** Calls the API as the page's signed-in user (the CSRF token from /api/auth/me). */
async function api(page: Page, method: string, url: string, body?: unknown, ifMatch?: string) {
  return page.evaluate(
    async ([m, u, b, etag]) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(u, {
        method: m,
        headers: {
          ...(b === undefined ? {} : { 'content-type': 'application/json' }),
          'x-csrf-token': me.csrfToken,
          ...(etag ? { 'if-match': etag } : {}),
        },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: res.status, etag: res.headers.get('etag') ?? '', body: await res.json().catch(() => null) };
    },
    [method, url, body, ifMatch] as const,
  );
}

// The server runs on today's date: the meeting is next March.
const year = new Date().getFullYear() + (new Date().getMonth() >= 3 ? 1 : 0);
const meetingDay = `${year}-03-16`;
const title = 'E2E 伴走型支援 報告会';

describe('the March report meeting', () => {
  it('the office plans it, a user of another municipality registers and downloads the pack, the office records attendance', async () => {
    const advisor = await journey.session(demo.morikawa);
    const midori = await engagementIdOf(advisor.page, 'みどり区');
    const draft = await api(advisor.page, 'POST', `/api/engagements/${midori}/reports`, {});
    expect(draft.status).toBe(201);

    const office = await journey.session(demo.office);
    const published = await api(office.page, 'POST', `/api/engagements/${midori}/reports/${draft.body.id}/publish`, undefined, draft.etag);
    expect(published.status).toBe(200);

    // The office adds the event on the イベント page.
    const { page } = office;
    await page.getByRole('navigation').getByRole('link', { name: 'イベント' }).click();
    await visible(page.getByRole('heading', { name: 'イベント', level: 1 }));
    await page.getByRole('button', { name: 'イベントを追加' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'イベントを追加' }) });
    await form.getByLabel('種類').selectOption({ label: '報告会' });
    await form.getByLabel('名称').fill(title);
    await form.getByLabel('開始日').fill(meetingDay);
    await form.getByLabel('会場').fill('都庁第一本庁舎 5階 大会議場');
    await form.getByRole('checkbox', { name: /みどり区/ }).check();
    await form.getByRole('checkbox', { name: /あおば市/ }).check();
    await form.getByRole('button', { name: '次第の項目を追加' }).click();
    await form.getByLabel('時刻').fill('13:30');
    await form.getByLabel('内容').fill('開会・今年度の伴走型支援について');
    await form.getByRole('button', { name: '追加する' }).click();
    await visible(page.getByRole('heading', { name: title, level: 1 }));
    await visible(page.getByText('開会・今年度の伴走型支援について'));
    expect(office.errors).toEqual([]);

    // しおさい村's staff (observing やまなみ町 only) finds the meeting and registers.
    const user = await journey.session(demo.shiosai);
    const up = user.page;
    await up.getByRole('navigation').getByRole('link', { name: 'イベント' }).click();
    await up.getByRole('link', { name: title }).click();
    await visible(up.getByRole('heading', { name: title, level: 1 }));
    await up.getByRole('button', { name: '参加登録する' }).click();
    await visible(up.getByText('参加登録済みです。'));
    await visible(up.getByRole('button', { name: '参加登録を取り消す' }));

    // …and downloads the pack: the cover, the agenda and みどり区's published report in one tagged PDF.
    const [download] = await Promise.all([up.waitForEvent('download'), up.getByRole('link', { name: /資料集/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/資料集\.pdf$/);
    const file = (await download.path())!;
    const { stdout: text } = await run('pdftotext', [file, '-']);
    for (const s of [title, 'みどり区', 'あおば市', '開会・今年度の伴走型支援について', '報告書'])
      expect(text.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(user.errors).toEqual([]);

    // The office sees the registration and records the attendance.
    await page.reload();
    const row = page.getByRole('row', { name: /浜田 誠/ });
    await visible(row);
    await row.getByRole('combobox').selectOption({ label: '出席' });
    await page.reload();
    expect(
      await page
        .getByRole('row', { name: /浜田 誠/ })
        .getByRole('combobox')
        .inputValue(),
    ).toBe('attended');
    expect(office.errors).toEqual([]);
  });
});
