/**
 * Time from navigation to the laid-out logic tree in headless Chromium (Debian's /usr/bin/chromium
 * through playwright-core, never a downloaded browser). The editor sets
 * `document.body.dataset.treeReady` and `performance.mark('tree-laid-out')` once the tree is laid out.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, defaultChromiumPath } from '@banso/shared';
import { chromium } from 'playwright-core';

/** The one DOM global the page functions below touch (this package compiles without the DOM library). */
declare const document: { body: { dataset: Record<string, string | undefined> } };

const CHROMIUM = process.env.CHROMIUM_PATH ?? defaultChromiumPath;

export interface RenderTiming {
  size: number;
  /** The first load (cold browser cache). */
  firstMs: number;
  /** Median of the following loads (cached scripts, as for a returning user). */
  medianMs: number;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function timeTreeRender(
  baseUrl: string,
  login: { email: string; password: string },
  engagements: { id: string; size: number }[],
  runs = 3,
): Promise<RenderTiming[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...chromiumArgs] });
  try {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      viewport: { width: 1440, height: 900 },
    });
    const signedIn = await context.request.post('/api/auth/login', { data: login });
    if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    const once = async (id: string): Promise<number> => {
      await page.goto('about:blank');
      await page.goto(`/engagements/${id}/tree`, { waitUntil: 'commit' });
      // Functions, not strings: the app's CSP (rightly) forbids eval.
      await page
        .waitForFunction(() => Number(document.body.dataset.treeReady) > 0, null, { timeout: 30_000 })
        .catch(async (err: unknown) => {
          // what the page showed, to look at
          const shot = path.join(tmpdir(), 'banso-bench-failed.png');
          await page.screenshot({ path: shot }).catch(() => undefined);
          throw new Error(
            `${err instanceof Error ? err.message.split('\n')[0] : String(err)} at ${page.url()}; page errors: ${problems.slice(-3).join(' | ') || 'none'}; screenshot ${shot}`,
          );
        });
      // Milliseconds since the navigation started (the page's time origin).
      return page.evaluate(() => performance.getEntriesByName('tree-laid-out').at(-1)?.startTime ?? Number.NaN);
    };
    const out: RenderTiming[] = [];
    for (const e of engagements) {
      const firstMs = await once(e.id);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await once(e.id));
      times.sort((a, b) => a - b);
      out.push({ size: e.size, firstMs, medianMs: times[Math.floor(times.length / 2)]! });
    }
    await context.close();
    return out;
  } finally {
    await browser.close();
  }
}
