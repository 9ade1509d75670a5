// Owns loading the app's code after the first paint in slices (issue 14 item 6): a dynamic import
// runs every module it reaches that has not run yet in one task, so importing boot.tsx at once
// would run React DOM, the router, XState, the domain, zod and Dexie in one long task that holds up
// a tap or a key pressed meanwhile. Each slice below is imported on its own, with a yield to the
// browser between them, so each runs in a task of its own and input is handled between them; boot.tsx
// (and later the lock screen's reads) then find them already run. The slices are the app's own
// modules and libraries, the ones the lock screen needs first: nothing more is fetched than before.

/** Lets the browser handle input and paint before the next slice (a message: a faked clock cannot hold it back). */
export function yieldToBrowser(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The lock screen's code, each slice a separate task: React DOM; Dexie; the lock screen's storage
 * reads (zod, its row schemas); the components (with the router); the domain's rules; XState and
 * the case machine; then boot.tsx, which starts React on the page. Each is a module of the app, not
 * a library's whole namespace, so the bundler still drops what the app never uses.
 */
const SLICES: (() => Promise<unknown>)[] = [
  () => import('react-dom/client'),
  () => import('./storage/db'),
  () => import('./storage/lockScreen'),
  () => import('./ui/components'),
  () => import('./domain/gates'),
  () => import('./domain/machine'),
];

/** Imports each slice in turn, yielding between them, then boot.tsx. */
export async function loadAppInSlices(): Promise<void> {
  for (const slice of SLICES) {
    // A slice that fails to load only loses its head start: boot.tsx imports it again, and its
    // own failure is the one the page reports.
    await slice().catch(() => undefined);
    await yieldToBrowser();
  }
  await import('./boot');
}
