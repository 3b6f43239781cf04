/**
 * axe-core over every page, for every role (program office, advisor, municipal member, observer),
 * in Japanese and in English. axe's own source (the axe-core devDependency) is injected into each
 * page with addScriptTag; any serious or critical violation fails the test, listed by page, rule
 * and element, so a finding reads like a bug report.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, launchBrowser, networkQuiet, openSession, signIn, visible } from './support/browser';
import { type RunningApp, startApp } from './support/server';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Waits until the page has settled: no request in flight, no loading indicator, fonts laid out. */
async function settle(page: Page): Promise<void> {
  await networkQuiet(page);
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .loading'), undefined, { timeout: 15_000 })
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Runs axe on the page and returns its serious and critical violations as readable lines. */
async function seriousViolations(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${label}: [${v.impact}] ${v.id} (${v.help}) at ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
      ),
    );
}

const roles = [
  { role: 'program office', email: demo.office },
  { role: 'advisor', email: demo.morikawa },
  { role: 'municipal member', email: demo.midori },
  { role: 'observer', email: demo.sakura },
] as const;
const tabs = ['hearing', 'tree', 'actions', 'roadmap', 'review', 'evaluation', 'analysis'] as const;

describe('axe-core: no serious or critical violation on any page', () => {
  for (const locale of ['ja', 'en'] as const) {
    it(`the sign-in page (${locale})`, async () => {
      const s = await openSession(browser, app.baseUrl, { locale: locale === 'ja' ? 'ja-JP' : 'en-GB', bypassCSP: true });
      await s.context.addInitScript((l) => window.localStorage.setItem('banso.locale', l), locale);
      await s.page.goto('/login');
      await visible(s.page.locator('form'));
      await settle(s.page);
      const found = await seriousViolations(s.page, `/login (${locale})`);
      await s.context.close();
      expect(found).toEqual([]);
    });

    for (const { role, email } of roles)
      it(`every page of the ${role} (${locale})`, { timeout: 900_000 }, async () => {
        const s = await openSession(browser, app.baseUrl, { bypassCSP: true });
        await signIn(s.page, email);
        if (locale === 'en') {
          await s.context.addInitScript(() => window.localStorage.setItem('banso.locale', 'en'));
          await s.page.evaluate(() => window.localStorage.setItem('banso.locale', 'en'));
        }
        const list = (await s.page.evaluate(() => fetch('/api/engagements').then((r) => r.json()))) as {
          items: { id: string; fiscalYear: number; municipality: { name: string } }[];
        };
        const latest = Math.max(...list.items.map((e) => e.fiscalYear));
        // Every engagement of the role in the current year (one per municipality), every tab.
        const engagements = list.items.filter((e) => e.fiscalYear === latest);
        const pages = [
          '/',
          ...(email === demo.office ? ['/portfolio', '/programs', '/users', '/outbox', '/indicators/import'] : []),
          '/password',
          '/security',
          '/notifications',
          ...engagements.flatMap((e) => [...tabs.map((t) => `/engagements/${e.id}/${t}`), `/engagements/${e.id}/team`]),
          '/library',
          '/reference',
          '/events',
          '/reports',
          '/applications',
        ];
        const found: string[] = [];
        for (const path of pages) {
          await s.page.goto(path);
          await visible(s.page.locator('h1'));
          await settle(s.page);
          const label = `${path.replace(/[0-9a-f-]{36}/, (id) => engagements.find((e) => e.id === id)?.municipality.name ?? id)} (${role}, ${locale})`;
          found.push(...(await seriousViolations(s.page, label)));
        }
        // The logic tree's other view, the outline (a WAI-ARIA tree), for each engagement.
        const me = (await s.page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))) as { user: { id: string } };
        await s.page.evaluate((key) => window.localStorage.setItem(key, 'outline'), `banso.logicTree.view.${me.user.id}`);
        for (const e of engagements) {
          await s.page.goto(`/engagements/${e.id}/tree`);
          await visible(s.page.getByRole('tree'));
          await settle(s.page);
          found.push(...(await seriousViolations(s.page, `outline of ${e.municipality.name} (${role}, ${locale})`)));
        }
        expect(s.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
        await s.context.close();
        expect(found).toEqual([]);
      });
  }
});
