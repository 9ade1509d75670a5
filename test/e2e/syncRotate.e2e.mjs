// Issue 13, docs/SYNC.md "When the key holders change on one tablet": a joined tablet follows a
// key rotation made on another. Tablet A (the DSL's) and B (the deputy's, joined from A) sync
// through pouchdb-server. On A the DSL removes the Headteacher; once B syncs with a remaining key
// holder signed in, the Headteacher is no longer offered on B's lock screen, and her keyring row
// from before (put back through the browser's storage) unlocks nothing there, with the reason.
// And cross-tablet erasure: a closed case destroyed on A is erased on B, whose Retention page keeps
// its destruction note and says what the server still holds until IT purges it.
import { HomePage } from './pages/HomePage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { CaseTaskListPage, ClosePage, ParentsPage, RiskAssessmentPage, SignOffPage } from './pages/CasePages.mjs';
import { InitialReviewPage } from './pages/InitialReviewPage.mjs';
import { CaseRetentionPage, DestroyPage, RetentionPage } from './pages/RetentionPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { createCaseWithNotes, dumpIndexedDb, idb, lockApp, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';
import { DEPUTY, DSL, HEAD, startTeam, syncNow, unlockAndSync } from './support/team.mjs';

const TABLET_B = 'brookfield-tablet-b';

/** A case on A taken to closed: managed in school, risk assessed, parents told, the Headteacher signs off. */
async function closeCaseOnA(page, name) {
  const { caseId, reference } = await createCaseWithNotes(page, { name, notes: ['ORCHID-LANTERN-6402'] });
  const review = await new InitialReviewPage(page).visitCase(caseId);
  await review.attendees([`${DSL.name}, DSL`]);
  await review.person(1, { sen: 'no', socialCare: 'none', involvement: ['Pictured in the imagery'] });
  await review.facts();
  await review.spread('contained', 'Snapchat');
  await review.meetingAnswers({ immediateRisk: 'No immediate risk.', contactParents: 'Yes, today.' });
  await review.at('decision');
  await review.routeChoice('The school may manage this').check();
  await review.rationale('Experimental, contained; managed in school.');
  await (await review.continueToCheck()).record();
  let tasks = await new CaseTaskListPage(page).waitUntilShown();
  tasks = await (
    await tasks.openTask('Risk assessment', RiskAssessmentPage)
  ).record({
    level: 'Low',
    answers: { why: 'Contained.' },
  });
  await (await tasks.openTask('Parents and carers', ParentsPage)).recordInformed(name, DSL.name);
  await lockApp(page);
  await (await unlock(page, HEAD)).caseLink(reference).click();
  tasks = await new CaseTaskListPage(page).waitUntilShown();
  await (await tasks.openTask('Headteacher sign-off', SignOffPage)).signTyped({ passphrase: HEAD.passphrase });
  await new CaseTaskListPage(page).waitUntilShown();
  await lockApp(page);
  await (await unlock(page, DSL)).caseLink(reference).click();
  tasks = await new CaseTaskListPage(page).waitUntilShown();
  tasks = await (await tasks.openTask('Close the case', ClosePage)).close('Managed in school.');
  assert.equal(await tasks.stage(), 'Closed');
  return { caseId, reference };
}

/**
 * What the tablet's local replication database (PouchDB's IndexedDB, read raw) holds of a case:
 * its steps, its wrapped keys (every generation) and its destruction notes.
 */
async function replicationCopies(page, caseId) {
  const dump = await dumpIndexedDb(page);
  const names = Object.keys(dump).filter((n) => n.startsWith('_pouch_ypsi-sync-'));
  assert.ok(
    names.length > 0 && names.every((n) => n.endsWith('-v2')),
    `one replication database, the purging one: ${names}`,
  );
  const rows = names.flatMap((n) => Object.values(dump[n]).flat());
  const count = (test) => rows.filter((r) => test(String(r))).length;
  return {
    steps: count((r) => r.includes('"id":"event:') && r.includes(`"chain":"${caseId}"`)),
    keys: count((r) => r.includes(`"id":"key:case:${caseId}`)),
    notes: count((r) => r.includes(`"id":"tombstone:${caseId}`)),
  };
}

/** On A: the review date brought forward and the case destroyed, both with the DSL and the Headteacher. */
async function destroyOnA(page, caseId, reference) {
  const keys = { second: `${HEAD.name} (Headteacher)`, own: DSL.passphrase, theirs: HEAD.passphrase };
  const retention = await new CaseRetentionPage(page).visitCase(caseId);
  await retention.setReviewDate({ day: '1', month: '1', year: '2026' }, 'Reviewed early at the LA’s request.', keys);
  await retention.main
    .locator('.app-summary-list__row', { hasText: 'Review date' })
    .first()
    .filter({ hasText: '2026' })
    .waitFor();
  await retention.link('Destroy this case').click();
  const destroy = await new DestroyPage(page).waitUntilShown();
  await destroy.field('destroy-reason').fill('The retention review found it is no longer needed.');
  await destroy.main.getByRole('radio', { name: `${HEAD.name} (Headteacher)` }).check();
  await destroy.button('Continue').click();
  await destroy.main.getByRole('heading', { name: `Check before you destroy case ${reference}` }).waitFor();
  await destroy.field('own-passphrase').fill(DSL.passphrase);
  await destroy.field('second-passphrase').fill(HEAD.passphrase);
  await destroy.main.getByRole('checkbox').check();
  await destroy.button(`Destroy case ${reference}`).click();
  const list = await new RetentionPage(page).waitUntilShown(30_000);
  await list.main
    .getByRole('alert')
    .filter({ hasText: `Case ${reference} was destroyed.` })
    .waitFor();
}

/** On A, the DSL removes the Headteacher (the records' key is renewed there), and A sends it. */
async function removeHeadOnA(a) {
  const settings = await new SettingsPage(a).visit();
  await a.getByRole('button', { name: `Remove ${HEAD.name}` }).click();
  await settings.field('remove-reason').fill('Left the school in August');
  await a.getByRole('button', { name: `Remove ${HEAD.name}’s key` }).click();
  await a
    .getByText(`${HEAD.name} can no longer unlock YPSI Response on this device, and a new key protects the records.`)
    .waitFor({ timeout: 60_000 });
  await syncNow(a);
}

/** The text of the entry titled `title` in Settings → Activity log (waits for it). */
async function activityEntry(page, title) {
  const entry = page
    .getByRole('list', { name: 'Activity log, newest first' })
    .locator('li', { has: page.locator('.app-chronology__title', { hasText: title }) })
    .first();
  await entry.waitFor({ timeout: 30_000 });
  return entry.innerText();
}

/** The home screen lists closed cases too (it remembers the choice: shown once asked). */
async function showClosed(home) {
  const toggle = home.page.getByRole('button', { name: /^(Show|Hide) closed cases$/ });
  if ((await toggle.innerText()).startsWith('Show')) await toggle.click();
  await home.page.getByRole('button', { name: 'Hide closed cases' }).waitFor();
}

export const tests = [
  test(
    'a key holder removed on tablet A: after B syncs, B no longer offers them and their passphrase unlocks nothing there, with the reason',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: [{ name: TABLET_B, holder: DEPUTY }] });
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);

        // B, joined, offers every key holder A had; the Headteacher's row there is kept to put back later.
        let lockB = await new LockScreenPage(b).waitUntilShown();
        await lockB.holder(HEAD.name).waitFor();
        const headRowOnB = (await idb(b, 'keyring', 'getAll')).find((r) => r.displayName === HEAD.name);
        assert.ok(headRowOnB, 'B holds the Headteacher’s keyring row');

        // A: the DSL removes the Headteacher; the records' key is renewed there and sent.
        await removeHeadOnA(a);

        // B: the deputy (still a key holder) unlocks and syncs; B takes the new key on.
        await unlockAndSync(b, DEPUTY);
        const rowsOnB = await idb(b, 'keyring', 'getAll');
        assert.equal(
          rowsOnB.find((r) => r.userId === headRowOnB.userId),
          undefined,
          'B dropped the Headteacher’s row',
        );
        assert.notEqual(rowsOnB[0].dataKey.epoch, headRowOnB.dataKey.epoch, 'B is on the new key');
        // B's activity log says what it took on, and the full check passes there.
        const settingsB = await new SettingsPage(b).visit();
        const followed = await activityEntry(b, 'Records key renewed on another tablet, taken on here');
        assert.match(followed, new RegExp(`No longer a key holder: ${HEAD.name}`), followed);
        assert.match(await settingsB.runFullCheck(), /events check out/);

        // B's lock screen: the Headteacher is not offered; the DSL and the deputy are.
        lockB = await lockApp(b);
        await lockB.holder(DSL.name).waitFor();
        await lockB.holder(DEPUTY.name).waitFor();
        assert.equal(await lockB.holder(HEAD.name).count(), 0, 'B no longer offers the Headteacher');
        await shootBoth(b, 'syncRotate-b-lock-after-removal');

        // Her old row put back through the browser's storage: her passphrase is refused, with the reason.
        await idb(b, 'keyring', 'put', headRowOnB);
        await b.reload();
        lockB = await new LockScreenPage(b).waitUntilShown();
        await lockB.submitUnlock(HEAD.name, HEAD.passphrase);
        const refused = (await lockB.errors()).join(' ');
        assert.match(refused, /not the current one/, `the old row is refused: ${refused}`);
        assert.equal(await lockB.heading.innerText(), 'YPSI Response is locked', 'B stays locked');
        await shootBoth(b, 'syncRotate-b-removed-refused');
      } catch (error) {
        await team.shootOnFailure('syncRotate-removal');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),

  test(
    'the removed key holder picks up tablet B before anyone has synced it: B signs them out at its first pull, says why, and no longer offers them; a remaining key holder brings B up to date',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: [{ name: TABLET_B, holder: DEPUTY }] });
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);
        await new LockScreenPage(b).waitUntilShown();
        await removeHeadOnA(a);

        // B has not synced since: it still offers her, and her old passphrase opens it, until its first pull.
        let lockB = await new LockScreenPage(b).waitUntilShown();
        await lockB.submitUnlock(HEAD.name, HEAD.passphrase);
        lockB = await new LockScreenPage(b).waitUntilShown();
        await lockB.notice
          .filter({
            hasText:
              'You are no longer a key holder: you were removed on another tablet, so this tablet signed you out.',
          })
          .waitFor({ timeout: 60_000 });
        await lockB.holder(DSL.name).waitFor();
        assert.equal(await lockB.holder(HEAD.name).count(), 0, 'B no longer offers her');
        await shootBoth(b, 'syncRotate-b-removed-signed-out');

        // The deputy signs in: B takes the new key on, and its full check passes.
        await unlockAndSync(b, DEPUTY);
        const settingsB = await new SettingsPage(b).visit();
        await activityEntry(b, 'Records key renewed on another tablet, taken on here');
        assert.match(await settingsB.runFullCheck(), /events check out/);
        lockB = await lockApp(b);
        await lockB.holder(DEPUTY.name).waitFor();
        assert.equal(await lockB.holder(HEAD.name).count(), 0, 'still not offered');
      } catch (error) {
        await team.shootOnFailure('syncRotate-removed-first');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),

  test(
    'a closed case destroyed on tablet A is erased on B; B’s Retention keeps its note and says what the server still holds until IT purges it',
    async (fixture) => {
      const problems = { axe: [], touch: [] };
      const team = await startTeam(fixture, { joined: [{ name: TABLET_B, holder: DEPUTY }] });
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);
        const name = 'Tamsin Oakridge';
        const { caseId, reference } = await closeCaseOnA(a, name);
        await syncNow(a);

        // B has the closed case.
        let homeB = await unlockAndSync(b, DEPUTY);
        await showClosed(homeB);
        await homeB.caseLink(reference).waitFor();
        assert.ok(await idb(b, 'cases', 'get', caseId), 'B holds the case’s row before');
        const peerSteps = async () => (await idb(b, 'peerEvents', 'getAll')).filter((e) => e.caseId === caseId).length;
        assert.ok((await peerSteps()) > 0, 'and A’s steps of it');
        const copiesOnB = await replicationCopies(b, caseId);
        assert.ok(
          copiesOnB.steps > 0 && copiesOnB.keys > 0,
          `B's replication database holds the case: ${JSON.stringify(copiesOnB)}`,
        );

        await destroyOnA(a, caseId, reference);
        await syncNow(a);
        // docs/SECURITY.md item 13: A's own replication database keeps none of its steps or keys, only its note.
        assert.deepEqual(await replicationCopies(a, caseId), { steps: 0, keys: 0, notes: 1 }, 'A purged its copies');

        // B, a key holder signed in, syncs: the case is gone from its list.
        await syncNow(b);
        homeB = await new HomePage(b).visit('/');
        await b.getByText('1 case was destroyed after a retention review, so it is not listed here.').waitFor();
        await showClosed(homeB);
        assert.equal(await homeB.caseLink(reference).count(), 0, 'B no longer lists the destroyed case');

        // B's Retention, "Destroyed": the note, and what the server still holds with IT's purge command.
        const list = await new RetentionPage(b).visit();
        const destroyed = list.main.locator('li', { hasText: reference }).filter({ hasText: 'Destroyed' }).first();
        await destroyed
          .getByText(/still holds .* encrypted records .* until IT purges them/)
          .waitFor({ timeout: 30_000 });
        const text = await destroyed.innerText();
        assert.match(text, new RegExp(`by ${DSL.name}, agreed by ${HEAD.name}\\. Why: The retention review found`));
        assert.match(text, /sync:setup -- purge/, `IT's purge command is shown: ${text}`);
        await destroyed.scrollIntoViewIfNeeded();
        await checkScreen(b, 'syncRotate-b-retention-destroyed', problems, (n) => shootBoth(b, n));

        // B's activity log: destroyed there, erased here; the full check passes; no word of it is left.
        const settingsB = await new SettingsPage(b).visit();
        const erased = await activityEntry(b, `Case ${reference} destroyed`);
        assert.match(erased, /Destroyed on another tablet; erased from this one when it synced/, erased);
        assert.match(await settingsB.runFullCheck(), /events check out/);
        assert.equal(await idb(b, 'cases', 'get', caseId), undefined, 'B erased the case’s row');
        assert.equal(await idb(b, 'snapshots', 'get', caseId), undefined, 'and its snapshot');
        assert.equal(await peerSteps(), 0, 'and A’s steps of it');
        const dump = JSON.stringify(await dumpIndexedDb(b));
        for (const word of ['Tamsin', 'Oakridge', 'ORCHID-LANTERN-6402'])
          assert.ok(!dump.includes(word), `"${word}" is not in B's IndexedDB`);
        // B purged its replication database's copies of the case's steps and keys too; the note stays.
        const left = await replicationCopies(b, caseId);
        assert.deepEqual({ steps: left.steps, keys: left.keys }, { steps: 0, keys: 0 }, 'B purged its copies');
        assert.ok(left.notes > 0, 'B keeps the destruction note');
        assertNoProblems(problems, 'B’s Retention page has accessibility or touch-target problems:');
      } catch (error) {
        await team.shootOnFailure('syncRotate-destroy');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 240_000 },
  ),
];
