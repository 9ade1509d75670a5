// The app's frame: what "/" is on a fresh device, the navigation before and after unlock, page
// titles and focus, the skip link, an unknown address, and locking (a page load always locks).
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { NotFoundPage } from './pages/NotFoundPage.mjs';
import { PolicyCheckPage } from './pages/PolicyCheckPage.mjs';
import { PolicyPage } from './pages/PolicyPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { idleWork, watchIdle } from './support/checks.mjs';
import { lockApp, setUpAndUnlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

const navTexts = (app) => app.mainNav.getByRole('link').allInnerTexts();

export const tests = [
  test('a fresh device opens on set-up, with only the screens that need no key in the navigation', async ({ page }) => {
    const app = await new SetupPage(page).open('/');
    assert.equal(await app.headingText(), 'Set up YPSI Response');
    assert.deepEqual(await navTexts(app), ['Lock screen', 'Policy check', 'Policy']);
    assert.equal(await app.navLink('Lock screen').getAttribute('aria-current'), 'page');
  }),

  test('set-up: the strength of a passphrase shows as it is typed, and the screen does no work while idle', async ({
    context,
    page,
  }) => {
    await watchIdle(context);
    const setup = await new SetupPage(page).open();
    // The DSL types their passphrase first; the Headteacher's field is still empty.
    await setup.field('holder-1-passphrase').fill('copper kettle marching lantern');
    const shown = await setup
      .strongEnough('holder-1-passphrase')
      .waitFor({ timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
    // A screen waiting for input should not render again: anything else is a render loop.
    const busy = await idleWork(page, 60);
    assert.ok(
      shown && busy.commits === 0,
      `${shown ? '' : 'The DSL’s passphrase strength never appeared while the Headteacher’s passphrase field was empty. '}` +
        `The idle set-up screen committed ${busy.commits} React renders in 60 frames (a render loop: PassphraseInput’s effect depends on ` +
        'measure.onStrength, a new function on every SetupPage render (strengthFor(h.key)); an empty field calls onStrength(null) at once, ' +
        'which sets SetupPage state, which renders again...).',
    );
  }),

  test('the navigation moves between screens, titles them and focuses the new heading', async ({ page }) => {
    const check = await new PolicyCheckPage(page).open();
    assert.equal(await page.title(), 'Policy check - YPSI Response');
    await check.navLink('Policy').click();
    const policy = new PolicyPage(page);
    await policy.waitUntilShown();
    assert.equal(new URL(page.url()).pathname, '/policy');
    assert.equal(await page.title(), 'Policy - YPSI Response');
    assert.equal(await policy.navLink('Policy').getAttribute('aria-current'), 'page');
    // The policy screen is loaded lazily: focus follows its heading once it arrives.
    await page
      .waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 3000 })
      .catch(() => undefined);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

    await policy.navLink('Policy check').click();
    await check.waitUntilShown();
    assert.equal(new URL(page.url()).pathname, '/policy-check');
    await check.navLink('Lock screen').click();
    await new SetupPage(page).waitUntilShown();
    assert.equal(new URL(page.url()).pathname, '/');
  }),

  test('an unknown address says the page was not found and offers a way to the start', async ({ page }) => {
    const notFound = await new NotFoundPage(page).open();
    assert.equal(await page.title(), 'Page not found - YPSI Response');
    await notFound.homeLink.click();
    await new SetupPage(page).waitUntilShown();
    assert.equal(new URL(page.url()).pathname, '/');
  }),

  test('the skip link is the first thing a keyboard reaches and moves focus to the main content', async ({ page }) => {
    const app = await new PolicyCheckPage(page).open();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
    assert.ok(await app.skipLink.isVisible(), 'the focused skip link is visible');
    await page.keyboard.press('Enter');
    assert.equal(await app.focusedElement(), 'main-content');
  }),

  test('after unlock the navigation offers cases, inbox, settings and lock; locking, or any page load, locks with the keys gone', async ({
    page,
  }) => {
    const { home } = await setUpAndUnlock(page, { waitForServiceWorker: false });
    assert.deepEqual(await navTexts(home), [
      'Cases',
      'Inbox',
      'Reminders',
      'Reports',
      'Retention',
      'Policy',
      'Settings',
      'Lock',
    ]);
    assert.equal(await home.navLink('Cases').getAttribute('aria-current'), 'page');
    await home.navLink('Settings').click();
    const settings = await new SettingsPage(page).waitUntilShown();
    assert.equal(await page.title(), 'Settings - YPSI Response');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

    // A page load (reload, a typed address, a crash) starts locked: keys live in memory only.
    await page.reload();
    const lock = await new LockScreenPage(page).waitUntilShown();
    assert.deepEqual(await navTexts(lock), ['Lock screen', 'Policy check', 'Policy']);
    await page.goto('/settings');
    await lock.waitUntilShown();

    // Lock on demand: a hard lock (the page reloads) that says so.
    await lock.unlock('Dana Shah', 'copper kettle marching lantern');
    await settings.waitUntilShown();
    await lockApp(page);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await lock.notice.innerText(), /^Locked/);
  }),
];
