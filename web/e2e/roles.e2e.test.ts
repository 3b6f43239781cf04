/**
 * Who sees what: each demo account signs in and sees exactly its engagements; the observer gets the
 * same views read-only (閲覧のみ, no edit control, no minutes/homework/team-only findings); the
 * program office gets the portfolio; the language switch is remembered; the tabs work by keyboard.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demo, gone, type Session, visible } from './support/browser';
import { useJourney } from './support/journey';

const journey = useJourney();
const { session } = journey;
/** Engagement ids by municipality name, read from an advisor's list. */
const ids = new Map<string, string>();

async function listedNames(s: Session): Promise<string[]> {
  await visible(s.page.locator('.engagement-card__name'));
  return (await s.page.locator('.engagement-card__name').allTextContents()).sort();
}

beforeAll(async () => {
  const s = await session(demo.takada);
  await visible(s.page.locator('.engagement-card__name'));
  for (const link of await s.page.locator('.engagement-card__name').all()) {
    const href = (await link.getAttribute('href')) ?? '';
    ids.set((await link.textContent()) ?? '', href.split('/')[2] ?? '');
  }
});

describe('engagement list per role', () => {
  const all = ['あおば市', 'みどり区', 'やまなみ町'];
  const cases: [string, string, string[]][] = [
    ['program office', demo.office, all],
    ['lead advisor', demo.morikawa, all],
    ['peer advisor', demo.kitano, ['あおば市', 'やまなみ町']],
    ['secretariat', demo.takada, all],
    ['municipal member of みどり区', demo.midori, ['みどり区']],
    ['municipal member of あおば市', demo.aoba, ['あおば市']],
    ['municipal member of やまなみ町', demo.yamanami, ['やまなみ町']],
    ['observer from さくら区', demo.sakura, ['みどり区']],
    ['observer from ひがし市', demo.higashi, ['あおば市']],
    ['observer from しおさい村', demo.shiosai, ['やまなみ町']],
  ];

  for (const [label, email, expected] of cases) {
    it(`shows the ${label} exactly ${expected.join('・')}`, async () => {
      const s = await session(email);
      expect(await listedNames(s)).toEqual([...expected].sort());
      const portfolioLinks = await s.page.getByRole('link', { name: 'ポートフォリオ', exact: true }).count();
      expect(portfolioLinks).toBe(email === demo.office ? 1 : 0);
      expect(s.errors).toEqual([]);
      await s.context.close();
    });
  }

  it('groups the list 区部・市部・町村部 with theme, status and role', async () => {
    const s = await session(demo.morikawa);
    await visible(s.page.locator('.engagement-card__name'));
    const headings = await s.page.locator('.engagement-group__title').allTextContents();
    expect(headings.map((h) => h.replace(/\d+件$/, ''))).toEqual(['区部', '市部', '町村部']);
    const midori = s.page.locator('.engagement-card', { hasText: 'みどり区' });
    expect(await midori.locator('.engagement-card__theme').textContent()).toContain('認知症');
    await visible(midori.getByText('取組選定'));
    await visible(midori.getByText('あなたの役割: アドバイザー'));
    await visible(midori.getByText(/^遅延 \d+件$|^遅延なし$/));
  });
});

describe('observer mode (さくら区 → みどり区)', () => {
  let s: Session;
  beforeAll(async () => {
    s = await session(demo.sakura);
    await s.page.getByRole('link', { name: 'みどり区' }).click();
    await visible(s.page.getByRole('heading', { name: /みどり区/, level: 1 }));
  });

  it('labels the engagement 閲覧のみ and offers no status control or 振り返り tab', async () => {
    await visible(s.page.getByText('閲覧のみ', { exact: true }));
    const tabs = await s.page.getByRole('tab').allTextContents();
    // 地域分析 is for observers too (analysis.read): the figures are the municipality's public ones; the
    // 自己評価シート is read like the actions and the roadmap it reports on (self_evaluation.read).
    expect(tabs).toEqual(['ヒアリング', 'ロジックツリー', '取組', 'ロードマップ', '自己評価シート', '地域分析']);
    expect(await s.page.getByRole('heading', { name: '状態を変更' }).count()).toBe(0);
    expect(await s.page.getByRole('button', { name: /へ進める|に戻す/ }).count()).toBe(0);
  });

  it('shows the visit schedule and shareable findings but no minutes, homework or team-only findings', async () => {
    await s.page.getByRole('tab', { name: 'ヒアリング' }).click();
    await visible(s.page.getByText('かかりつけ医から包括への連絡は個人的な関係に頼っている'));
    await visible(s.page.getByText('令和7年7月10日'));
    expect(await s.page.getByText('A包括の相談員').count()).toBe(0);
    expect(await s.page.getByText('議事録', { exact: true }).count()).toBe(0);
    expect(await s.page.getByRole('heading', { name: '宿題' }).count()).toBe(0);
    expect(await s.page.getByText('出席者').count()).toBe(0);
    expect(await s.page.getByText('事実・助言を記録').count()).toBe(0);
    expect(await s.page.getByText('支援回を追加').count()).toBe(0);
  });

  it('shows the roadmap read-only: no span, plan, measurement or milestone control', async () => {
    await s.page.getByRole('tab', { name: 'ロードマップ' }).click();
    const row = s.page.getByRole('button', { name: /医師会と「もの忘れ連絡票」を定型化/ });
    await visible(row);
    await row.click();
    await visible(s.page.getByRole('heading', { name: '検証方法' }));
    await visible(s.page.locator('.chart__svg'));
    for (const name of [/完了にする/, /測定値を記録/, /期間を保存/, /検証方法を編集/, /検証方法を追加/, /マイルストーンを追加/])
      expect(await s.page.getByRole('button', { name }).count()).toBe(0);
    expect(await s.page.locator('.row-panel input, .row-panel select, .row-panel textarea').count()).toBe(0);
  });

  it('shows the actions without selection or editing', async () => {
    await s.page.getByRole('tab', { name: '取組' }).click();
    await visible(s.page.locator('.actions-table'));
    expect(await s.page.locator('.actions-table select').count()).toBe(0);
    expect(await s.page.getByRole('button', { name: /編集/ }).count()).toBe(0);
    expect(await s.page.getByRole('heading', { name: '取組を選定する' }).count()).toBe(0);
  });

  it('opens the logic tree tab', async () => {
    await s.page.getByRole('tab', { name: 'ロジックツリー' }).click();
    await s.page.waitForURL(/\/tree$/);
    await visible(s.page.getByText('閲覧のみ', { exact: true }));
  });

  it('sends 振り返り to ヒアリング and answers an engagement it may not see with a clear message', async () => {
    await s.page.goto(`/engagements/${ids.get('みどり区')}/review`);
    await s.page.waitForURL(/\/hearing$/);
    await s.page.goto(`/engagements/${ids.get('あおば市')}/roadmap`);
    await visible(s.page.getByText('見つかりません。削除されたか、閲覧する権限がありません。'));
    expect(s.errors).toEqual([]);
  });
});

describe('program office', () => {
  it('sees the portfolio with every engagement of the program', async () => {
    const s = await session(demo.office);
    await s.page.getByRole('link', { name: 'ポートフォリオ', exact: true }).click();
    await visible(s.page.getByRole('heading', { name: 'ポートフォリオ', level: 1 }));
    await visible(s.page.locator('.portfolio-table tbody tr'));
    // It opens on this fiscal year's program: last year's みどり区 (continued from) is not mixed in.
    const names = async () => (await s.page.locator('.portfolio-table tbody th a').allTextContents()).sort();
    expect(await names()).toEqual(['あおば市', 'みどり区', 'やまなみ町']);
    const headers = await s.page.locator('.portfolio-table thead th').allTextContents();
    expect(headers).toEqual(['自治体', '区分', 'テーマ', '状態', 'ロードマップ', '遅延マイルストーン', '最新の進捗', '最終更新']);
    expect(await s.page.locator('.portfolio-table tbody tr', { hasText: '未合意' }).count()).toBe(3);
    // Every year: both years of みどり区.
    await s.page.getByLabel('年度', { exact: true }).selectOption({ label: 'すべての年度' });
    await expect.poll(names).toEqual(['あおば市', 'みどり区', 'みどり区', 'やまなみ町']);
    expect(s.errors).toEqual([]);
  });

  it('is not offered to others, who get a message when they open it', async () => {
    const s = await session(demo.midori);
    await s.page.goto('/portfolio');
    await visible(s.page.getByText('ポートフォリオは実施主体のみが閲覧できます。'));
  });
});

describe('shell', () => {
  it('remembers the language choice and sets <html lang>', async () => {
    const s = await session(demo.morikawa);
    expect(await s.page.locator('html').getAttribute('lang')).toBe('ja');
    await s.page.getByRole('button', { name: 'English' }).click();
    await visible(s.page.getByRole('heading', { name: 'Engagements', level: 1 }));
    await s.page.reload();
    await visible(s.page.getByRole('heading', { name: 'Engagements', level: 1 }));
    expect(await s.page.locator('html').getAttribute('lang')).toBe('en');
    await s.page.getByRole('button', { name: '日本語' }).click();
    await visible(s.page.getByRole('heading', { name: '伴走支援案件', level: 1 }));
  });

  it('moves between the engagement tabs with the arrow keys', async () => {
    const s = await session(demo.morikawa);
    await s.page.goto(`/engagements/${ids.get('みどり区')}/hearing`);
    const hearing = s.page.getByRole('tab', { name: 'ヒアリング' });
    await visible(hearing);
    await hearing.focus();
    await s.page.keyboard.press('ArrowRight');
    await s.page.waitForURL(/\/tree$/);
    await s.page.keyboard.press('ArrowRight');
    await s.page.waitForURL(/\/actions$/);
    expect(await s.page.evaluate(() => document.activeElement?.textContent)).toBe('取組');
    // End: the last tab, 地域分析 (after 振り返り and 自己評価シート).
    await s.page.keyboard.press('End');
    await s.page.waitForURL(/\/analysis$/);
  });

  it('signs out and asks for sign-in again', async () => {
    const s = await session(demo.aoba);
    await s.page.getByRole('button', { name: 'サインアウト' }).click();
    await visible(s.page.getByText('サインアウトしました。'));
    await s.page.goto('/');
    await s.page.waitForURL(/\/login/);
    await gone(s.page.locator('.engagement-card'));
  });
});
