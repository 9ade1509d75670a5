// Owns applying other tablets' case steps pulled from the school's sync server (docs/SYNC.md). Each
// tablet's steps of a case are that tablet's chain: the steps beyond what this tablet already holds
// of it are checked as a continuation (digest by digest, under the case's key, each naming the
// tablet whose chain it is on), and only a checked prefix is written to Dexie, the source of truth,
// with the case replayed in the one order every tablet uses (src/domain/dag.ts). A step that does
// not check out is refused and named; the steps after it wait.
import type { CaseEvent } from '../../domain/events';
import { stageOf } from '../../domain/machine';
import { replayCase } from '../../domain/replayDag';
import { type CaseRow, type YpsiDatabase, db } from '../db';
import { GENESIS } from '../chain/chain';
import { requireWriter, serialised } from '../chain/commit';
import { type PeerEventRow, sealPeerHead } from '../chain/peerRows';
import { type ChainRow, walkChain } from '../chain/verifyChain';
import { isDestroyed } from '../chain/tombstones';
import { caseKeyFor } from '../caseSteps';
import {
  chainNodes,
  deviceProblem,
  openEvent,
  ownNodes,
  peerChains,
  peerLabel,
  sealState,
  thisDevice,
} from '../caseDag';
import { type ChainHead, CaseRowSchema } from '../schemas';
import { ReadOnlyTabError } from '../errors';
import { type Session, secretsOf } from '../keys/session';
import { prepareIndexWrite } from '../summary-index/summaryIndex';
import { type EventDoc } from './docs';
import { caseKeyFromServer } from './caseKeys';
import type { PouchDatabase } from './pouch';
import { revokedCuts, revokedLimit } from './revokedSteps';

export type Refusal = { docId: string; label: string; reason: string };

export type ApplyReport = {
  /** Steps written to this tablet and replayed into their case. */
  applied: number;
  /** Steps checked and kept, not applied yet: locked, another tab writes, a step they follow is missing, a destroyed case. */
  held: number;
  refused: Refusal[];
  /** Steps of this case are kept but not applied yet: the case is looked at again at the next pull. */
  waiting: boolean;
};

/** Pulled steps of one case, by the tablet whose chain each is on. */
export type PulledSteps = Map<string, EventDoc[]>;

/** The case key: from the case row, or (a case new to this tablet) from its wrapped key on the server. */
async function caseKeyOf(
  local: PouchDatabase,
  session: Session,
  caseId: string,
  row: CaseRow | null,
): Promise<{ key: CryptoKey; wrapped: CaseRow['caseKey'] } | null> {
  if (row) return { key: await caseKeyFor(session, caseId, row.caseKey), wrapped: row.caseKey };
  // The generation wrapped under this tablet's data key (caseKeys.ts); none fetched yet: the steps wait.
  return caseKeyFromServer(local, secretsOf(session).keys.dataKey, caseId);
}

const rowOf = (doc: EventDoc, device: string): PeerEventRow => ({
  caseId: doc.chain,
  device,
  seq: doc.seq,
  eventId: doc._id.slice('event:'.length),
  digest: doc.digest,
  enc: { v: 1, iv: doc.iv, ct: doc.ct },
});

/**
 * Every step the replication database holds, by case and then by the tablet whose chain it is on
 * (in chain order). Read once per check of a pull (`stepPool`), not once per case and tablet: a
 * first pull holds tens of thousands of steps.
 */
export type StepPool = () => Promise<Map<string, PulledSteps>>;

export function stepPool(local: PouchDatabase): StepPool {
  let read: Promise<Map<string, PulledSteps>> | null = null;
  return () =>
    (read ??= (async () => {
      const all = await local.allDocs({ include_docs: true, startkey: 'event:', endkey: 'event:\ufff0' });
      const out = new Map<string, PulledSteps>();
      for (const r of all.rows) {
        const doc = r.doc as unknown as EventDoc | undefined;
        if (doc?.type !== 'event' || typeof doc.chain !== 'string') continue;
        const byDevice = out.get(doc.chain) ?? new Map<string, EventDoc[]>();
        const device = doc.dev ?? doc.chain;
        byDevice.set(device, [...(byDevice.get(device) ?? []), doc]);
        out.set(doc.chain, byDevice);
      }
      for (const byDevice of out.values())
        for (const docs of byDevice.values()) docs.sort((a, b) => a.seq - b.seq || (a._id < b._id ? -1 : 1));
      return out;
    })());
}

/** The steps from position `after + 1` on, up to the first gap (a position held twice is kept, and refused by the walk). */
function contiguous(docs: EventDoc[], after: number): EventDoc[] {
  const out: EventDoc[] = [];
  let next = after + 1;
  for (const doc of docs) {
    if (doc.seq > next) break;
    out.push(doc);
    next = doc.seq + 1;
  }
  return out;
}

/**
 * Checks and applies the pulled steps of one case (`steps`: this batch's new documents by tablet).
 * `name` says what a person calls a document in a refusal.
 */
export async function applyPulledSteps(
  local: PouchDatabase,
  session: Session | null,
  caseId: string,
  steps: PulledSteps,
  name: (doc: EventDoc) => Promise<string>,
  d: YpsiDatabase = db(),
  pool: StepPool = stepPool(local),
): Promise<ApplyReport> {
  const count = [...steps.values()].reduce((n, l) => n + l.length, 0);
  if (await isDestroyed(caseId, d)) return { applied: 0, held: count, refused: [], waiting: false };
  if (!session || session.locked) return { applied: 0, held: count, refused: [], waiting: true };
  // Named once the checked steps are written, so a case new to this tablet is named by its reference.
  const bad: { doc: EventDoc; reason: string }[] = [];
  const refuse = async (doc: EventDoc, reason: string) => {
    bad.push({ doc, reason });
  };
  const named = async (): Promise<Refusal[]> =>
    Promise.all(bad.map(async ({ doc, reason }) => ({ docId: doc._id, label: await name(doc), reason })));

  const raw = await d.cases.get(caseId);
  const row = raw ? CaseRowSchema.parse(raw) : null;
  let key: CryptoKey;
  let wrapped: CaseRow['caseKey'];
  try {
    const found = await caseKeyOf(local, session, caseId, row);
    if (!found) return { applied: 0, held: count, refused: [], waiting: true };
    ({ key, wrapped } = found);
  } catch {
    // A revoked tablet's steps are named as that first (its key is under a data key it was left on).
    const cuts = await revokedCuts(pool, local, session);
    for (const [device, docs] of steps) {
      const limit = revokedLimit(cuts, device, caseId);
      for (const doc of docs)
        await refuse(
          doc,
          doc.seq > limit.upTo ? limit.reason : 'The key of its case does not open with this establishment’s key.',
        );
    }
    return { applied: 0, held: 0, refused: await named(), waiting: false };
  }

  const stored = await peerChains(key, caseId, d);
  const newRows: PeerEventRow[] = [];
  const newHeads = new Map<string, ChainHead>();
  const chains = new Map(stored.map((c) => [c.device, { rows: [...c.rows] as ChainRow[], entries: [...c.entries] }]));
  const me = await thisDevice(d);
  let gaps = false;
  // Every tablet with steps of this case on the server, not only this batch's: a step held back
  // earlier (locked, waiting for the one before it) is applied once it can be.
  const onServer = (await pool()).get(caseId) ?? new Map<string, EventDoc[]>();
  for (const device of new Set([...steps.keys(), ...[...onServer.keys()].filter((dev) => dev !== me)])) {
    const batch = steps.get(device) ?? [];
    const have = stored.find((c) => c.device === device);
    const from: ChainHead = have ? have.head : { seq: 0, digest: GENESIS };
    for (const doc of batch)
      if (doc.seq <= from.seq)
        await refuse(
          doc,
          `This tablet already has a different step ${doc.seq} of that tablet’s steps: it was inserted on the server.`,
        );
    // Only steps that follow on without a gap: a step whose predecessor has not arrived yet waits.
    const all = (onServer.get(device) ?? []).filter((doc) => doc.seq > from.seq);
    const following = contiguous(all, from.seq);
    if (following.length < all.length) gaps = true;
    // docs/SYNC.md "Revoking a tablet": a revoked tablet's steps beyond how far it had reached when it was revoked.
    const limit = revokedLimit(await revokedCuts(pool, local, session), device, caseId);
    for (const doc of following) if (doc.seq > limit.upTo) await refuse(doc, limit.reason);
    const beyond = following.filter((doc) => doc.seq <= limit.upTo);
    if (beyond.length === 0) continue;
    const rows = beyond.map((doc) => rowOf(doc, device));
    const last = rows[rows.length - 1]!;
    const label = peerLabel(device);
    const walk = await walkChain<CaseEvent>({
      scope: 'case',
      chainId: caseId,
      label,
      rows,
      head: { seq: last.seq, digest: last.digest },
      from,
      open: openEvent(key),
    });
    let upTo = walk.verified.seq;
    if (walk.problem) {
      const at = beyond.find((doc) => doc.seq === walk.problem!.seq) ?? beyond.find((doc) => doc.seq > upTo);
      if (at)
        await refuse(
          at,
          `Its chain does not check out: ${walk.problem.message
            .replace(` of ${label}`, '')
            .replace(/^Event /, 'step ')
            .replace(/^This case/, 'the case')}`,
        );
    }
    const checked = rows.filter((r) => r.seq <= upTo);
    const moved = deviceProblem(caseId, walk.entries, checked, device, label);
    if (moved) {
      const at = beyond.find((doc) => doc.seq === moved.problem.seq)!;
      await refuse(at, 'It names another tablet than the one whose steps it was filed under on the server.');
      upTo = moved.problem.seq! - 1;
    }
    const kept = checked.filter((r) => r.seq <= upTo);
    if (kept.length < rows.length && !walk.problem && !moved) gaps = true;
    if (kept.length === 0) continue;
    newRows.push(...kept);
    newHeads.set(device, { seq: kept[kept.length - 1]!.seq, digest: kept[kept.length - 1]!.digest });
    const chain = chains.get(device) ?? { rows: [], entries: [] };
    chain.rows.push(...kept);
    chain.entries.push(...walk.entries.slice(0, kept.length));
    chains.set(device, chain);
  }
  if (newRows.length === 0) return { applied: 0, held: 0, refused: await named(), waiting: gaps };

  const own = row ? await ownNodes(key, row, me, d) : [];
  const nodes = [...own, ...[...chains.values()].flatMap((c) => chainNodes(caseId, c.entries, c.rows))];
  const replayed = replayCase(nodes);
  const placed = new Set(replayed.order.map((n) => n.event.id));
  const applied = newRows.filter((r) => placed.has(r.eventId)).length;
  const c = replayed.snapshot.context;
  // A case new to this tablet is created once its opening step is here; until then its steps wait.
  const visible = row !== null || c.opened !== null;
  const head = row?.head ?? { seq: 0, digest: GENESIS };
  const state = visible ? await sealState(key, caseId, head, replayed) : null;
  const caseRow: CaseRow | null = state
    ? {
        id: caseId,
        status: state.summary.closed ? 'closed' : 'open',
        stage: stageOf(replayed.snapshot),
        openedAt: row?.openedAt ?? c.opened!.recordedAt,
        updatedAt: [row?.updatedAt ?? '', c.lastRecordedAt ?? ''].sort().pop()!,
        caseKey: wrapped,
        summary: state.summaryEnc,
        head,
      }
    : null;
  const sealedHeads = await Promise.all([...newHeads].map(([device, h]) => sealPeerHead(key, caseId, device, h)));
  let index: Awaited<ReturnType<typeof prepareIndexWrite>> | null = null;
  const written = await serialised(async () => {
    await requireWriter();
    index = caseRow ? await prepareIndexWrite(session, [{ caseId, head, summary: state!.summary }], 0) : null;
    const idx = index;
    return d.transaction('rw', d.allTables(), async () => {
      // Another write to this case since it was read: leave it, the next pull applies it again.
      const now = await d.cases.get(caseId);
      if (JSON.stringify(now?.head ?? null) !== JSON.stringify(row?.head ?? null)) return false;
      for (const [device, h] of newHeads) {
        const before = stored.find((s) => s.device === device)?.head ?? null;
        const current = await d.peerHeads.get([caseId, device]);
        if ((current?.seq ?? null) !== (before?.seq ?? null) || h.seq <= (before?.seq ?? 0)) return false;
      }
      await d.peerEvents.bulkPut(newRows);
      await d.peerHeads.bulkPut(sealedHeads);
      if (caseRow && state) {
        await d.cases.put(caseRow);
        await d.snapshots.put({ caseId, enc: state.snapshotEnc });
        await idx!.write(d);
      }
      return true;
    });
  }).catch((e: unknown) => {
    // Another tab of this tablet is the one that writes: it applies them.
    if (e instanceof ReadOnlyTabError) return false;
    throw e;
  });
  if (!written) return { applied: 0, held: count - bad.length, refused: await named(), waiting: true };
  (index as { apply: () => void } | null)?.apply();
  // Checked but waiting for a step they follow, or after a refused step: kept, applied when it comes.
  return {
    applied,
    held: Math.max(0, count - applied - bad.length),
    refused: await named(),
    waiting: gaps || replayed.waiting.length > 0 || !visible,
  };
}
