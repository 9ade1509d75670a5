// Owns the part of a backup that holds other tablets' steps of shared cases (docs/SYNC.md, docs/BACKUP-FORMAT.md
// "shared"): exported as each tablet's chain of each case, decrypted and checked; restored as that
// chain again (same digests, under the case's new key) beside this tablet's own chain, and the case
// replayed in the one order every tablet uses, so a restored tablet shows the same case.
import type { CaseEvent } from '../../domain/events';
import { stageOf } from '../../domain/machine';
import { replayCase } from '../../domain/replayDag';
import { encryptJson } from '../crypto';
import { GENESIS, eventDigest } from '../chain/chain';
import { type PeerEventRow, type PeerHeadRow, sealPeerHead } from '../chain/peerRows';
import { type ChainAppend } from '../chain/commit';
import { chainNodes, peerChains, sealState } from '../caseDag';
import { type CaseRow, type SnapshotRow } from '../db';
import { ImportError } from '../errors';
import { type ChainHead } from '../schemas';
import type { CaseSummary } from '../../domain/summary';
import type { BackupPayload } from './backupPayload';

export type SharedChains = NonNullable<BackupPayload['shared']>;

/** Every other tablet's chain of the case, walked and checked (an altered one refuses the backup). */
export async function sharedChainsOf(key: CryptoKey, caseId: string): Promise<SharedChains> {
  return (await peerChains(key, caseId)).map((c) => ({
    caseId,
    device: c.device,
    head: c.head,
    events: c.entries as unknown as SharedChains[number]['events'],
  }));
}

/** One chain's steps again: digests recomputed from the events (they must reach `head`), encrypted under `key`. */
async function rechain(key: CryptoKey, caseId: string, head: ChainHead, events: CaseEvent[], what: string) {
  const rows: { seq: number; eventId: string; digest: string; enc: ChainAppend['enc'] }[] = [];
  let digest = GENESIS;
  for (const [i, event] of events.entries()) {
    digest = await eventDigest(digest, caseId, i + 1, event);
    rows.push({ seq: i + 1, eventId: event.id, digest, enc: await encryptJson(key, event.id, event) });
  }
  if (rows.length !== head.seq || (rows.at(-1)?.digest ?? GENESIS) !== head.digest)
    throw new ImportError(
      'corrupt',
      `${what} in this backup does not match its recorded head (it was altered). Nothing was changed.`,
    );
  return rows;
}

export type RebuiltShared = {
  caseId: string;
  rows: { row: CaseRow; snapshot: SnapshotRow };
  appends: ChainAppend[];
  head: ChainHead;
  summary: CaseSummary;
  peerEvents: PeerEventRow[];
  peerHeads: PeerHeadRow[];
};

/**
 * A case other tablets recorded too, rebuilt from its chains: this tablet's own (possibly empty: a
 * case opened on another tablet) and each other tablet's, replayed together in the one order.
 */
export async function rebuildShared(
  key: CryptoKey,
  wrapped: CaseRow['caseKey'],
  own: { caseId: string; head: ChainHead; events: CaseEvent[] },
  chains: SharedChains,
): Promise<RebuiltShared> {
  const { caseId } = own;
  const ownRows = await rechain(key, caseId, own.head, own.events, `Case ${caseId.slice(0, 8)}`);
  const peers = await Promise.all(
    chains.map(async (c) => ({
      ...c,
      rows: await rechain(
        key,
        caseId,
        c.head,
        c.events as unknown as CaseEvent[],
        `Another tablet’s steps of case ${caseId.slice(0, 8)}`,
      ),
    })),
  );
  const replayed = replayCase([
    ...chainNodes(caseId, own.events, ownRows),
    ...peers.flatMap((p) => chainNodes(caseId, p.events as unknown as CaseEvent[], p.rows)),
  ]);
  const opened = replayed.snapshot.context.opened;
  if (!opened)
    throw new ImportError(
      'corrupt',
      `Case ${caseId.slice(0, 8)} in this backup has no opening step. Nothing was changed.`,
    );
  const state = await sealState(key, caseId, own.head, replayed);
  const lastRecordedAt = replayed.snapshot.context.lastRecordedAt ?? opened.recordedAt;
  return {
    caseId,
    rows: {
      row: {
        id: caseId,
        status: state.summary.closed ? 'closed' : 'open',
        stage: stageOf(replayed.snapshot),
        openedAt: opened.recordedAt,
        updatedAt: lastRecordedAt,
        caseKey: wrapped,
        summary: state.summaryEnc,
        head: own.head,
      },
      snapshot: { caseId, enc: state.snapshotEnc },
    },
    appends: ownRows.map((r) => ({ chain: caseId, ...r })),
    head: own.head,
    summary: state.summary,
    peerEvents: peers.flatMap((p) => p.rows.map((r) => ({ caseId, device: p.device, ...r }))),
    peerHeads: await Promise.all(peers.map((p) => sealPeerHead(key, caseId, p.device, p.head))),
  };
}
