/**
 * One language at a time: several roles walk every page they can reach (following the app's own
 * links from home), once in English and once in Japanese.
 *
 * - English: no Japanese text anywhere on the page (text, aria-label, title, placeholder, alt,
 *   the document title) except user data, i.e. text the server sent in a JSON answer (names,
 *   titles, notes of the demo data) and the language switch's own 日本語 (lang="ja").
 * - Japanese: no English UI words (three or more Latin letters) except user data and the names
 *   that are English in Japanese too (Bansō, PDF, Excel, Word, PowerPoint, PNG, JPEG, SVG, PDCA, key names).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, launchBrowser, networkQuiet, type Session, signInAs } from './support/browser';
import { type RunningApp, startApp } from './support/server';

let app: RunningApp;
let browser: Browser;
const sessions: Session[] = [];

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\u30fb]/u;
/** A run of Japanese text, with the digits, spaces and signs that sit inside it. */
const JAPANESE_RUN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\u30fb\u30fc]+/gu;
const ENGLISH_WORD = /\p{Script=Latin}[\p{Script=Latin}'’-]{2,}/gu;
/** Words that are the same in both languages: names, file formats, PDCA and the keys of the keyboard. */
const ENGLISH_IN_JAPANESE = new Set([
  'Bansō',
  'PDF',
  'Excel',
  'PowerPoint',
  'PNG',
  // a file format, like PDF (the municipality import reads CSV)
  'CSV',
  // the kinds of file a visit's 資料 takes, named as the office knows them (Word like Excel, JPEG like PNG)
  'Word',
  'JPEG',
  'SVG',
  'English',
  'PDCA',
  // the report's Before ⇒ After, as Japanese reports of 伴走型支援 write it
  'Before',
  'After',
  'Ctrl',
  'Shift',
  'Alt',
  'Tab',
  'Enter',
  'Esc',
  'Delete',
  'Insert',
  'Home',
  'End',
]);
const MAX_PAGES_PER_ROLE = 30;
const MAX_PER_PATTERN = 2;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/**
 * Every string value of every JSON answer of the API seen by the page, and of every live-update
 * frame (the names in who-has-it-open): the user data.
 */
async function recordUserData(page: Page): Promise<Set<string>> {
  const strings = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === 'string') strings.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  page.on('response', (response) => {
    if (!response.url().includes('/api/')) return;
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    response.json().then(collect, () => undefined);
  });
  await page.exposeFunction('__recordUserData', (json: string) => collect(JSON.parse(json)));
  await page.addInitScript(() => {
    const record = (window as unknown as { __recordUserData: (json: string) => void }).__recordUserData;
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        for (const type of ['message', 'presence']) this.addEventListener(type, (e) => record((e as MessageEvent<string>).data));
      }
    };
  });
  return strings;
}

interface Shown {
  text: string;
  where: string;
}

/** The text a person reads or hears on the page: text nodes and the labelling attributes. */
async function shownText(page: Page): Promise<Shown[]> {
  return page.evaluate(() => {
    const out: { text: string; where: string }[] = [];
    const describe = (el: Element | null) => {
      const parts: string[] = [];
      for (let e = el; e && parts.length < 3; e = e.parentElement) {
        parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? `.${[...e.classList].join('.')}` : ''));
      }
      return parts.join(' > ');
    };
    const skip = (el: Element | null) =>
      !el || Boolean(el.closest('script, style, noscript, [lang="ja"]:not(html), [lang="en"]:not(html)'));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (text && !skip(n.parentElement)) out.push({ text, where: describe(n.parentElement) });
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (skip(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(attr)?.trim();
        if (v) out.push({ text: v, where: `${describe(el)} @${attr}` });
      }
    }
    out.push({ text: document.title, where: 'document.title' });
    return out;
  });
}

/** Waits until the page has its data: no request in flight and no loading message left. */
async function settle(page: Page): Promise<void> {
  await networkQuiet(page);
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .query-view__loading, .loading'), undefined, { timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

/** The app's own links on the page (same origin, not the API's print pages, not sign-in). */
async function appLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter((h) => h && !h.startsWith('/api/') && !h.startsWith('/login') && !h.startsWith('/#'));
}

const pattern = (path: string) => path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, ':id');

/** Visits home and everything reachable from it by the app's links, a few of each kind of page. */
async function walk(page: Page, check: (path: string, shown: Shown[]) => void): Promise<string[]> {
  const queue = ['/', '/portfolio', '/library', '/reports', '/applications'];
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < MAX_PAGES_PER_ROLE) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const p = pattern(path);
    if ((perPattern.get(p) ?? 0) >= MAX_PER_PATTERN) continue;
    perPattern.set(p, (perPattern.get(p) ?? 0) + 1);
    await page.goto(path);
    await settle(page);
    visited.push(path);
    check(path, await shownText(page));
    for (const link of await appLinks(page)) if (!seen.has(link)) queue.push(link);
  }
  return visited;
}

const inUserData = (run: string, data: Set<string>) => {
  for (const s of data) if (s.includes(run)) return true;
  return false;
};

function japaneseOutsideUserData(shown: Shown[], data: Set<string>): string[] {
  const found: string[] = [];
  for (const { text, where } of shown) {
    if (!JAPANESE.test(text)) continue;
    for (const run of text.match(JAPANESE_RUN) ?? []) {
      if (!inUserData(run, data)) found.push(`${where}: 「${run}」 in "${text.slice(0, 80)}"`);
    }
  }
  return found;
}

function englishOutsideUserData(shown: Shown[], data: Set<string>): string[] {
  const found: string[] = [];
  for (const { text, where } of shown) {
    for (const word of text.match(ENGLISH_WORD) ?? []) {
      if (ENGLISH_IN_JAPANESE.has(word) || inUserData(word, data)) continue;
      found.push(`${where}: "${word}" in "${text.slice(0, 80)}"`);
    }
  }
  return found;
}

const roles: [string, string][] = [
  ['program office', demo.office],
  ['lead advisor', demo.morikawa],
  ['municipal member', demo.midori],
  ['observer', demo.sakura],
];

describe.each(roles)('%s', (_label, email) => {
  it('reads every page in English with no Japanese outside user data', { timeout: 600_000 }, async () => {
    const s = await signInAs(browser, app.baseUrl, email);
    sessions.push(s);
    const data = await recordUserData(s.page);
    await s.page.evaluate(() => window.localStorage.setItem('banso.locale', 'en'));
    const problems: string[] = [];
    const visited = await walk(s.page, (path, shown) => {
      for (const p of japaneseOutsideUserData(shown, data)) problems.push(`${path} ${p}`);
    });
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(visited.length).toBeGreaterThan(5);
    const unique = [...new Set(problems)];
    if (unique.length > 0) throw new Error(`${unique.length} problems:\n${unique.join('\n')}`);
    expect(s.errors).toEqual([]);
  });

  it('reads every page in Japanese with no English UI words', { timeout: 600_000 }, async () => {
    const s = await signInAs(browser, app.baseUrl, email);
    sessions.push(s);
    const data = await recordUserData(s.page);
    await s.page.evaluate(() => window.localStorage.setItem('banso.locale', 'ja'));
    const problems: string[] = [];
    const visited = await walk(s.page, (path, shown) => {
      for (const p of englishOutsideUserData(shown, data)) problems.push(`${path} ${p}`);
    });
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(visited.length).toBeGreaterThan(5);
    const unique = [...new Set(problems)];
    if (unique.length > 0) throw new Error(`${unique.length} problems:\n${unique.join('\n')}`);
    expect(s.errors).toEqual([]);
  });
});
