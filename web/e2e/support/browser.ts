/**
 * Debian Chromium through playwright-core. Browsers are never downloaded: when /usr/bin/chromium
 * is missing the suite fails loudly instead of passing.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { chromiumArgs, defaultChromiumPath } from '@banso/shared';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? defaultChromiumPath;

/** The demo password (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'banso-demo-2025';

export const demo = {
  office: 'office@demo.banso.jp',
  morikawa: 'morikawa@demo.banso.jp',
  kitano: 'kitano@demo.banso.jp',
  takada: 'takada@demo.banso.jp',
  midori: 'midori@demo.banso.jp',
  aoba: 'aoba@demo.banso.jp',
  yamanami: 'yamanami@demo.banso.jp',
  sakura: 'sakura@demo.banso.jp',
  higashi: 'higashi@demo.banso.jp',
  shiosai: 'shiosai@demo.banso.jp',
} as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The e2e suite needs Debian's chromium package (apt-get install chromium); ` +
        'it never downloads browsers. Set CHROMIUM_PATH to use another binary.',
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...chromiumArgs],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far (a journey asserts there are none). */
  errors: string[];
}

/** A fresh browser context (own cookies) with Japanese as the browser language. */
export async function openSession(
  browser: Browser,
  baseUrl: string,
  options: { viewport?: { width: number; height: number }; locale?: string; bypassCSP?: boolean } = {},
): Promise<Session> {
  const context = await browser.newContext({
    // Only for injecting test tooling (axe-core) into pages whose CSP allows no inline script.
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    baseURL: baseUrl,
    locale: options.locale ?? 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  // Generous: the machine running the suite may be busy (the API answers 503 under load and the app retries).
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  trackRequests(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Failed requests (401 before sign-in, a 409 the journey provokes) are reported by the app itself.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}

const inFlight = new WeakMap<Page, { open: number; quietSince: number }>();

/** Counts a page's requests in flight, leaving out the live-update stream (it never finishes). */
function trackRequests(page: Page): void {
  const state = { open: 0, quietSince: Date.now() };
  inFlight.set(page, state);
  const counted = (r: { resourceType(): string }) => r.resourceType() !== 'eventsource';
  page.on('request', (r) => {
    if (counted(r)) state.open += 1;
  });
  const done = (r: { resourceType(): string }) => {
    if (!counted(r)) return;
    state.open = Math.max(0, state.open - 1);
    if (state.open === 0) state.quietSince = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

/**
 * Waits until no request has been in flight for `quietMs` (Playwright's `networkidle`, which an open
 * server-sent-events stream would hold off for ever). Gives up quietly after `timeout`.
 */
export async function networkQuiet(page: Page, quietMs = 500, timeout = 15_000): Promise<void> {
  const state = inFlight.get(page);
  if (!state) return;
  const stop = Date.now() + timeout;
  while (Date.now() < stop && (state.open > 0 || Date.now() - state.quietSince < quietMs)) await page.waitForTimeout(50);
}

/** Signs in through the form and waits for the engagement list. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: '伴走支援案件', level: 1 }).waitFor();
}

export async function signInAs(browser: Browser, baseUrl: string, email: string): Promise<Session> {
  const session = await openSession(browser, baseUrl);
  await signIn(session.page, email);
  return session;
}

/** Waits until the locator is visible (playwright-core has no `expect`). */
export async function visible(locator: Locator, timeout = 30_000): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await pageState(locator.page())}`, { cause: error });
  }
  return locator;
}

/** What the page showed when a wait failed: its address, any alert, and the start of its main text. */
async function pageState(page: Page): Promise<string> {
  const text = await page
    .evaluate(() => {
      const alerts = [...document.querySelectorAll('[role="alert"], [role="status"]')].map((e) => (e as HTMLElement).innerText.trim());
      const main = (document.querySelector('main') ?? document.body).innerText.replace(/\s+/g, ' ').slice(0, 800);
      return `alerts: ${JSON.stringify(alerts.filter(Boolean))}\nmain: ${main}`;
    })
    .catch((e: unknown) => `(page unreadable: ${String(e)})`);
  return `page: ${page.url()}\n${text}`;
}

/** Waits until no element matches. */
export async function gone(locator: Locator, timeout = 30_000): Promise<void> {
  await locator
    .first()
    .waitFor({ state: 'detached', timeout })
    .catch(async () => {
      if ((await locator.count()) > 0) throw new Error(`Still present: ${locator.toString()}`);
    });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Chooses YYYY-MM in the app's year/month picker labelled `label` (two selects: 「<label> 年」「<label> 月」).
 * The label may carry a bracketed marker after it (「ベースライン時点（合意に必要） 年」).
 */
export async function pickMonth(scope: Page | Locator, label: string, ym: string): Promise<void> {
  const [year, month] = ym.split('-');
  const part = (unit: string) => new RegExp(`^${escapeRegExp(label)}(（[^）]*）| \\([^)]*\\))? ${unit}$`);
  await scope.getByLabel(part('年')).selectOption(year ?? '');
  await scope.getByLabel(part('月')).selectOption(String(Number(month)));
}
