// Owns finding a case's key among the records the server holds for it: one per generation of the
// data key (`key:case:<case>` from before generations existed, `key:case:<case>:<epoch>` after),
// of which only the current data key's opens (docs/SYNC.md).
import { unwrapCaseKey } from '../crypto';
import { type KeyDoc, ruleProblem, syncDocId } from './docs';
import type { PouchDatabase } from './pouch';

/** The case key wrapped under `dataKey`, from the replication database; throws if none opens. */
export async function caseKeyFromServer(
  local: PouchDatabase,
  dataKey: CryptoKey,
  caseId: string,
): Promise<{ key: CryptoKey; wrapped: { v: 1; iv: string; ct: string } } | null> {
  const prefix = syncDocId.caseKey(caseId);
  const found = await local.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}:\ufff0` });
  // Not fetched yet (it travels beside the steps): the caller waits for it.
  if (found.rows.length === 0) return null;
  for (const row of found.rows) {
    const doc = row.doc as unknown as KeyDoc | undefined;
    if (!doc || doc.of !== caseId || ruleProblem(doc as unknown as Record<string, unknown>)) continue;
    const wrapped = { v: 1 as const, iv: doc.iv, ct: doc.ct };
    try {
      return { key: await unwrapCaseKey(wrapped, dataKey, caseId), wrapped };
    } catch {
      // Another generation: wrapped under an earlier data key.
    }
  }
  throw new Error('No key of this case opens with this establishment’s key.');
}
