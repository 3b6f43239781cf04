/**
 * Two-factor sign-in in Chromium: a demo advisor opens 2段階認証, enrols (the secret read from the page,
 * the code computed here with otplib), keeps the recovery codes shown once, signs out, and signs in again:
 * the password alone leads to the code step, the code signs in; a recovery code works in its place.
 */
import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demo, launchBrowser, type Session, signInAs, visible } from './support/browser';
import { type RunningApp, startApp } from './support/server';

let app: RunningApp;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** The code of the next 30-second step: the server accepts ±1 step, and the step of the enrolment code is used up. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe('two-factor sign-in', () => {
  it('enrol with the QR page → sign out → sign in with password then code; a recovery code works once in its place', async () => {
    const s = await signInAs(browser, app.baseUrl, demo.kitano);
    sessions.push(s);
    const page = s.page;

    await page.getByRole('link', { name: 'アカウント', exact: true }).click();
    await page.getByRole('heading', { name: '2段階認証（アカウントのセキュリティ）', level: 1 }).waitFor();
    await visible(page.getByRole('heading', { name: '2段階認証はオフです。' }));
    await page.getByRole('button', { name: '2段階認証を設定する' }).click();
    const qr = page.getByRole('img', { name: '認証アプリに登録するQRコード' });
    await visible(qr);
    // The server-drawn SVG loads under the page's CSP.
    await page.waitForFunction(() => ((document.querySelector('img.security__qr') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code first: refused, named at the field.
    await page.getByLabel('確認コード（6桁）').fill((await generate({ secret })) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '確認して有効にする' }).click();
    await visible(page.getByText('コードが違うか、すでに使われています。次に表示されるコードを入力してください。'));
    await page.getByLabel('確認コード（6桁）').fill(await generate({ secret }));
    await page.getByRole('button', { name: '確認して有効にする' }).click();

    // The recovery codes, shown once.
    await page.getByRole('heading', { name: 'リカバリーコード' }).waitFor();
    const codes = (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    await page.getByRole('button', { name: '保管しました' }).click();
    await visible(page.getByRole('heading', { name: '2段階認証はオンです。' }));
    await visible(page.getByText('未使用のリカバリーコード：10個'));

    // Sign out, then sign in: the password alone asks for the code.
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByRole('heading', { name: 'サインイン', level: 1 }).waitFor();
    await page.getByLabel('メールアドレス').fill(demo.kitano);
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await visible(page.getByLabel('確認コード（6桁）'));
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'banso_session' }));
    await page.getByLabel('確認コード（6桁）').fill(await nextCode(secret));
    await page.getByRole('button', { name: '確認してサインイン' }).click();
    await page.getByRole('heading', { name: '伴走支援案件', level: 1 }).waitFor();

    // Once more with a recovery code in place of the app's code.
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByRole('heading', { name: 'サインイン', level: 1 }).waitFor();
    await page.getByLabel('メールアドレス').fill(demo.kitano);
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await page.getByRole('button', { name: 'リカバリーコードを使う' }).click();
    await page.getByLabel('リカバリーコード').fill(codes[0]!);
    await page.getByRole('button', { name: '確認してサインイン' }).click();
    await page.getByRole('heading', { name: '伴走支援案件', level: 1 }).waitFor();
    await page.goto('/security');
    await visible(page.getByText('未使用のリカバリーコード：9個'));
    expect(s.errors).toEqual([]);
  });
});
