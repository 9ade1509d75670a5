// Owns the inbox: checks every document pulled from the school's sync server before anything on
// this tablet relies on it. A record refused here is named ("step 3 of case YPSI-2026-0007") and
// never applied: the server is trusted with ciphertext, not with the record (docs/SYNC.md).
import { CaseEventEnvelopeSchema, CaseRowSchema, type ChainHead } from '../schemas';
import { type YpsiDatabase, db } from '../db';
import { decryptJson, unwrapCaseKey } from '../crypto';
import { type ChainRow, walkChain } from '../chain/verifyChain';
import { type Session, secretsOf } from '../keys/session';
import { latestBinding } from '../keys/keyring';
import { type DisclosureDoc, type EventDoc, type KeyDoc, ruleProblem, sameContent, syncDocId } from './docs';
import { deliverDisclosure } from './disclosures';
import { labelFor, localCopy } from './localCopy';
import type { PouchDatabase, PouchDoc } from './pouch';

export type Refusal = {
  /** The server document's id (opaque). */
  docId: string;
  /** What a person calls it: "step 3 of case YPSI-2026-0007", "a sealed disclosure". */
  label: string;
  /** Why it was refused, in plain words. */
  reason: string;
};

export type InboxReport = {
  /** Pulled documents that are this tablet's own records, unchanged. */
  confirmed: number;
  /**
   * Well-formed records from another tablet whose chain checks out, kept in the replication
   * database but not applied: merging work from several tablets waits for the rest of issue 13.
   */
  held: number;
  refused: Refusal[];
};

const INBOX_STATE_ID = '_local/ypsi-inbox';
type InboxState = { checkedSeq: number | string; held: number; refused: Refusal[] };

export async function readInboxState(local: PouchDatabase): Promise<InboxState> {
  try {
    const doc = (await local.get(INBOX_STATE_ID)) as unknown as InboxState;
    return { checkedSeq: doc.checkedSeq, held: doc.held, refused: doc.refused };
  } catch {
    return { checkedSeq: 0, held: 0, refused: [] };
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
  const changes = await local.changes({
    since: state.checkedSeq,
    include_docs: true,
    conflicts: true,
    style: 'all_docs',
  });
  const refused: Refusal[] = [];
  let confirmed = 0;
  let held = 0;
  const foreignSteps = new Map<string, EventDoc[]>();
  const refuse = async (doc: PouchDoc, reason: string) =>
    refused.push({ docId: doc._id, label: await labelFor(doc, session, d), reason });
  // The data key's epoch: a case key of this generation must equal this tablet's own wrap.
  const gen =
    session && !session.locked ? ((await latestBinding(secretsOf(session).keys.dataKey))?.epoch ?? null) : undefined;

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
    const mine = await localCopy(d, doc, gen);
    if (mine) {
      if (sameContent(doc, mine as unknown as Record<string, unknown>)) confirmed++;
      else if (mine.type === 'event' && mine.seq !== doc.seq)
        await refuse(doc, `It was put out of order on the server: this tablet recorded it as step ${mine.seq}.`);
      else await refuse(doc, 'It was altered on the server: it differs from this tablet’s own record.');
      continue;
    }
    if (doc.type === 'disclosure' && session && !session.locked) {
      // Sealed on another tablet: into this tablet's inbox, for every key holder here.
      const delivered = await deliverDisclosure(session, doc as unknown as DisclosureDoc);
      if (typeof delivered === 'object') await refuse(doc, delivered.refused);
      else confirmed++;
      continue;
    }
    if (doc.type === 'event') {
      const list = foreignSteps.get(doc.chain as string) ?? [];
      list.push(doc as unknown as EventDoc);
      foreignSteps.set(doc.chain as string, list);
      continue;
    }
    held++;
  }

  // Every step the replication database holds, by case, read once (not once per case).
  const byChain = new Map<string, EventDoc[]>();
  if (foreignSteps.size > 0) {
    const all = await local.allDocs({ include_docs: true, startkey: 'event:', endkey: 'event:\ufff0' });
    for (const row of all.rows) {
      const doc = row.doc as unknown as EventDoc | undefined;
      if (!doc || doc.type !== 'event' || !foreignSteps.has(doc.chain)) continue;
      const list = byChain.get(doc.chain) ?? [];
      list.push(doc);
      byChain.set(doc.chain, list);
    }
  }
  for (const [chain, steps] of foreignSteps) {
    const verdict = await checkForeignSteps(local, session, d, chain, steps, byChain.get(chain) ?? [], gen ?? null);
    held += verdict.held;
    for (const r of verdict.refused) refused.push(r);
  }

  const seen = new Set(state.refused.map((r) => r.docId));
  const newlyRefused = refused.filter((r) => !seen.has(r.docId));
  const all = [...state.refused, ...newlyRefused];
  await writeInboxState(local, { checkedSeq: changes.last_seq, held: state.held + held, refused: all });
  return { confirmed, held: state.held + held, refused: all, newlyRefused };
}

/** Steps of one case that this tablet does not have: checked as a continuation of what it has. */
async function checkForeignSteps(
  local: PouchDatabase,
  session: Session | null,
  d: YpsiDatabase,
  chain: string,
  steps: EventDoc[],
  stored: EventDoc[],
  gen: string | null,
): Promise<{ held: number; refused: Refusal[] }> {
  const refused: Refusal[] = [];
  const name = async (doc: PouchDoc) => labelFor(doc, session, d);
  const caseRow = CaseRowSchema.safeParse(await d.cases.get(chain));
  const from: ChainHead = caseRow.success ? caseRow.data.head : { seq: 0, digest: '0'.repeat(64) };
  // Every step of this case the server holds beyond this tablet's head, not only this batch's.
  const beyond = stored.filter((doc) => doc.seq > from.seq).sort((a, b) => a.seq - b.seq || (a._id < b._id ? -1 : 1));
  const batch = new Set(steps.map((s) => s._id));

  for (const doc of steps) {
    if (doc.seq <= from.seq)
      refused.push({
        docId: doc._id,
        label: await name(doc as unknown as PouchDoc),
        reason: `This tablet already has a different step ${doc.seq} of this case: it was inserted on the server, or recorded on two tablets at once (merging is not built yet).`,
      });
  }
  if (!session || session.locked) return { held: steps.length - refused.length, refused };

  let caseKey: CryptoKey;
  try {
    caseKey = await caseKeyOf(local, session, chain, caseRow.success ? caseRow.data : null, gen ?? null);
  } catch {
    for (const doc of steps)
      refused.push({
        docId: doc._id,
        label: await name(doc as unknown as PouchDoc),
        reason: 'The key of its case is missing from the server or does not open with this establishment’s key.',
      });
    return { held: 0, refused };
  }
  const rows: ChainRow[] = beyond.map((doc) => ({
    seq: doc.seq,
    eventId: doc._id.slice('event:'.length),
    digest: doc.digest,
    enc: { v: 1, iv: doc.iv, ct: doc.ct },
  }));
  if (rows.length === 0) return { held: steps.length - refused.length, refused };
  const last = rows[rows.length - 1]!;
  const walk = await walkChain({
    scope: 'case',
    chainId: chain,
    label: 'this case',
    rows,
    head: { seq: last.seq, digest: last.digest },
    from,
    open: async (row) =>
      CaseEventEnvelopeSchema.parse(await decryptJson(caseKey, row.eventId, row.enc)) as unknown as { id: string },
  });
  if (walk.problem) {
    const bad =
      beyond.find((doc) => doc.seq === walk.problem!.seq) ?? beyond.find((doc) => doc.seq > walk.verified.seq);
    const badDocs = beyond.filter((doc) => doc.seq >= (bad?.seq ?? walk.verified.seq + 1) && batch.has(doc._id));
    const target = bad ?? badDocs[0];
    if (target) {
      refused.push({
        docId: target._id,
        label: await name(target as unknown as PouchDoc),
        reason: `Its chain does not check out: ${walk.problem.message
          .replace(/ of this case/g, '')
          .replace(/^Event /, 'step ')
          .replace(/^This case/, 'the case')}`,
      });
    }
    const refusedIds = new Set(refused.map((r) => r.docId));
    const held = steps.filter((s) => s.seq <= walk.verified.seq && !refusedIds.has(s._id)).length;
    return { held, refused };
  }
  return { held: steps.length - refused.length, refused };
}

async function caseKeyOf(
  local: PouchDatabase,
  session: Session,
  caseId: string,
  row: { caseKey: { v: 1; iv: string; ct: string } } | null,
  gen: string | null,
): Promise<CryptoKey> {
  const { dataKey } = secretsOf(session).keys;
  if (row) return unwrapCaseKey(row.caseKey, dataKey, caseId);
  // The generation wrapped under this tablet's data key (records from before generations have none).
  let doc: KeyDoc;
  try {
    doc = (await local.get(syncDocId.caseKey(caseId, gen))) as unknown as KeyDoc;
  } catch {
    doc = (await local.get(syncDocId.caseKey(caseId))) as unknown as KeyDoc;
  }
  if (ruleProblem(doc as unknown as Record<string, unknown>)) throw new Error('malformed key');
  return unwrapCaseKey({ v: 1, iv: doc.iv, ct: doc.ct }, dataKey, caseId);
}
