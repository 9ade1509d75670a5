// docs/SECURITY.md "Tests that show it", against the built app in Chromium, with the tablet's storage
// read and written directly (as anyone holding it could, from the browser's devtools):
//   2  a record's ciphertext moved onto another record does not open (AAD binding);
//   3  KDF iterations lowered below 600,000 in the keyring: unlock refuses, and says why;
//   5  an event edited, deleted, reordered or truncated is caught: the case does not open and
//      says which event, "Run the full check" names the first bad one, and so does the check at
//      unlock; put back, everything checks out again (no false alarm);
//   7  site data cleared: the app says the records are missing instead of starting afresh.
// (1 and 4 run along the E1 flow, flow-e1.e2e.mjs; 8 in durability.e2e.mjs; 9 over every test.)
import { AppPage } from './pages/AppPage.mjs';
import { CaseNotOpenedPage } from './pages/CasePages.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { LostRecordsPage } from './pages/LostRecordsPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { assertNoProblems, checkScreen, softChecks } from './support/checks.mjs';
import {
  createCaseWithNotes,
  DB_NAME,
  DSL,
  eventRows,
  HEAD,
  idb,
  lockApp,
  setUpAndUnlock,
  setUpDevice,
  shootBoth,
  unlock,
} from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

/** A case screen opened inside the app: the task list, or why the case could not be opened. */
class CaseOrError extends AppPage {
  static heading = /^(The response|This case could not be opened)$/;
}

/** Opens a case; resolves with null when it opened, or the message it shows instead. */
async function openCase(page, caseId) {
  // From elsewhere, so the case is read again from storage (not kept from the last visit).
  await new HomePage(page).visit('/');
  const screen = await new CaseOrError(page).visit(`/cases/${caseId}`);
  if ((await screen.headingText()) === 'The response') return null;
  return new CaseNotOpenedPage(page).reason();
}

async function fullCheck(page) {
  const settings = await new SettingsPage(page).visit();
  return settings.runFullCheck();
}

export const tests = [
  test(
    'tampering is caught (tests 2, 5): moved ciphertext, an edited, deleted, reordered or truncated event: the case will not open, the full check and the check at unlock name the first bad event',
    async ({ page }) => {
      const soft = softChecks();
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      const a = await createCaseWithNotes(page, { name: 'Alys Penhallow', notes: ['First note.', 'Second note.'] });
      const b = await createCaseWithNotes(page, { name: 'Bryn Tregothnan', notes: ['A note on B.'] });
      const rowsA = await eventRows(page, a.caseId);
      const rowsB = await eventRows(page, b.caseId);
      assert.deepEqual(
        rowsA.map((r) => r.seq),
        [1, 2, 3, 4],
      );
      assert.equal(await openCase(page, a.caseId), null, 'case A opens before any tampering');
      assert.match(await fullCheck(page), /All \d+ events check out/);

      /** Changes rows, checks what the app says, puts everything back, checks it opens again. */
      const tampered = async (label, change, expected) => {
        const before = {
          events: await idb(page, 'events', 'getAll'),
          cases: await idb(page, 'cases', 'getAll'),
          snapshots: await idb(page, 'snapshots', 'getAll'),
        };
        await change();
        await soft.check(`${label}: the case does not open and says why`, async () =>
          assert.match((await openCase(page, expected.caseId)) ?? 'it opened', expected.load),
        );
        if (expected.full)
          await soft.check(`${label}: the full check names it`, async () =>
            assert.match(await fullCheck(page), expected.full),
          );
        if (expected.shoot) {
          await openCase(page, expected.caseId);
          await shootBoth(page, expected.shoot);
        }
        for (const store of ['events', 'cases', 'snapshots']) {
          const now = await idb(page, store, 'getAll');
          const key = (r) => (store === 'events' ? JSON.stringify([r.caseId, r.seq]) : (r.id ?? r.caseId));
          for (const row of now)
            if (!before[store].some((o) => key(o) === key(row)))
              await idb(page, store, 'delete', store === 'events' ? [row.caseId, row.seq] : key(row));
          for (const row of before[store]) await idb(page, store, 'put', row);
        }
        assert.equal(await openCase(page, expected.caseId), null, `${label}: put back, the case opens again`);
      };
      const at = (rows, seq) => structuredClone(rows.find((r) => r.seq === seq));

      // Test 2: ciphertext moved. Within one case (same key: only the AAD, which binds the
      // record id, stops it) and across cases (different keys).
      await tampered(
        'event 3’s ciphertext written over event 4 of the same case',
        () => idb(page, 'events', 'put', { ...at(rowsA, 4), enc: at(rowsA, 3).enc }),
        {
          caseId: a.caseId,
          load: /Event 4 of this case .*(altered|moved)/,
          full: new RegExp(`Event 4 of .*${a.reference}.*(altered|moved)`),
          shoot: 'security-moved-ciphertext',
        },
      );
      await tampered(
        'case A’s event 2 ciphertext written over case B’s event 2',
        () => idb(page, 'events', 'put', { ...at(rowsB, 2), enc: at(rowsA, 2).enc }),
        { caseId: b.caseId, load: /Event 2 of this case .*(altered|moved)/ },
      );
      const caseRows = await idb(page, 'cases', 'getAll');
      const rowOf = (id) => structuredClone(caseRows.find((r) => r.id === id));
      const snapshots = await idb(page, 'snapshots', 'getAll');
      await tampered(
        'case A’s saved state written over case B’s',
        () =>
          idb(page, 'snapshots', 'put', { caseId: b.caseId, enc: snapshots.find((s) => s.caseId === a.caseId).enc }),
        { caseId: b.caseId, load: /saved state of this case does not match/ },
      );
      // Test 5: edited, deleted, reordered, truncated.
      await tampered(
        'event 3’s digest edited',
        () =>
          idb(page, 'events', 'put', {
            ...at(rowsA, 3),
            digest: at(rowsA, 3).digest.replace(/^./, (c) => (c === '0' ? '1' : '0')),
          }),
        {
          caseId: a.caseId,
          load: /Event 3 of this case has been altered/,
          full: new RegExp(`Event 3 of .*${a.reference}.* altered`),
        },
      );
      await tampered(
        'event 3’s ciphertext edited (one character)',
        () => {
          const row = at(rowsA, 3);
          const ct = row.enc.ct;
          return idb(page, 'events', 'put', {
            ...row,
            enc: { ...row.enc, ct: `${ct.slice(0, 10)}${ct[10] === 'A' ? 'B' : 'A'}${ct.slice(11)}` },
          });
        },
        {
          caseId: a.caseId,
          load: /Event 3 of this case has been altered/,
          full: new RegExp(`Event 3 of .*${a.reference}.* altered`),
        },
      );
      await tampered('event 3 deleted', () => idb(page, 'events', 'delete', [a.caseId, 3]), {
        caseId: a.caseId,
        load: /Event 3 of this case has been deleted/,
        full: new RegExp(`Event 3 of .*${a.reference}.* deleted`),
      });
      await tampered(
        'events 3 and 4 swapped',
        async () => {
          await idb(page, 'events', 'put', { ...at(rowsA, 4), seq: 3 });
          await idb(page, 'events', 'put', { ...at(rowsA, 3), seq: 4 });
        },
        {
          caseId: a.caseId,
          load: /Event 3 of this case is out of order/,
          full: new RegExp(`Event 3 of .*${a.reference}.* out of order`),
        },
      );
      await tampered('the last event removed (truncated)', () => idb(page, 'events', 'delete', [a.caseId, 4]), {
        caseId: a.caseId,
        load: /ends at event 3 but recorded 4/,
        full: /ends at event 3 but recorded 4/,
      });
      await tampered(
        'the case and its head put back to event 3 (rolled back, event 4 left behind)',
        async () => {
          const row = rowOf(a.caseId);
          await idb(page, 'cases', 'put', { ...row, head: { seq: 3, digest: at(rowsA, 3).digest } });
        },
        {
          caseId: a.caseId,
          load: /put back|rolled|altered|does not match/,
          full: /put back|rolled|altered|does not match/,
        },
      );

      // While the app is locked: an event edited, and case A's summary ciphertext written over
      // case B's. At unlock, the quick check names the edit, and the home screen, which lists
      // cases from their summaries, must not leave case B out without a word.
      await lockApp(page);
      const edited = at(rowsA, 2);
      await idb(page, 'events', 'put', {
        ...edited,
        digest: edited.digest.replace(/^./, (c) => (c === '0' ? '1' : '0')),
      });
      const originalB = rowOf(b.caseId);
      await idb(page, 'cases', 'put', { ...originalB, summary: rowOf(a.caseId).summary });
      const home = await unlock(page, DSL);
      const banner = page.locator('.app-notification-banner--urgent', { hasText: 'Records altered' });
      await soft.check('the check at unlock reports the edit', async () => {
        await banner.waitFor({ timeout: 10_000 });
        assert.match(await banner.innerText(), new RegExp(`Event 2 of .*${a.reference}`));
      });
      const listed = await home.mainText();
      await soft.check(
        'a case whose summary does not open is shown on the home screen as unreadable, not left out',
        () =>
          assert.ok(
            listed.includes(b.reference) || /cannot be read|could not be read|unreadable/i.test(listed),
            `case ${b.reference} is not on the home screen and nothing says a case could not be read:\n${listed.slice(0, 600)}`,
          ),
      );
      await shootBoth(page, 'security-altered-at-unlock');
      await idb(page, 'events', 'put', edited);
      await idb(page, 'cases', 'put', originalB);
      assert.match(await fullCheck(page), /All \d+ events check out/, 'everything put back: no false alarm');

      assertNoProblems({ 'tamper checks': soft.problems }, 'Tampering that was not caught or not named:');
    },
    { timeout: 150_000 },
  ),

  test('KDF iterations lowered below 600,000 in the keyring: unlock refuses and says why (test 3)', async ({
    page,
  }) => {
    await setUpDevice(page, { waitForServiceWorker: false });
    const rows = await idb(page, 'keyring', 'getAll');
    const dsl = rows.find((r) => r.displayName === DSL.name);
    // The private key of the DSL's key pair is what the passphrase wraps (docs/SECURITY.md item 1).
    const wrap = dsl.holder.privateKey;
    assert.equal(wrap.kdf.iterations, 600_000, 'set-up stores 600,000 iterations');
    assert.equal(wrap.kdf.algorithm, 'PBKDF2-HMAC-SHA-256');
    assert.equal(atob(wrap.kdf.salt).length, 16, 'a 16-byte salt');
    for (const iterations of [1_000, 599_999]) {
      await idb(page, 'keyring', 'put', {
        ...dsl,
        holder: { ...dsl.holder, privateKey: { ...wrap, kdf: { ...wrap.kdf, iterations } } },
      });
      await page.reload();
      const lock = await new LockScreenPage(page).waitUntilShown();
      await lock.submitUnlock(DSL.name, DSL.passphrase);
      const errors = (await lock.errors()).join(' ');
      assert.match(
        errors,
        new RegExp(`${iterations}.*below the floor of 600000|weakened`),
        `a clear refusal at ${iterations} iterations: ${errors}`,
      );
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await lock.heading.innerText(), 'YPSI Response is locked', 'still locked');
    }
    await shootBoth(page, 'security-kdf-downgrade-refused');
    // Only that user's wrap is refused: another key holder unlocks; put back, the DSL does too.
    await page.reload();
    await unlock(page, HEAD);
    await idb(page, 'keyring', 'put', dsl);
    await page.reload();
    await unlock(page, DSL);
  }),

  test('site data cleared: the app says the records are missing and offers a backup, never a fresh start (test 7)', async ({
    context,
    page,
    baseURL,
  }) => {
    await setUpAndUnlock(page, { waitForServiceWorker: false });
    await createCaseWithNotes(page, { name: 'Cerys Polglase' });
    await lockApp(page);
    const problems = { axe: [], touch: [] };
    const cdp = await context.newCDPSession(page);

    // The browser cleared IndexedDB (eviction, or "clear site data" for storage alone); the
    // marker outside IndexedDB (localStorage) survived.
    assert.ok(
      await page.evaluate((name) => Object.keys(localStorage).some((k) => k.startsWith(name)), DB_NAME),
      'the installation marker is in localStorage',
    );
    await cdp.send('Storage.clearDataForOrigin', { origin: baseURL, storageTypes: 'indexeddb' });
    await page.reload();
    const lost = await new LostRecordsPage(page).waitUntilShown();
    const text = await lost.mainText();
    assert.match(text, /This tablet was set up before, but its stored records are gone/);
    assert.match(text, /Nothing has been started afresh/);
    assert.match(text, /restore it now/i);
    assert.equal(
      await page.locator('main h1', { hasText: 'Set up YPSI Response' }).count(),
      0,
      'no set-up form as if new',
    );
    assert.equal(await page.locator('main h1', { hasText: 'YPSI Response is locked' }).count(), 0);
    await checkScreen(page, 'security-records-missing', problems, (label) => shootBoth(page, label));
    // It stays so on every load until someone restores a backup or knowingly starts again.
    await page.reload();
    await lost.waitUntilShown();

    // Everything cleared (IndexedDB and localStorage): nothing is left to say the tablet was set
    // up, so the app can only offer set-up. (A documented limit: src/storage/durability.ts.)
    await cdp.send('Storage.clearDataForOrigin', { origin: baseURL, storageTypes: 'indexeddb,local_storage' });
    await page.reload();
    await new SetupPage(page).waitUntilShown();
    assertNoProblems(problems, 'The "records are missing" screen has problems:');
  }),

  test('an older copy of the summary index put back: Settings says calmly that the list was rebuilt, and the full check still passes', async ({
    page,
  }) => {
    await setUpAndUnlock(page, { waitForServiceWorker: false });
    const a = await createCaseWithNotes(page, { name: 'Demelza Trevithick' });
    const older = (await idb(page, 'meta', 'getAll')).filter(
      (r) => typeof r.key === 'string' && r.key.startsWith('summary-index/'),
    );
    assert.ok(older.length > 0, 'the summary index has buckets');
    const { CaseTaskListPage, NotePage } = await import('./pages/CasePages.mjs');
    await (await new NotePage(page).visitCase(a.caseId)).add('A later note.');
    await new CaseTaskListPage(page).waitUntilShown();
    // Put back the older buckets (as someone with the tablet could), then lock and unlock.
    for (const row of older) await idb(page, 'meta', 'put', row);
    await lockApp(page);
    await unlock(page, DSL);
    const settings = await new SettingsPage(page).visit();
    const note = settings.main
      .locator('[role="status"]')
      .filter({ hasText: 'The list of cases was rebuilt when you unlocked' });
    await note.waitFor({ timeout: 10_000 });
    const text = (await note.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /not the one last written/);
    assert.match(text, /Run the full check below/);
    const problems = { axe: [], touch: [] };
    await note.scrollIntoViewIfNeeded();
    await checkScreen(page, 'security-index-rebuilt', problems, (label) => shootBoth(page, label));
    assertNoProblems(problems, 'Settings with the index note has problems:');
    // Nothing in the records was altered: the full check still passes.
    assert.match(await settings.runFullCheck(), /All \d+ events check out/);
  }),
];
