// The app's states a test starts from: a fresh device, a set-up (locked) device, an unlocked one.
// Set-up and each unlock derive keys with PBKDF2 at 600,000 iterations (about a second each), so
// a test sets the device up once and moves through its steps inside one browser context.
import { LockScreenPage } from '../pages/LockScreenPage.mjs';
import { SetupPage } from '../pages/SetupPage.mjs';
import { saveScreenshot, VIEWPORTS } from './harness.mjs';

/** The IndexedDB database the app keeps everything in (src/storage/db.ts). */
export const DB_NAME = 'ypsi-response';

/** Key holders. Their names and the establishment's are public settings (shown on the lock screen). */
export const DSL = { name: 'Dana Shah', phone: '07700 900123', passphrase: 'copper kettle marching lantern' };
export const HEAD = { name: 'Helen Okafor', phone: '07700 900456', passphrase: 'violet harbour pickle trombone' };
export const ESTABLISHMENT = {
  establishment: 'Brookfield Academy',
  chair: 'Graham Ellery',
  mashName: 'Wolverhampton MASH',
  mashPhone: '01902 555392',
  ladoPhone: '01902 550609',
};

/**
 * Sets up a fresh device through the set-up screen and ends on the lock screen. With
 * `waitForServiceWorker`, waits until the service worker controls the page first, so the app
 * works offline from then on. Resolves with the recovery key (shown once).
 * @param {import('playwright-core').Page} page
 * @param {{ waitForServiceWorker?: boolean, shoot?: (name: string) => Promise<void> }} [options]
 */
export async function setUpDevice(page, { waitForServiceWorker = true, shoot } = {}) {
  const setup = await new SetupPage(page).open();
  if (waitForServiceWorker) await setup.waitForOfflineReady();
  const recovery = await setup.setUp({ ...ESTABLISHMENT, holders: [DSL, HEAD] });
  const recoveryKey = await recovery.recoveryKey();
  if (shoot) await shoot('setup-recovery-key');
  const complete = await recovery.confirmKeptSafe();
  if (shoot) await shoot('setup-complete');
  await complete.lockScreenLink.click();
  await new LockScreenPage(page).waitUntilShown();
  return { recoveryKey };
}

/** Unlocks from the lock screen as a key holder; resolves with the cases home. */
export async function unlock(page, who = DSL) {
  return new LockScreenPage(page).waitUntilShown().then((lock) => lock.unlock(who.name, who.passphrase));
}

/** Locks on demand (Lock in the navigation): a hard lock reloads the page onto the lock screen. */
export async function lockApp(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lock', exact: true }).click();
  return new LockScreenPage(page).waitUntilShown();
}

/**
 * The shared helper: a device set up and unlocked as the DSL, once per test context.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ home: import('../pages/HomePage.mjs').HomePage, recoveryKey: string }>}
 */
export async function setUpAndUnlock(page, options = {}) {
  const { recoveryKey } = await setUpDevice(page, options);
  const home = await unlock(page, DSL);
  return { home, recoveryKey };
}

/**
 * Screenshots at both tablet sizes (landscape, then portrait), into
 * test-results/screenshots/<name>-landscape.png (the 1280x800 viewport, as a tablet shows it) and
 * -portrait.png (the whole page; saveScreenshot says how). Leaves the page landscape.
 */
export async function shootBoth(page, name) {
  for (const [orientation, viewport] of [
    ['landscape', VIEWPORTS.landscape],
    ['portrait', VIEWPORTS.portrait],
  ]) {
    await page.setViewportSize(viewport);
    // Let layout (and the signature pad's ResizeObserver) settle at the new size.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await saveScreenshot(page, `${name}-${orientation}`);
  }
  await page.setViewportSize(VIEWPORTS.landscape);
}

// ---- IndexedDB, read and written directly (as an attacker with the tablet would) ----------------

/** Every store of every IndexedDB database of the origin, as JSON text (binary as base64). */
export function dumpIndexedDb(page) {
  return page.evaluate(async () => {
    const toJson = (value) =>
      JSON.stringify(value, (_k, v) => {
        if (v instanceof ArrayBuffer) v = new Uint8Array(v);
        if (ArrayBuffer.isView(v))
          return { bytes: btoa(String.fromCharCode(...new Uint8Array(v.buffer, v.byteOffset, v.byteLength))) };
        return v;
      });
    const out = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      out[name] = {};
      for (const store of db.objectStoreNames) {
        out[name][store] = await new Promise((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result.map(toJson));
          req.onerror = () => reject(req.error);
        });
      }
      db.close();
    }
    return out;
  });
}

/**
 * One operation on one store of the app's database, from inside the page (the way anyone holding
 * the tablet could): 'getAll', 'get' (arg: key), 'put' (arg: row), 'delete' (arg: key), 'count'.
 * Keys of the events store are [caseId, seq].
 * @returns {Promise<any>}
 */
export function idb(page, storeName, op, arg) {
  return page.evaluate(
    async ({ dbName, storeName, op, arg }) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open(dbName);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      try {
        const tx = db.transaction(
          storeName,
          op === 'getAll' || op === 'get' || op === 'count' ? 'readonly' : 'readwrite',
        );
        const store = tx.objectStore(storeName);
        const request =
          op === 'getAll'
            ? store.getAll()
            : op === 'get'
              ? store.get(arg)
              : op === 'put'
                ? store.put(arg)
                : op === 'delete'
                  ? store.delete(arg)
                  : store.count();
        const result = await new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise((resolve, reject) => {
          tx.oncomplete = () => resolve(undefined);
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
        });
        return result;
      } finally {
        db.close();
      }
    },
    { dbName: DB_NAME, storeName, op, arg },
  );
}

/** How many rows each store of the app's database holds. */
export async function storeCounts(page) {
  const stores = ['meta', 'keyring', 'cases', 'snapshots', 'events', 'log', 'inbox', 'drafts', 'heads'];
  const counts = {};
  for (const s of stores) counts[s] = await idb(page, s, 'count');
  return counts;
}

/**
 * Opens a case as the DSL (the disclosure recorded in the case) and adds notes: events 1 (opened),
 * 2 (disclosure), then one per note. Starts and ends anywhere in the unlocked app (ends on the
 * case's task list). Resolves with the case id and reference.
 */
export async function createCaseWithNotes(page, { name, notes = [] }) {
  const { HomePage } = await import('../pages/HomePage.mjs');
  const { CaseTaskListPage, NotePage } = await import('../pages/CasePages.mjs');
  const home = await new HomePage(page).visit('/');
  const disclosure = await home.startNewCase();
  const review = await disclosure.record({
    disclosedBy: `${name}, Year 10`,
    relation: 'The young person it is about',
    account: `What ${name} said, in their words.`,
    people: [{ name, age: 15 }],
  });
  const caseId = review.caseIdFromUrl();
  for (const text of notes) {
    const note = await new NotePage(page).visitCase(caseId);
    await note.add(text);
    await new CaseTaskListPage(page).waitUntilShown();
  }
  const tasks = await new CaseTaskListPage(page).visitCase(caseId);
  return { caseId, reference: await tasks.reference() };
}

/** The event rows of one case, in order. */
export async function eventRows(page, caseId) {
  const rows = await idb(page, 'events', 'getAll');
  return rows.filter((r) => r.caseId === caseId).sort((a, b) => a.seq - b.seq);
}
