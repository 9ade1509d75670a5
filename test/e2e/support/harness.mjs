// What a spec file needs: `test()` to declare a test, the viewports, and paths for artefacts.
// The runner (../run.mjs) gives each test a fresh browser context and page.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { strict as assert } from 'node:assert';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RESULTS_DIR = join(PROJECT_ROOT, 'test-results');
export const SCREENSHOTS_DIR = join(RESULTS_DIR, 'screenshots');
export const FAILURES_DIR = join(RESULTS_DIR, 'failures');
export const DIST_DIR = join(PROJECT_ROOT, 'dist');

/** The two tablet sizes every screen must work at (UX.md). */
/** Debian's Chromium, headless and quiet; everything not on loopback goes to the trap proxy at `proxyUrl`, which records and refuses it. */
export function chromiumOptions(proxyUrl) {
  return {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--proxy-server=${proxyUrl}`,
    ],
  };
}

export const VIEWPORTS = {
  portrait: { width: 768, height: 1024 },
  landscape: { width: 1280, height: 800 },
};

/**
 * @typedef {object} TestFixture
 * @property {import('playwright-core').Browser} browser
 * @property {import('playwright-core').BrowserContext} context  fresh for this test
 * @property {import('playwright-core').Page} page  the context's first page
 * @property {string} baseURL  the app's origin, e.g. http://127.0.0.1:41234
 * @property {string[]} pageErrors  uncaught exceptions so far (the test fails if any remain)
 * @property {(name: string, page?: import('playwright-core').Page) => Promise<string>} screenshot
 *   PNG into test-results/screenshots/<name>.png (landscape: the viewport; portrait: the whole page;
 *   see saveScreenshot); returns the path
 */

/**
 * @typedef {object} TestOptions
 * @property {{width: number, height: number}} [viewport]  default: landscape
 * @property {number} [timeout]  ms, default 30 000
 * @property {boolean} [allowPageErrors]  do not fail on uncaught page exceptions
 * @property {import('playwright-core').BrowserContextOptions} [contextOptions]
 */

/**
 * Declares a test. Export an array of these as `tests` from a `*.e2e.mjs` file.
 * @param {string} name  a sentence saying what is true when it passes
 * @param {(fixture: TestFixture) => Promise<void>} fn
 * @param {TestOptions} [options]
 */
export function test(name, fn, options = {}) {
  return { name, fn, options };
}

/**
 * Saves a screenshot, by default into test-results/screenshots/. In landscape (wider than tall) it
 * is the viewport as it is, what a 1280x800 tablet shows: stretching a landscape viewport to the
 * page's height would lay the screen out as no tablet does (the policy panel beside the questions
 * and the sticky action bar placed for a viewport thousands of pixels tall). In portrait it is the
 * whole page: the viewport is stretched to the page's height for the shot (and put back), so the
 * sticky action bar sits where it ends up, below the content, instead of being painted over the
 * middle of a long page as a plain full-page capture does.
 */
export async function saveScreenshot(page, name, dir = SCREENSHOTS_DIR) {
  const path = join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await mkdir(dirname(path), { recursive: true });
  const viewport = page.viewportSize();
  if (viewport && viewport.width > viewport.height) {
    await page.screenshot({ path });
    return path;
  }
  const pageHeight = () => page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
  let height = viewport ? await pageHeight().catch(() => 0) : 0;
  if (!viewport || height <= viewport.height) {
    await page.screenshot({ path, fullPage: true });
    return path;
  }
  try {
    for (let i = 0; i < 3; i++) {
      await page.setViewportSize({ width: viewport.width, height });
      const next = await pageHeight();
      if (next <= height) break;
      height = next;
    }
    await page.screenshot({ path });
  } finally {
    await page.setViewportSize(viewport);
  }
  return path;
}
