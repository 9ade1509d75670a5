// Owns durability: the marker that tells a lost database from a fresh install, persistence requests, and storage errors in plain English.
import { db } from './db';
import { DeviceMetaRowSchema } from './metaRowSchemas';
import { StorageClosedError, StorageError, StorageFullError, WriteAbortedError } from './errors';

export type DatabaseStatus = 'fresh-install' | 'ok' | 'database-lost';

/**
 * !!! STORAGE NAME - NEVER CHANGE: `<database name>/installation-id` in localStorage. It lives outside
 * IndexedDB on purpose: when the browser evicts or a person clears the database but not
 * localStorage, the marker survives and the app says "your records are gone" instead of starting
 * empty as if new (docs/SECURITY.md item 10, test 7). Safari's 7-day rule clears both: the app tells
 * Safari users to add it to the Home Screen.
 */
export function markerKey(): string {
  return `${db().name}/installation-id`;
}

// Node (the unit tests) has no localStorage: fall back to memory so the same code runs.
const memoryMarkers = new Map<string, string>();
function markerStore(): { get(k: string): string | null; set(k: string, v: string): void; remove(k: string): void } {
  const ls = (globalThis as { localStorage?: Storage }).localStorage;
  if (ls) {
    return { get: (k) => ls.getItem(k), set: (k, v) => ls.setItem(k, v), remove: (k) => ls.removeItem(k) };
  }
  return {
    get: (k) => memoryMarkers.get(k) ?? null,
    set: (k, v) => void memoryMarkers.set(k, v),
    remove: (k) => void memoryMarkers.delete(k),
  };
}

/** Written after set-up and after a restore commits. A failure to write it is not fatal (private mode). */
export function writeInstallationMarker(installationId: string): void {
  try {
    markerStore().set(markerKey(), installationId);
  } catch {
    // Storage disabled: detection falls back to "fresh-install"; nothing else depends on it.
  }
}

/** Tests: forget the marker (as when site data is cleared entirely). */
export function clearInstallationMarker(): void {
  try {
    markerStore().remove(markerKey());
  } catch {
    // nothing to clear
  }
}

/**
 * 'fresh-install': no marker and no database: offer set-up or "restore a backup".
 * 'ok': the database is the one this browser set up.
 * 'database-lost': the marker says this browser held records but the database is empty (or is
 * another one): say so plainly and offer "restore a backup"; never run set-up as if new.
 */
export async function detectLostDatabase(): Promise<DatabaseStatus> {
  let marker: string | null = null;
  try {
    marker = markerStore().get(markerKey());
  } catch {
    marker = null;
  }
  const raw = await db().meta.get('device');
  const parsed = raw === undefined ? null : DeviceMetaRowSchema.safeParse(raw);
  const device = parsed?.success ? parsed.data : null;
  if (!device) return marker ? 'database-lost' : raw === undefined ? 'fresh-install' : 'database-lost';
  if (!marker) {
    // The database is here but the marker went (localStorage cleared alone): put it back.
    writeInstallationMarker(device.installationId);
    return 'ok';
  }
  return marker === device.installationId ? 'ok' : 'database-lost';
}

export type PersistResult = 'persisted' | 'not-persisted' | 'unsupported';

/** Asks the browser not to evict our storage (navigator.storage.persist()); safe to call again. */
export async function requestPersistence(): Promise<PersistResult> {
  const storage = (globalThis as { navigator?: Navigator }).navigator?.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'not-persisted';
  } catch {
    return 'not-persisted';
  }
}

export type StorageEstimate = { persisted: boolean | null; usageBytes: number | null; quotaBytes: number | null };

/** What settings shows: persisted or not, and usage against quota (null where the browser cannot say). */
export async function storageEstimate(): Promise<StorageEstimate> {
  const storage = (globalThis as { navigator?: Navigator }).navigator?.storage;
  const [persisted, estimate] = await Promise.all([
    storage?.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
    storage?.estimate ? storage.estimate().catch(() => null) : Promise.resolve(null),
  ]);
  return { persisted, usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
}

function errorChain(e: unknown): { name: string; code?: number }[] {
  const out: { name: string; code?: number }[] = [];
  // Breadth-first through inner/cause, and a Dexie BulkError's per-operation failures (an aborted
  // bulkAdd reports "AbortError" only there).
  const queue: unknown[] = [e];
  for (let seen = 0; queue.length > 0 && seen < 12; seen++) {
    const cur = queue.shift();
    if (!cur || typeof cur !== 'object') continue;
    const o = cur as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
    if (typeof o.name === 'string') out.push({ name: o.name, ...(typeof o.code === 'number' ? { code: o.code } : {}) });
    queue.push(o.inner ?? o.cause);
    if (Array.isArray(o.failures)) queue.push(...o.failures.slice(0, 4));
  }
  return out;
}

const ABORT_NAMES = new Set([
  'AbortError',
  'TransactionInactiveError',
  'DatabaseClosedError',
  'InvalidStateError',
  'UnknownError',
  'OpenFailedError',
]);

/**
 * Maps what IndexedDB (through Dexie) throws on a failed write to StorageFullError or
 * WriteAbortedError. Both mean the same for the person: this step was not saved, everything saved
 * before is intact (every step is one transaction). Anything else is returned unchanged.
 */
export function mapWriteError(e: unknown): unknown {
  if (e instanceof StorageError) return e;
  const chain = errorChain(e);
  // QuotaExceededError, or legacy DOMException code 22, anywhere in Dexie's inner/cause chain.
  if (chain.some((x) => x.name === 'QuotaExceededError' || x.code === 22)) return new StorageFullError({ cause: e });
  // Closed under us (a newer version in another tab, or deleted): retrying here cannot work.
  if (chain.some((x) => x.name === 'DatabaseClosedError')) return new StorageClosedError({ cause: e });
  if (chain.some((x) => ABORT_NAMES.has(x.name))) return new WriteAbortedError({ cause: e });
  return e;
}

/** DatabaseClosedError (this page's connection was closed under it) as StorageClosedError; anything else unchanged. */
export function mapClosedError(e: unknown): unknown {
  if (e instanceof StorageError) return e;
  return errorChain(e).some((x) => x.name === 'DatabaseClosedError') ? new StorageClosedError({ cause: e }) : e;
}
