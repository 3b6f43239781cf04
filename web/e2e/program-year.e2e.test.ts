/**
 * The program office runs the year from the UI, starting from an empty database (SEED_DEMO=never):
 * the first office account through the setup page → the municipality master imported on
 * 「市区町村と管轄」 → a program with two visit windows (a window
 * outside the fiscal year is refused on its field first) → an engagement for みなみ市 → a lead
 * advisor and a municipal member invited into the team → きた町 granted as an observer (its staff
 * invited on the users page) → the invitations read in the outbox → each invitee sets a password and
 * sees what their role allows: the advisor edits the tree and the 目指す姿, the member the tree (not the 目指す姿),
 * the observer sees 閲覧のみ and no edit control.
 */
import { withCheckDigit } from '@banso/shared/municipality-code';
import type { Browser, Page } from 'playwright-core';
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

const MASTER = [
  [
    '団体コード',
    '都道府県名\n（漢字）',
    '市区町村名\n（漢字）',
    '都道府県名\n（カナ）',
    '市区町村名\n（カナ）',
    'category',
    '地域類型',
    '人口',
    '高齢化率',
  ],
  [withCheckDigit('13901'), '東京都', 'みなみ市', 'トウキョウト', 'ミナミシ', '市部', '都市型', '120000', '27.5'],
  [withCheckDigit('13902'), '東京都', 'きた町', 'トウキョウト', 'キタマチ', '町村部', '離島・中山間型', '8000', '41.2'],
];
const csv = MASTER.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

/** Imports the master on 「市区町村と管轄」: choose the file, check the preview, confirm. */
async function importMaster(page: Page): Promise<void> {
  await page.getByRole('link', { name: '市区町村と管轄' }).click();
  await page.getByRole('heading', { name: '市区町村マスタと管轄', level: 1 }).waitFor();
  await page
    .getByLabel('ファイル（CSV または Excel）')
    .setInputFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') });
  await page.getByRole('button', { name: 'ファイルを確認する' }).click();
  await visible(page.getByText('誤りのある行はありません。'));
  await page.getByRole('button', { name: '取り込む', exact: true }).click();
  await page.getByRole('alertdialog', { name: '市区町村マスタを取り込みますか？' }).getByRole('button', { name: '取り込む' }).click();
  await visible(page.getByTestId('import-result').getByText('管轄に加わった市区町村：2件', { exact: false }));
}

async function invitationLink(page: Page, email: string): Promise<string> {
  await page.getByRole('link', { name: '送信メール' }).click();
  await page.getByRole('heading', { name: '送信メール', level: 1 }).waitFor();
  const mail = page.locator(`li[data-to="${email}"]`);
  await visible(mail);
  const text = (await mail.locator('pre').textContent()) ?? '';
  const link = /https?:\/\/[^\s]+\/invite\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, text).toBeTruthy();
  return new URL(link!).pathname;
}

async function accept(path: string, password: string): Promise<Session> {
  const s = await openSession(browser, app.baseUrl);
  sessions.push(s);
  await s.page.goto(path);
  await s.page.getByRole('heading', { name: 'アカウントの設定', level: 1 }).waitFor();
  await s.page.locator('input[autocomplete="new-password"]').first().fill(password);
  await s.page.getByLabel('パスワード（確認）').fill(password);
  await s.page.getByRole('button', { name: 'パスワードを設定してサインイン' }).click();
  await s.page.getByRole('heading', { name: '伴走支援案件', level: 1 }).waitFor();
  return s;
}

describe('the program office runs the year from the UI', () => {
  it('setup → program → engagement → team and observer → each invitee sees what the role allows', async () => {
    const token = app.setupToken();
    expect(token, app.output()).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const office = await openSession(browser, app.baseUrl);
    sessions.push(office);
    const page = office.page;
    await page.goto('/setup');
    await page.getByRole('heading', { name: '初期設定', level: 1 }).waitFor();
    await page.getByLabel('セットアップトークン').fill(token!);
    await page.getByLabel('メールアドレス').fill('office@pref.example.jp');
    await page.getByLabel('氏名').fill('山田 花子');
    await page.getByLabel('実施主体（例：東京都 福祉局）').fill('東京都 福祉局');
    await page.locator('input[autocomplete="new-password"]').first().fill('kawasemi-tsuyu-akari-2025!');
    await page.getByLabel('パスワード（確認）').fill('kawasemi-tsuyu-akari-2025!');
    await page.getByRole('button', { name: 'アカウントを作成してサインイン' }).click();
    await page.getByRole('heading', { name: '伴走支援案件', level: 1 }).waitFor();
    await importMaster(page);

    // ── The program: fiscal year shown as 令和8年度, two visit windows, a report meeting ──
    await page.getByRole('link', { name: '事業', exact: true }).click();
    await page.getByRole('heading', { name: '事業と案件', level: 1 }).waitFor();
    await page.getByRole('button', { name: '新しい事業を開く' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: '新しい事業' }) });
    await form.getByLabel('年度（西暦の開始年）').fill('2026');
    await visible(form.getByText('令和8年度：2026-04-01 〜 2027-03-31'));
    await form.getByLabel('事業名').fill('令和8年度 伴走型支援');
    await form.getByLabel('計画期間').fill('第9期');
    await form.getByRole('button', { name: '支援回を追加' }).click();
    await form.getByRole('button', { name: '支援回を追加' }).click();
    await form.getByLabel('第1回 開始日').fill('2026-06-01');
    await form.getByLabel('第1回 終了日').fill('2026-07-31');
    await form.getByLabel('第1回 目的').fill('ヒアリング');
    await form.getByLabel('第2回 開始日').fill('2026-10-01');
    await form.getByLabel('第2回 終了日').fill('2027-04-10');
    await form.getByLabel('第2回 目的').fill('ロジックツリーと取組');
    await form.getByLabel('報告会の日').fill('2027-03-10');
    await form.getByRole('button', { name: '事業を開く' }).click();
    // Outside the fiscal year: said on the field, nothing sent.
    await visible(form.getByText('年度内（2026-04-01 〜 2027-03-31）の日付にしてください。'));
    await form.getByLabel('第2回 終了日').fill('2026-11-30');
    await form.getByRole('button', { name: '事業を開く' }).click();
    await visible(page.getByText('「令和8年度 伴走型支援」を開きました。'));
    const card = page.locator('section[data-program="令和8年度 伴走型支援"]');
    await visible(card.getByRole('heading', { name: '令和8年度 令和8年度 伴走型支援' }));
    await visible(card.getByText('第9期'));
    expect(await card.locator('.program-card__facts li').count()).toBe(2);

    // ── The engagement: みなみ市 from the master ──
    await card.getByRole('button', { name: '案件を追加' }).click();
    await card.getByLabel('自治体').selectOption({ label: `みなみ市（${MASTER[1]![0]}）` });
    await card.getByLabel('テーマ').fill('介護予防と社会参加');
    await card.getByRole('button', { name: '案件を開く' }).click();
    await page.getByRole('heading', { name: 'みなみ市 · チームと傍聴自治体', level: 1 }).waitFor();
    const teamUrl = new URL(page.url()).pathname;

    // ── The team: a lead advisor and a municipal member, invited by e-mail into the team ──
    const invite = page.locator('form', { has: page.getByRole('heading', { name: 'メールで招待して加える' }) });
    await invite.getByLabel('チームでの役割').selectOption({ label: '主任アドバイザー' });
    await invite.getByLabel('メールアドレス').fill('lead@example.jp');
    await invite.getByLabel('氏名').fill('森 一郎');
    await invite.getByLabel('所属機関名').fill('地域包括ケア研究所');
    await invite.getByRole('button', { name: '招待してチームに加える' }).click();
    await visible(page.getByText('lead@example.jp に招待メールを送り、チームに加えました。'));
    await invite.getByLabel('チームでの役割').selectOption({ label: '自治体担当者' });
    await visible(invite.getByText('みなみ市の職員として招待します。'));
    await invite.getByLabel('メールアドレス').fill('member@city.example.jp');
    await invite.getByLabel('氏名').fill('佐藤 真理');
    await invite.getByRole('button', { name: '招待してチームに加える' }).click();
    await visible(page.getByText('member@city.example.jp に招待メールを送り、チームに加えました。'));
    const lead = page.locator('tr[data-member="lead@example.jp"]');
    await visible(lead);
    expect(await lead.getByLabel('森 一郎さんの役割').inputValue()).toBe('lead_advisor');
    expect(await page.locator('tr[data-member="member@city.example.jp"]').getByLabel('佐藤 真理さんの役割').inputValue()).toBe(
      'municipal_member',
    );

    // ── The observer: きた町, until the end of the fiscal year ──
    const grant = page.locator('form', { has: page.getByRole('heading', { name: '傍聴自治体を加える' }) });
    await grant.getByLabel('自治体').selectOption({ label: 'きた町' });
    expect(await grant.getByLabel('期限').inputValue()).toBe('2027-03-31');
    await grant.getByRole('button', { name: '傍聴を許可する' }).click();
    await visible(page.getByText('きた町に傍聴を許可しました。'));
    await visible(page.locator('tr[data-grant="きた町"]').getByText('有効'));
    // きた町's staff get an account on the users page.
    await page.getByRole('link', { name: 'ユーザー' }).click();
    await page.getByRole('heading', { name: 'ユーザー', level: 1 }).waitFor();
    await page.getByLabel('メールアドレス').fill('observer@kita.example.jp');
    await page.getByLabel('氏名').fill('北 太郎');
    await page.getByLabel('所属の種類').selectOption({ label: '自治体' });
    await page.getByLabel('自治体', { exact: false }).last().selectOption({ label: 'きた町' });
    await page.getByRole('button', { name: '招待メールを送る' }).click();
    await visible(page.getByText('observer@kita.example.jp に招待メールを送りました', { exact: false }));

    // ── The invitations, from the outbox; each invitee signs in ──
    const leadLink = await invitationLink(page, 'lead@example.jp');
    const memberLink = await invitationLink(page, 'member@city.example.jp');
    const observerLink = await invitationLink(page, 'observer@kita.example.jp');

    const advisor = await accept(leadLink, 'hotaru-no-hikari-koyomi-77');
    await advisor.page
      .getByRole('link', { name: /みなみ市/ })
      .first()
      .click();
    await visible(advisor.page.getByText('（第9期）', { exact: false }));
    await visible(advisor.page.getByRole('button', { name: 'テーマ・目指す姿を編集' }));
    expect(await advisor.page.getByRole('button', { name: '次年度へ継続' }).count()).toBe(0);
    await advisor.page.getByRole('button', { name: 'テーマ・目指す姿を編集' }).click();
    const vision = advisor.page.locator('form', { has: advisor.page.getByRole('heading', { name: 'テーマと目指す姿' }) });
    await vision.getByLabel('目指す姿').fill('地域の通いの場で誰もが役割を持てる');
    await vision.getByRole('button', { name: '保存する' }).click();
    await visible(advisor.page.locator('.desired-state__text', { hasText: '地域の通いの場で誰もが役割を持てる' }));
    await advisor.page.getByRole('tab', { name: 'ロジックツリー' }).click();
    await advisor.page.waitForURL(/\/tree$/);
    await visible(advisor.page.getByRole('button', { name: '目指す姿を作成' }));
    // The advisor reads the team but does not manage it.
    await advisor.page.goto(teamUrl);
    await visible(advisor.page.locator('tr[data-member="lead@example.jp"]').getByText('主任アドバイザー'));
    expect(await advisor.page.getByRole('button', { name: 'チームから外す' }).count()).toBe(0);

    const member = await accept(memberLink, 'sakura-no-hana-tsubomi-88');
    await member.page
      .getByRole('link', { name: /みなみ市/ })
      .first()
      .click();
    await visible(member.page.getByText('地域の通いの場で誰もが役割を持てる'));
    expect(await member.page.getByRole('button', { name: 'テーマ・目指す姿を編集' }).count()).toBe(0);
    await member.page.getByRole('tab', { name: 'ロジックツリー' }).click();
    await member.page.waitForURL(/\/tree$/);
    await visible(member.page.getByText('まだツリーがありません。'));
    // The municipality co-owns its plan: its member may start the tree too.
    await visible(member.page.getByRole('button', { name: '目指す姿を作成' }));

    const observer = await accept(observerLink, 'kita-no-kuni-kara-yuki-99');
    await observer.page
      .getByRole('link', { name: /みなみ市/ })
      .first()
      .click();
    await visible(observer.page.getByText('閲覧のみ', { exact: true }));
    expect(await observer.page.getByRole('button', { name: 'テーマ・目指す姿を編集' }).count()).toBe(0);
    expect(await observer.page.getByRole('link', { name: 'チームと傍聴自治体' }).count()).toBe(0);
    await observer.page.getByRole('tab', { name: 'ロジックツリー' }).click();
    await observer.page.waitForURL(/\/tree$/);
    await visible(observer.page.getByText('閲覧のみ', { exact: true }));
    expect(await observer.page.getByRole('button', { name: '目指す姿を作成' }).count()).toBe(0);

    for (const s of [office, advisor, member, observer]) expect(s.errors).toEqual([]);
  });
});
