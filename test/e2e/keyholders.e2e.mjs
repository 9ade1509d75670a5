// Removing a key holder (issue 12, docs/SECURITY.md item 1), in Chromium against the built app:
// the records' key is renewed with a progress bar; the removed passphrase then opens nothing on
// this tablet (not even with their old keyring row put back through the browser's storage) nor
// from a backup made after the removal.
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { createCaseWithNotes, DSL, HEAD, idb, lockApp, setUpAndUnlock, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

const BACKUP_PASSPHRASE = 'granite puffin lantern orchard';

export const tests = [
  test(
    'removing a key holder: the records’ key is renewed; their passphrase opens nothing here, even with their old key put back, nor from a backup made after',
    async ({ context, page, baseURL }) => {
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      await createCaseWithNotes(page, { name: 'Morwenna Penrose', notes: ['Before the removal. GANNET-5150'] });
      const headRow = (await idb(page, 'keyring', 'getAll')).find((r) => r.displayName === HEAD.name);
      assert.ok(headRow?.holder?.publicJwk, 'each key holder has a key pair');

      const settings = await new SettingsPage(page).visit();
      await page.getByRole('button', { name: `Remove ${HEAD.name}` }).click();
      const warning = await settings.mainText();
      assert.match(warning, /A new key will protect the records/);
      await settings.field('remove-reason').fill('Left the school in August');
      await page.getByRole('button', { name: `Remove ${HEAD.name}’s key` }).click();
      await page
        .getByText(
          `${HEAD.name} can no longer unlock YPSI Response on this device, and a new key protects the records.`,
        )
        .waitFor({ timeout: 60_000 });
      await shootBoth(page, 'keyholders-removed');
      const after = await idb(page, 'keyring', 'getAll');
      assert.equal(
        after.find((r) => r.userId === headRow.userId),
        undefined,
        'their row is gone',
      );
      assert.notEqual(after[0].dataKey.epoch, headRow.dataKey.epoch, 'the records’ key is a new one');

      // A backup made after the removal.
      const settingsAgain = await new SettingsPage(page).visit();
      await settingsAgain.field('backup-passphrase').fill(BACKUP_PASSPHRASE);
      const saveLink = settingsAgain.link('Save the backup file');
      for (let i = 0; i < 10 && !(await saveLink.count()); i++) {
        await settingsAgain.button('Make a backup').click();
        await saveLink.waitFor({ timeout: 2000 }).catch(() => undefined);
      }
      const [download] = await Promise.all([page.waitForEvent('download'), saveLink.click()]);
      const backupFile = await download.path();

      // On this tablet: not offered, and their old row put back through the browser's storage is refused.
      let lock = await lockApp(page);
      assert.equal(await lock.holder(HEAD.name).count(), 0, 'the removed key holder is not offered');
      await idb(page, 'keyring', 'put', headRow);
      await page.reload();
      lock = await new LockScreenPage(page).waitUntilShown();
      await lock.submitUnlock(HEAD.name, HEAD.passphrase);
      const refused = (await lock.errors()).join(' ');
      assert.match(refused, /not the current one/, `the old row is refused: ${refused}`);
      assert.equal(await lock.heading.innerText(), 'YPSI Response is locked', 'still locked');
      await shootBoth(page, 'keyholders-old-row-refused');
      // The DSL unlocks, and the full check names the row put back.
      await unlock(page, DSL);
      const check = await new SettingsPage(page).visit();
      assert.match(await check.runFullCheck(), /altered/);

      // From the backup made after the removal: restored into a cleared tablet, they are not there.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', { origin: baseURL, storageTypes: 'indexeddb' });
      await page.reload();
      await page.locator('main h1', { hasText: 'The records on this device are missing' }).waitFor();
      await page.locator('#backup-file').setInputFiles(backupFile);
      await page.locator('#backup-passphrase').fill(BACKUP_PASSPHRASE);
      await page.getByRole('button', { name: 'Restore the backup' }).click();
      await page.getByText(/Restored 1 case from/).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Go to the lock screen' }).click();
      lock = await new LockScreenPage(page).waitUntilShown();
      assert.equal(await lock.holder(HEAD.name).count(), 0, 'the restored tablet does not know the removed key holder');
      const restoredRows = await idb(page, 'keyring', 'getAll');
      assert.equal(
        restoredRows.find((r) => r.userId === headRow.userId),
        undefined,
      );
      await unlock(page, DSL);
      assert.match(await new SettingsPage(page).visit().then((s) => s.runFullCheck()), /All \d+ events check out/);
    },
    { timeout: 240_000, contextOptions: { acceptDownloads: true } },
  ),
];
