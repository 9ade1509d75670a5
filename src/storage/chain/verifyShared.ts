// What the quick and full checks share: the report's shape, the clock for its duration, where a checkpointed chain starts, and matching tombstones.
import { caseKeyFor } from '../caseSteps';
import type { CaseRow } from '../db';
import { GENESIS } from './chain';
import type { IntegrityProblem } from './integrityTypes';
import { type ChainHead } from '../schemas';
import { type Session } from '../keys/session';
import { establishmentSigningKey, openTombstone } from './tombstones';
import type { Tombstone } from '../schemas';

export type VerifyReport = {
  ok: boolean;
  /** The first problem of each chain that has one, then device-wide ones. Empty when ok. */
  problems: IntegrityProblem[];
  casesChecked: number;
  eventsChecked: number;
  ms: number;
};

export const now = (): number => (globalThis.performance ?? Date).now();

/**
 * Where a walk of fresh events starts: just before the first of them. Its digest is the
 * checkpoint's head when that is where it sits, the genesis at the start, or else the stored
 * digest of the event before (itself read at an earlier check; if it was altered, the first fresh
 * event will not chain on, and is named).
 */
export async function startBefore(
  firstSeq: number,
  cpHead: ChainHead,
  digestAt: (seq: number) => Promise<string>,
): Promise<ChainHead> {
  const seq = firstSeq - 1;
  if (seq <= 0) return { seq: 0, digest: GENESIS };
  if (seq === cpHead.seq) return cpHead;
  return { seq, digest: await digestAt(seq) };
}

/** Opens every tombstone row; each one that is damaged or wrongly signed is a problem. Returns the good ones by case id. */
export async function checkTombstones(
  session: Session,
  tombRaw: readonly unknown[],
  problems: IntegrityProblem[],
): Promise<Map<string, Tombstone>> {
  const out = new Map<string, Tombstone>();
  if (tombRaw.length === 0) return out;
  const key = await establishmentSigningKey();
  for (const raw of tombRaw) {
    const { tombstone, problem } = await openTombstone(session, raw, key);
    if (problem) problems.push(problem);
    if (tombstone) out.set(tombstone.caseId, tombstone);
  }
  return out;
}

/** Every case's key; a key that will not open is a problem named for its case (the case cannot be opened). */
export async function caseKeys(
  session: Session,
  rows: readonly CaseRow[],
  problems: IntegrityProblem[],
): Promise<Map<string, CryptoKey>> {
  const keys = new Map<string, CryptoKey>();
  for (const row of rows) {
    try {
      keys.set(row.id, await caseKeyFor(session, row.id, row.caseKey));
    } catch {
      problems.push({
        scope: 'case',
        kind: 'edited',
        caseId: row.id,
        message: `The key of case ${row.id.slice(0, 8)} has been altered: the case cannot be opened.`,
      });
    }
  }
  return keys;
}
