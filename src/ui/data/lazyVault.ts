// The storage vault, loaded on first use: the lock screen paints before the storage layer (Dexie,
// zod, the domain) has been fetched and compiled. Every method waits for storageVault.ts, first
// asked for by the session's status read right after the first paint; the service worker
// precaches it, so this works offline.
import type { Vault } from './vault';

let loading: Promise<Vault> | null = null;

/** storageVault.ts, fetched once. */
export function loadStorageVault(): Promise<Vault> {
  loading ??= import('./storageVault').then((m) => m.storageVault);
  return loading;
}

export const lazyStorageVault: Vault = {
  status: async () => (await loadStorageVault()).status(),
  publicSettings: async () => (await loadStorageVault()).publicSettings(),
  keyHolders: async () => (await loadStorageVault()).keyHolders(),
  sealWords: async () => (await loadStorageVault()).sealWords(),
  setUp: async (settings, users) => (await loadStorageVault()).setUp(settings, users),
  unlock: async (userId, passphrase) => (await loadStorageVault()).unlock(userId, passphrase),
  recover: async (recoveryKey, userId, newPassphrase) =>
    (await loadStorageVault()).recover(recoveryKey, userId, newPassphrase),
  sealDisclosure: async (payload) => (await loadStorageVault()).sealDisclosure(payload),
  exportSealedDisclosure: async (id) => (await loadStorageVault()).exportSealedDisclosure(id),
  acquireWriter: async () => (await loadStorageVault()).acquireWriter(),
};
