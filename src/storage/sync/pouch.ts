// Owns loading PouchDB (only when sync is configured, so the first load of the app is unchanged)
// and the small part of its API the sync engine uses. The tablet's local replication database uses
// PouchDB's 'indexeddb' adapter, the one that can purge (docs/SECURITY.md item 13: a destroyed case
// leaves no copy of its steps or keys on a tablet: purge.ts); the browser build's own 'idb' adapter,
// which cannot, is only read once, to move a database made by an earlier version (localDb.ts).

export type PouchDoc = Record<string, unknown> & {
  _id: string;
  _rev?: string;
  _conflicts?: string[];
  _deleted?: boolean;
};
export type ChangesResult = {
  results: { id: string; seq: number | string; deleted?: boolean; doc?: PouchDoc; changes?: { rev: string }[] }[];
  last_seq: number | string;
};
export type BulkResult = {
  ok?: boolean;
  id?: string;
  error?: boolean | string;
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
};
export type ReplicationResult = {
  ok: boolean;
  docs_written: number;
  docs_read: number;
  doc_write_failures: number;
  errors: unknown[];
  last_seq?: number | string;
};
export type Replication = Promise<ReplicationResult> & {
  cancel: () => void;
  on: (
    event: 'change' | 'error' | 'complete' | 'denied' | 'paused' | 'active',
    listener: (info: never) => void,
  ) => Replication;
};
export type ChangesFeed = {
  cancel: () => void;
  on: (event: 'change' | 'error' | 'complete', listener: (info: never) => void) => ChangesFeed;
};

/** The PouchDB database methods used here (local IndexedDB, or the server over HTTP). */
export interface PouchDatabase {
  name: string;
  info(): Promise<{ update_seq: number | string; doc_count: number; db_name: string }>;
  get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<PouchDoc>;
  put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
  bulkDocs(docs: PouchDoc[], options?: { new_edits?: boolean }): Promise<BulkResult[]>;
  /** Each leaf revision asked for, with its history (`revs`): what replication copies. */
  bulkGet(options: { docs: { id: string; rev?: string }[]; revs?: boolean }): Promise<{
    results: { id: string; docs: ({ ok: PouchDoc } | { error: unknown })[] }[];
  }>;
  /** Every leaf revision of one document (deleted ones too). */
  get(id: string, options: { open_revs: 'all' }): Promise<({ ok: PouchDoc } | { missing: string })[]>;
  /**
   * Removes one leaf revision from this database only, as if it had never been written: no
   * deletion is recorded, so nothing replicates and the changes feed does not list it
   * ('indexeddb' adapter only: PouchDB 9 has no purge in 'idb' or 'memory').
   */
  purge(id: string, rev: string): Promise<{ ok: boolean; documentWasRemovedCompletely?: boolean }>;
  /** The adapter the database was opened with ('indexeddb', 'idb', 'http', ...). */
  adapter: string;
  allDocs(options: {
    include_docs?: boolean;
    startkey?: string;
    endkey?: string;
    keys?: string[];
    conflicts?: boolean;
    limit?: number;
  }): Promise<{ rows: { id: string; value?: { rev: string; deleted?: boolean }; doc?: PouchDoc; error?: string }[] }>;
  changes(options: {
    since?: number | string;
    include_docs?: boolean;
    conflicts?: boolean;
    limit?: number;
    live?: boolean;
    heartbeat?: number;
    style?: 'all_docs';
  }): Promise<ChangesResult> & ChangesFeed;
  replicate: {
    to(target: PouchDatabase, options?: { batch_size?: number; retry?: boolean; live?: boolean }): Replication;
    from(
      source: PouchDatabase,
      options?: { batch_size?: number; retry?: boolean; live?: boolean; filter?: (doc: PouchDoc) => boolean },
    ): Replication;
  };
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export type PouchOptions = {
  adapter?: string;
  skip_setup?: boolean;
  auth?: { username: string; password: string };
  fetch?: (url: string | Request, opts?: RequestInit) => Promise<Response>;
};
export type PouchConstructor = new (name: string, options?: PouchOptions) => PouchDatabase;

/** The adapter of this tablet's local replication database (see the file's head). */
export const LOCAL_ADAPTER = 'indexeddb';
/** The adapter an earlier version made the local replication database with (pouchdb-browser's default). */
export const LEGACY_ADAPTER = 'idb';

let loaded: Promise<PouchConstructor> | null = null;

/** PouchDB's browser build (HTTP, replication, 'idb') with the 'indexeddb' adapter, loaded on first use. */
export function loadPouch(): Promise<PouchConstructor> {
  loaded ??= (async () => {
    // The browser build reads `self` at load, and the adapters `navigator.userAgent` when a database
    // is first made; both exist in every browser context (and are set here for Node tests).
    (globalThis as { self?: unknown }).self ??= globalThis;
    (globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'Node.js', onLine: true };
    const [mod, indexeddb] = await Promise.all([import('pouchdb-browser'), import('pouchdb-adapter-indexeddb')]);
    const Pouch = (mod as unknown as { default: PouchConstructor }).default;
    (Pouch as unknown as { plugin: (p: unknown) => void }).plugin(
      (indexeddb as unknown as { default: unknown }).default,
    );
    return Pouch;
  })();
  return loaded;
}

/** Changes read per page by changesSince. */
const CHANGES_PAGE = 100;

/**
 * The local database's changes since `since`, read in pages (one short read each): the 'indexeddb'
 * adapter walks one unbounded feed far more slowly than pages of it; the same results, in order.
 */
export async function changesSince(
  local: PouchDatabase,
  since: number | string,
  options: { include_docs?: boolean; conflicts?: boolean; style?: 'all_docs' } = {},
): Promise<ChangesResult> {
  const results: ChangesResult['results'] = [];
  let at = since;
  for (;;) {
    const page = await local.changes({ ...options, since: at, limit: CHANGES_PAGE });
    results.push(...page.results);
    at = page.last_seq;
    if (page.results.length < CHANGES_PAGE) return { results, last_seq: at };
  }
}
