/**
 * When things go wrong the user is told, and keeps their work: two advisors editing the same action
 * (412: the newer version is shown, the input stays, saving again works), a session that ends
 * (401 → sign-in → back where they were), a network failure (message, retry), unknown pages (404).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demo, type Session, signIn, visible } from './support/browser';
import { useJourney } from './support/journey';

const journey = useJourney();
const { session, sessions } = journey;
let midoriUrl = '';

beforeAll(async () => {
  const s = await session(demo.morikawa);
  midoriUrl = (await s.page.getByRole('link', { name: 'みどり区' }).getAttribute('href')) ?? '';
  expect(midoriUrl).toMatch(/^\/engagements\/[0-9a-f-]{36}\/hearing$/);
});

describe('failures the user can recover from', () => {
  it('tells the second of two editors that someone else saved first, keeps the input, and saves on retry', async () => {
    const action = '区報・薬局で相談窓口を周知';
    const [a, b] = [sessions[0]!, await session(demo.takada)];
    for (const s of [a, b]) {
      await s.page.goto(midoriUrl.replace(/hearing$/, 'actions'));
      await s.page.getByRole('button', { name: `編集: ${action}` }).click();
      await visible(s.page.locator('.inline-form'));
    }
    await a.page.locator('.inline-form').getByLabel('担当部署').fill('広報課');
    await a.page.getByRole('button', { name: '変更を保存' }).click();
    await visible(a.page.locator('.actions-table tbody tr', { hasText: '広報課' }));

    const owner = b.page.locator('.inline-form').getByLabel('担当部署');
    await owner.fill('高齢福祉課・広報課');
    await b.page.getByRole('button', { name: '変更を保存' }).click();
    await visible(b.page.getByText('他の人が先に変更しました。あなたの入力はそのまま残っています。', { exact: false }));
    expect(await owner.inputValue()).toBe('高齢福祉課・広報課');
    // The newer version (A's owner) is shown behind the form.
    await visible(b.page.locator('.actions-table tbody tr', { hasText: '広報課' }).locator('td').getByText('広報課', { exact: true }));

    await b.page.getByRole('button', { name: '変更を保存' }).click();
    await visible(b.page.locator('.actions-table tbody tr', { hasText: '高齢福祉課・広報課' }));
    expect(b.errors).toEqual([]);
  });

  it('shows the second writer of a review who saved what meanwhile beside their own input, and lets them choose', async () => {
    // The self-evaluation is the municipality's: the same member at two desks (two browsers).
    const [a, b] = [await session(demo.midori), await session(demo.midori)];
    const year = (s: Session) => s.page.locator('.review', { has: s.page.getByRole('heading', { name: '令和7年度' }) });
    for (const s of [a, b]) {
      await s.page.goto(midoriUrl.replace(/hearing$/, 'review'));
      await year(s).getByRole('button', { name: '振り返りを記入' }).click();
    }
    await year(a).getByLabel('◎ 十分できた').check();
    await year(a).getByLabel('評価のコメント').fill('連絡票は全診療所に広がった。');
    await year(a).getByRole('button', { name: '保存', exact: true }).click();
    await visible(year(a).getByText('振り返りを保存しました。'));

    await year(b).getByLabel('○ おおむねできた').check();
    await year(b).getByLabel('評価のコメント').fill('連絡票は2診療所で試行中。');
    await year(b).getByRole('button', { name: '保存', exact: true }).click();
    const stale = year(b).locator('.notice', { hasText: 'この年度の振り返りを保存しました' });
    await visible(stale);
    expect(await stale.textContent()).toContain('中村 陽子');
    const comment = stale.locator('tr', { hasText: '評価のコメント' });
    expect(await comment.locator('td').allTextContents()).toEqual(['連絡票は全診療所に広がった。', '連絡票は2診療所で試行中。']);
    expect(await year(b).getByLabel('評価のコメント').inputValue()).toBe('連絡票は2診療所で試行中。');

    await stale.getByRole('button', { name: 'あなたの入力で上書き保存' }).click();
    await visible(year(b).getByText('振り返りを保存しました。'));
    await b.page.reload();
    await visible(year(b).getByText('連絡票は2診療所で試行中。'));
    expect(b.errors).toEqual([]);
  });

  it('sends a user whose session ended to sign-in and back to the same page', async () => {
    const s = await session(demo.midori);
    await s.page.goto(midoriUrl);
    await visible(s.page.getByRole('tab', { name: 'ヒアリング' }));
    // Sign out in a second tab of the same browser: the first tab's session is gone too.
    const other = await s.context.newPage();
    await other.goto('/');
    await other.getByRole('button', { name: 'サインアウト' }).click();
    await visible(other.getByText('サインアウトしました。'));
    await other.close();

    await s.page.getByRole('tab', { name: 'ロードマップ' }).click();
    await visible(s.page.getByText('セッションの有効期限が切れました。もう一度サインインしてください。'));
    expect(new URL(s.page.url()).searchParams.get('next')).toBe(midoriUrl.replace(/hearing$/, 'roadmap'));
    await s.page.getByLabel('メールアドレス').fill(demo.midori);
    await s.page.getByLabel('パスワード').fill('banso-demo-2025');
    await s.page.getByRole('button', { name: 'サインイン' }).click();
    await s.page.waitForURL((url) => url.pathname === midoriUrl.replace(/hearing$/, 'roadmap'));
    await visible(s.page.locator('.timeline'));
  });

  it('says so when the server cannot be reached, and recovers on retry', async () => {
    const s = await session(demo.kitano);
    await s.page.route('**/api/engagements/*/pdca-reviews', (route) => route.abort('connectionrefused'));
    await s.page.getByRole('link', { name: 'あおば市' }).click();
    await s.page.getByRole('tab', { name: '振り返り' }).click();
    await visible(s.page.getByText('サーバーに接続できません。', { exact: false }), 30_000);
    await s.page.unroute('**/api/engagements/*/pdca-reviews');
    await s.page.getByRole('button', { name: '再読み込み' }).click();
    await visible(s.page.getByRole('heading', { name: '令和7年度' }));
  });

  it('answers an unknown engagement and an unknown page with a message, not a blank screen', async () => {
    const s = await session(demo.aoba);
    await s.page.goto(`/engagements/${randomUUID()}/roadmap`);
    await visible(s.page.getByText('見つかりません。削除されたか、閲覧する権限がありません。'));
    await s.page.goto('/no-such-page');
    await visible(s.page.getByRole('heading', { name: 'ページが見つかりません。' }));
  });

  it('shows a wrong password as such', async () => {
    const s = sessions[0]!;
    const page = await s.context.browser()!.newPage({ baseURL: journey.app.baseUrl });
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill(demo.office);
    await page.getByLabel('パスワード').fill('wrong-password');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await visible(page.getByText('メールアドレスまたはパスワードが違います。'));
    await signIn(page, demo.office);
    await page.close();
  });
});
