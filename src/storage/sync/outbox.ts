// Owns the outbox: copies this tablet's encrypted records (never a decrypted one) into the local
// replication database, as server documents with deterministic ids, so replicating them again can
// neither lose nor duplicate anything. Dexie stays the source of truth (docs/SYNC.md).
import { type YpsiDatabase, db } from '../db';
import {
  DestroyedEventRowSchema,
  EventRowSchema,
  InboxRowSchema,
  LogRowSchema,
  TombstoneMetaRowSchema,
  CaseRowSchema,
} from '../schemas';
import { rawTombstoneRows } from '../chain/tombstones';
import { thisDevice } from '../caseDag';
import {
  type SyncDoc,
  disclosureDoc,
  eventDoc,
  keyDoc,
  logDoc,
  ruleProblem,
  sameContent,
  tombstoneDoc,
  syncDocId,
} from './docs';
import type { PouchDatabase, PouchDoc } from './pouch';
import { type EstabSnapshot, estabDoc, readSnapshot, snapshotDigest } from './directory';

/** The local replication database's own record of how far the outbox has copied (never replicated: `_local`). */
const OUTBOX_STATE_ID = '_local/ypsi-outbox';
type OutboxState = {
  stagedDseq: number;
  pushedSeq: number | string;
  /** The data key's epoch the case keys were last staged under (a rotation stages every case key again). */
  keyGen?: string | null;
  /** The digest of the establishment snapshot last staged (directory.ts). */
  estabDigest?: string;
};

/** What staging needs from the unlocked session: the data key's epoch, and the directory key if any. */
export type StageContext = {
  gen: string | null;
  directoryKey?: string;
  /** The binding that brought the current data key in, read only when a new copy of the key holders is sent. */
  handover?: () => Promise<EstabSnapshot['handover']>;
};

export type StageResult = {
  /** Documents new to the local replication database. */
  added: number;
  /** Records this tablet holds that the server's rules would refuse (named), and so are not sent. */
  unsendable: { id: string; reason: string }[];
  /** Documents whose id is already taken by a different record (named): never overwritten. */
  clashes: string[];
};

async function readState(local: PouchDatabase): Promise<OutboxState & { _rev?: string }> {
  try {
    const doc = (await local.get(OUTBOX_STATE_ID)) as unknown as OutboxState & { _rev: string };
    return doc;
  } catch {
    return { stagedDseq: 0, pushedSeq: 0 };
  }
}

async function writeState(local: PouchDatabase, patch: Partial<OutboxState>): Promise<void> {
  const current = await readState(local);
  await local.put({ ...current, ...patch, _id: OUTBOX_STATE_ID } as unknown as PouchDoc);
}

/**
 * Every record written since the last staging, as documents in the order another tablet needs
 * them: the establishment log, case keys, case steps (in the device's write order), sealed
 * disclosures, tombstones. The key holders' wraps travel in the encrypted establishment snapshot
 * (directory.ts), added by stageOutgoing when something in it changed.
 */
export async function collectOutgoing(
  sinceDseq: number,
  d: YpsiDatabase = db(),
  keys: { gen: string | null; all: boolean } = { gen: null, all: false },
): Promise<{ docs: SyncDoc[]; upToDseq: number }> {
  return d.transaction('r', [d.events, d.log, d.cases, d.inbox, d.meta], async () => {
    // Each step names the tablet whose chain it is on (docs/SYNC.md): this one.
    const dev = await thisDevice(d);
    let upTo = sinceDseq;
    const logDocs: SyncDoc[] = [];
    // After a rotation every log entry is encrypted anew: all of them go again, as a new generation.
    for (const raw of await d.log
      .where('dseq')
      .above(keys.all ? 0 : sinceDseq)
      .toArray()) {
      const row = LogRowSchema.parse(raw);
      upTo = Math.max(upTo, row.dseq);
      logDocs.push(logDoc(row, keys.gen));
    }
    const eventDocs: SyncDoc[] = [];
    const chains = new Set<string>();
    for (const raw of await d.events.where('dseq').above(sinceDseq).sortBy('dseq')) {
      const full = EventRowSchema.safeParse(raw);
      if (full.success) {
        upTo = Math.max(upTo, full.data.dseq);
        eventDocs.push(eventDoc(full.data, dev));
        chains.add(full.data.caseId);
        continue;
      }
      // A destroyed case's steps keep their digests but no ciphertext: nothing to send.
      const destroyed = DestroyedEventRowSchema.parse(raw);
      upTo = Math.max(upTo, destroyed.dseq);
    }
    const keyDocs: SyncDoc[] = [];
    if (keys.all) {
      // The data key was rotated: every case key is wrapped anew, a new generation of each record.
      for (const raw of await d.cases.toArray()) keyDocs.push(keyDoc(CaseRowSchema.parse(raw), keys.gen));
    } else {
      for (const caseId of chains) {
        const raw = await d.cases.get(caseId);
        if (raw) keyDocs.push(keyDoc(CaseRowSchema.parse(raw), keys.gen));
      }
    }
    const disclosures = (await d.inbox.toArray()).map((raw) => disclosureDoc(InboxRowSchema.parse(raw)));
    const tombstones: SyncDoc[] = [];
    for (const raw of await rawTombstoneRows(d)) {
      const p = TombstoneMetaRowSchema.safeParse(raw);
      if (p.success) tombstones.push(tombstoneDoc(p.data, keys.gen));
    }
    return { docs: [...logDocs, ...keyDocs, ...eventDocs, ...disclosures, ...tombstones], upToDseq: upTo };
  });
}

/**
 * Copies what is new on this tablet into the local replication database. Safe to repeat and to
 * interrupt: ids are deterministic, an id already present is left as it is (and named if its
 * content differs), and the high-water mark moves only after the copy.
 */
export async function stageOutgoing(
  local: PouchDatabase,
  d: YpsiDatabase = db(),
  ctx: StageContext | null = null,
): Promise<StageResult> {
  const state = await readState(local);
  const gen = ctx?.gen ?? null;
  const rekeyed = state.stagedDseq > 0 && (state.keyGen ?? null) !== gen;
  const collected = await collectOutgoing(state.stagedDseq, d, { gen, all: rekeyed });
  const docs = await keepLegacyChains(local, collected.docs, d);
  const upToDseq = collected.upToDseq;
  let estabDigest: string | undefined;
  if (ctx?.directoryKey) {
    const snapshot = await readSnapshot(d);
    if (snapshot) {
      const digest = await snapshotDigest(snapshot);
      if (digest !== state.estabDigest) {
        // Last: a tablet that sees this copy (a new generation of the data key: follow.ts) finds every
        // record sent with it already on the server, since replication sends in this order.
        const handover = await ctx.handover?.();
        docs.push(await estabDoc(ctx.directoryKey, { ...snapshot, ...(handover ? { handover } : {}) }));
        estabDigest = digest;
      }
    }
  }
  const unsendable: StageResult['unsendable'] = [];
  const sendable: SyncDoc[] = [];
  for (const doc of docs) {
    const problem = ruleProblem(doc as unknown as Record<string, unknown>);
    if (problem) unsendable.push({ id: doc._id, reason: problem });
    else sendable.push(doc);
  }
  let added = 0;
  const clashes: string[] = [];
  if (sendable.length > 0) {
    const results = await local.bulkDocs(sendable as unknown as PouchDoc[]);
    const conflicted: string[] = [];
    results.forEach((r, i) => {
      if (r.ok) added++;
      else if (r.status === 409) conflicted.push(sendable[i]!._id);
      else
        throw new Error(
          `the local replication database refused ${sendable[i]!._id}: ${r.message ?? r.reason ?? r.name ?? 'unknown'}`,
        );
    });
    if (conflicted.length > 0) {
      const byId = new Map(sendable.map((s) => [s._id, s]));
      const existing = await local.allDocs({ keys: conflicted, include_docs: true });
      for (const row of existing.rows) {
        if (!row.doc || !sameContent(row.doc, byId.get(row.id) as unknown as Record<string, unknown>))
          clashes.push(row.id);
      }
    }
  }
  const patch: Partial<OutboxState> = {};
  if (upToDseq > state.stagedDseq) patch.stagedDseq = upToDseq;
  if (upToDseq > 0 && (state.keyGen ?? null) !== gen) patch.keyGen = gen;
  if (estabDigest) patch.estabDigest = estabDigest;
  if (Object.keys(patch).length > 0) await writeState(local, patch);
  return { added, unsendable, clashes };
}

/**
 * A case whose first steps this tablet sent before steps named their tablet (no `dev`): its later
 * steps are sent without it too, so every other tablet reads the one chain as one (docs/SYNC.md).
 */
async function keepLegacyChains(local: PouchDatabase, docs: SyncDoc[], d: YpsiDatabase): Promise<SyncDoc[]> {
  const legacy = new Map<string, boolean>();
  const out: SyncDoc[] = [];
  for (const doc of docs) {
    if (doc.type !== 'event' || !doc.dev) {
      out.push(doc);
      continue;
    }
    if (!legacy.has(doc.chain)) {
      const first = await d.events.get([doc.chain, 1]);
      let sentWithout = false;
      if (first) {
        try {
          sentWithout = (await local.get(syncDocId.event(first.eventId))).dev === undefined;
        } catch {
          sentWithout = false;
        }
      }
      legacy.set(doc.chain, sentWithout);
    }
    if (legacy.get(doc.chain)) {
      const { dev: _dev, ...rest } = doc;
      out.push(rest);
    } else out.push(doc);
  }
  return out;
}

/** How many documents are in the local replication database but not yet confirmed by the server. */
export async function pendingCount(local: PouchDatabase): Promise<number> {
  const { pushedSeq } = await readState(local);
  const changes = await local.changes({ since: pushedSeq });
  return changes.results.filter((r) => !r.id.startsWith('_design/')).length;
}

/** Records that a push completed up to `seq` of the local replication database. */
export async function markPushed(local: PouchDatabase, seq: number | string): Promise<void> {
  await writeState(local, { pushedSeq: seq });
}

export { syncDocId };
