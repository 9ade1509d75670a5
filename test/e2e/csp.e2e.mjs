// SECURITY.md item 12: the Content-Security-Policy and Trusted Types hold, and no screen breaks
// them (no violation, no console error).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppPage } from './pages/AppPage.mjs';
import { openRoute, ROUTES } from './routes.mjs';
import { assert, PROJECT_ROOT, test } from './support/harness.mjs';

const config = JSON.parse(await readFile(join(PROJECT_ROOT, 'src', 'pwa', 'security-headers.json'), 'utf8'));

/** Records CSP violations (from every document in the context) and console errors. */
async function watchForProblems(context, page) {
  const problems = [];
  await context.exposeBinding('__e2eReportViolation', (_source, violation) => {
    problems.push(`CSP violation: ${JSON.stringify(violation)}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      /** @type {any} */ (window).__e2eReportViolation({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
      });
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

export const tests = [
  test('every screen loads with no CSP violation and no console error', async ({ context, page }) => {
    const problems = await watchForProblems(context, page);
    // First visit registers the service worker: its registration is a Trusted Types sink.
    const first = await openRoute(page, ROUTES[0]);
    await first.waitForOfflineReady();
    for (const route of ROUTES) {
      await openRoute(page, route);
    }
    // And once more under the service worker's control, through in-app navigation too.
    await openRoute(page, ROUTES[0]);
    await new AppPage(page).navLink('Policy').click();
    await page.locator('main h1').first().waitFor();
    assert.deepEqual(problems, []);
  }),

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
    await openRoute(page, ROUTES[0]);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const expected = config.contentSecurityPolicy.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    assert.equal(meta, expected);
  }),

  test('Trusted Types refuse HTML written into the page by script', async ({ page }) => {
    await openRoute(page, ROUTES[0]);
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
];
