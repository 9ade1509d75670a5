// The app loads, shows the policy check, and its frame (navigation, skip link, titles, an
// unknown address) works.
import { NotFoundPage } from './pages/NotFoundPage.mjs';
import { PolicyCheckPage } from './pages/PolicyCheckPage.mjs';
import { PolicyPage } from './pages/PolicyPage.mjs';
import { assert, test } from './support/harness.mjs';

export const tests = [
  test('the app loads and shows the policy check', async ({ page }) => {
    const app = await new PolicyCheckPage(page).open('/');
    assert.equal(await app.headingText(), 'What does the policy say?');
    assert.equal(await page.title(), 'Policy check - YPSI Response');
    assert.equal(await app.navLink('Policy check').getAttribute('aria-current'), 'page');
  }),

  test('the navigation moves between screens, titles them and focuses the new heading', async ({ page }) => {
    const check = await new PolicyCheckPage(page).open();
    await check.navLink('Policy').click();
    const policy = new PolicyPage(page);
    await policy.waitUntilShown();
    assert.equal(new URL(page.url()).pathname, '/policy');
    assert.equal(await page.title(), 'Policy - YPSI Response');
    assert.equal(await policy.navLink('Policy').getAttribute('aria-current'), 'page');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

    await policy.navLink('Policy check').click();
    await check.waitUntilShown();
    assert.equal(new URL(page.url()).pathname, '/policy-check');
  }),

  test('an unknown address says the page was not found and offers a way home', async ({ page }) => {
    const notFound = await new NotFoundPage(page).open();
    assert.equal(await page.title(), 'Page not found - YPSI Response');
    await notFound.homeLink.click();
    await new PolicyCheckPage(page).waitUntilShown();
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
];
