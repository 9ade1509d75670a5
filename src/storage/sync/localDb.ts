// Owns the name of this tablet's local replication database and moving one made by an earlier
// version onto the adapter that can purge (pouch.ts; docs/SYNC.md "Upgrading"). The earlier
// database ('idb' adapter) is copied into a new one ('indexeddb' adapter, a new name: the two
// adapters cannot share one) document by document with every revision, as replication copies
// them; the inbox's and the outbox's own records are carried over with their positions translated,
// so nothing pulled is checked again and nothing sent is counted as waiting; then the earlier
// database is destroyed, so no copy of a destroyed case is left in it (docs/SECURITY.md item 13).
// A copy cut short (the tab killed) is started again from the start at the next start of sync.
import type { SyncServer } from './engine';
import { LEGACY_ADAPTER, LOCAL_ADAPTER, type PouchConstructor, type PouchDatabase, type PouchDoc } from './pouch';

/** Set in the new database when it is ready: until then it is a copy cut short. */
const READY_ID = '_local/ypsi-local-db';
/** The `_local` records the sync engine keeps (inbox.ts, outbox.ts, generationState.ts, purge.ts). */
const INBOX_ID = '_local/ypsi-inbox';
const OUTBOX_ID = '_local/ypsi-outbox';
const KEPT_AS_THEY_ARE = ['_local/ypsi-generation', '_local/ypsi-purge'];
/** Changes read, and documents copied, per batch. */
const BATCH = 500;

type Ready = { _id: string; _rev?: string; from: string; copied: number; earlierDestroyed: boolean };

function nameHash(server: SyncServer): string {
  let h = 0;
  for (const ch of `${server.url}|${server.username}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h >>> 0).toString(16);
}

/** The local replication database's name (IndexedDB, 'indexeddb' adapter), one per server database. */
export function localNameFor(server: SyncServer): string {
  return `ypsi-sync-${nameHash(server)}-v2`;
}

/** The name an earlier version gave it ('idb' adapter). */
export function legacyLocalNameFor(server: SyncServer): string {
  return `ypsi-sync-${nameHash(server)}`;
}

async function getOr<T>(local: PouchDatabase, id: string): Promise<(T & { _rev: string }) | null> {
  try {
    return (await local.get(id)) as unknown as T & { _rev: string };
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}

/**
 * Makes sure the local replication database `newName` is ready before the engine opens it: moves
 * the earlier database `oldName` into it if there is one (see the file's head). Returns how many
 * documents were copied (0 when there was nothing to move, or it was moved before).
 */
export async function moveLocalDatabase(Pouch: PouchConstructor, oldName: string, newName: string): Promise<number> {
  let target = new Pouch(newName, { adapter: LOCAL_ADAPTER });
  try {
    const ready = await getOr<Ready>(target, READY_ID);
    if (ready) {
      // Moved; the earlier database's destruction finished if it was cut short.
      if (!ready.earlierDestroyed) await finish(Pouch, target, ready);
      return 0;
    }
    const info = await target.info();
    const started = (await getOr(target, INBOX_ID)) ?? (await getOr(target, OUTBOX_ID));
    if (info.doc_count > 0 || started) {
      if (!(await getOr(target, '_local/ypsi-copying'))) {
        // Made by this version (joining with a code): nothing earlier to keep.
        await finish(Pouch, target, { _id: READY_ID, from: oldName, copied: 0, earlierDestroyed: false });
        return 0;
      }
      // A copy cut short: made again from the start.
      await target.destroy();
      target = new Pouch(newName, { adapter: LOCAL_ADAPTER });
    }
    const source = new Pouch(oldName, { adapter: LEGACY_ADAPTER });
    let copied = 0;
    try {
      copied = await copyInto(source, target);
    } finally {
      await source.close();
    }
    await finish(Pouch, target, { _id: READY_ID, from: oldName, copied, earlierDestroyed: false });
    return copied;
  } finally {
    await target.close();
  }
}

/** Marks the new database ready, destroys the earlier one, and notes that it is gone. */
async function finish(Pouch: PouchConstructor, target: PouchDatabase, ready: Ready): Promise<void> {
  const marked = await target.put(ready as unknown as PouchDoc);
  await new Pouch(ready.from, { adapter: LEGACY_ADAPTER }).destroy();
  await target.put({ ...ready, _rev: marked.rev, earlierDestroyed: true } as unknown as PouchDoc);
}

/**
 * Copies every document of `source` into `target` in the order `source` holds them, with every
 * leaf revision and its history; then the engine's own records, the inbox's and the outbox's
 * positions in `source` translated into the same points of `target`.
 */
async function copyInto(source: PouchDatabase, target: PouchDatabase): Promise<number> {
  const inbox = await getOr<{ checkedSeq: number | string }>(source, INBOX_ID);
  const outbox = await getOr<{ pushedSeq: number | string }>(source, OUTBOX_ID);
  await target.put({ _id: '_local/ypsi-copying' } as unknown as PouchDoc);
  // The points to translate: after the last document at or before each, the target's own position.
  const marks = [inbox?.checkedSeq, outbox?.pushedSeq].map((s) => Number(s ?? 0));
  const translated = new Map<number, number | string>([[0, 0]]);
  const pending: { id: string; rev: string }[] = [];
  let copied = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const got = await source.bulkGet({ docs: pending.splice(0), revs: true });
    const docs = got.results.flatMap((r) => r.docs.flatMap((x) => ('ok' in x ? [x.ok] : [])));
    const written = await target.bulkDocs(docs, { new_edits: false });
    const failed = written.find((w) => w.error);
    if (failed) throw new Error(`the replication database could not be moved: ${failed.id}: ${failed.reason}`);
    copied += docs.length;
  };
  const markPassed = async (upTo: number) => {
    for (const m of marks)
      if (!translated.has(m) && m <= upTo) {
        await flush();
        translated.set(m, (await target.info()).update_seq);
      }
  };
  let since: number | string = 0;
  for (;;) {
    const page = await source.changes({ since, limit: BATCH, style: 'all_docs' });
    for (const change of page.results) {
      await markPassed(Number(change.seq) - 1);
      for (const { rev } of change.changes ?? []) pending.push({ id: change.id, rev });
      if (pending.length >= BATCH) await flush();
    }
    if (page.results.length < BATCH) break;
    since = page.last_seq;
  }
  await flush();
  await markPassed(Number.MAX_SAFE_INTEGER);
  const at = (seq: number | string | undefined) => translated.get(Number(seq ?? 0)) ?? 0;
  if (inbox) await putLocal(target, { ...inbox, checkedSeq: at(inbox.checkedSeq) });
  if (outbox) await putLocal(target, { ...outbox, pushedSeq: at(outbox.pushedSeq) });
  for (const id of KEPT_AS_THEY_ARE) {
    const doc = await getOr<PouchDoc>(source, id);
    if (doc) await putLocal(target, doc);
  }
  return copied;
}

async function putLocal(target: PouchDatabase, doc: Record<string, unknown>): Promise<void> {
  const { _rev: _r, ...body } = doc;
  await target.put(body as PouchDoc);
}
