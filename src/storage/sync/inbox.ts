// Owns the inbox: checks every document pulled from the school's sync server before anything on
// this tablet relies on it. A record refused here is named ("step 3 of case YPSI-2026-0007") and
// never applied: the server is trusted with ciphertext, not with the record (docs/SYNC.md).
import { type YpsiDatabase, db } from '../db';
import { type Session, secretsOf } from '../keys/session';
import { latestBinding } from '../keys/keyring';
import { type DisclosureDoc, type EventDoc, ruleProblem, sameContent } from './docs';
import { type PouchDatabase, type PouchDoc, changesSince } from './pouch';
import { type Refusal as ApplyRefusal, applyPulledSteps, stepPool } from './applyEvents';
import { legacyDevice, thisDevice } from '../caseDag';
import { labelFor, localCopies } from './localCopy';
import { tombstoneKey } from '../chain/tombstones';
import { deliverDisclosure } from './disclosures';
import { purgeHook } from './purge';

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
  /** Cases that this pull moved on (steps from other tablets applied), so an open case screen shows them. */
  changedCases?: string[];
  /** Staff disclosures this pull put into the inbox. */
  delivered?: number;
};

const INBOX_STATE_ID = '_local/ypsi-inbox';
/** Pulled documents checked against this tablet's own copies in one read. */
const CHECK_BATCH = 1000;
type InboxState = {
  checkedSeq: number | string;
  held: number;
  applied?: number;
  refused: Refusal[];
  /** Cases with other tablets' steps kept but not applied yet (locked, a step they follow missing): looked at again. */
  waiting?: string[];
};

export async function readInboxState(local: PouchDatabase): Promise<InboxState> {
  try {
    const doc = (await local.get(INBOX_STATE_ID)) as unknown as InboxState;
    return {
      checkedSeq: doc.checkedSeq,
      held: doc.held,
      applied: doc.applied ?? 0,
      refused: doc.refused,
      waiting: doc.waiting ?? [],
    };
  } catch {
    return { checkedSeq: 0, held: 0, applied: 0, refused: [], waiting: [] };
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
  // A destroyed case's steps and keys are purged from this tablet, and again when a pull brings them back (purge.ts).
  const purging = await purgeHook(local, d);
  const changes = await changesSince(local, state.checkedSeq, {
    include_docs: true,
    conflicts: true,
    style: 'all_docs',
  });
  const refused: Refusal[] = [];
  let confirmed = 0;
  let held = 0;
  let applied = 0;
  const changedCases: string[] = [];
  let delivered = 0;
  const me = await thisDevice(d);
  // The data key's epoch: a case key, log entry or destruction note of this generation must equal this tablet's own.
  const gen =
    session && !session.locked ? ((await latestBinding(secretsOf(session).keys.dataKey))?.epoch ?? null) : undefined;
  // Other tablets' steps, by case and then by the tablet whose chain each is on.
  const foreignSteps = new Map<string, Map<string, EventDoc[]>>();
  const disclosures: DisclosureDoc[] = [];
  const refuse = async (doc: PouchDoc, reason: string) =>
    refused.push({ docId: doc._id, label: await labelFor(doc, session, d), reason });

  // Checked in batches: one read of this tablet's own copies per batch, not one per record.
  for (let at = 0; at < changes.results.length; at += CHECK_BATCH) {
    const batch: PouchDoc[] = [];
    for (const change of changes.results.slice(at, at + CHECK_BATCH)) {
      if (change.id.startsWith('_design/')) continue;
      const doc = change.doc;
      if (doc && !change.deleted && !doc._deleted && purging.takes(doc)) continue;
      if (!doc || change.deleted || doc._deleted)
        await refuse({ _id: change.id }, 'It was deleted on the server, which the server’s rules never allow.');
      else if (doc._conflicts && doc._conflicts.length > 0)
        await refuse(doc, 'The server holds two different versions of it.');
      else {
        const problem = ruleProblem(doc);
        if (problem) await refuse(doc, `It is not in the agreed form: ${problem}`);
        else batch.push(doc);
      }
    }
    const copies = await localCopies(d, batch, me, gen);
    for (const [i, doc] of batch.entries()) {
      const mine = copies[i];
      if (mine) {
        if (sameContent(doc, mine as unknown as Record<string, unknown>)) confirmed++;
        else if (mine.type === 'event' && mine.seq !== doc.seq)
          await refuse(doc, `It was put out of order on the server: this tablet recorded it as step ${mine.seq}.`);
        else await refuse(doc, 'It was altered on the server: it differs from this tablet’s own record.');
        continue;
      }
      if (doc.type === 'disclosure' && session && !session.locked) {
        // Delivered after the steps are applied: a case another tablet accepted it into is known by then.
        disclosures.push(doc as unknown as DisclosureDoc);
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
  }

  const unlocked = session !== null && !session.locked;
  // Locked, the cases already waiting stay waiting unread (a destroyed one is dropped when it is
  // looked at unlocked); unlocked, each is looked at again.
  const waiting: string[] = unlocked ? [] : (state.waiting ?? []).filter((id) => !foreignSteps.has(id));
  if (unlocked)
    for (const caseId of state.waiting ?? []) if (!foreignSteps.has(caseId)) foreignSteps.set(caseId, new Map());
  // Steps of a destroyed case are kept, never applied nor looked at again (one read for every case).
  const ids = [...foreignSteps.keys()];
  const destroyed = new Set(
    (await d.meta.bulkGet(ids.map(tombstoneKey))).flatMap((row, i) => (row === undefined ? [] : [ids[i]!])),
  );
  const pool = stepPool(local);
  for (const [caseId, steps] of foreignSteps) {
    const count = [...steps.values()].reduce((n, l) => n + l.length, 0);
    if (destroyed.has(caseId) || !unlocked) {
      // Locked: kept, and applied at the first pull after a key holder unlocks.
      held += count;
      if (!destroyed.has(caseId)) waiting.push(caseId);
      continue;
    }
    const verdict = await applyPulledSteps(
      local,
      session,
      caseId,
      steps,
      (doc) => labelFor(doc as unknown as PouchDoc, session, d),
      d,
      pool,
    );
    held += verdict.held;
    applied += verdict.applied;
    if (verdict.applied > 0) changedCases.push(caseId);
    if (verdict.waiting) waiting.push(caseId);
    for (const r of verdict.refused) refused.push(r);
  }

  // Sealed on another tablet: into this tablet's inbox, for every key holder here, unless already
  // accepted into a case on this tablet or on another (acceptedElsewhere.ts).
  for (const doc of disclosures) {
    const verdict = await deliverDisclosure(session!, doc);
    if (typeof verdict === 'object') await refuse(doc as unknown as PouchDoc, verdict.refused);
    else {
      confirmed++;
      if (verdict === 'delivered') delivered++;
    }
  }

  await purging.flush();
  const seen = new Set(state.refused.map((r) => r.docId));
  const newlyRefused = refused.filter((r) => !seen.has(r.docId));
  const all = [...state.refused, ...newlyRefused];
  const total = { held: state.held + held, applied: (state.applied ?? 0) + applied };
  await writeInboxState(local, { checkedSeq: changes.last_seq, ...total, refused: all, waiting });
  return { confirmed, ...total, refused: all, newlyRefused, changedCases, delivered };
}
