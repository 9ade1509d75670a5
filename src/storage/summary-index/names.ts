// Owns the names stored outside any table, in a module with no dependencies, so the app's first
// screen can read the installation marker before the storage layer (Dexie, zod) has loaded.

// !!! STORAGE NAME - NEVER CHANGE. Renaming the database orphans every record on every device:
// the app would open an empty database and the data would look lost.
export const DB_NAME = 'ypsi-response';

/**
 * A hint for the first paint only: whether this browser has set up a device (durability.ts writes
 * the marker after set-up and restore). The lock screen's heading and form show at once when it
 * is there; whether the records are really present is still read from the database
 * (detectLostDatabase), and a lost database replaces the lock screen when that answer comes.
 */
export function installationMarkerPresent(): boolean {
  try {
    return !!globalThis.localStorage?.getItem(`${DB_NAME}/installation-id`);
  } catch {
    return false;
  }
}
