// Owns "one tab writes at a time": the Web Locks writer lock, held for the life of the tab.

// !!! STORAGE NAME - NEVER CHANGE: every version of the app must ask for the same lock name, or an
// old tab and a new tab could both write and fork a record.
export const WRITER_LOCK_NAME = 'ypsi-response/writer';

type State = 'unknown' | 'held' | 'refused' | 'no-locks-api';
let state: State = 'unknown';
let release: (() => void) | null = null;
let pending: Promise<boolean> | null = null;

function locksApi(): LockManager | null {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

/**
 * Tries to become the one writing tab. true: this tab writes (and keeps the lock until it closes);
 * false: another tab holds it, so this one must say so and not write. Without the Web Locks API
 * (old browsers, Node tests) it returns true: there is nothing to coordinate with.
 */
export function acquireWriterLock(): Promise<boolean> {
  if (state === 'held' || state === 'no-locks-api') return Promise.resolve(true);
  if (pending) return pending;
  const locks = locksApi();
  if (!locks) {
    state = 'no-locks-api';
    return Promise.resolve(true);
  }
  pending = new Promise<boolean>((resolve) => {
    locks
      .request(WRITER_LOCK_NAME, { ifAvailable: true }, (lock) => {
        if (!lock) {
          state = 'refused';
          resolve(false);
          return undefined;
        }
        state = 'held';
        resolve(true);
        // Held until the tab closes (or releaseWriterLock for tests): the promise never settles otherwise.
        return new Promise<void>((done) => {
          release = done;
        });
      })
      .catch(() => {
        state = 'refused';
        resolve(false);
      });
  }).finally(() => {
    pending = null;
  });
  return pending;
}

/** Is this tab the writer? ('unknown' until acquireWriterLock has been asked.) */
export function writerLockState(): State {
  return state;
}

/** Tests only: let go of the lock so another context can take it. */
export function releaseWriterLock(): void {
  release?.();
  release = null;
  if (state === 'held' || state === 'refused') state = 'unknown';
}
