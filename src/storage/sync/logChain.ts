// Owns reading the establishment log as one hash chain out of the log records on the sync server
// (docs/SYNC.md). Each tablet's log is its own chain from the establishment's first entry, so after
// two tablets each added entries the server holds two records at some positions: the chain that
// ends at a given head is the one whose every entry's digest continues from the entry before it.
import { decryptJson } from '../crypto';
import { GENESIS, LOG_CHAIN_ID, eventDigest, recordId } from '../chain/chain';
import { type LogEntry, LogEntrySchema } from '../chain/log';
import type { ChainHead } from '../schemas';
import type { LogDoc } from './docs';

export type LogChain = { docs: LogDoc[]; entries: LogEntry[] };

type Node = { doc: LogDoc; entry: LogEntry; parent: Node | null };

/** The log record's entry id (`log:<entry>` or `log:<entry>:<generation>`). */
export const logEntryId = (doc: LogDoc): string => doc._id.split(':')[1]!;

/**
 * The chain of `docs` (all of one generation, opened with `dataKey`) from the first entry to
 * `head`, each entry decrypted and its digest recomputed from the one before; null if no chain of
 * them reaches `head` (a record missing, still arriving, or altered). Several tablets' branches
 * are followed side by side (there are as many as tablets that wrote apart), never more.
 */
export async function logChainTo(
  docs: readonly LogDoc[],
  head: ChainHead,
  dataKey: CryptoKey,
): Promise<LogChain | null> {
  if (head.seq === 0) return { docs: [], entries: [] };
  const bySeq = new Map<number, LogDoc[]>();
  for (const doc of docs) if (doc.seq <= head.seq) bySeq.set(doc.seq, [...(bySeq.get(doc.seq) ?? []), doc]);
  // The ends of every branch so far, by digest (the genesis first).
  let ends = new Map<string, Node | null>([[GENESIS, null]]);
  for (let seq = 1; seq <= head.seq; seq++) {
    const next = new Map<string, Node | null>();
    for (const doc of bySeq.get(seq) ?? []) {
      let entry: LogEntry;
      try {
        entry = LogEntrySchema.parse(await decryptJson(dataKey, recordId.log(logEntryId(doc)), doc));
      } catch {
        continue;
      }
      if (entry.id !== logEntryId(doc)) continue;
      for (const [prev, parent] of ends) {
        if ((await eventDigest(prev, LOG_CHAIN_ID, seq, entry)) !== doc.digest) continue;
        next.set(doc.digest, { doc, entry, parent });
        break;
      }
    }
    if (next.size === 0) return null;
    ends = next;
  }
  let node = ends.get(head.digest) ?? null;
  if (!node) return null;
  const out: LogChain = { docs: [], entries: [] };
  for (; node; node = node.parent) {
    out.docs.push(node.doc);
    out.entries.push(node.entry);
  }
  out.docs.reverse();
  out.entries.reverse();
  return out;
}
