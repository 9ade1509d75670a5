// Owns erasing a destroyed case from this tablet's local replication database (docs/SYNC.md,
// "Destroyed cases"; docs/SECURITY.md item 13): every step of the case (`event` docs whose chain is
// the case), its wrapped key of every generation (`key:case:<case>[:<generation>]`) and the sealed
// staff disclosure it was opened from (`disclosure:<id>`, noted on its tombstone row as it was
// erased; else a key holder's passphrase would still open its words) are PURGED, every revision, as
// if never written. Not deleted: a deletion would be replicated to the server, which refuses it
// (validate_doc_update), and would list the case as a change. Its destruction note (`tombstone`)
// stays. Done once per case when it is destroyed here or followed from another tablet
// (purgeDestroyed), and again for any of its documents a later pull brings back (the server keeps
// them until IT purges them there: purgeHook, called by the inbox, which then never delivers it).
import { type YpsiDatabase, db } from '../db';
import { rawTombstoneRows } from '../chain/tombstones';
import type { PouchDatabase, PouchDoc } from './pouch';
import { syncDocId } from './docs';

/** The cases whose documents were all looked for and purged here (never replicated: `_local`). */
const STATE_ID = '_local/ypsi-purge';
/** PouchDB's own list of purged revisions (kept for its views, which this app does not use). */
const POUCH_PURGES_ID = '_local/purges';
/** Documents read per page when looking through every step for a case's. */
const PAGE = 1000;

type PurgeState = { cases: string[] };

/** The ids of the cases destroyed on this tablet or followed here: one read of the tombstone rows. */
export async function destroyedCaseIds(d: YpsiDatabase = db()): Promise<Set<string>> {
  return new Set((await destroyedRecords(d)).keys());
}

/**
 * Each case destroyed on this tablet or followed here, with the `disclosure:` document ids of the
 * staff disclosures it was opened from (noted on its tombstone row as it was erased:
 * keys/rotateDestroy.ts): one read of the tombstone rows.
 */
export async function destroyedRecords(d: YpsiDatabase = db()): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const raw of await rawTombstoneRows(d)) {
    const { key, disclosures } = raw as { key?: unknown; disclosures?: unknown };
    if (typeof key !== 'string') continue;
    const ids = Array.isArray(disclosures) ? disclosures.filter((x): x is string => typeof x === 'string') : [];
    out.set(
      key.slice('tombstone/'.length),
      ids.map((id) => syncDocId.disclosure(id)),
    );
  }
  return out;
}

/** The case a document belongs to, if it is one purged with its case (a step or a wrapped case key). */
export function purgedWithCase(doc: PouchDoc): string | null {
  if (doc._id.startsWith('event:')) return typeof doc.chain === 'string' ? doc.chain : null;
  if (doc._id.startsWith('key:case:')) return typeof doc.of === 'string' ? doc.of : doc._id.split(':')[2] || null;
  return null;
}

// One purge at a time per database: the runtime's (at a destruction) and the inbox's (at a pull) may meet.
const queues = new WeakMap<PouchDatabase, Promise<unknown>>();
function serially<T>(local: PouchDatabase, run: () => Promise<T>): Promise<T> {
  const next = (queues.get(local) ?? Promise.resolve()).then(run, run);
  queues.set(
    local,
    next.catch(() => undefined),
  );
  return next;
}

/** Purges every leaf revision of each document (a conflicting version too), then PouchDB's own list of them. */
async function purgeDocs(local: PouchDatabase, ids: Iterable<string>): Promise<number> {
  let purged = 0;
  for (const id of ids) {
    // A purge of the winning leaf makes another leaf the winner: asked again until none is left.
    for (let round = 0; round < 16; round++) {
      const leaves = await local.get(id, { open_revs: 'all' }).catch((e: { status?: number }) => {
        if (e.status === 404) return [];
        throw e;
      });
      const revs = leaves.flatMap((l) => ('ok' in l && l.ok._rev ? [l.ok._rev] : []));
      if (revs.length === 0) break;
      for (const rev of revs) await local.purge(id, rev);
      purged++;
    }
  }
  if (purged > 0) await forgetPurgedIds(local);
  return purged;
}

/**
 * PouchDB keeps the id and revision of every purged document in `_local/purges` (for its views;
 * this app has none): emptied, its count kept, so the database names none of the case's records.
 */
async function forgetPurgedIds(local: PouchDatabase): Promise<void> {
  try {
    const doc = await local.get(POUCH_PURGES_ID);
    await local.put({ ...doc, purges: [] });
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw e;
  }
}

async function readState(local: PouchDatabase): Promise<PurgeState & { _rev?: string }> {
  try {
    return (await local.get(STATE_ID)) as unknown as PurgeState & { _rev: string };
  } catch {
    return { cases: [] };
  }
}

/** The ids of every step (`event`) of the given cases in the local database: one look through all steps, by pages. */
async function stepsOf(local: PouchDatabase, cases: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  let startkey = 'event:';
  for (;;) {
    const page = await local.allDocs({ include_docs: true, startkey, endkey: 'event:\ufff0', limit: PAGE + 1 });
    const rows = page.rows.slice(0, PAGE);
    for (const row of rows) if (row.doc && cases.has(String(row.doc.chain))) found.push(row.id);
    if (page.rows.length <= PAGE) return found;
    startkey = page.rows[PAGE]!.id;
  }
}

/**
 * Purges from `local` every document of each case destroyed on this tablet (or followed here) that
 * has not been purged yet; returns how many documents went. A case is remembered as done only once
 * all of its documents are gone, so an interrupted purge is finished at the next call.
 */
export function purgeDestroyed(local: PouchDatabase, d: YpsiDatabase = db()): Promise<number> {
  return serially(local, async () => {
    const destroyed = await destroyedRecords(d);
    const state = await readState(local);
    const done = new Set(state.cases);
    const fresh = new Set([...destroyed.keys()].filter((id) => !done.has(id)));
    if (fresh.size === 0) return 0;
    const ids = await stepsOf(local, fresh);
    for (const caseId of fresh) {
      ids.push(...destroyed.get(caseId)!);
      const keys = await local.allDocs({ startkey: `key:case:${caseId}`, endkey: `key:case:${caseId}:\ufff0` });
      ids.push(...keys.rows.map((r) => r.id));
    }
    const purged = await purgeDocs(local, ids);
    await local.put({
      _id: STATE_ID,
      ...(state._rev ? { _rev: state._rev } : {}),
      cases: [...done, ...fresh],
    } as unknown as PouchDoc);
    return purged;
  });
}

/**
 * For the inbox's look at what a pull brought: first every newly destroyed case is purged
 * (purgeDestroyed: a case erased by following another tablet's rotation in this very pull), then
 * `takes(doc)` says whether a pulled document belongs to a destroyed case (the inbox then neither
 * checks nor keeps it) and `flush()` purges those. Their purge leaves no change in the feed, and
 * nothing for push to send.
 */
export async function purgeHook(
  local: PouchDatabase,
  d: YpsiDatabase = db(),
): Promise<{ takes: (doc: PouchDoc) => boolean; flush: () => Promise<number> }> {
  await purgeDestroyed(local, d);
  const records = await destroyedRecords(d);
  const destroyed = new Set(records.keys());
  // The sealed staff disclosures those cases were opened from: never delivered to the inbox again.
  const disclosures = new Set([...records.values()].flat());
  const queued = new Set<string>();
  return {
    takes: (doc) => {
      if (disclosures.has(doc._id)) {
        queued.add(doc._id);
        return true;
      }
      const caseId = destroyed.size > 0 ? purgedWithCase(doc) : null;
      if (caseId === null || !destroyed.has(caseId)) return false;
      queued.add(doc._id);
      return true;
    },
    flush: () => (queued.size === 0 ? Promise.resolve(0) : serially(local, () => purgeDocs(local, queued))),
  };
}
