// After the first visit the app runs with no network at all (the service worker precaches it).
import { PolicyCheckPage } from './pages/PolicyCheckPage.mjs';
import { PolicyPage } from './pages/PolicyPage.mjs';
import { assert, test } from './support/harness.mjs';

export const tests = [
  test('after the first visit the app opens offline, on any screen', async ({ context, page }) => {
    const app = await new PolicyCheckPage(page).open('/');
    await app.waitForOfflineReady();

    await context.setOffline(true);
    // Proof that the network is really gone: a file the service worker never cached fails.
    assert.ok(await app.fetchFails(`/not-cached-${Date.now()}.txt`), 'an uncached URL should fail offline');

    await page.reload();
    await app.waitUntilShown();
    assert.equal(await app.headingText(), 'What does the policy say?');

    // A full load of another address: the worker answers with the app shell.
    await new PolicyPage(page).open();
    assert.equal(new URL(page.url()).pathname, '/policy');
  }),
];
