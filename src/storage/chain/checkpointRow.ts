// Owns reading the checkpoint row (its MAC checked) and advancing it with every committed step, so no reusable past head sits in storage (docs/SECURITY.md item 8).
import { verifyHmac } from '../crypto';
import { type CheckpointBody, GENESIS, checkpointMac, checkpointMacInput } from './chain';
import type { CheckpointRow, YpsiDatabase } from '../db';
import { CheckpointRowSchema } from '../schemas';

export type Checkpoint = CheckpointBody & { at: string };

/** The starting point when no checkpoint was ever written: nothing is trusted yet. */
export const EMPTY_CHECKPOINT: Checkpoint = { dseq: 0, deviceMac: GENESIS, heads: [], at: '' };

/** A stored checkpoint row, its MAC checked; null if there is none; 'forged' if the MAC fails. */
export async function openCheckpointRow(macKey: CryptoKey, raw: unknown): Promise<Checkpoint | null | 'forged'> {
  if (raw === undefined || raw === null) return null;
  const parsed = CheckpointRowSchema.safeParse(raw);
  if (!parsed.success) return 'forged';
  const row = parsed.data;
  const body: CheckpointBody = {
    dseq: row.dseq,
    deviceMac: row.deviceMac,
    heads: row.heads,
    ...(row.checked !== undefined ? { checked: row.checked } : {}),
  };
  const ok = await verifyHmac(macKey, checkpointMacInput(body), row.mac);
  return ok ? { ...body, at: row.at } : 'forged';
}

/** The appends of one committed step, as the checkpoint sees them. */
export type CheckpointStep = readonly { chain: string; seq: number; digest: string }[];

/**
 * The checkpoint after one more committed step, or null when it cannot be advanced. It advances
 * only from a checkpoint whose MAC holds and that records exactly the device head the step starts
 * from (or from nothing, on an empty device): it then still vouches only for what was checked or
 * written by a key holder. Each chain the step appends to moves to its new head; every other head
 * (a destroyed case's final head included) stays. A checkpoint that lags (a database from before
 * this rule, or one whose unlock check failed) is left to the unlock check, which advances it once
 * what came after it is verified.
 */
export async function advancedCheckpoint(
  macKey: CryptoKey,
  stored: Checkpoint | null | 'forged',
  start: { dseq: number; mac: string },
  next: { dseq: number; mac: string },
  appends: CheckpointStep,
): Promise<CheckpointRow | null> {
  if (appends.length === 0 || stored === 'forged') return null;
  const base = stored ?? (start.dseq === 0 ? EMPTY_CHECKPOINT : null);
  if (!base || base.dseq !== start.dseq || base.deviceMac !== start.mac) return null;
  const heads = new Map<string, [number, string]>(base.heads.map(([id, seq, digest]) => [id, [seq, digest]]));
  for (const a of appends) heads.set(a.chain, [a.seq, a.digest]);
  const body: CheckpointBody = {
    checked: base.checked ?? base.dseq,
    dseq: next.dseq,
    deviceMac: next.mac,
    heads: [...heads]
      .map(([id, [seq, digest]]) => [id, seq, digest] as [string, number, string])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
  return { id: 'checkpoint', ...body, at: new Date().toISOString(), mac: await checkpointMac(macKey, body) };
}

/** The raw checkpoint row as stored now (for the optimistic re-check inside a commit). */
export async function rawCheckpointMac(d: YpsiDatabase): Promise<string | null> {
  const raw = (await d.heads.get('checkpoint')) as { mac?: unknown } | undefined;
  return typeof raw?.mac === 'string' ? raw.mac : null;
}
