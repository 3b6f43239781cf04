/**
 * How Bansō runs headless Chromium (PDF exports, the bench's render timing, the browser tests):
 * Debian's package, never a downloaded browser, with the network features it does not need turned off.
 */
export const defaultChromiumPath = '/usr/bin/chromium';

export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
