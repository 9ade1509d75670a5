// Sync with the school's server in a real browser (issue 13 slice): the settings section, PouchDB
// on IndexedDB, the status line, and only ciphertext on the server. The server is pouchdb-server,
// reached under the app's own address (/db/), so the CSP is unchanged.
import { SettingsPage } from './pages/SettingsPage.mjs';
import { DSL, ESTABLISHMENT, HEAD, setUpAndUnlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';
import { startSyncServer } from './support/syncServer.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';

export const tests = [
  test(
    'a key holder sets up sync in Settings: the connection is tested, the records reach the server as ciphertext only, and the status line says it is up to date',
    async ({ page, context, baseURL, screenshot }) => {
      const server = await startSyncServer();
      try {
        const password = await server.setUp('ypsi-brookfield', 'brookfield-tablet-1');
        await server.proxyFor(context, baseURL);
        await setUpAndUnlock(page, { waitForServiceWorker: false });
        // Before sync is set up there is no status line at all.
        assert.equal(await page.getByText('with the school server').count(), 0);
        const settings = await new SettingsPage(page).visit();
        const section = page
          .getByRole('region', { name: 'Sync with the school’s server' })
          .or(page.locator('section[aria-labelledby="sync-heading"]'));
        await section.getByLabel('Server address').fill('/db/ypsi-brookfield');
        await section.getByLabel('This tablet’s name on the server').fill('brookfield-tablet-1');
        await section.getByLabel('This tablet’s password on the server').fill('not-the-password');
        await section.getByRole('button', { name: 'Test connection' }).click();
        await page.getByText('The server did not accept this tablet’s name and password').first().waitFor();
        await section.getByLabel('This tablet’s password on the server').fill(password);
        await section.getByRole('button', { name: 'Test connection' }).click();
        await page.getByText('Connected: the school’s server accepted this tablet').waitFor();
        await section.getByRole('button', { name: 'Save and sync' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: /^Up to date with the school server, \d\d:\d\d$/ })
          .first()
          .waitFor({ timeout: 30_000 });
        // The section and the status line, with sync running: axe (WCAG 2.2 AA) and 44 px targets.
        const problems = { axe: [], touch: [] };
        await checkScreen(page, 'settings-sync-up-to-date', problems, (label) => screenshot(label));
        assertNoProblems(problems, 'Settings with sync running has accessibility problems:');
        void settings;

        const docs = await server.docs('ypsi-brookfield');
        assert.ok(docs.length >= 1, `expected the establishment log on the server, found ${docs.length} records`);
        // The establishment log, and this tablet's own server credential for the key holders of other
        // tablets (a `tablet` record, so a lost tablet can be revoked from any other): both encrypted.
        assert.deepEqual([...new Set(docs.map((d) => d.type))].sort(), ['log', 'tablet']);
        const dump = JSON.stringify(docs);
        for (const word of [
          DSL.name,
          HEAD.name,
          DSL.passphrase,
          password,
          ESTABLISHMENT.establishment,
          ESTABLISHMENT.chair,
          ESTABLISHMENT.mashName,
          ESTABLISHMENT.mashPhone,
        ]) {
          assert.ok(!dump.includes(word), `the server holds "${word}"`);
        }
      } finally {
        await server.stop();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 120_000 },
  ),
];
