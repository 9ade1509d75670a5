// Owns finding, for a document pulled from the sync server, this tablet's own copy of the same
// record, and what a person calls it ("step 3 of case YPSI-2026-0007"): used by the inbox's checks.
import { type CaseRow, type YpsiDatabase } from '../db';
import { CaseRowSchema, EventRowSchema, InboxRowSchema, LogRowSchema, TombstoneMetaRowSchema } from '../schemas';
import { caseLabel } from '../chain/integrityParts';
import type { Session } from '../keys/session';
import { tombstoneKey } from '../chain/tombstones';
import { type SyncDoc, disclosureDoc, eventDoc, keyDoc, logDoc, tombstoneDoc } from './docs';
import type { PouchDoc } from './pouch';
import { legacyDevice } from '../caseDag';
import { PeerEventRowSchema } from '../chain/peerRows';

/** The rows a batch of pulled documents is compared with, read in one transaction (localCopies). */
type Found = {
  events: Map<string, unknown>;
  peerEvents: Map<string, unknown>;
  log: Map<string, unknown>;
  cases: Map<string, unknown>;
  inbox: Map<string, unknown>;
  tombstones: Map<string, unknown>;
};

const kindOf = (doc: PouchDoc): { kind: string; id: string } => {
  const [kind, ...rest] = doc._id.split(':');
  return { kind: kind ?? '', id: rest.join(':') };
};
const ownEventKey = (caseId: string, eventId: string) => `${caseId}\u0000${eventId}`;
const present = (m: Map<string, unknown>, k: string, v: unknown) => {
  if (v !== undefined && !m.has(k)) m.set(k, v);
};

/** Reads, in one read transaction, every row this tablet could hold for any of `docs`. */
async function readBatch(d: YpsiDatabase, docs: PouchDoc[]): Promise<Found> {
  const found: Found = {
    events: new Map(),
    peerEvents: new Map(),
    log: new Map(),
    cases: new Map(),
    inbox: new Map(),
    tombstones: new Map(),
  };
  const chains = new Set<string>();
  const eventIds: string[] = [];
  const keysOf: string[] = [];
  const disclosures: string[] = [];
  const tombstones: string[] = [];
  let logs = false;
  for (const doc of docs) {
    const { kind, id } = kindOf(doc);
    if (kind === 'event' && typeof doc.chain === 'string') {
      chains.add(doc.chain);
      eventIds.push(id);
    } else if (kind === 'log') logs = true;
    else if (kind === 'key' && typeof doc.of === 'string') keysOf.push(doc.of);
    else if (kind === 'disclosure') disclosures.push(id);
    else if (kind === 'tombstone' && typeof doc.chain === 'string') tombstones.push(tombstoneKey(doc.chain));
  }
  await d.transaction('r', [d.events, d.peerEvents, d.log, d.cases, d.inbox, d.meta], async () => {
    if (chains.size > 0) {
      // This tablet's own steps of those cases, found by event id within their case (a step moved
      // to another position is still found).
      const ranges = [...chains].map((c): [[string, number], [string, number]] => [
        [c, 0],
        [c, Number.MAX_SAFE_INTEGER],
      ]);
      for (const r of await d.events.where('[caseId+seq]').inAnyRange(ranges).toArray())
        present(found.events, ownEventKey(String(r.caseId), String(r.eventId)), r);
      for (const r of await d.peerEvents.where('eventId').anyOf(eventIds).toArray())
        present(found.peerEvents, String(r.eventId), r);
    }
    // The establishment log is small (one chain): read once, by event id, the earliest first.
    if (logs) for (const r of await d.log.orderBy('seq').toArray()) present(found.log, String(r.eventId), r);
    const byKey = async (m: Map<string, unknown>, keys: string[], get: (k: string[]) => Promise<unknown[]>) => {
      const rows = keys.length > 0 ? await get(keys) : [];
      keys.forEach((k, i) => present(m, k, rows[i]));
    };
    await byKey(found.cases, keysOf, (k) => d.cases.bulkGet(k));
    await byKey(found.inbox, disclosures, (k) => d.inbox.bulkGet(k));
    await byKey(found.tombstones, tombstones, (k) => d.meta.bulkGet(k));
  });
  return found;
}

/** This tablet's own copy of one document, from rows read beforehand (readBatch). */
function copyOf(found: Found, doc: PouchDoc, me: string, gen: string | null | undefined): SyncDoc | null {
  const { kind, id } = kindOf(doc);
  if (kind === 'event' && typeof doc.chain === 'string') {
    // Compared naming its tablet as the server's copy does (steps sent before it was named do not).
    const named = doc.dev !== undefined;
    const row = EventRowSchema.safeParse(found.events.get(ownEventKey(doc.chain, id)));
    if (row.success) return eventDoc(row.data, named ? me : undefined);
    const peer = PeerEventRowSchema.safeParse(found.peerEvents.get(id));
    if (peer.success)
      return eventDoc(
        peer.data,
        named && peer.data.device !== legacyDevice(peer.data.caseId) ? peer.data.device : undefined,
      );
    return null;
  }
  const docGen = typeof doc.gen === 'string' ? doc.gen : null;
  // A record of another generation than this tablet's data key: nothing of its own to compare with.
  // Records from before generations existed (none) are compared as they always were.
  const otherGen = docGen !== null && (gen === undefined || docGen !== gen);
  if (kind === 'log') {
    if (otherGen) return null;
    const row = LogRowSchema.safeParse(found.log.get(id.split(':')[0] ?? ''));
    return row.success ? logDoc(row.data, docGen) : null;
  }
  if (kind === 'key' && typeof doc.of === 'string') {
    if (otherGen) return null;
    const row = CaseRowSchema.safeParse(found.cases.get(doc.of));
    return row.success ? keyDoc(row.data, docGen) : null;
  }
  if (kind === 'disclosure') {
    const row = InboxRowSchema.safeParse(found.inbox.get(id));
    return row.success ? disclosureDoc(row.data) : null;
  }
  if (kind === 'tombstone' && typeof doc.chain === 'string') {
    if (otherGen) return null;
    const row = TombstoneMetaRowSchema.safeParse(found.tombstones.get(tombstoneKey(doc.chain)));
    return row.success ? tombstoneDoc(row.data, docGen) : null;
  }
  return null;
}

/**
 * This tablet's own copy of the record each document stands for, as a document; null if it has
 * none (or, for a case key of another generation than `gen`, the current one: nothing to compare
 * with). One read transaction for the whole batch: a first pull checks tens of thousands.
 */
export async function localCopies(
  d: YpsiDatabase,
  docs: PouchDoc[],
  me: string,
  gen: string | null | undefined,
): Promise<(SyncDoc | null)[]> {
  const found = await readBatch(d, docs);
  return docs.map((doc) => copyOf(found, doc, me, gen));
}

/** This tablet's own copy of the record one document stands for (localCopies, for one). */
export async function localCopy(
  d: YpsiDatabase,
  doc: PouchDoc,
  me: string,
  gen: string | null | undefined,
): Promise<SyncDoc | null> {
  return (await localCopies(d, [doc], me, gen))[0] ?? null;
}

/** Names a pulled document for a person; uses the case's reference when this tablet can read it. */
export async function labelFor(doc: PouchDoc, session: Session | null, d: YpsiDatabase): Promise<string> {
  const type = doc.type;
  const caseName = async (caseId: unknown): Promise<string> => {
    if (typeof caseId !== 'string') return 'a case';
    const row = CaseRowSchema.safeParse(await d.cases.get(caseId));
    if (row.success && session && !session.locked) return caseLabel(session, row.data as CaseRow);
    return `case ${caseId.slice(0, 8)}`;
  };
  if (type === 'event') return `step ${typeof doc.seq === 'number' ? doc.seq : '?'} of ${await caseName(doc.chain)}`;
  if (type === 'log') return `entry ${typeof doc.seq === 'number' ? doc.seq : '?'} of the establishment log`;
  if (type === 'key') return `the key of ${await caseName(doc.of)}`;
  if (type === 'disclosure')
    return `a sealed disclosure (${doc._id.slice('disclosure:'.length, 'disclosure:'.length + 8)})`;
  if (type === 'tombstone') return `the destruction note of ${await caseName(doc.chain)}`;
  if (type === 'estab') return 'a copy of the key holders and settings';
  if (type === 'enrol') return 'an enrolment of a new tablet';
  if (type === 'tablet') return 'a tablet’s credential or revocation';
  return `record ${doc._id}`;
}
