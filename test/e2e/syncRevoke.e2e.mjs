// A lost tablet revoked from another joined tablet (docs/SYNC.md, "Revoking a tablet"): tablet B
// joins from A as in syncJoin; then on A a key holder chooses Settings → Sync → Revoke a tablet,
// picks B by its name, reads what happens and confirms. The server refuses B from then on; A
// carries on syncing with the new password it set itself. The screen is checked (axe, 44 px).
import { SettingsPage } from './pages/SettingsPage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { DSL, ESTABLISHMENT, HEAD, createCaseWithNotes, setUpAndUnlock } from './support/device.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { assert, test, VIEWPORTS } from './support/harness.mjs';
import { startSyncServer } from './support/syncServer.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';

const upToDate = (page) =>
  page
    .getByRole('status')
    .filter({ hasText: /^Up to date with the school server, \d\d:\d\d$/ })
    .first()
    .waitFor({ timeout: 60_000 });

const syncSection = (page) => page.locator('section[aria-labelledby="sync-heading"]');

export const tests = [
  test(
    'a key holder on tablet A revokes lost tablet B from Settings (no admin credential): B is refused by the server, A syncs on with its new password',
    async ({ page, context, browser, baseURL, screenshot }) => {
      const server = await startSyncServer();
      const contextB = await browser.newContext({ baseURL, viewport: VIEWPORTS.portrait, serviceWorkers: 'block' });
      try {
        const passwordA = await server.setUp('ypsi-brookfield', 'brookfield-tablet-a');
        const passwordB = await server.addTablet('ypsi-brookfield', 'brookfield-tablet-b');
        await server.proxyFor(context, baseURL);
        await server.proxyFor(contextB, baseURL);

        // Tablet A: set up, sync on.
        await setUpAndUnlock(page, { waitForServiceWorker: false });
        await new SettingsPage(page).visit();
        const section = syncSection(page);
        await section.getByLabel('Server address').fill('/db/ypsi-brookfield');
        await section.getByLabel('This tablet’s name on the server').fill('brookfield-tablet-a');
        await section.getByLabel('This tablet’s password on the server').fill(passwordA);
        await section.getByRole('button', { name: 'Save and sync' }).click();
        await upToDate(page);
        // A case is made on A (it reaches the server encrypted).
        const made = await createCaseWithNotes(page, { name: 'Lowenna Trethewey', notes: ['NOTE-OSPREY-4471'] });
        await upToDate(page);
        await new SettingsPage(page).visit();

        // A key holder on A makes the code: a wrong password is named at its field first.
        const enrol = page.locator('section[aria-labelledby="enrol-heading"]');
        await enrol.getByLabel('The new tablet’s name on the server').fill('brookfield-tablet-b');
        await enrol.getByLabel('The new tablet’s password on the server').fill('not-its-password');
        await enrol.getByRole('button', { name: 'Make an enrolment code' }).click();
        await enrol.getByText('did not accept this tablet’s name and password').first().waitFor();
        await enrol.getByLabel('The new tablet’s password on the server').fill(passwordB);
        await enrol.getByRole('button', { name: 'Make an enrolment code' }).click();
        const code = (await enrol.getByTestId('enrol-code').textContent()).trim();
        await enrol.getByTestId('enrol-qr').waitFor();
        const problems = { axe: [], touch: [] };
        await checkScreen(page, 'settings-enrolment-code', problems, (label) => screenshot(label));
        assertNoProblems(problems, 'The enrolment code screen has accessibility problems:');

        // Tablet B: a fresh tablet joins with the code (typed, without the dashes).
        const pageB = await contextB.newPage();
        await pageB.goto('/');
        // Pressed as soon as the pre-rendered first screen shows, once: the code box opens and stays.
        await pageB.getByRole('button', { name: 'Join with an enrolment code instead' }).click();
        await pageB.getByRole('textbox', { name: 'Enrolment code' }).fill(code.replace(/-/g, ' '));
        await pageB.getByRole('button', { name: 'Join the school’s server' }).click();
        await pageB.getByRole('group', { name: 'Who are you?' }).waitFor({ timeout: 60_000 });
        await pageB.getByText(`Found ${ESTABLISHMENT.establishment}.`).waitFor();
        await pageB.getByLabel(`${HEAD.name} (Headteacher)`).check();
        await pageB.getByLabel('Your passphrase').fill('not the passphrase at all');
        await pageB.getByRole('button', { name: 'Unlock and finish joining' }).click();
        await pageB.getByText('That passphrase does not open this key holder’s key').first().waitFor();
        await pageB.getByLabel('Your passphrase').fill(HEAD.passphrase);
        await pageB.getByRole('button', { name: 'Unlock and finish joining' }).click();
        await pageB.getByRole('button', { name: 'Go to the lock screen' }).click();
        // Each key holder unlocks on B with their own passphrase: the DSL, who did not join it.
        const lockB = await new LockScreenPage(pageB).waitUntilShown();
        await lockB.unlock(DSL.name, DSL.passphrase);
        await upToDate(pageB);
        // The case made on A appears on B.
        await new HomePage(pageB).visit('/');
        await pageB.getByText(made.reference).first().waitFor({ timeout: 30_000 });

        // On A: Settings → Sync → Revoke a tablet.
        await new SettingsPage(page).visit();
        const revoke = page.locator('section[aria-labelledby="revoke-heading"]');
        await revoke.getByRole('button', { name: 'Revoke a tablet' }).click();
        const group = revoke.getByRole('group', { name: 'Which tablet is lost?' });
        await group.waitFor({ timeout: 30_000 });
        assert.equal(await group.getByRole('radio').count(), 1, 'only tablet B is offered (not A itself)');
        await group.getByLabel('brookfield-tablet-b').check();
        await revoke.getByRole('button', { name: 'Continue' }).click();
        await revoke.getByText('Every other tablet refuses steps that tablet records from now on.').waitFor();
        const revokeProblems = { axe: [], touch: [] };
        await checkScreen(page, 'settings-revoke-tablet-confirm', revokeProblems, (label) => screenshot(label));
        assertNoProblems(revokeProblems, 'The revoke-a-tablet screen has accessibility problems:');
        await revoke.getByRole('button', { name: 'Yes, revoke brookfield-tablet-b' }).click();
        await revoke.getByText('Tablet brookfield-tablet-b is revoked').waitFor({ timeout: 30_000 });
        // The establishment log (Activity log, below) shows who revoked which tablet.
        await page.getByText('Tablet brookfield-tablet-b revoked', { exact: true }).waitFor({ timeout: 30_000 });
        await screenshot('settings-revoke-tablet-done', page);
        // A syncs on, with the new password it set itself.
        await upToDate(page);

        // B is refused from then on (here at its next connection).
        await new SettingsPage(pageB).visit();
        await syncSection(pageB).getByRole('button', { name: 'Pause sync' }).click();
        await syncSection(pageB).getByRole('button', { name: 'Resume sync' }).click();
        await pageB
          .getByRole('status')
          .filter({ hasText: /did not accept this tablet’s sign-in|refuses it access/ })
          .first()
          .waitFor({ timeout: 60_000 });
      } finally {
        await contextB.close().catch(() => {});
        await server.stop();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 240_000 },
  ),
];
