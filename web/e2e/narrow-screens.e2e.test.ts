/**
 * Issue 12 item 9 on every page, not only the home: on a phone (390 × 844) and at 200 % zoom
 * (a 1280 × 800 laptop is 640 × 400 CSS px), no page of the program office, an advisor or a
 * municipal member scrolls sideways — wide tables scroll inside their own frame, toolbars wrap.
 * A failure names the page and the elements that stick out.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, networkQuiet } from './support/browser';
import { useJourney } from './support/journey';

const journey = useJourney();

const tabs = ['hearing', 'tree', 'actions', 'roadmap', 'review', 'evaluation', 'analysis', 'team'] as const;

/** Every page the signed-in user can open: the shared ones and each tab of this year's engagements. */
async function pagesOf(page: Page, office: boolean): Promise<{ path: string; label: string }[]> {
  const list = (await page.evaluate(() => fetch('/api/engagements').then((r) => r.json()))) as {
    items: { id: string; fiscalYear: number; municipality: { name: string } }[];
  };
  const latest = Math.max(...list.items.map((e) => e.fiscalYear));
  const engagements = list.items.filter((e) => e.fiscalYear === latest);
  const shared = ['/', '/library', '/reference', '/reports', '/applications', '/notifications', '/password', '/security'];
  const officeOnly = office ? ['/portfolio', '/programs', '/users', '/outbox', '/indicators/import'] : [];
  return [
    ...[...shared, ...officeOnly].map((path) => ({ path, label: path })),
    ...engagements.flatMap((e) => tabs.map((t) => ({ path: `/engagements/${e.id}/${t}`, label: `${e.municipality.name}/${t}` }))),
  ];
}

/** How far the page scrolls sideways, and the first elements that stick out of the viewport. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) return false;
        // Inside a frame that scrolls or clips by itself, sticking out is that frame's business.
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return false;
        }
        return true;
      })
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, width, out };
  });

const cases = [
  { who: 'program office', email: demo.office, office: true, viewports: [{ width: 390, height: 844 }] },
  {
    who: 'advisor',
    email: demo.morikawa,
    office: false,
    viewports: [
      { width: 390, height: 844 },
      { width: 640, height: 400 },
    ],
  },
  { who: 'municipal member', email: demo.midori, office: false, viewports: [{ width: 390, height: 844 }] },
] as const;

describe('no page scrolls sideways on a phone or at 200 % zoom', () => {
  for (const { who, email, office, viewports } of cases)
    for (const viewport of viewports)
      it(`every page of the ${who} at ${viewport.width} × ${viewport.height}`, { timeout: 600_000 }, async () => {
        const s = await journey.session(email, viewport);
        const found: string[] = [];
        for (const { path, label } of await pagesOf(s.page, office)) {
          await s.page.goto(path);
          await s.page.locator('h1').first().waitFor({ timeout: 30_000 });
          await networkQuiet(s.page);
          if (path.endsWith('/tree'))
            await s.page
              .waitForFunction(() => document.body.dataset.treeReady !== undefined, null, { timeout: 20_000 })
              .catch(() => undefined);
          const o = await overflow(s.page);
          if (o.scrollWidth > o.width) found.push(`${label}: scrolls ${o.scrollWidth - o.width} px sideways — ${o.out.join(', ') || '?'}`);
        }
        expect(found).toEqual([]);
        expect(s.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
      });
});
