// Storage faults in the browser (issue 6 part 3): the device runs out of space on a write, a write
// transaction is aborted mid-step, another tab opens a newer version of the database (and the
// reverse: this app meets data from a newer version), and the database is deleted while the app is
// open. Each time the person is told in plain words at the step, nothing committed is lost, what
// they typed is still in the form, retrying after the fault clears works, and the app recovers
// without a reinstall (records gone: it says so and offers the backup).
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { ChronologyPage, InitialReviewPage, NotePage } from './pages/CasePages.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { assertNoProblems, watchContext } from './support/checks.mjs';
import {
  createCaseWithNotes,
  DB_NAME,
  DSL,
  eventRows,
  idb,
  lockApp,
  setUpAndUnlock,
  shootBoth,
  storeCounts,
  unlock,
} from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

/**
 * Arms a one-shot fault in the page's IndexedDB: the `nth` put/add from now either throws
 * QuotaExceededError (as Chromium does when the origin's quota is used up) or, for 'abort', is
 * accepted and then its transaction is aborted (as when the browser stops a write mid-step).
 */
function armFault(page, kind, nth = 1) {
  return page.evaluate(
    ({ kind, nth }) => {
      const w = /** @type {any} */ (window);
      w.__fault = { kind, left: nth, fired: 0 };
      if (w.__faultInstalled) return;
      w.__faultInstalled = true;
      for (const method of ['put', 'add']) {
        const original = IDBObjectStore.prototype[method];
        IDBObjectStore.prototype[method] = function (...args) {
          const f = w.__fault;
          if (f && f.left > 0 && --f.left === 0) {
            f.fired += 1;
            if (f.kind === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            const request = original.apply(this, args);
            this.transaction.abort();
            return request;
          }
          return original.apply(this, args);
        };
      }
    },
    { kind, nth },
  );
}

const faultsFired = (page) => page.evaluate(() => /** @type {any} */ (window).__fault?.fired ?? 0);

/** A case's events are whole: seq 1..head with none missing, one row per step. */
async function wholeSteps(page, caseId) {
  const row = (await idb(page, 'cases', 'getAll')).find((c) => c.id === caseId);
  const seqs = (await eventRows(page, caseId)).map((e) => e.seq);
  assert.deepEqual(
    seqs,
    Array.from({ length: row.head.seq }, (_, i) => i + 1),
    'no half step',
  );
  return row.head.seq;
}

async function chronologyTexts(page, caseId) {
  const c = await new ChronologyPage(page).visitCase(caseId);
  return (await c.entries()).map((e) => e.text);
}

async function fullCheck(page) {
  return (await new SettingsPage(page).visit()).runFullCheck();
}

/** Opens another page of the same browser (another tab) on a blank document of the app's origin. */
async function otherTab(context, baseURL) {
  const tab = await context.newPage();
  await tab.goto(`${baseURL}/manifest.webmanifest`);
  return tab;
}

/** Faulty write, then the same step retried: told plainly, nothing half-saved, the answer kept. */
async function faultyNote(page, caseId, kind, nth, expected, label) {
  const before = await wholeSteps(page, caseId);
  const text = `Note written when the ${kind} fault struck (${label}).`;
  const note = await new NotePage(page).visitCase(caseId);
  await note.field('text').fill(text);
  await armFault(page, kind, nth);
  await note.button('Save the note').click();
  const errors = await note.errors();
  assert.equal(await faultsFired(page), 1, 'the fault struck');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], expected);
  assert.match(errors[0], /Everything saved before is safe/);
  assert.equal(await note.field('text').inputValue(), text, 'what was typed is still in the form');
  assert.equal(await wholeSteps(page, caseId), before, 'nothing of the step was stored');
  await shootBoth(page, `faults-${label}`);

  // The fault has cleared (it was one write): the same press saves it.
  await note.button('Save the note').click();
  await new CaseTaskListPage(page).waitUntilShown();
  assert.equal(await wholeSteps(page, caseId), before + 1, 'the retry saved the step once');
  const entries = await chronologyTexts(page, caseId);
  assert.equal(entries.filter((e) => e.includes(text)).length, 1, 'the note is in the chronology once');
}

export const tests = [
  test(
    'out of space, and a write aborted mid-step: told plainly at the step, nothing half-saved, the answer kept; the retry saves it once and the chain checks out',
    async ({ context, page, baseURL }) => {
      const watched = await watchContext(context, page, baseURL);
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      const { caseId } = await createCaseWithNotes(page, { name: 'Morwenna Penhallow', notes: ['Before the faults.'] });
      const counts = await storeCounts(page);

      // QuotaExceededError on the step's first write, and on a later write of the same step.
      await faultyNote(
        page,
        caseId,
        'quota',
        1,
        /The device is out of storage space, so this step was not saved/,
        'quota-first-write',
      );
      await faultyNote(
        page,
        caseId,
        'quota',
        3,
        /The device is out of storage space, so this step was not saved/,
        'quota-third-write',
      );
      // The transaction aborted after the step's first and after its second write.
      await faultyNote(
        page,
        caseId,
        'abort',
        1,
        /This step could not be saved \(the browser stopped the write\)/,
        'abort-first-write',
      );
      await faultyNote(
        page,
        caseId,
        'abort',
        2,
        /This step could not be saved \(the browser stopped the write\)/,
        'abort-second-write',
      );

      const after = await storeCounts(page);
      assert.equal(after.events, counts.events + 4, 'exactly the four retried notes were added');
      assert.match(await fullCheck(page), /All \d+ events check out/);
      assertNoProblems({ csp: watched.csp, foreign: watched.foreign }, 'The faults broke the page:');
    },
    { timeout: 150_000 },
  ),

  test(
    'the device is full when the app locks: the lock still happens, and the lock screen says the unsaved answers could not be kept',
    async ({ page }) => {
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      const { caseId } = await createCaseWithNotes(page, { name: 'Kerensa Hocking' });
      const review = await new InitialReviewPage(page).visitCase(caseId);
      await review.attendees(['Typed when the device was full']);
      await armFault(page, 'quota', 1);
      const lock = await lockApp(page);
      assert.match(
        await lock.notice.innerText(),
        /Some answers you had not saved could not be kept \(the device may be out of storage space/,
      );
      await shootBoth(page, 'faults-lock-when-full');
      assert.equal(await idb(page, 'drafts', 'count'), 0, 'no half draft');
      await unlock(page, DSL);
      await new InitialReviewPage(page).visitCase(caseId);
    },
    { timeout: 90_000 },
  ),

  test(
    'a staff disclosure sealed when the device is full: told plainly to tell the DSL in person, the answers kept; sealing again works',
    async ({ page }) => {
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      const { StaffDisclosurePage } = await import('./pages/StaffDisclosurePage.mjs');
      const staff = await new StaffDisclosurePage(page).open();
      await staff.start();
      await staff.answerWho({ disclosedBy: 'Tamsin, Year 9', disclosedTo: 'Mr Jago' });
      await staff.answerWhat({ account: 'She said a photo was going round. QUOTA-KESTREL-5150' });
      await staff.answerPeople([{ name: 'Tamsin', age: 14 }]);
      const inboxBefore = await idb(page, 'inbox', 'count');
      await armFault(page, 'quota', 1);
      await staff.button('Seal and send to the DSL').click();
      const errors = await staff.errors();
      assert.match(errors[0], /out of storage space/);
      assert.match(errors[0], /Tell the DSL in person now/);
      assert.equal(await idb(page, 'inbox', 'count'), inboxBefore, 'nothing was sealed');
      assert.match(await staff.mainText(), /QUOTA-KESTREL-5150/, 'the answers are still on screen to try again');
      await shootBoth(page, 'faults-staff-disclosure-full');
      await staff.seal();
      assert.equal(await idb(page, 'inbox', 'count'), inboxBefore + 1);
    },
    { timeout: 90_000 },
  ),

  test(
    'another tab opens a newer version of the database: this tab says so plainly, keeps what was typed, refuses to save with a reason, and works again after a reload',
    async ({ context, page, baseURL }) => {
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      const { caseId } = await createCaseWithNotes(page, { name: 'Lowenna Trethewey' });
      const before = await wholeSteps(page, caseId);
      const note = await new NotePage(page).visitCase(caseId);
      await note.field('text').fill('Typed before the other tab updated. CORMORANT-4471');

      // An update in another tab: it opens the database at a higher version (as a new schema would).
      const tab = await otherTab(context, baseURL);
      const versions = await tab.evaluate(async (name) => {
        const current = (await indexedDB.databases()).find((d) => d.name === name)?.version ?? 0;
        const db = await new Promise((resolve, reject) => {
          const r = indexedDB.open(name, current + 10);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
          r.onblocked = () => reject(new Error('blocked: the old tab did not let go'));
        });
        db.close();
        return { from: current, to: current + 10 };
      }, DB_NAME);
      assert.ok(versions.to > versions.from);

      const banner = page.locator('.app-notification-banner', {
        hasText: 'A newer version of YPSI Response was opened in another tab.',
      });
      await banner.waitFor();
      assert.match(await banner.innerText(), /reload this page/i);
      assert.equal(
        await note.field('text').inputValue(),
        'Typed before the other tab updated. CORMORANT-4471',
        'what was typed is still there',
      );
      await note.button('Save the note').click();
      const errors = await note.errors();
      assert.match(errors[0], /not saved/i);
      assert.match(errors[0], /[Rr]eload/);
      await shootBoth(page, 'faults-newer-version-other-tab');

      // The reverse: this (older) app now meets a database from the newer version. A reload opens
      // it without a reinstall: the records are all there.
      await tab.close();
      await page.reload();
      await new LockScreenPage(page).waitUntilShown();
      await unlock(page, DSL);
      assert.equal(await wholeSteps(page, caseId), before, 'nothing committed was lost');
      const again = await new NotePage(page).visitCase(caseId);
      await again.add('Recorded after the reload. CORMORANT-4471');
      await new CaseTaskListPage(page).waitUntilShown();
      assert.equal(await wholeSteps(page, caseId), before + 1);
      assert.match(await fullCheck(page), /All \d+ events check out/);
    },
    { timeout: 120_000 },
  ),

  test(
    'the database deleted while the app is open: told plainly at once; after a reload the app says the records are missing and restores the backup, without a reinstall',
    async ({ context, page, baseURL }) => {
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      const { caseId } = await createCaseWithNotes(page, {
        name: 'Demelza Nancarrow',
        notes: ['In the backup. PETREL-8080'],
      });
      const steps = await wholeSteps(page, caseId);

      // A backup, as the DSL keeps.
      const settings = await new SettingsPage(page).visit();
      await settings.field('backup-passphrase').fill('granite puffin lantern orchard');
      // The strength check runs as the passphrase is typed: press again until it has answered.
      const saveLink = settings.link('Save the backup file');
      for (let i = 0; i < 10 && !(await saveLink.count()); i++) {
        await settings.button('Make a backup').click();
        await saveLink.waitFor({ timeout: 2000 }).catch(() => undefined);
      }
      const [download] = await Promise.all([page.waitForEvent('download'), saveLink.click()]);
      const backupFile = await download.path();

      // Storage cleared behind the app's back, from another tab (as "clear site data" would).
      const note = await new NotePage(page).visitCase(caseId);
      await note.field('text').fill('Typed when the records were deleted.');
      const tab = await otherTab(context, baseURL);
      await tab.evaluate(
        (name) =>
          new Promise((resolve, reject) => {
            const r = indexedDB.deleteDatabase(name);
            r.onsuccess = () => resolve(undefined);
            r.onerror = () => reject(r.error);
          }),
        DB_NAME,
      );
      await tab.close();
      const banner = page.locator('.app-notification-banner', { hasText: 'The records on this device were deleted' });
      await banner.waitFor();
      assert.match(await banner.innerText(), /reload this page/i);
      await note.button('Save the note').click();
      assert.match((await note.errors())[0], /not saved/i);
      await shootBoth(page, 'faults-deleted-while-open');

      // Reloaded: the app says plainly what happened and offers the backup; no set-up as if new.
      await page.reload();
      await page.locator('main h1', { hasText: 'The records on this device are missing' }).waitFor();
      await page.locator('#backup-file').setInputFiles(backupFile);
      await page.locator('#backup-passphrase').fill('granite puffin lantern orchard');
      await page.getByRole('button', { name: 'Restore the backup' }).click();
      await page.getByText(/Restored 1 case from/).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Go to the lock screen' }).click();
      await unlock(page, DSL);
      assert.equal(await wholeSteps(page, caseId), steps, 'every committed step is back');
      assert.ok((await chronologyTexts(page, caseId)).some((e) => e.includes('PETREL-8080')));
      assert.match(await fullCheck(page), /All \d+ events check out/);
    },
    { timeout: 150_000, contextOptions: { acceptDownloads: true } },
  ),
];
