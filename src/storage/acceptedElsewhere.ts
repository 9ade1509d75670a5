// Owns finding which staff disclosures were accepted into a case on another tablet (docs/SYNC.md,
// "One disclosure, two tablets"). No new record travels for it: accepting a disclosure opens a case
// whose second step on the accepting tablet's chain is the disclosure, written by
// `staff/<disclosure id>` (inbox.ts), and that case reaches every tablet as that tablet's steps. So
// a tablet knows a disclosure was accepted elsewhere as soon as it holds the other tablet's case,
// and two acceptances made apart are found here and shown, never merged or dropped silently.
import { type CaseRow, db, type YpsiDatabase } from './db';
import { caseKeyFor } from './caseSteps';
import { openEvent } from './caseDag';
import { PeerEventRowSchema } from './chain/peerRows';
import { readLog } from './chain/log';
import { CaseRowSchema, Id } from './schemas';
import type { Session } from './keys/session';
import { decryptSummary } from './summary-index/summaryIndex';

/** A disclosure accepted into a case: on this tablet (`here`) or on another. */
export type Acceptance = { disclosureId: string; caseId: string; reference: string; at: string; here: boolean };

const STAFF_PREFIX = 'staff/';

/** The disclosures accepted on other tablets into cases this tablet holds (their steps pulled and applied here). */
export async function acceptedOnOtherTablets(session: Session, d: YpsiDatabase = db()): Promise<Acceptance[]> {
  // Only a tablet with other tablets' steps has any: nothing is read on a tablet that never synced.
  // Step 2 of each other tablet's chain of each case, by its key: not a scan of every step held.
  const chains = await d.peerHeads.toArray();
  if (chains.length === 0) return [];
  const seconds = (
    await d.peerEvents.bulkGet(chains.map((h) => [h.caseId, h.device, 2] as [string, string, number]))
  ).filter((r) => r !== undefined);
  const out: Acceptance[] = [];
  const rows = new Map<string, CaseRow | null>();
  for (const raw of seconds) {
    const step = PeerEventRowSchema.safeParse(raw);
    if (!step.success) continue;
    const caseId = step.data.caseId;
    if (!rows.has(caseId)) {
      const row = CaseRowSchema.safeParse(await d.cases.get(caseId));
      rows.set(caseId, row.success ? (row.data as CaseRow) : null);
    }
    const row = rows.get(caseId);
    if (!row) continue;
    try {
      const key = await caseKeyFor(session, caseId, row.caseKey);
      const event = await openEvent(key)(step.data);
      if (event.type !== 'disclosure.recorded' || !event.actor.userId.startsWith(STAFF_PREFIX)) continue;
      const disclosureId = event.actor.userId.slice(STAFF_PREFIX.length);
      if (!Id.safeParse(disclosureId).success) continue;
      const { reference } = await decryptSummary(key, row);
      out.push({ disclosureId, caseId, reference, at: event.recordedAt, here: false });
    } catch {
      // Not readable: the integrity check names it; nothing to learn from it here.
    }
  }
  return out;
}

/** Every acceptance this tablet knows of: its own (the establishment log) and other tablets'. */
export async function allAcceptances(session: Session, d: YpsiDatabase = db()): Promise<Acceptance[]> {
  const here: Acceptance[] = (await readLog(session)).flatMap((e) =>
    e.type === 'disclosure.accepted'
      ? [{ disclosureId: e.disclosureId, caseId: e.caseId, reference: e.reference, at: e.recordedAt, here: true }]
      : e.type === 'disclosure.accepted-earlier'
        ? e.accepted.map((a) => ({
            disclosureId: a.disclosureId,
            caseId: a.caseId,
            reference: a.reference,
            at: a.sealedAt,
            here: true,
          }))
        : [],
  );
  return [...here, ...(await acceptedOnOtherTablets(session, d))];
}

/**
 * Disclosures accepted into two or more cases: on two tablets that could not see each other at the
 * time. Both cases are kept (R14.1: a record of an incident is never dropped); the app shows them
 * as the same disclosure so that a key holder carries on in one (docs/SYNC.md).
 */
export async function acceptedTwice(
  session: Session,
  d: YpsiDatabase = db(),
): Promise<{ disclosureId: string; cases: Acceptance[] }[]> {
  const byId = new Map<string, Acceptance[]>();
  for (const a of await allAcceptances(session, d)) {
    const list = byId.get(a.disclosureId) ?? [];
    if (!list.some((x) => x.caseId === a.caseId)) list.push(a);
    byId.set(a.disclosureId, list);
  }
  return [...byId]
    .filter(([, cases]) => cases.length > 1)
    .map(([disclosureId, cases]) => ({ disclosureId, cases: cases.sort((x, y) => (x.at < y.at ? -1 : 1)) }));
}
