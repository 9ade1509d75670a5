// Durability (issue 3): offline, a reload keeps everything; a page closed in the middle of a step
// (right after "save", or before it) reopens at the last committed step, whole, with no half event;
// unsaved answers survive a lock (on demand, and after the idle warning), encrypted; a second tab
// cannot write. And docs/SECURITY.md test 8:
// a new service worker waits while an answer is unsaved, and after the update the record count
// and every chain head are unchanged.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { ChronologyPage, InitialReviewPage, NotePage } from './pages/CasePages.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import {
  createCaseWithNotes,
  DSL,
  dumpIndexedDb,
  idb,
  lockApp,
  setUpDevice,
  shootBoth,
  storeCounts,
  unlock,
} from './support/device.mjs';
import { assertNoProblems, checkScreen, softChecks } from './support/checks.mjs';
import { assert, test } from './support/harness.mjs';

/** What is stored, as comparable facts: row counts, every case's chain head, the device head. */
async function recordState(page) {
  const cases = await idb(page, 'cases', 'getAll');
  const heads = await idb(page, 'heads', 'getAll');
  return {
    counts: await storeCounts(page),
    caseHeads: Object.fromEntries(cases.map((c) => [c.id, c.head])),
    deviceHead: heads.find((h) => h.id === 'device'),
    logHead: heads.find((h) => h.id === 'log'),
  };
}

/** A case's events are whole: seq 1..head with none missing or beyond, one row per step. */
async function assertCaseWhole(page, caseId) {
  const row = (await idb(page, 'cases', 'getAll')).find((c) => c.id === caseId);
  const seqs = (await idb(page, 'events', 'getAll'))
    .filter((e) => e.caseId === caseId)
    .map((e) => e.seq)
    .sort((x, y) => x - y);
  assert.deepEqual(
    seqs,
    Array.from({ length: row.head.seq }, (_, i) => i + 1),
    `case events 1..${row.head.seq}, no half step`,
  );
  return row.head.seq;
}

async function chronologyOf(page, caseId) {
  const c = await new ChronologyPage(page).visitCase(caseId);
  return (await c.entries()).map((e) => e.text);
}

async function fullCheck(page) {
  return (await new SettingsPage(page).visit()).runFullCheck();
}

export const tests = [
  test(
    'offline: a reload keeps everything, a page closed mid-step reopens at the last committed step, unsaved answers survive a lock encrypted, a second tab cannot write',
    async ({ context, page: firstPage }) => {
      let page = firstPage;
      const soft = softChecks();
      const setup = await new SetupPage(page).open();
      await setup.waitForOfflineReady();
      await context.setOffline(true);
      assert.ok(await setup.fetchFails(`/not-cached-${Date.now()}.txt`), 'the network is really gone');
      await setUpDevice(page, { waitForServiceWorker: false });
      await unlock(page, DSL);
      const { caseId } = await createCaseWithNotes(page, { name: 'Dilys Carne', notes: ['Note one.', 'Note two.'] });

      // ---- A reload, offline: the service worker serves the app; nothing stored changes -------
      const before = await recordState(page);
      const chronology = await chronologyOf(page, caseId);
      assert.equal(chronology.length, 4);
      await page.reload();
      await new LockScreenPage(page).waitUntilShown();
      assert.ok(
        await page.evaluate(() => navigator.serviceWorker.controller !== null),
        'the reload was served by the service worker',
      );
      await unlock(page, DSL);
      assert.deepEqual(await recordState(page), before, 'the same rows and chain heads after a reload');
      assert.deepEqual(await chronologyOf(page, caseId), chronology, 'the case reads the same after a reload');

      // ---- A page closed in the middle of a step ------------------------------------------------
      // Right after "Save" is pressed (the write may be anywhere in its transaction), or before.
      let committed = await assertCaseWhole(page, caseId);
      for (const [i, delay] of [null, 0, 10, 20, 30, 45, 60, 150].entries()) {
        const text = `Closed mid-step ${i}.`;
        const note = await new NotePage(page).visitCase(caseId);
        await note.field('text').fill(text);
        if (delay !== null) {
          await note.button('Save the note').click({ noWaitAfter: true });
          await new Promise((r) => setTimeout(r, delay));
        }
        await page.close({ runBeforeUnload: false });
        page = await context.newPage();
        await page.goto('/');
        await unlock(page, DSL);
        const now = await assertCaseWhole(page, caseId);
        assert.ok(
          now === committed || (delay !== null && now === committed + 1),
          `closed ${delay === null ? 'before saving' : `${delay} ms after saving`}: ${committed} steps before, ${now} after`,
        );
        const tasks = await new CaseTaskListPage(page).visitCase(caseId);
        assert.equal(await tasks.headingText(), 'The response', 'the case opens');
        const entries = await chronologyOf(page, caseId);
        assert.equal(entries.length, now, 'the chronology shows every committed step');
        assert.equal(
          entries.some((e) => e.includes(text)),
          now > committed,
          'the note is there exactly when its step was committed',
        );
        committed = now;
      }
      assert.match(await fullCheck(page), /All \d+ events check out/, 'the chain is whole after the closed pages');

      // ---- After a close, the next step records as usual -----------------------------------
      const note = await new NotePage(page).visitCase(caseId);
      await note.add('Recorded after the closed pages.');
      await new CaseTaskListPage(page).waitUntilShown();
      assert.equal(await assertCaseWhole(page, caseId), committed + 1);

      // ---- Unsaved answers survive a lock on demand, encrypted ------------------------------
      let review = await new InitialReviewPage(page).visitCase(caseId);
      await review.attendees(['Unsaved attendee ZEPHYRINE-9921']);
      await lockApp(page);
      assert.ok(
        !JSON.stringify(await dumpIndexedDb(page)).includes('ZEPHYRINE-9921'),
        'nothing typed is stored in the clear',
      );
      await soft.check('locking on demand (Lock in the navigation) keeps the unsaved answers, encrypted', async () => {
        assert.ok(
          (await idb(page, 'drafts', 'count')) >= 1,
          'no draft was stored when the app locked: the initial review’s typed answers are lost',
        );
      });
      await unlock(page, DSL);
      review = await new InitialReviewPage(page).visitCase(caseId);
      await soft.check('the unsaved answers are offered back after unlocking', async () => {
        await page.getByText('Your answers so far have been restored.').waitFor({ timeout: 3000 });
        assert.equal(await review.field('attendees').inputValue(), 'Unsaved attendee ZEPHYRINE-9921');
      });

      // ---- A second tab reads but cannot write -----------------------------------------------
      const second = await context.newPage();
      await second.goto('/');
      await new LockScreenPage(second).waitUntilShown();
      await second.getByText('YPSI Response is open in another tab or window.').waitFor();
      await second.close();

      assertNoProblems({ 'unsaved answers': soft.problems }, 'Everything else held; but:');
    },
    { timeout: 150_000 },
  ),

  test(
    'a new service worker waits while an answer is unsaved and never reloads over it; after the update the record count and every chain head are unchanged (test 8)',
    async ({ context, page, baseURL }) => {
      const setup = await new SetupPage(page).open();
      await setup.waitForOfflineReady();
      await setUpDevice(page, { waitForServiceWorker: false });
      await unlock(page, DSL);
      const { caseId } = await createCaseWithNotes(page, { name: 'Elowen Trevail', notes: ['A note.'] });
      const before = await recordState(page);
      const chronology = await chronologyOf(page, caseId);

      // An answer typed and not saved; then a new version of the app is published.
      const review = await new InitialReviewPage(page).visitCase(caseId);
      await review.attendees(['Typed, not saved']);
      await page.evaluate(() => {
        /** @type {any} */ (window).__e2eSamePage = true;
      });
      await context.addCookies([{ name: 'e2e-sw-version', value: '2', url: baseURL }]);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const banner = page.getByRole('region', { name: 'Update available' });
      await banner.waitFor({ timeout: 20_000 });
      assert.ok(
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null),
        'the new version waits',
      );

      // Accepting while the answer is unsaved changes nothing.
      await banner.getByRole('button', { name: 'Update now' }).click();
      await banner.getByText('Save or finish your answers first').waitFor();
      assert.ok(
        await page.evaluate(() => /** @type {any} */ (window).__e2eSamePage === true),
        'the page was not reloaded',
      );
      assert.equal(await review.field('attendees').inputValue(), 'Typed, not saved');

      // Finished with the answer (left the form): now the update goes ahead, and reloads.
      await review.toTaskList();
      await Promise.all([
        page.waitForEvent('load', { timeout: 20_000 }),
        banner.getByRole('button', { name: 'Update now' }).click(),
      ]);
      await new LockScreenPage(page).waitUntilShown();
      assert.ok(
        await page.evaluate(() => /** @type {any} */ (window).__e2eSamePage === undefined),
        'the page reloaded into the new version',
      );
      assert.ok(
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting == null),
        'no version is left waiting',
      );

      await unlock(page, DSL);
      // Leaving the review for the task list kept its answers as a draft (encrypted, not recorded);
      // every record and chain head is as it was.
      const after = await recordState(page);
      assert.equal(after.counts.drafts, before.counts.drafts + 1, 'the typed answers are kept as a draft');
      assert.deepEqual(
        { ...after, counts: { ...after.counts, drafts: before.counts.drafts } },
        before,
        'the same rows and chain heads after the update',
      );
      assert.deepEqual(await chronologyOf(page, caseId), chronology, 'the case reads the same after the update');
      assert.match(await fullCheck(page), /All \d+ events check out/);
    },
    { timeout: 90_000 },
  ),

  test(
    'idle: a warning before the lock, "stay unlocked" extends; then the lock keeps the unsaved answers, encrypted',
    async ({ page }) => {
      // The page's clock is ours to move: five idle minutes pass in an instant.
      await page.clock.install();
      await setUpDevice(page, { waitForServiceWorker: false });
      await unlock(page, DSL);
      const { caseId } = await createCaseWithNotes(page, { name: 'Fenella Rowse' });
      let review = await new InitialReviewPage(page).visitCase(caseId);
      await review.attendees(['Typed before going idle KESTREL-3370']);

      const warning = page.getByRole('alertdialog');
      await page.clock.fastForward('04:05');
      await warning.waitFor();
      const problems = { axe: [], touch: [] };
      await checkScreen(page, 'idle-warning', problems, (label) => shootBoth(page, label));
      await warning.getByRole('button', { name: 'Stay unlocked' }).click();
      await warning.waitFor({ state: 'detached' });
      await page.clock.fastForward('03:00');
      assert.equal(
        await review.field('attendees').inputValue(),
        'Typed before going idle KESTREL-3370',
        'still unlocked, answers on screen',
      );

      await page.clock.fastForward('03:00');
      const lock = await new LockScreenPage(page).waitUntilShown();
      assert.match(await lock.notice.innerText(), /Locked after a period of inactivity/);
      assert.ok((await idb(page, 'drafts', 'count')) >= 1, 'the unsaved answers were kept as a draft');
      assert.ok(!JSON.stringify(await dumpIndexedDb(page)).includes('KESTREL-3370'), 'encrypted');
      await unlock(page, DSL);
      review = await new InitialReviewPage(page).visitCase(caseId);
      await page.getByText('Your answers so far have been restored.').waitFor();
      assert.equal(await review.field('attendees').inputValue(), 'Typed before going idle KESTREL-3370');
      assertNoProblems(problems, 'The idle warning has problems:');
    },
    { timeout: 90_000 },
  ),

  test(
    'auto-lock by the wall clock (issue 12 finding 3): hidden two hours while the tablet sleeps, shown: locked; asleep past the idle time, tapped: locked, and the tap opens nothing',
    async ({ page }) => {
      // setSystemTime moves the page's clock without running a single timer: a sleeping tablet.
      await page.clock.install();
      await setUpDevice(page, { waitForServiceWorker: false });
      await unlock(page, DSL);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Settings' }).waitFor();
      const setVisibility = (state) =>
        page.evaluate((v) => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => v });
          document.dispatchEvent(new Event('visibilitychange'));
        }, state);
      const later = async (ms) => page.clock.setSystemTime((await page.evaluate(() => Date.now())) + ms);

      await setVisibility('hidden');
      await later(2 * 60 * 60_000);
      await setVisibility('visible');
      let lock = await new LockScreenPage(page).waitUntilShown();
      assert.match(await lock.notice.innerText(), /Locked because the app was in the background/);

      await unlock(page, DSL);
      await nav.getByRole('link', { name: 'Settings' }).waitFor();
      await later(6 * 60_000);
      await nav.getByRole('link', { name: 'Settings' }).click();
      lock = await new LockScreenPage(page).waitUntilShown();
      assert.match(await lock.notice.innerText(), /Locked after a period of inactivity/);
    },
    { timeout: 90_000 },
  ),
];
