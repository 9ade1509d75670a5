// Two tablets, one school server (issue 13): tablet A syncs and makes a one-time enrolment code;
// tablet B (another browser context: its own IndexedDB) types it, pulls, and a key holder unlocks
// there with her own passphrase. The server holds no typed name; a revoked tablet is refused.
// The server is pouchdb-server reached under the app's own address (/db/), one per test.
import { SettingsPage } from './pages/SettingsPage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { DB_NAME, DSL, ESTABLISHMENT, HEAD, createCaseWithNotes, setUpAndUnlock } from './support/device.mjs';
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
    'on a fresh tablet, "Join with an enrolment code instead" pressed once as the first screen shows opens the code box, whenever the press lands while the app loads',
    async ({ page }) => {
      // As soon as the HTML arrives (the pre-rendered set-up), before the app's script has run, and
      // after the load event (while React takes the screen over and storage is read).
      for (const waitUntil of ['commit', 'load']) {
        await page.goto('/', { waitUntil });
        await page.getByRole('button', { name: 'Join with an enrolment code instead' }).click();
        await page.getByRole('textbox', { name: 'Enrolment code' }).waitFor();
        await page.getByRole('textbox', { name: 'Enrolment code' }).fill('ABCD');
        await page.getByRole('button', { name: 'Join the school’s server' }).waitFor();
      }
    },
    { contextOptions: { serviceWorkers: 'block' } },
  ),
  test(
    'tablet B joins from tablet A with a one-time code: a key holder unlocks on B with her own passphrase, a case made on A appears on B, a disclosure sealed on B reaches the inbox on A, the server holds no name, and B once revoked is refused',
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
        await screenshot('sync-tablet-b-joined', pageB);

        // A member of staff seals a disclosure on B; it reaches the inbox on A.
        const staff = await new StaffDisclosurePage(pageB).open();
        await staff.start();
        await staff.answerWho({ disclosedBy: 'Tamsin, Year 9', disclosedTo: 'Mr Jago Penhallow' });
        await staff.answerWhat({ account: 'She said a photo was going round. SYNC-KESTREL-8812' });
        await staff.answerPeople([{ name: 'Tamsin Polglase', age: 14 }]);
        await staff.seal();
        // Opening the staff form reloaded B (locked); a key holder unlocks and B syncs.
        await pageB.goto('/');
        await (await new LockScreenPage(pageB).waitUntilShown()).unlock(DSL.name, DSL.passphrase);
        await upToDate(pageB);
        const sent = (await server.docs('ypsi-brookfield')).filter((d) => d.type === 'disclosure');
        assert.equal(sent.length, 1, 'the sealed disclosure reached the server');
        await new SettingsPage(page).visit();
        await syncSection(page).getByRole('button', { name: 'Pause sync' }).click();
        await syncSection(page).getByRole('button', { name: 'Resume sync' }).click();
        await upToDate(page);
        // The pull puts it in A's inbox (the inbox screen reads the inbox when it opens).
        await page.waitForFunction(
          (name) =>
            new Promise((resolve) => {
              const open = indexedDB.open(name);
              open.onsuccess = () => {
                const count = open.result.transaction('inbox').objectStore('inbox').count();
                count.onsuccess = () => {
                  open.result.close();
                  resolve(count.result === 1);
                };
              };
            }),
          DB_NAME,
          { timeout: 60_000, polling: 500 },
        );
        const inbox = await new InboxPage(page).visit();
        await inbox.item('Mr Jago Penhallow').waitFor({ timeout: 30_000 });
        await screenshot('sync-disclosure-from-tablet-b', page);

        const dump = JSON.stringify(await server.docs('ypsi-brookfield'));
        for (const word of [
          DSL.name,
          HEAD.name,
          DSL.passphrase,
          HEAD.passphrase,
          ESTABLISHMENT.establishment,
          ESTABLISHMENT.chair,
          ESTABLISHMENT.mashName,
          passwordB,
          code,
        ])
          assert.ok(!dump.includes(word), `the server holds "${word}"`);

        // IT revokes tablet B: B is refused from then on (here at its next connection).
        await server.revokeTablet('ypsi-brookfield', 'brookfield-tablet-b');
        await new SettingsPage(pageB).visit();
        await syncSection(pageB).getByRole('button', { name: 'Pause sync' }).click();
        await syncSection(pageB).getByRole('button', { name: 'Resume sync' }).click();
        await pageB
          .getByRole('status')
          .filter({ hasText: /did not accept this tablet’s sign-in|refuses it access/ })
          .first()
          .waitFor({ timeout: 60_000 });
        // A is unaffected.
        await upToDate(page);
      } finally {
        await contextB.close().catch(() => {});
        await server.stop();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 240_000 },
  ),
];
