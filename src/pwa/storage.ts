// Owns the request that the browser keep our data (docs/SECURITY.md item 10). Asked lazily, from the
// settings screen, never at start-up: a permission prompt on first open is noise.

export type PersistResult = 'persisted' | 'not-persisted' | 'unsupported';

export interface StorageStatus {
  /** null when the browser cannot say. */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Asks the browser not to evict this app's storage under pressure. Safe to call repeatedly. */
export async function requestPersistentStorage(): Promise<PersistResult> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'not-persisted';
  }
}

/** What the settings screen shows: whether storage is persistent, and how much is used. */
export async function getStorageStatus(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage;
  const [persisted, estimate] = await Promise.all([
    storage?.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
    storage?.estimate ? storage.estimate().catch(() => null) : Promise.resolve(null),
  ]);
  return {
    persisted,
    usageBytes: estimate?.usage ?? null,
    quotaBytes: estimate?.quota ?? null,
  };
}
