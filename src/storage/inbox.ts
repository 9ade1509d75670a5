// Owns the staff disclosure inbox: sealed with no session to the establishment's public key, opened and accepted into a case by a DSL.
import type { CaseEvent } from '../domain/events';
import { initialSnapshot } from '../domain/machine';
import { CURRENT_POLICY_VERSION } from '../domain/types';
import { GENESIS, LOG_CHAIN_ID, asStored, newId } from './chain/chain';
import { buildSteps, caseRows, newCaseKey, referenceFor } from './caseSteps';
import { commit, readLogHead } from './chain/commit';
import { type InboxRow, db } from './db';
import { mapWriteError } from './durability';
import { ImportError, StorageError } from './errors';
import { InboxRowSchema, parseRow } from './schemas';
import { type Session, requireRole, secretsOf } from './keys/session';
import { type IndexWrite, prepareIndexWrite } from './summary-index/summaryIndex';
import { prepareLogAppends } from './chain/log';
import { type Acceptance, acceptedOnOtherTablets } from './acceptedElsewhere';
import {
  type DisclosureDraft,
  disclosureEvent,
  sealDraft,
  openRow,
  alreadyAccepted,
  acceptedMessage,
} from './inboxSealed';
export {
  exportSealedDisclosure,
  sealDisclosureToFile,
  importSealedDisclosureFile,
  foreignSealProblems,
} from './inboxFiles';
export { MAX_DISCLOSURE_BYTES, SEALED_DISCLOSURE_FORMAT, DisclosureDraftSchema } from './inboxSealed';
export type { DisclosureDraft } from './inboxSealed';

/**
 * Seals a staff disclosure to the establishment's public key (no session: "Record a disclosure" on
 * the lock screen) and stores it in the inbox. Asks the case machine first, so a disclosure it would
 * refuse (RejectedEventError, with reasons) is fixed before sealing, while the writer can still see
 * it. Returns only the id and time: nothing that can read it stays with the writer.
 */
export async function sealDisclosure(draft: DisclosureDraft): Promise<{ id: string; sealedAt: string }> {
  const sealed = await sealDraft(draft);
  try {
    await db().inbox.add(sealed.row);
  } catch (e) {
    throw mapWriteError(e);
  }
  return { id: sealed.row.id, sealedAt: sealed.row.sealedAt };
}

/** How many disclosures wait, for the lock screen ("2 disclosures waiting for the DSL"). No session needed: reveals only a count. */
export async function inboxCount(): Promise<number> {
  return db().inbox.count();
}

export type InboxItem =
  | {
      id: string;
      sealedAt: string;
      readable: true;
      writer: DisclosureDraft['writer'];
      disclosure: DisclosureDraft['disclosure'];
      persons: DisclosureDraft['persons'];
      occurredAt: string;
      /** Accepted into a case on another tablet (its case reached this one): not to be accepted again. */
      acceptedInto?: { caseId: string; reference: string; at: string };
    }
  | { id: string; sealedAt: string; readable: false; message: string };

const acceptedInto = (elsewhere: Acceptance[], id: string) => {
  const a = elsewhere.find((x) => x.disclosureId === id);
  return a ? { acceptedInto: { caseId: a.caseId, reference: a.reference, at: a.at } } : {};
};

/** Opens every waiting disclosure (oldest first). One that will not open is listed as unreadable, never hidden. */
export async function listInbox(session: Session): Promise<InboxItem[]> {
  secretsOf(session);
  const rows = await db().inbox.orderBy('sealedAt').toArray();
  const out: InboxItem[] = [];
  // One waiting here may have been accepted on another tablet meanwhile: shown as such, not offered again.
  const elsewhere = rows.length > 0 ? await acceptedOnOtherTablets(session) : [];
  for (const raw of rows) {
    let row: InboxRow;
    try {
      row = parseRow(InboxRowSchema, raw, 'inbox entry');
    } catch (e) {
      out.push({
        id: String((raw as { id?: unknown }).id),
        sealedAt: '',
        readable: false,
        message: (e as Error).message,
      });
      continue;
    }
    try {
      const p = await openRow(session, row);
      out.push({
        id: row.id,
        sealedAt: row.sealedAt,
        readable: true,
        writer: p.writer,
        disclosure: p.disclosure,
        persons: p.persons,
        occurredAt: p.occurredAt ?? p.disclosure.disclosedAt,
        ...acceptedInto(elsewhere, row.id),
      });
    } catch {
      out.push({
        id: row.id,
        sealedAt: row.sealedAt,
        readable: false,
        message: 'This disclosure cannot be opened: it was sealed to another key or altered.',
      });
    }
  }
  return out;
}

/**
 * Accepts a disclosure: opens a case whose 'disclosure.recorded' event names the member of staff
 * who wrote it (actor role 'staff'), records its id in the establishment log, and removes the
 * inbox entry, in the same transaction. A disclosure already accepted (the same sealed file
 * imported again) is refused: one disclosure never becomes two cases.
 */
export async function acceptDisclosure(
  session: Session,
  inboxId: string,
  options: { reference?: string } = {},
): Promise<{ caseId: string; reference: string }> {
  requireRole(session, 'accept-disclosure', 'accept a disclosure');
  const raw = await db().inbox.get(inboxId);
  if (!raw) throw new StorageError('This disclosure is no longer in the inbox (it may have been accepted already).');
  const row = parseRow(InboxRowSchema, raw, 'inbox entry');
  const payload = await openRow(session, row);
  const caseId = newId();
  const { key, wrapped } = await newCaseKey(session, caseId);
  let index: IndexWrite | undefined;
  const result = await commit(session, async () => {
    // Read afresh on every attempt; the log head below is expected unchanged at the write.
    const done = await alreadyAccepted(session, payload.id);
    if (done) throw new ImportError('already-accepted', acceptedMessage(done));
    const now = new Date().toISOString();
    const ref = await referenceFor(options.reference);
    const reference = ref.reference;
    const opened = asStored({
      id: newId(),
      type: 'case.opened',
      caseId,
      reference,
      policyVersion: CURRENT_POLICY_VERSION,
      actor: session.actor,
      occurredAt: now,
      recordedAt: now,
    } as CaseEvent);
    const disclosed = { ...disclosureEvent(payload), recordedAt: now };
    const built = await buildSteps(key, caseId, { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() }, [
      opened,
      disclosed,
    ]);
    const rows = caseRows(caseId, wrapped, built, now, now);
    const logHead = await readLogHead();
    const log = await prepareLogAppends(session, logHead, [
      { type: 'disclosure.accepted', disclosureId: payload.id, caseId, reference, sealedAt: payload.sealedAt },
    ]);
    const idx = await prepareIndexWrite(
      session,
      [{ caseId, head: built.head, summary: built.summary }],
      built.appends.length + log.appends.length,
    );
    index = idx;
    return {
      plan: {
        appends: [...built.appends, ...log.appends],
        expect: [
          { chain: caseId, head: null },
          { chain: LOG_CHAIN_ID, head: logHead.seq === 0 ? null : logHead },
        ],
        write: async (d) => {
          if (!(await d.inbox.get(inboxId)))
            throw new StorageError('This disclosure was accepted elsewhere meanwhile.');
          await ref.write(d);
          await d.cases.add(rows.row);
          await d.snapshots.put(rows.snapshot);
          await d.inbox.delete(inboxId);
          await idx.write(d);
        },
      },
      result: { caseId, reference },
    };
  });
  index?.apply();
  return result;
}

/**
 * Removes from this tablet's inbox a disclosure another tablet accepted into a case this tablet
 * holds (docs/SYNC.md, "One disclosure, two tablets"): its words are in that case, so nothing is
 * lost. Refused for any other disclosure: one waiting here is only ever removed by accepting it.
 */
export async function removeAcceptedElsewhere(session: Session, inboxId: string): Promise<void> {
  requireRole(session, 'accept-disclosure', 'remove a disclosure from the inbox');
  const elsewhere = (await acceptedOnOtherTablets(session)).find((a) => a.disclosureId === inboxId);
  if (!elsewhere)
    throw new StorageError('This disclosure was not accepted on another tablet: open it as a case instead.');
  await db().inbox.delete(inboxId);
}
