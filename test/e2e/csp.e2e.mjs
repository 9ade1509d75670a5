// docs/SECURITY.md item 12: the Content-Security-Policy and Trusted Types hold. (That no screen breaks
// them, with no violation and no console error, is checked on every screen by screens.e2e.mjs and
// along the full flows.)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FRESH_ROUTES, openRoute } from './routes.mjs';
import { assert, PROJECT_ROOT, test } from './support/harness.mjs';

const config = JSON.parse(await readFile(join(PROJECT_ROOT, 'src', 'pwa', 'security-headers.json'), 'utf8'));

export const tests = [
  test('the server sends the CSP and the other security headers on every response', async ({ page, baseURL }) => {
    for (const path of ['/', '/policy', '/manifest.webmanifest', '/sw.js']) {
      const response = await page.request.get(`${baseURL}${path}`);
      const headers = response.headers();
      assert.equal(headers['content-security-policy'], config.contentSecurityPolicy.join('; '), path);
      for (const [name, value] of Object.entries(config.headers)) {
        assert.equal(headers[name.toLowerCase()], value, `${name} on ${path}`);
      }
    }
  }),

  test('the page itself carries the CSP, so it holds even when served from the cache', async ({ page }) => {
    await openRoute(page, FRESH_ROUTES[0]);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const expected = config.contentSecurityPolicy.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    assert.equal(meta, expected);
  }),

  test('Trusted Types refuse HTML written into the page by script', async ({ page }) => {
    await openRoute(page, FRESH_ROUTES[0]);
    const outcome = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<img src=x>';
        return 'accepted';
      } catch (error) {
        return error instanceof TypeError ? 'refused' : String(error);
      }
    });
    assert.equal(outcome, 'refused');
  }),

  test('only the one Trusted Types policy the app makes may be created: a "default" policy is refused (issue 12 finding 7)', async ({
    page,
  }) => {
    await openRoute(page, FRESH_ROUTES[0]);
    const outcome = await page.evaluate(() => {
      try {
        globalThis.trustedTypes.createPolicy('default', {
          createHTML: (s) => s,
          createScriptURL: (s) => s,
          createScript: (s) => s,
        });
        return 'created';
      } catch (error) {
        return error instanceof TypeError ? 'refused' : String(error);
      }
    });
    assert.equal(outcome, 'refused');
    const other = await page.evaluate(() => {
      try {
        globalThis.trustedTypes.createPolicy('anything-else', { createHTML: (s) => s });
        return 'created';
      } catch {
        return 'refused';
      }
    });
    assert.equal(other, 'refused');
  }),
];
