// Owns reading a case recorded on several tablets as one DAG (docs/SYNC.md): this tablet's own
// chain (`events`) and every other tablet's chain of the case (`peerEvents`), each walked and
// checked, turned into the domain's DAG nodes and replayed in the one order every replica uses
// (src/domain/replayDag.ts). Also builds one new step of such a case.
import type { CaseEvent } from '../domain/events';
import type { DagNode } from '../domain/dag';
import { RejectedEventError, explainEvent } from '../domain/machine';
import { type ReplayedCase, replayCase } from '../domain/replayDag';
import { summarise } from '../domain/summary';
import { reason, refuse } from '../domain/reasons';
import { decryptJson, encryptJson } from './crypto';
import { eventDigest, recordId } from './chain/chain';
import { type PeerEventRow, PeerEventRowSchema, openPeerHead } from './chain/peerRows';
import { type ChainRow, walkChain } from './chain/verifyChain';
import { type CaseRow, type YpsiDatabase, db } from './db';
import { IntegrityError } from './errors';
import { type ChainHead, CaseEventEnvelopeSchema, DeviceMetaRowSchema, EventRowSchema, parseRow } from './schemas';
import type { BuiltSteps } from './caseSteps';
import { persist } from '../domain/machine';

/** This tablet's opaque id (the installation id made at set-up). */
export async function thisDevice(d: YpsiDatabase = db()): Promise<string> {
  return parseRow(DeviceMetaRowSchema, await d.meta.get('device'), 'this tablet’s id').installationId;
}

/** Does any other tablet's chain of this case exist here (so the case is replayed as a DAG)? */
export async function hasPeerChains(caseId: string, d: YpsiDatabase = db()): Promise<boolean> {
  return (await d.peerHeads.where('caseId').equals(caseId).count()) > 0;
}

export const openEvent = (key: CryptoKey) => async (row: ChainRow) =>
  parseRow(CaseEventEnvelopeSchema, await decryptJson(key, row.eventId, row.enc), 'case event') as unknown as CaseEvent;

/**
 * One tablet's chain as DAG nodes. An event that names no parents (recorded before events named
 * them) followed the event before it on its tablet, and is attributed to the case's first tablet
 * (legacyDevice) on every replica, whichever chain carries it.
 */
export function chainNodes(caseId: string, events: readonly CaseEvent[], rows: readonly ChainRow[]): DagNode[] {
  return events.map((event, i) => ({
    event,
    parents: event.parents ?? (i > 0 ? [events[i - 1]!.id] : []),
    tie: rows[i]!.digest,
    device: event.device ?? legacyDevice(caseId),
  }));
}

/**
 * Steps sent before steps named their tablet have no tablet on the server: they are filed under the
 * case's own id, "the tablet that opened the case", and may be followed there by that tablet's later
 * steps, which do name it.
 */
export const legacyDevice = (caseId: string) => caseId;

export function deviceProblem(
  caseId: string,
  events: readonly CaseEvent[],
  rows: readonly ChainRow[],
  device: string,
  label: string,
) {
  if (device === legacyDevice(caseId)) return null;
  const i = events.findIndex((e) => e.device !== undefined && e.device !== device);
  if (i === -1) return null;
  return new IntegrityError({
    scope: 'case',
    kind: 'moved',
    caseId,
    seq: rows[i]!.seq,
    message: `Step ${rows[i]!.seq} of ${label} was recorded on another tablet than the one it is filed under.`,
  });
}

export type PeerChain = { device: string; head: ChainHead; rows: PeerEventRow[]; entries: CaseEvent[] };

/** Every other tablet's chain of the case stored here, each walked from its start to its sealed head. */
export async function peerChains(key: CryptoKey, caseId: string, d: YpsiDatabase = db()): Promise<PeerChain[]> {
  const [heads, rawRows] = await d.transaction('r', [d.peerHeads, d.peerEvents], () =>
    Promise.all([
      d.peerHeads.where('caseId').equals(caseId).toArray(),
      d.peerEvents.where('caseId').equals(caseId).toArray(),
    ]),
  );
  const out: PeerChain[] = [];
  for (const raw of heads) {
    const device = (raw as { device: string }).device;
    const label = peerLabel(device);
    const head = await openPeerHead(key, raw);
    if (!head)
      throw new IntegrityError({
        scope: 'case',
        kind: 'edited',
        caseId,
        message: `The latest step of ${label} has been altered on this tablet.`,
      });
    const rows = rawRows
      .map((r) => parseRow(PeerEventRowSchema, r, 'another tablet’s step'))
      .filter((r) => r.device === device)
      .sort((a, b) => a.seq - b.seq);
    const walk = await walkChain<CaseEvent>({
      scope: 'case',
      chainId: caseId,
      label,
      rows,
      head,
      open: openEvent(key),
    });
    if (walk.problem) throw new IntegrityError(walk.problem);
    const bad = deviceProblem(caseId, walk.entries, rows, device, label);
    if (bad) throw bad;
    out.push({ device, head, rows, entries: walk.entries });
  }
  return out;
}

/** The first problem with the other tablets' chains of this case, for the full integrity check; null if none. */
export async function peerChainProblem(key: CryptoKey, caseId: string, d: YpsiDatabase = db()) {
  try {
    await peerChains(key, caseId, d);
    return null;
  } catch (e) {
    if (e instanceof IntegrityError) return e.problem;
    throw e;
  }
}

/** What a person calls another tablet's chain of a case in a message. */
export function peerLabel(device: string): string {
  return `this case recorded on tablet ${device.slice(0, 8)}`;
}

/** Every other tablet's chain of the case, as DAG nodes. */
export async function peerNodes(key: CryptoKey, caseId: string, d: YpsiDatabase = db()): Promise<DagNode[]> {
  return (await peerChains(key, caseId, d)).flatMap((c) => chainNodes(caseId, c.entries, c.rows));
}

/** This tablet's own chain of the case, walked to the case row's head. */
export async function ownNodes(
  key: CryptoKey,
  row: CaseRow,
  device: string,
  d: YpsiDatabase = db(),
): Promise<DagNode[]> {
  const raw = await d.events.where('[caseId+seq]').between([row.id, 0], [row.id, Infinity]).toArray();
  const rows = raw.map((r) => parseRow(EventRowSchema, r, 'case event'));
  const walk = await walkChain<CaseEvent>({
    scope: 'case',
    chainId: row.id,
    label: 'this case',
    rows,
    head: row.head,
    open: openEvent(key),
  });
  if (walk.problem) throw new IntegrityError(walk.problem);
  const bad = deviceProblem(row.id, walk.entries, rows, device, 'this case');
  if (bad) throw bad;
  return chainNodes(row.id, walk.entries, rows);
}

/** The whole case, every tablet's chain checked, replayed in the one order. */
export async function replayShared(key: CryptoKey, row: CaseRow, d: YpsiDatabase = db()): Promise<ReplayedCase> {
  const device = await thisDevice(d);
  return replayCase([...(await ownNodes(key, row, device, d)), ...(await peerNodes(key, row.id, d))]);
}

/**
 * One new step of a case other tablets have recorded too: chained on this tablet's own chain, and
 * the case replayed with it in the one order. Refused (RejectedEventError) if the merged replay
 * cannot apply it; nothing is written then.
 */
export async function buildSharedStep(
  key: CryptoKey,
  row: CaseRow,
  event: CaseEvent,
  device: string,
  d: YpsiDatabase = db(),
): Promise<BuiltSteps> {
  const seq = row.head.seq + 1;
  const digest = await eventDigest(row.head.digest, row.id, seq, event);
  const nodes = [...(await ownNodes(key, row, device, d)), ...(await peerNodes(key, row.id, d))];
  const replayed = replayCase([...nodes, { event, parents: event.parents ?? [], tie: digest, device }]);
  const refused = replayed.state.notApplied.find((x) => x.eventId === event.id);
  if (refused || !replayed.order.some((n) => n.event.id === event.id)) {
    const why = explainEvent(replayCase(nodes).snapshot, event);
    throw new RejectedEventError(
      event,
      why.allowed
        ? refuse(
            reason(
              'R14.2',
              'Another tablet’s steps come first in the order both are replayed in, and this step no longer fits after them. Look at the case again.',
            ),
          )
        : why,
    );
  }
  const head: ChainHead = { seq, digest };
  return {
    appends: [{ chain: row.id, seq, eventId: event.id, digest, enc: await encryptJson(key, event.id, event) }],
    ...(await sealState(key, row.id, head, replayed)),
    head,
  };
}

/** The snapshot and summary of a replayed case, encrypted for the case row's head (AAD binds it). */
export async function sealState(key: CryptoKey, caseId: string, head: ChainHead, replayed: ReplayedCase) {
  const summary = summarise(replayed.snapshot);
  const [snapshotEnc, summaryEnc] = await Promise.all([
    encryptJson(key, recordId.snapshot(caseId, head.digest), persist(replayed.snapshot)),
    encryptJson(key, recordId.summary(caseId, head.digest), summary),
  ]);
  return { snapshot: replayed.snapshot, summary, snapshotEnc, summaryEnc };
}

export type { PeerEventRow };
