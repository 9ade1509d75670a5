// The seal words in Settings (issue 12, docs/SECURITY.md item 16), in Chromium against the built app: the words Settings
// shows (from the establishment's own encrypted key) are the lock screen's, and the staff notice prints alone, as plain
// text naming them, with no image.
import { SettingsPage } from './pages/SettingsPage.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { lockApp, setUpAndUnlock, shootBoth } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

export const tests = [
  test(
    'Settings shows the lock screen’s seal words and prints the staff notice naming them',
    async ({ page }) => {
      const problems = { axe: [], touch: [] };
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      await new SettingsPage(page).visit();
      const inSettings = (await page.getByTestId('seal-words').textContent()).trim();
      assert.equal(inSettings.split(' ').length, 6, 'six words');
      await page.getByText('The lock screen shows the same words.').waitFor();
      await page.getByRole('heading', { name: 'Seal words for staff' }).scrollIntoViewIfNeeded();
      await checkScreen(page, 'settings-seal-words', problems, (label) => shootBoth(page, label));

      // Printing: the notice alone, words only.
      await page.evaluate(() => {
        window.print = () => {
          window.__printed = document.querySelector('[data-testid="staff-notice"]')?.textContent ?? null;
        };
      });
      await page.getByRole('button', { name: 'Print the staff notice' }).click();
      await page.waitForFunction(() => window.__printed !== undefined);
      const printed = await page.evaluate(() => window.__printed);
      assert.match(printed, /Before you record a disclosure on this tablet, check the lock screen shows these words:/);
      assert.ok(printed.includes(inSettings), 'the notice names the words');
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() =>
        [...document.body.children]
          .filter((el) => getComputedStyle(el).display !== 'none')
          .map((el) => el.getAttribute('data-testid') ?? el.id),
      );
      assert.deepEqual(shown, ['staff-notice'], 'only the notice is printed');
      assert.equal(
        await page
          .locator('[data-testid="staff-notice"] :is(img, svg, canvas, picture, video, object, iframe)')
          .count(),
        0,
        'no image in the notice',
      );
      await page.screenshot({ path: 'test-results/screenshots/staff-notice-print.png' });
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

      const lock = await lockApp(page);
      // The lock screen paints first and fills the words in when storage is read.
      const words = page.getByText(/^Seal words:/).locator('strong');
      await words.filter({ hasNotText: /being read/ }).waitFor({ timeout: 20_000 });
      const onLock = (await words.textContent()).trim();
      assert.equal(onLock, inSettings, 'the lock screen shows the same words');
      await lock.waitUntilShown();
      assertNoProblems(problems, 'The seal words in Settings have problems:');
    },
    { timeout: 90_000 },
  ),
];
