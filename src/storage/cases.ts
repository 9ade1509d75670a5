// Owns case records: opening a case, appending one step (event + snapshot + summary + heads in one transaction), loading and listing.
import { mapClosedError } from './durability';
import type { CaseEvent } from '../domain/events';
import { type CaseSnapshot, initialSnapshot } from '../domain/machine';
import type { CaseSummary } from '../domain/summary';
import { CURRENT_POLICY_VERSION } from '../domain/types';
import { decryptJson } from './crypto';
import { GENESIS, asStored, newId } from './chain/chain';
import { RejectedEventError } from '../domain/machine';
import { explainMergeNow } from '../domain/merge';
import { parentsForNew } from '../domain/dag';
import { buildSharedStep, hasPeerChains, replayShared, thisDevice } from './caseDag';
import { readSyncServer } from './sync/config';
import { commit } from './chain/commit';
import { db } from './db';
import { CaseDestroyedError, CaseNotFoundError, IntegrityError, StorageError } from './errors';
import { isDestroyed } from './chain/tombstones';
import { type ChainHead, CaseEventEnvelopeSchema, CaseRowSchema, EventRowSchema, parseRow } from './schemas';
import { type Session } from './keys/session';
import { walkChain } from './chain/verifyChain';
import { checkSameIncidentStep, recordSameIncident } from './sameIncident';
import { type IndexWrite, decryptSummary, prepareIndexWrite } from './summary-index/summaryIndex';
import {
  type EventDraft,
  buildSteps,
  caseKeyFor,
  caseRows,
  checkedReviewDateDrafts,
  newCaseKey,
  openSnapshot,
  referenceFor,
  stamp,
} from './caseSteps';

export type { EventDraft } from './caseSteps';
export { listSummaries, type SummaryList } from './summary-index/summaryIndex';
export type StepResult = { event: CaseEvent; snapshot: CaseSnapshot; summary: CaseSummary; head: ChainHead };
export type LoadedCase = {
  caseId: string;
  snapshot: CaseSnapshot;
  summary: CaseSummary;
  events: CaseEvent[];
  head: ChainHead;
};

// ---- the public operations -----------------------------------------------------------------------

/**
 * Opens a case: a new per-case key, a readable reference (YPSI-2026-0007 unless one is given) and
 * the 'case.opened' event, in one transaction. The domain decides who may open one.
 */
export async function createCase(
  session: Session,
  reference?: string,
): Promise<StepResult & { caseId: string; reference: string }> {
  const caseId = newId();
  const { key, wrapped } = await newCaseKey(session, caseId);
  let index: IndexWrite | undefined;
  const result = await commit(session, async () => {
    const now = new Date();
    const ref = await referenceFor(reference, now);
    const event = asStored({
      ...stamp(session, {
        type: 'case.opened',
        caseId,
        reference: ref.reference,
        policyVersion: CURRENT_POLICY_VERSION,
        actor: session.actor,
        occurredAt: now.toISOString(),
      }),
      ...(await origin(session)),
      parents: [],
    });
    const built = await buildSteps(key, caseId, { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() }, [
      event,
    ]);
    const rows = caseRows(caseId, wrapped, built, event.recordedAt, event.recordedAt);
    const idx = await prepareIndexWrite(
      session,
      [{ caseId, head: built.head, summary: built.summary }],
      built.appends.length,
    );
    index = idx;
    return {
      plan: {
        appends: built.appends,
        expect: [{ chain: caseId, head: null }],
        write: async (d) => {
          await ref.write(d);
          await d.cases.add(rows.row);
          await d.snapshots.put(rows.snapshot);
          await idx.write(d);
        },
      },
      result: {
        caseId,
        reference: ref.reference,
        event,
        snapshot: built.snapshot,
        summary: built.summary,
        head: built.head,
      },
    };
  });
  index?.apply();
  return result;
}

/**
 * Records one step. Reads the snapshot, asks the machine (`step`), encrypts the event, chains it
 * (digest = SHA-256 of canonical { prev, caseId, seq, event }) and writes the event row, the new
 * snapshot, the new summary, the case head and the device head in ONE transaction. Refused by the
 * domain: RejectedEventError, nothing written. The actor must be the signed-in user.
 */
export async function appendEvent(session: Session, caseId: string, draft: EventDraft): Promise<StepResult> {
  if (
    (draft.type === 'retention.date-set' || draft.type === 'retention.reviewed') &&
    !checkedReviewDateDrafts.has(draft)
  ) {
    throw new StorageError(
      'A review date is changed with setReviewDate, which checks the date it replaces and, when it is brought forward, both key holders’ passphrases.',
    );
  }
  const stamped = stamp(session, draft);
  // Two cases of one disclosure (storage/sameIncident.ts): checked with both cases in hand.
  if (stamped.type === 'same-incident.recorded') await checkSameIncidentStep(session, caseId, stamped, loadCase);
  const from = await origin(session);
  let index: IndexWrite | undefined;
  const result = await commit(session, async () => {
    // The case row and its snapshot from one read transaction: a consistent pair.
    const d = db();
    const [rawRow, rawSnapshot, shared] = await d.transaction('r', [d.cases, d.snapshots, d.peerHeads], () =>
      Promise.all([d.cases.get(caseId), d.snapshots.get(caseId), hasPeerChains(caseId, d)]),
    );
    if (!rawRow) throw new CaseNotFoundError(caseId);
    const row = parseRow(CaseRowSchema, rawRow, 'case');
    const key = await caseKeyFor(session, caseId, row.caseKey);
    const snapshot = await openSnapshot(key, row, rawSnapshot);
    // The event names what it followed (src/domain/dag.ts): the head, or every head for a merge.
    const c = snapshot.context;
    const parents = parentsForNew(c.branches, c.lastEventId, from.device, stamped.type === 'branches.merged');
    const event = asStored({ ...stamped, ...from, parents });
    if (event.type === 'branches.merged') {
      const why = explainMergeNow(c, event);
      if (!why.allowed) throw new RejectedEventError(event, why);
    }
    const built = shared
      ? await buildSharedStep(key, row, event, from.device, d)
      : await buildSteps(key, caseId, { head: row.head, snapshot }, [event]);
    const rows = caseRows(caseId, row.caseKey, built, row.openedAt, event.recordedAt);
    const idx = await prepareIndexWrite(
      session,
      [{ caseId, head: built.head, summary: built.summary }],
      built.appends.length,
    );
    index = idx;
    return {
      plan: {
        appends: built.appends,
        expect: [{ chain: caseId, head: row.head }],
        write: async (d) => {
          await d.cases.put(rows.row);
          await d.snapshots.put(rows.snapshot);
          await idx.write(d);
        },
      },
      result: { event, snapshot: built.snapshot, summary: built.summary, head: built.head },
    };
  });
  index?.apply();
  return result;
}

/** Records a case of a disclosure accepted twice as the same incident as the other (storage/sameIncident.ts). */
export function recordSameIncidentPair(
  session: Session,
  closedCaseId: string,
  keptCaseId: string,
  words: { reason: string; carriedOver: string; occurredAt: string },
): Promise<void> {
  return recordSameIncident(session, closedCaseId, keptCaseId, words, { load: loadCase, append: appendEvent });
}

/** This tablet's id, and its name on the sync server when sync is set up: stamped on every new event. */
async function origin(session: Session): Promise<{ device: string; tablet?: string }> {
  try {
    const server = await readSyncServer(session).catch(() => null);
    return { device: await thisDevice(), ...(server ? { tablet: server.username } : {}) };
  } catch (e) {
    // Read before the step's transaction: a connection closed under this page (a newer version in
    // another tab, the database deleted) says "not saved, reload" like a failed write does.
    throw mapClosedError(e);
  }
}

/**
 * A case with every event decrypted and its chain checked (IntegrityError names the first bad event).
 * A case other tablets recorded too: every tablet's chain checked, the events in the one replay
 * order (src/domain/dag.ts), and the snapshot replayed from them.
 */
export async function loadCase(session: Session, caseId: string): Promise<LoadedCase> {
  const d = db();
  const { row, rawEvents, rawSnapshot, shared } = await d.transaction(
    'r',
    [d.cases, d.events, d.snapshots, d.peerHeads],
    async () => ({
      row: await d.cases.get(caseId),
      rawEvents: await d.events.where('[caseId+seq]').between([caseId, 0], [caseId, Infinity]).toArray(),
      rawSnapshot: await d.snapshots.get(caseId),
      shared: await hasPeerChains(caseId, d),
    }),
  );
  if (!row) throw (await isDestroyed(caseId)) ? new CaseDestroyedError(caseId) : new CaseNotFoundError(caseId);
  const caseRow = parseRow(CaseRowSchema, row, 'case');
  const key = await caseKeyFor(session, caseId, caseRow.caseKey);
  if (shared) {
    const replayed = await replayShared(key, caseRow, d);
    const summary = await decryptSummary(key, caseRow);
    return {
      caseId,
      snapshot: replayed.snapshot,
      summary,
      events: replayed.order.map((n) => n.event),
      head: caseRow.head,
    };
  }
  const rows = rawEvents.map((r) => parseRow(EventRowSchema, r, 'case event'));
  const walk = await walkChain<CaseEvent>({
    scope: 'case',
    chainId: caseId,
    label: 'this case',
    rows,
    head: caseRow.head,
    open: async (r) =>
      parseRow(CaseEventEnvelopeSchema, await decryptJson(key, r.eventId, r.enc), 'case event') as unknown as CaseEvent,
  });
  if (walk.problem) throw new IntegrityError(walk.problem);
  const snapshot = await openSnapshot(key, caseRow, rawSnapshot);
  const summary = await decryptSummary(key, caseRow);
  return { caseId, snapshot, summary, events: walk.entries, head: caseRow.head };
}
