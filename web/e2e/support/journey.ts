/**
 * The frame every journey shares: one app (the demo seeded as of E2E_DEMO_DATE unless told
 * otherwise), one Chromium, the sessions it opens — all closed after the file's tests.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type Session, signInAs, visible } from './browser';
import { type RunningApp, startApp } from './server';

export interface Journey {
  readonly app: RunningApp;
  readonly browser: Browser;
  /** The sessions opened so far, in order. */
  readonly sessions: readonly Session[];
  /** Signs `email` in, in a fresh context closed after the file; page errors so far are forgotten. */
  session(email: string, viewport?: { width: number; height: number }): Promise<Session>;
}

export function useJourney(options: { env?: Record<string, string> } = {}): Journey {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  beforeAll(async () => {
    app = await startApp(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });
  const journey: Journey = {
    get app() {
      if (!app) throw new Error('The app starts in beforeAll');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll');
      return browser;
    },
    sessions,
    async session(email, viewport) {
      const s = await signInAs(journey.browser, journey.app.baseUrl, email);
      s.errors.length = 0;
      if (viewport) await s.page.setViewportSize(viewport);
      sessions.push(s);
      return s;
    },
  };
  return journey;
}

/**
 * A journey of one user on one engagement: `email` signs in and opens `municipality` from the
 * list (its hearing tab). The answer is that session (read its fields inside the tests) and the
 * journey, for other sessions.
 */
export function useEngagementJourney(email: string, municipality: string): Session & { journey: Journey } {
  const journey = useJourney();
  let session: Session | undefined;
  beforeAll(async () => {
    session = await journey.session(email);
    await session.page.getByRole('link', { name: municipality }).click();
    await visible(session.page.getByRole('heading', { name: new RegExp(municipality), level: 1 }));
  });
  const opened = () => {
    if (!session) throw new Error('The session opens in beforeAll');
    return session;
  };
  return {
    journey,
    get context() {
      return opened().context;
    },
    get page() {
      return opened().page;
    },
    get errors() {
      return opened().errors;
    },
  };
}

/** The id of the engagement of `municipality` in the caller's list. */
export async function engagementIdOf(page: Page, municipality: string): Promise<string> {
  const response = await page.request.get('/api/engagements');
  if (!response.ok()) throw new Error(`GET /api/engagements answered ${response.status()}`);
  const body = (await response.json()) as { items: { id: string }[] };
  const found = body.items.find((item) => JSON.stringify(item).includes(municipality));
  if (!found) throw new Error(`No engagement of ${municipality}`);
  return found.id;
}

/** Waits until the tree editor says 保存済み. */
export async function waitTreeSaved(page: Page): Promise<void> {
  await page.getByTestId('tree-save-status').filter({ hasText: '保存済み' }).waitFor({ timeout: 15_000 });
}
