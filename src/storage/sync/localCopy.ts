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

/**
 * This tablet's own copy of the record a document stands for, as a document; null if it has none
 * (or, for a case key of another generation than `gen`, the current one: nothing to compare with).
 */
export async function localCopy(
  d: YpsiDatabase,
  doc: PouchDoc,
  me: string,
  gen: string | null | undefined,
): Promise<SyncDoc | null> {
  const [kind, ...rest] = doc._id.split(':');
  const id = rest.join(':');
  if (kind === 'event' && typeof doc.chain === 'string') {
    // Found by its event id within its case, so a step moved to another position is still found.
    // Compared naming its tablet as the server's copy does (steps sent before it was named do not).
    const named = doc.dev !== undefined;
    const raw = await d.events
      .where('[caseId+seq]')
      .between([doc.chain, 0], [doc.chain, Number.MAX_SAFE_INTEGER], true, true)
      .filter((r) => r.eventId === id)
      .first();
    const row = EventRowSchema.safeParse(raw);
    if (row.success) return eventDoc(row.data, named ? me : undefined);
    const peer = PeerEventRowSchema.safeParse(await d.peerEvents.where('eventId').equals(id).first());
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
    const eventId = id.split(':')[0];
    const raw = await d.log.filter((r) => r.eventId === eventId).first();
    const row = LogRowSchema.safeParse(raw);
    return row.success ? logDoc(row.data, docGen) : null;
  }
  if (kind === 'key' && typeof doc.of === 'string') {
    if (otherGen) return null;
    const row = CaseRowSchema.safeParse(await d.cases.get(doc.of));
    return row.success ? keyDoc(row.data, docGen) : null;
  }
  if (kind === 'disclosure') {
    const row = InboxRowSchema.safeParse(await d.inbox.get(id));
    return row.success ? disclosureDoc(row.data) : null;
  }
  if (kind === 'tombstone' && typeof doc.chain === 'string') {
    if (otherGen) return null;
    const row = TombstoneMetaRowSchema.safeParse(await d.meta.get(tombstoneKey(doc.chain)));
    return row.success ? tombstoneDoc(row.data, docGen) : null;
  }
  return null;
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
  return `record ${doc._id}`;
}
