// Owns walking one chain (a case or the establishment log): decrypt, recompute each digest, and name the first bad event and what is wrong with it.
import type { EncryptedRecord } from '../crypto';
import { GENESIS, eventDigest } from './chain';
import type { ChainHead } from '../schemas';
import type { IntegrityProblem } from './integrityTypes';

export type ChainRow = { seq: number; eventId: string; enc: EncryptedRecord; digest: string };

export type WalkInput<T> = {
  scope: 'case' | 'establishment-log';
  /** caseId, or LOG_CHAIN_ID */
  chainId: string;
  /** What a person calls this chain in a message, e.g. "case YPSI-2026-0007". */
  label: string;
  /** Rows sorted by seq. */
  rows: readonly ChainRow[];
  /** The head stored for this chain. */
  head: ChainHead;
  /** Where to start (a verified checkpoint); default: the genesis. Rows must continue from it. */
  from?: ChainHead;
  /** Decrypts and parses a row's content; throws if it does not decrypt or parse. */
  open: (row: ChainRow) => Promise<T & { id: string }>;
  /** On a row that does not open: does it open as another record's (a move)? Returns where from. */
  whereFrom?: (row: ChainRow) => Promise<string | null>;
};

export type WalkResult<T> = { entries: T[]; verified: ChainHead; problem: IntegrityProblem | null };

// Searching every (position, predecessor) pair costs one hash each; bounded so a damaged long case
// cannot stall the check. Past the bound an unplaced event is reported as edited.
const REORDER_SEARCH_LIMIT = 5000;

async function originalPosition(
  chainId: string,
  event: unknown,
  digest: string,
  candidates: readonly string[],
  maxSeq: number,
  seq: number,
): Promise<number | null> {
  if (candidates.length * maxSeq > REORDER_SEARCH_LIMIT) return null;
  for (let j = 1; j <= maxSeq; j++) {
    if (j === seq) continue;
    for (const prev of candidates) {
      if ((await eventDigest(prev, chainId, j, event)) === digest) return j;
    }
  }
  return null;
}

/**
 * Walks a chain from `from` (or the genesis) to its stored head and stops at the first bad event:
 * missing (deleted), altered content or digest (edited), at another position than recorded
 * (reordered), another record's ciphertext (moved), missing latest events (truncated), or events
 * beyond a head that was put back (rolled-back).
 */
export async function walkChain<T>(input: WalkInput<T>): Promise<WalkResult<T>> {
  const { chainId, label, rows, head, scope } = input;
  const start = input.from ?? { seq: 0, digest: GENESIS };
  const entries: T[] = [];
  let verified: ChainHead = start;
  const problem = (kind: IntegrityProblem['kind'], seq: number | undefined, message: string): WalkResult<T> => ({
    entries,
    verified,
    problem: {
      scope,
      kind,
      ...(scope === 'case' ? { caseId: chainId } : {}),
      ...(seq !== undefined ? { seq } : {}),
      message,
    },
  });
  const candidates = [start.digest, ...rows.map((r) => r.digest)];
  const maxSeq = Math.max(head.seq, rows.length ? rows[rows.length - 1]!.seq : 0);

  for (const row of rows) {
    if (row.seq <= verified.seq) return problem('inserted', row.seq, `Event ${row.seq} of ${label} appears twice.`);
    const expected = verified.seq + 1;
    if (row.seq > expected) {
      if (expected > head.seq) break;
      return problem('deleted', expected, `Event ${expected} of ${label} has been deleted.`);
    }
    if (row.seq > head.seq) break;
    let event: T & { id: string };
    try {
      event = await input.open(row);
    } catch {
      const from = input.whereFrom ? await input.whereFrom(row) : null;
      if (from)
        return problem('moved', row.seq, `Event ${row.seq} of ${label} was replaced by a record moved from ${from}.`);
      return problem('edited', row.seq, `Event ${row.seq} of ${label} has been altered (it no longer decrypts).`);
    }
    if (event.id !== row.eventId) return problem('edited', row.seq, `Event ${row.seq} of ${label} has been altered.`);
    const digest = await eventDigest(verified.digest, chainId, row.seq, event);
    if (digest !== row.digest) {
      const j = await originalPosition(chainId, event, row.digest, candidates, maxSeq, row.seq);
      if (j !== null)
        return problem(
          'reordered',
          row.seq,
          `Event ${row.seq} of ${label} is out of order: it was recorded as event ${j}.`,
        );
      return problem('edited', row.seq, `Event ${row.seq} of ${label} has been altered (its digest does not match).`);
    }
    entries.push(event);
    verified = { seq: row.seq, digest };
  }

  if (verified.seq < head.seq) {
    return problem(
      'truncated',
      verified.seq + 1,
      `${cap(label)} ends at event ${verified.seq} but recorded ${head.seq}: the latest events were removed.`,
    );
  }
  if (rows.some((r) => r.seq > head.seq)) {
    return problem(
      'rolled-back',
      head.seq + 1,
      `${cap(label)} was put back to event ${head.seq} although events after it exist.`,
    );
  }
  if (verified.digest !== head.digest) return problem('edited', head.seq, `The head of ${label} has been altered.`);
  return { entries, verified, problem: null };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
