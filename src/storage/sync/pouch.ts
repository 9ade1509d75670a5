// Owns loading PouchDB (only when sync is configured, so the first load of the app is unchanged)
// and the small part of its API the sync engine uses.

export type PouchDoc = Record<string, unknown> & {
  _id: string;
  _rev?: string;
  _conflicts?: string[];
  _deleted?: boolean;
};
export type ChangesResult = {
  results: { id: string; seq: number | string; deleted?: boolean; doc?: PouchDoc }[];
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

let loaded: Promise<PouchConstructor> | null = null;

/** PouchDB's browser build (IndexedDB adapter, HTTP, replication), loaded on first use. */
export function loadPouch(): Promise<PouchConstructor> {
  loaded ??= (async () => {
    // The browser build reads `self` at load; it exists in every browser context (and is set here for Node tests).
    (globalThis as { self?: unknown }).self ??= globalThis;
    const mod = (await import('pouchdb-browser')) as unknown as { default: PouchConstructor };
    return mod.default;
  })();
  return loaded;
}
