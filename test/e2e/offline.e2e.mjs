// After the first visit the app runs with no network at all (the service worker precaches it).
// (The full flows, the security and the durability tests also run offline, set up and unlocked.)
import { NotSetUpPage } from './pages/NotSetUpPage.mjs';
import { PolicyPage } from './pages/PolicyPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { assert, test } from './support/harness.mjs';

export const tests = [
  test('after the first visit the app opens offline, on any screen', async ({ context, page }) => {
    const app = await new SetupPage(page).open('/');
    await app.waitForOfflineReady();

    await context.setOffline(true);
    // Proof that the network is really gone: a file the service worker never cached fails.
    assert.ok(await app.fetchFails(`/not-cached-${Date.now()}.txt`), 'an uncached URL should fail offline');

    await page.reload();
    await app.waitUntilShown();
    assert.equal(await app.headingText(), 'Set up YPSI Response');

    // A full load of other addresses: the worker answers with the app shell; lazy screens load.
    await new PolicyPage(page).open();
    assert.equal(new URL(page.url()).pathname, '/policy');
    await new NotSetUpPage(page).open();
    // The passphrase strength estimator is loaded on demand: it is precached too.
    await app.open('/');
    await app.field('holder-1-passphrase').fill('copper kettle marching lantern');
    await app.field('holder-2-passphrase').fill('violet harbour pickle trombone');
    await app.strongEnough('holder-1-passphrase').waitFor();
  }),
];
