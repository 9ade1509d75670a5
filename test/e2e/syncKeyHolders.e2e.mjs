// Issue 13, docs/SYNC.md "Key holders and settings changed on another tablet": a key holder added
// on tablet A (no rotation of the records' key) signs in on tablet B with their own passphrase once
// B has synced with a key holder signed in. Tablet A (the DSL's) and B (the Headteacher's, joined
// from A before the deputy was added) sync through pouchdb-server; nothing is carried between them but what it holds.
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { lockApp, shootBoth } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';
import { DEPUTY, HEAD, addDeputy, startTeam, syncNow, unlockAndSync, upToDate } from './support/team.mjs';

const TABLET_B = 'brookfield-tablet-b';

export const tests = [
  test(
    'a key holder added on tablet A is offered on B once B has synced, and unlocks B with their own passphrase',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: [{ name: TABLET_B, holder: HEAD }], deputy: false });
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);

        // B joined before the deputy existed: its lock screen does not offer her.
        let lockB = await new LockScreenPage(b).waitUntilShown();
        await lockB.holder(HEAD.name).waitFor();
        assert.equal(await lockB.holder(DEPUTY.name).count(), 0, 'B does not offer the deputy yet');

        // A: the DSL adds the deputy (no new key for the records) and A sends it.
        await addDeputy(a);
        await syncNow(a);

        // B: the Headteacher signs in and B syncs; B takes the new key holder on, logged, and checks out whole.
        await unlockAndSync(b, HEAD);
        const settingsB = await new SettingsPage(b).visit();
        const entry = b
          .getByRole('list', { name: 'Activity log, newest first' })
          .locator('li', {
            has: b.locator('.app-chronology__title', {
              hasText: 'Key holders or settings changed on another tablet, taken on here',
            }),
          })
          .first();
        await entry.waitFor({ timeout: 30_000 });
        assert.match(
          await entry.innerText(),
          new RegExp(`Can now unlock here with their own passphrase: ${DEPUTY.name}`),
          await entry.innerText(),
        );
        assert.match(await settingsB.runFullCheck(), /events check out/);
        await entry.scrollIntoViewIfNeeded();
        await shootBoth(b, 'syncKeyHolders-b-activity');

        // B's lock screen offers her, and her own passphrase unlocks B.
        lockB = await lockApp(b);
        await lockB.holder(DEPUTY.name).waitFor();
        await shootBoth(b, 'syncKeyHolders-b-lock-offers-deputy');
        await lockB.unlock(DEPUTY.name, DEPUTY.passphrase);
        await upToDate(b);
        const settingsAsDeputy = await new SettingsPage(b).visit();
        assert.match(await settingsAsDeputy.runFullCheck(), /events check out/);
      } catch (error) {
        await team.shootOnFailure('syncKeyHolders');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),
];
