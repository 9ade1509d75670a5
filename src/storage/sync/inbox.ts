// Owns the inbox: checks every document pulled from the school's sync server before anything on
// this tablet relies on it. A record refused here is named ("step 3 of case YPSI-2026-0007") and
// never applied: the server is trusted with ciphertext, not with the record (docs/SYNC.md).
import { type CaseRow, type YpsiDatabase, db } from '../db';
import { CaseRowSchema, EventRowSchema, InboxRowSchema, LogRowSchema, TombstoneMetaRowSchema } from '../schemas';
import { caseLabel } from '../chain/integrityParts';
import type { Session } from '../keys/session';
import { tombstoneKey } from '../chain/tombstones';
import {
  type EventDoc,
  type SyncDoc,
  disclosureDoc,
  eventDoc,
  keyDoc,
  logDoc,
  ruleProblem,
  sameContent,
  tombstoneDoc,
} from './docs';
import type { PouchDatabase, PouchDoc } from './pouch';
import { type Refusal as ApplyRefusal, applyPulledSteps } from './applyEvents';
import { legacyDevice, thisDevice } from '../caseDag';
import { PeerEventRowSchema } from '../chain/peerRows';

/**
 * A refused record. `docId`: the server document's id (opaque); `label`: what a person calls it
 * ("step 3 of case YPSI-2026-0007", "a sealed disclosure"); `reason`: why, in plain words.
 */
export type Refusal = ApplyRefusal;

export type InboxReport = {
  /** Pulled documents that are this tablet's own records, unchanged. */
  confirmed: number;
  /** Steps from other tablets checked and applied to this tablet (their cases appear or move on). */
  applied: number;
  /**
   * Well-formed records from another tablet kept in the replication database but not applied (yet):
   * steps while the tablet is locked or waiting for a step they follow, and the kinds of record
   * this tablet does not apply.
   */
  held: number;
  refused: Refusal[];
};

const INBOX_STATE_ID = '_local/ypsi-inbox';
type InboxState = { checkedSeq: number | string; held: number; applied?: number; refused: Refusal[] };

export async function readInboxState(local: PouchDatabase): Promise<InboxState> {
  try {
    const doc = (await local.get(INBOX_STATE_ID)) as unknown as InboxState;
    return { checkedSeq: doc.checkedSeq, held: doc.held, applied: doc.applied ?? 0, refused: doc.refused };
  } catch {
    return { checkedSeq: 0, held: 0, applied: 0, refused: [] };
  }
}

async function writeInboxState(local: PouchDatabase, state: InboxState): Promise<void> {
  let rev: string | undefined;
  try {
    rev = (await local.get(INBOX_STATE_ID))._rev;
  } catch {
    rev = undefined;
  }
  await local.put({ _id: INBOX_STATE_ID, ...(rev ? { _rev: rev } : {}), ...state } as unknown as PouchDoc);
}

/** This tablet's own copy of the record a document stands for, as a document; null if it has none. */
async function localCopy(d: YpsiDatabase, doc: PouchDoc, me: string): Promise<SyncDoc | null> {
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
  if (kind === 'log') {
    const raw = await d.log.filter((r) => r.eventId === id).first();
    const row = LogRowSchema.safeParse(raw);
    return row.success ? logDoc(row.data) : null;
  }
  if (kind === 'key' && id.startsWith('case:')) {
    const row = CaseRowSchema.safeParse(await d.cases.get(id.slice('case:'.length)));
    return row.success ? keyDoc(row.data) : null;
  }
  if (kind === 'disclosure') {
    const row = InboxRowSchema.safeParse(await d.inbox.get(id));
    return row.success ? disclosureDoc(row.data) : null;
  }
  if (kind === 'tombstone') {
    const row = TombstoneMetaRowSchema.safeParse(await d.meta.get(tombstoneKey(id)));
    return row.success ? tombstoneDoc(row.data) : null;
  }
  return null;
}

/** Names a pulled document for a person; uses the case's reference when this tablet can read it. */
async function labelFor(doc: PouchDoc, session: Session | null, d: YpsiDatabase): Promise<string> {
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
  return `record ${doc._id}`;
}

/**
 * Checks the documents pulled since the last check. Each must obey the server's own rules, exist
 * in one version only, and equal this tablet's copy where it has one. Steps this tablet does not
 * have are checked as a chain when the session can open them: their digests must continue from
 * this tablet's head of that case (or from the start), position by position, so a step edited,
 * moved or put out of order on the server is refused and named.
 */
export async function checkPulled(
  local: PouchDatabase,
  session: Session | null,
  d: YpsiDatabase = db(),
): Promise<InboxReport & { newlyRefused: Refusal[] }> {
  const state = await readInboxState(local);
  const changes = await local.changes({
    since: state.checkedSeq,
    include_docs: true,
    conflicts: true,
    style: 'all_docs',
  });
  const refused: Refusal[] = [];
  let confirmed = 0;
  let held = 0;
  let applied = 0;
  const me = await thisDevice(d);
  // Other tablets' steps, by case and then by the tablet whose chain each is on.
  const foreignSteps = new Map<string, Map<string, EventDoc[]>>();
  const refuse = async (doc: PouchDoc, reason: string) =>
    refused.push({ docId: doc._id, label: await labelFor(doc, session, d), reason });

  for (const change of changes.results) {
    if (change.id.startsWith('_design/')) continue;
    const doc = change.doc;
    if (!doc || change.deleted || doc._deleted) {
      await refuse({ _id: change.id }, 'It was deleted on the server, which the server’s rules never allow.');
      continue;
    }
    if (doc._conflicts && doc._conflicts.length > 0) {
      await refuse(doc, 'The server holds two different versions of it.');
      continue;
    }
    const problem = ruleProblem(doc);
    if (problem) {
      await refuse(doc, `It is not in the agreed form: ${problem}`);
      continue;
    }
    const mine = await localCopy(d, doc, me);
    if (mine) {
      if (sameContent(doc, mine as unknown as Record<string, unknown>)) confirmed++;
      else if (mine.type === 'event' && mine.seq !== doc.seq)
        await refuse(doc, `It was put out of order on the server: this tablet recorded it as step ${mine.seq}.`);
      else await refuse(doc, 'It was altered on the server: it differs from this tablet’s own record.');
      continue;
    }
    if (doc.type === 'event') {
      const step = doc as unknown as EventDoc;
      const device = step.dev ?? legacyDevice(step.chain);
      // A step of this tablet's own chain that this tablet does not have (a database put back from
      // an older backup): kept on the server, never applied as another tablet's.
      if (device === me) {
        held++;
        continue;
      }
      const byDevice = foreignSteps.get(step.chain) ?? new Map<string, EventDoc[]>();
      byDevice.set(device, [...(byDevice.get(device) ?? []), step]);
      foreignSteps.set(step.chain, byDevice);
      continue;
    }
    held++;
  }

  for (const [caseId, steps] of foreignSteps) {
    const verdict = await applyPulledSteps(
      local,
      session,
      caseId,
      steps,
      (doc) => labelFor(doc as unknown as PouchDoc, session, d),
      d,
    );
    held += verdict.held;
    applied += verdict.applied;
    for (const r of verdict.refused) refused.push(r);
  }

  const seen = new Set(state.refused.map((r) => r.docId));
  const newlyRefused = refused.filter((r) => !seen.has(r.docId));
  const all = [...state.refused, ...newlyRefused];
  const total = { held: state.held + held, applied: (state.applied ?? 0) + applied };
  await writeInboxState(local, { checkedSeq: changes.last_seq, ...total, refused: all });
  return { confirmed, ...total, refused: all, newlyRefused };
}
