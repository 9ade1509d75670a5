// Owns what destroying a case writes inside the rotation of the data key (docs/SECURITY.md items 1
// and 13): its row, snapshot, wrapped key, other tablets' steps and drafts go; its own steps keep
// only their place and digest. Used for a case destroyed here and for one destroyed on another
// tablet and erased here from its tombstone (src/storage/sync/follow.ts).
import { ConflictRetry } from '../chain/commit';
import type { db } from '../db';
import { StorageError } from '../errors';
import { CaseRowSchema, Id, type Tombstone } from '../schemas';
import type { TombstoneMetaRow } from '../db';

/**
 * What destroying a case writes, done inside the rotation's one transaction (docs/SECURITY.md
 * item 13): no moment, and no killed tab, leaves the destroyed case's key wrapped under a live data key.
 */
export type DestroyInRotation = {
  caseId: string;
  /** The case head the destruction was decided on: if it moved, the rotation is refused and tried again. */
  head: { seq: number; digest: string };
  tombstone: Tombstone;
  /** Draft ids that mention the case: deleted, not re-keyed. */
  drafts: readonly string[];
  /**
   * The staff disclosures the case was opened from (staffDisclosures): their inbox rows go with it,
   * and their ids are kept on the tombstone row so that their sealed documents are purged from the
   * replication database (src/storage/sync/purge.ts; docs/SYNC.md, "Destroyed cases").
   */
  disclosures?: readonly string[];
};

/** A staff disclosure's writer is `staff/<disclosure id>` (src/storage/inboxSealed.ts). */
const STAFF_PREFIX = 'staff/';

/** The ids of the staff disclosures among a case's events (read before the case is erased). */
export function staffDisclosures(events: readonly { type: string; actor: { userId: string } }[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type !== 'disclosure.recorded' || !e.actor.userId.startsWith(STAFF_PREFIX)) continue;
    const id = e.actor.userId.slice(STAFF_PREFIX.length);
    if (Id.safeParse(id).success) ids.add(id);
  }
  return [...ids];
}

/** The tombstone row with the case's staff disclosures noted on it (none: the row as it is). */
export function withDisclosures(row: TombstoneMetaRow, ids: readonly string[] | undefined): TombstoneMetaRow {
  return ids && ids.length > 0 ? { ...row, disclosures: [...ids] } : row;
}

/**
 * Inside the rotation's transaction: the destroyed case's row, snapshot and wrapped key go, and each
 * of its event rows keeps only its chain position, write number and digest (so the chains still
 * verify without any of its content). Refused if its records are incomplete.
 */
export async function destroyRows(d: ReturnType<typeof db>, doomed: DestroyInRotation): Promise<void> {
  const row = CaseRowSchema.safeParse(await d.cases.get(doomed.caseId));
  if (!row.success || row.data.head.seq !== doomed.head.seq || row.data.head.digest !== doomed.head.digest)
    throw new ConflictRetry();
  const events = await d.events.where('[caseId+seq]').between([doomed.caseId, 0], [doomed.caseId, Infinity]).toArray();
  if (events.length !== doomed.head.seq)
    throw new StorageError(
      'This case’s records are incomplete; run the full integrity check before destroying it. Nothing was changed.',
    );
  await d.events.bulkPut(
    events.map((e) => ({ caseId: e.caseId, seq: e.seq, eventId: e.eventId, dseq: e.dseq, digest: e.digest }) as never),
  );
  await d.snapshots.delete(doomed.caseId);
  // Other tablets' steps of the case (docs/SYNC.md) go with it: their ciphertext and heads.
  await d.peerEvents.where('caseId').equals(doomed.caseId).delete();
  await d.peerHeads.where('caseId').equals(doomed.caseId).delete();
  await d.cases.delete(doomed.caseId);
  if (doomed.drafts.length > 0) await d.drafts.bulkDelete([...doomed.drafts]);
  // Its disclosures' inbox rows (one waiting, or shown as accepted on another tablet) keep no words of it.
  if (doomed.disclosures && doomed.disclosures.length > 0) await d.inbox.bulkDelete([...doomed.disclosures]);
}
