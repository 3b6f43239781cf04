/**
 * Prints HTML to PDF with headless Chromium (Debian's /usr/bin/chromium through playwright-core).
 * The browser starts on the first print and is closed with the app; each print gets its own
 * context with scripts disabled and every network request refused. The PDF is tagged and has
 * bookmarks (the report's headings), so it reads in a screen reader.
 */
import { chromiumArgs, defaultChromiumPath } from '@banso/shared';
import { type Browser, chromium } from 'playwright-core';

/** Debian's package; the server passes CHROMIUM_PATH from the config. */
export const CHROMIUM_PATH = defaultChromiumPath;

const footerTemplate = `<div style="width:100%;font-size:7.5pt;color:#6b7280;text-align:center;font-family:'Noto Sans CJK JP',sans-serif;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private closed = false;

  constructor(private readonly executablePath = CHROMIUM_PATH) {}

  private launch(): Promise<Browser> {
    if (this.closed) return Promise.reject(new Error('The PDF printer is closed'));
    if (!this.browser) {
      const started = chromium.launch({ executablePath: this.executablePath, args: [...chromiumArgs], headless: true });
      this.browser = started;
      started.then(
        (b) =>
          b.on('disconnected', () => {
            if (this.browser === started) this.browser = null;
          }),
        () => {
          if (this.browser === started) this.browser = null;
        },
      );
    }
    return this.browser;
  }

  /** Prints a self-contained page to an A4 PDF; aborting closes the page. */
  async print(html: string, signal?: AbortSignal): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const abort = () => void context.close().catch(() => {});
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate,
        // Accessible: a tagged PDF (headings, tables with their header cells, reading order) that a
        // screen reader follows, and bookmarks from the h1–h3 headings.
        tagged: true,
        outline: true,
      });
      return Buffer.from(pdf);
    } finally {
      signal?.removeEventListener('abort', abort);
      await context.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.browser = null;
    if (b) await b.then((x) => x.close()).catch(() => {});
  }
}
