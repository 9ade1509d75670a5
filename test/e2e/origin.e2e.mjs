// SECURITY.md test 9: nothing the app does asks another origin for anything. (The runner also
// checks this over the whole run, and a proxy catches what page listeners cannot see.)
import { openRoute, ROUTES } from './routes.mjs';
import { assert, test } from './support/harness.mjs';

export const tests = [
  test('no screen asks any origin but the app’s own for anything', async ({ context, page, baseURL }) => {
    const seen = [];
    await context.route('**', (route) => {
      const url = route.request().url();
      seen.push(url);
      if (new URL(url).origin !== baseURL) return route.abort('blockedbyclient');
      return route.continue();
    });
    const first = await openRoute(page, ROUTES[0]);
    await first.waitForOfflineReady();
    for (const route of ROUTES) await openRoute(page, route);

    assert.ok(seen.length > 0, 'the route recorder saw the app’s own requests');
    assert.deepEqual(
      seen.filter((url) => new URL(url).origin !== baseURL),
      [],
    );
  }),
];
