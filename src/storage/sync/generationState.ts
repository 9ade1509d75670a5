// Owns what the replication database remembers about generations of the data key offered by the
// server and refused here (generation.ts): kept (never replicated: `_local`) so a refusal stays
// named until the record is dealt with, like the inbox's own refusals.
import type { Refusal } from './applyEvents';
import type { FollowReport } from './follow';
import type { PouchDatabase, PouchDoc } from './pouch';

const STATE_ID = '_local/ypsi-generation';

/** Adds this pull's refusals (if any) to those kept; returns all of them and the ones new now. */
export async function noteGeneration(
  local: PouchDatabase,
  follow: FollowReport | null,
): Promise<{ all: Refusal[]; added: Refusal[] }> {
  let doc: { _rev?: string; refused?: Refusal[] } = {};
  try {
    doc = (await local.get(STATE_ID)) as unknown as typeof doc;
  } catch {
    doc = {};
  }
  const kept = doc.refused ?? [];
  const seen = new Set(kept.map((r) => r.docId));
  const added = (follow?.refused ?? []).filter((r) => !seen.has(r.docId));
  if (added.length === 0) return { all: kept, added };
  const all = [...kept, ...added];
  await local.put({ _id: STATE_ID, ...(doc._rev ? { _rev: doc._rev } : {}), refused: all } as unknown as PouchDoc);
  return { all, added };
}
