// The storage vault, loaded on first use: the lock screen paints before the storage layer (Dexie,
// zod, the domain) has been fetched and compiled. The lock screen's reads (status, settings, key
// holders, seal words) wait only for lockScreenReads.ts and storage's small lock-screen entry;
// everything else waits for storageVault.ts and all of storage, first asked for when someone
// unlocks, sets up or seals a disclosure. The service worker precaches both: this works offline.
import type { Vault } from './vault';

let reading: Promise<typeof import('./lockScreenReads').lockScreenReads> | null = null;

/** lockScreenReads.ts, fetched once. */
function loadLockScreenReads() {
  reading ??= import('./lockScreenReads').then((m) => m.lockScreenReads);
  return reading;
}

let loading: Promise<Vault> | null = null;

/** storageVault.ts, fetched once. */
export function loadStorageVault(): Promise<Vault> {
  loading ??= import('./storageVault').then((m) => m.storageVault);
  return loading;
}

export const lazyStorageVault: Vault = {
  status: async () => (await loadLockScreenReads()).status(),
  publicSettings: async () => (await loadLockScreenReads()).publicSettings(),
  keyHolders: async () => (await loadLockScreenReads()).keyHolders(),
  sealWords: async () => (await loadLockScreenReads()).sealWords(),
  setUp: async (settings, users) => (await loadStorageVault()).setUp(settings, users),
  unlock: async (userId, passphrase) => (await loadStorageVault()).unlock(userId, passphrase),
  recover: async (recoveryKey, userId, newPassphrase) =>
    (await loadStorageVault()).recover(recoveryKey, userId, newPassphrase),
  sealDisclosure: async (payload) => (await loadStorageVault()).sealDisclosure(payload),
  exportSealedDisclosure: async (id) => (await loadStorageVault()).exportSealedDisclosure(id),
  acquireWriter: async () => (await loadLockScreenReads()).acquireWriter(),
};
