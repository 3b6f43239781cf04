/**
 * First run from an empty database (SEED_DEMO=never): the setup page with the token the server
 * printed → the office is signed in → invites an advisor → reads the invitation in the outbox page
 * (no SMTP configured) → the invitee opens the link in another browser context, is refused a weak
 * password with the server's feedback, sets a strong one and is signed in.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSession, type Session, visible } from './support/browser';
import { type RunningApp, startApp } from './support/server';

let app: RunningApp;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  app = await startApp({ env: { SEED_DEMO: 'never' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

describe('first run', () => {
  it('setup → office invites an advisor → invitation read in the outbox → the invitee sets a password and is signed in', async () => {
    const token = app.setupToken();
    expect(token, app.output()).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const office = await openSession(browser, app.baseUrl);
    sessions.push(office);
    const page = office.page;
    // Anything but setup is closed: the app sends the visitor to /setup.
    await page.goto('/');
    await page.getByRole('heading', { name: '初期設定', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/setup');
    await page.getByLabel('セットアップトークン').fill(token!);
    await page.getByLabel('メールアドレス').fill('office@pref.example.jp');
    await page.getByLabel('氏名').fill('山田 花子');
    await page.getByLabel('実施主体（例：東京都 福祉局）').fill('東京都 福祉局');
    await page.locator('input[autocomplete="new-password"]').first().fill('kawasemi-tsuyu-akari-2025!');
    await page.getByLabel('パスワード（確認）').fill('kawasemi-tsuyu-akari-2025!');
    await page.getByRole('button', { name: 'アカウントを作成してサインイン' }).click();
    await page.getByRole('heading', { name: '伴走支援案件', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'ユーザー' }).click();
    await page.getByRole('heading', { name: 'ユーザー', level: 1 }).waitFor();
    await visible(page.locator('tr[data-email="office@pref.example.jp"]'));
    await page.getByLabel('メールアドレス').fill('advisor@example.jp');
    await page.getByLabel('氏名').fill('森 一郎');
    await page.getByLabel('所属機関名').fill('地域包括ケア研究所');
    await page.getByRole('button', { name: '招待メールを送る' }).click();
    await visible(page.getByText('advisor@example.jp に招待メールを送りました'));
    await visible(page.locator('tr[data-email="advisor@example.jp"]').getByText('招待中'));

    await page.getByRole('link', { name: '送信メール' }).click();
    await page.getByRole('heading', { name: '送信メール', level: 1 }).waitFor();
    const mail = page.locator('li[data-to="advisor@example.jp"]');
    await visible(mail);
    const text = (await mail.locator('pre').textContent()) ?? '';
    const link = /https?:\/\/[^\s]+\/invite\/[A-Za-z0-9_-]+/.exec(text)?.[0];
    expect(link, text).toBeTruthy();
    expect(link!.startsWith(app.baseUrl)).toBe(true);

    const invitee = await openSession(browser, app.baseUrl);
    sessions.push(invitee);
    const p = invitee.page;
    await p.goto(new URL(link!).pathname);
    await p.getByRole('heading', { name: 'アカウントの設定', level: 1 }).waitFor();
    await visible(p.getByText('森 一郎（advisor@example.jp）'));
    await p.locator('input[autocomplete="new-password"]').first().fill('password1234');
    await p.getByLabel('パスワード（確認）').fill('password1234');
    await p.getByRole('button', { name: 'パスワードを設定してサインイン' }).click();
    await visible(p.getByText('このパスワードは推測されやすいため使えません', { exact: false }));
    await p.locator('input[autocomplete="new-password"]').first().fill('hotaru-no-hikari-koyomi-77');
    await p.getByLabel('パスワード（確認）').fill('hotaru-no-hikari-koyomi-77');
    await p.getByRole('button', { name: 'パスワードを設定してサインイン' }).click();
    await p.getByRole('heading', { name: '伴走支援案件', level: 1 }).waitFor();
    await visible(p.getByText('森 一郎'));
    // The advisor is no program office: no users page in the navigation.
    expect(await p.getByRole('link', { name: 'ユーザー' }).count()).toBe(0);

    // The office sees the invitee active, with a last sign-in.
    await page.getByRole('link', { name: 'ユーザー' }).click();
    await page.reload();
    await visible(page.locator('tr[data-email="advisor@example.jp"]').getByText('有効'));
    expect(invitee.errors).toEqual([]);
  });
});
