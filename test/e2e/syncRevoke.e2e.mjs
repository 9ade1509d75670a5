// A lost tablet revoked from another joined tablet (docs/SYNC.md, "Revoking a tablet"): tablet B
// joins from A (support/team.mjs, as syncJoin tests in full); then on A a key holder chooses
// Settings → Sync → Revoke a tablet, picks B by its name, reads what happens and confirms. The
// server refuses B from then on; A carries on syncing with the new password it set itself. Tablet
// C, unlocked afterwards, records the revocation in its own activity log (so it keeps refusing B's
// later steps after the data key is rotated: test/unit/sync/revokeRotation.test.ts). The screen is
// checked (axe, 44 px).
import { SettingsPage } from './pages/SettingsPage.mjs';
import { DSL, HEAD, startTeam, unlockAndSync, upToDate } from './support/team.mjs';
import { assert, test } from './support/harness.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';

const syncSection = (page) => page.locator('section[aria-labelledby="sync-heading"]');

export const tests = [
  test(
    'a key holder on tablet A revokes lost tablet B from Settings (no admin credential): B is refused by the server, A syncs on with its new password',
    async (fixture) => {
      const { page, screenshot } = fixture;
      const team = await startTeam(fixture, {
        joined: [
          { name: 'brookfield-tablet-b', holder: HEAD },
          { name: 'brookfield-tablet-c', holder: HEAD },
        ],
        deputy: false,
      });
      try {
        const pageB = team.tablets[0].page;
        // Each key holder unlocks on B with their own passphrase: the DSL, who did not join it.
        await unlockAndSync(pageB, DSL);

        // On A: Settings → Sync → Revoke a tablet.
        await new SettingsPage(page).visit();
        const revoke = page.locator('section[aria-labelledby="revoke-heading"]');
        await revoke.getByRole('button', { name: 'Revoke a tablet' }).click();
        const group = revoke.getByRole('group', { name: 'Which tablet is lost?' });
        await group.waitFor({ timeout: 30_000 });
        assert.equal(
          await group.getByRole('radio').count(),
          1,
          'only tablet B is offered (not A itself, nor C, which has not synced yet)',
        );
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

        // C hears of it at its first sync and records it in its own log (docs/SYNC.md, "Revoking a tablet").
        const pageC = team.tablets[1].page;
        await unlockAndSync(pageC, HEAD);
        await new SettingsPage(pageC).visit();
        const noted = pageC
          .getByRole('list', { name: 'Activity log, newest first' })
          .locator('li', { hasText: 'Tablet brookfield-tablet-b revoked on another tablet, noted here' })
          .first();
        await noted.waitFor({ timeout: 30_000 });
        await noted.scrollIntoViewIfNeeded();
        await screenshot('settings-activity-revocation-noted', pageC);
        assert.match(
          await noted.innerText(),
          /Revoked by Dana Shah on brookfield-tablet-a, .*: its later steps are refused here too/,
        );

        // B is refused from then on (here at its next connection).
        await new SettingsPage(pageB).visit();
        await syncSection(pageB).getByRole('button', { name: 'Pause sync' }).click();
        await syncSection(pageB).getByRole('button', { name: 'Resume sync' }).click();
        await pageB
          .getByRole('status')
          .filter({ hasText: /did not accept this tablet’s sign-in|refuses it access/ })
          .first()
          .waitFor({ timeout: 60_000 });
      } catch (error) {
        await team.shootOnFailure('syncRevoke');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 240_000 },
  ),
];
