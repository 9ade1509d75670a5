// A safeguarding team's tablets for the browser tests (issue 13): tablet A set up by the DSL with
// sync on, every other tablet joined from A with its own one-time enrolment code, each tablet a
// browser context of its own (its own IndexedDB), all against one pouchdb-server reached under
// the app's own address (/db/). Nothing is carried between tablets but what the server holds.
import { LockScreenPage } from '../pages/LockScreenPage.mjs';
import { SettingsPage } from '../pages/SettingsPage.mjs';
import { DSL, HEAD, setUpAndUnlock } from './device.mjs';
import { FAILURES_DIR, saveScreenshot, VIEWPORTS } from './harness.mjs';
import { startSyncServer } from './syncServer.mjs';

export { DSL, HEAD };
/** A deputy DSL, added as a key holder on tablet A before the other tablets join. */
export const DEPUTY = { name: 'Priya Nair', passphrase: 'saffron otter quilting meadow' };
export const DB = 'ypsi-brookfield';
const ROLE = { [DSL.name]: 'Designated Safeguarding Lead', [HEAD.name]: 'Headteacher', [DEPUTY.name]: 'Deputy DSL' };

/** The status line says this tablet is up to date with the server (waits for it). */
export function upToDate(page, timeout = 60_000) {
  return page
    .getByRole('status')
    .filter({ hasText: /^Up to date with the school server, \d\d:\d\d$/ })
    .first()
    .waitFor({ timeout });
}

/** The status line while the tablet has no network. */
export function offlineStatus(page) {
  return page.getByRole('status').filter({ hasText: /^Offline: not syncing with the school server/ });
}

const syncSection = (page) => page.locator('section[aria-labelledby="sync-heading"]');

/**
 * The tablet loses the network and gets it back, and waits until it is up to date again: it
 * connects, pulls and pushes once more, as after any reconnection (a deterministic "sync now":
 * the status line shows "Offline" in between, so the "Up to date" waited for is the new one).
 */
export async function syncNow(page) {
  await page.context().setOffline(true);
  await offlineStatus(page).first().waitFor({ timeout: 30_000 });
  await page.context().setOffline(false);
  await upToDate(page);
}

/** Adds a deputy DSL in Settings → Key holders (the DSL's own passphrase confirms it). */
export async function addDeputy(page) {
  const settings = await new SettingsPage(page).visit();
  await settings.button('Add a key holder').click();
  await settings.field('add-name').fill(DEPUTY.name);
  await page.getByRole('radio', { name: 'Deputy DSL' }).check();
  await settings.field('add-passphrase').fill(DEPUTY.passphrase);
  await settings.field('add-confirm').fill(DEPUTY.passphrase);
  await page
    .locator('[id="add-passphrase-strength"]:not(.app-passphrase__strength--weak)')
    .waitFor({ timeout: 15_000 });
  await settings.field('add-own').fill(DSL.passphrase);
  await settings.button('Add key holder').click();
  await page.getByText(`${DEPUTY.name} can now unlock as Deputy DSL.`).waitFor({ timeout: 30_000 });
}

/** Settings → Sync with the school's server: this tablet's address, name and password; Save and sync. */
async function turnSyncOn(page, tablet, password) {
  await new SettingsPage(page).visit();
  const section = syncSection(page);
  await section.getByLabel('Server address').fill(`/db/${DB}`);
  await section.getByLabel('This tablet’s name on the server').fill(tablet);
  await section.getByLabel('This tablet’s password on the server').fill(password);
  await section.getByRole('button', { name: 'Save and sync' }).click();
  await upToDate(page);
}

/** On a tablet that syncs, a key holder makes a one-time enrolment code for `tablet`. */
async function makeCode(page, tablet, password) {
  await new SettingsPage(page).visit();
  const enrol = page.locator('section[aria-labelledby="enrol-heading"]');
  // The code made for the tablet before, still shown: closed first.
  const closeCode = enrol.getByRole('button', { name: 'Close the code' });
  if (await closeCode.isVisible()) await closeCode.click();
  await enrol.getByLabel('The new tablet’s name on the server').fill(tablet);
  await enrol.getByLabel('The new tablet’s password on the server').fill(password);
  await enrol.getByRole('button', { name: 'Make an enrolment code' }).click();
  return (await enrol.getByTestId('enrol-code').textContent()).trim();
}

/** A fresh tablet joins with the code; `holder` finishes joining with their passphrase. Ends locked. */
async function join(page, code, holder) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Join with an enrolment code instead' }).click();
  await page.getByRole('textbox', { name: 'Enrolment code' }).fill(code);
  await page.getByRole('button', { name: 'Join the school’s server' }).click();
  await page.getByRole('group', { name: 'Who are you?' }).waitFor({ timeout: 60_000 });
  await page.getByLabel(`${holder.name} (${ROLE[holder.name]})`).check();
  await page.getByLabel('Your passphrase').fill(holder.passphrase);
  await page.getByRole('button', { name: 'Unlock and finish joining' }).click();
  await page.getByRole('button', { name: 'Go to the lock screen' }).click({ timeout: 60_000 });
  await new LockScreenPage(page).waitUntilShown();
}

/** Unlocks a tablet as `who` and waits until it is up to date with the server. */
export async function unlockAndSync(page, who) {
  await page.goto('/');
  const home = await (await new LockScreenPage(page).waitUntilShown()).unlock(who.name, who.passphrase);
  await upToDate(page);
  return home;
}

/**
 * Tablet A (the test's own page: set up, the DSL unlocked, a deputy added, sync on) and one joined
 * tablet per further name, each in a new context of the one browser, at the lock screen.
 * @param {import('./harness.mjs').TestFixture} fixture
 * @param {{ joined?: { name: string, holder: typeof DSL }[], deputy?: boolean }} [options]
 */
export async function startTeam({ browser, context, page, baseURL }, { joined = [], deputy = true } = {}) {
  const server = await startSyncServer();
  const contexts = [];
  const close = async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await server.stop();
  };
  try {
    const passwordA = await server.setUp(DB, 'brookfield-tablet-a');
    const passwords = [];
    for (const t of joined) passwords.push(await server.addTablet(DB, t.name));
    await server.proxyFor(context, baseURL);
    await setUpAndUnlock(page, { waitForServiceWorker: false });
    if (deputy) await addDeputy(page);
    await turnSyncOn(page, 'brookfield-tablet-a', passwordA);
    const codes = [];
    for (const [i, t] of joined.entries()) codes.push(await makeCode(page, t.name, passwords[i]));
    const tablets = await Promise.all(
      joined.map(async (t, i) => {
        const c = await browser.newContext({ baseURL, viewport: VIEWPORTS.portrait, serviceWorkers: 'block' });
        contexts.push(c);
        await server.proxyFor(c, baseURL);
        const p = await c.newPage();
        await join(p, codes[i], t.holder);
        return { name: t.name, context: c, page: p };
      }),
    );
    /** On a failure: every joined tablet's screen too (the runner saves tablet A's). */
    const shootOnFailure = async (label) => {
      for (const t of tablets) await saveScreenshot(t.page, `${label}-${t.name}`, FAILURES_DIR).catch(() => {});
    };
    return { server, a: { name: 'brookfield-tablet-a', context, page }, tablets, close, shootOnFailure };
  } catch (error) {
    await close();
    throw error;
  }
}
