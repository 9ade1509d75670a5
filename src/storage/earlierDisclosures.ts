// Owns recording, once per device, the staff disclosures accepted before accepted disclosure ids were kept (issue 12 finding 7), so a re-import of one of them is refused too.
import { LOG_CHAIN_ID } from './chain/chain';
import { commit, readLogHead } from './chain/commit';
import { openCaseEvent, tolerantRow } from './chain/integrityParts';
import { prepareLogAppends, readLog } from './chain/log';
import { caseKeyFor } from './caseSteps';
import { db } from './db';
import { CaseRowSchema, Id } from './schemas';
import type { Session } from './keys/session';
import { decryptSummary } from './summary-index/summaryIndex';

type Earlier = { disclosureId: string; caseId: string; reference: string; sealedAt: string };

/** A staff disclosure's writer is `staff/<disclosure id>` (src/storage/inbox.ts): the id the sealed file carries. */
const STAFF_PREFIX = 'staff/';
const SEARCHED = 'earlier-disclosures-searched';

/**
 * At the unlock check, once: if the establishment log has no 'disclosure.accepted-earlier' entry
 * yet, every case's second event (where accepting a disclosure puts it, after the case was opened)
 * is read, and each staff disclosure whose id the log does not already keep is recorded, in one
 * log entry. When none are found, a clear meta row says the search was done (removed, it only runs
 * again). A case that does not open is left to the integrity check, which names it. Returns how
 * many were recorded, or null when this was done before.
 */
export async function recordEarlierAcceptedDisclosures(session: Session): Promise<number | null> {
  const log = await readLog(session);
  if (log.some((e) => e.type === 'disclosure.accepted-earlier')) return null;
  if (await db().meta.get(SEARCHED)) return null;
  const kept = new Set(log.flatMap((e) => (e.type === 'disclosure.accepted' ? [e.disclosureId] : [])));
  const d = db();
  const accepted: Earlier[] = [];
  for (const raw of await d.cases.toArray()) {
    const row = CaseRowSchema.safeParse(raw);
    if (!row.success || row.data.head.seq < 2) continue;
    try {
      const key = await caseKeyFor(session, row.data.id, row.data.caseKey);
      const stored = tolerantRow(await d.events.get([row.data.id, 2]));
      if (!stored) continue;
      const event = await openCaseEvent(key)(stored);
      // Only a disclosure accepted from the inbox has a writer named `staff/<disclosure id>`.
      if (event.type !== 'disclosure.recorded' || !event.actor.userId.startsWith(STAFF_PREFIX)) continue;
      const disclosureId = event.actor.userId.slice(STAFF_PREFIX.length);
      if (!Id.safeParse(disclosureId).success || kept.has(disclosureId)) continue;
      const summary = await decryptSummary(key, row.data);
      accepted.push({ disclosureId, caseId: row.data.id, reference: summary.reference, sealedAt: event.recordedAt });
    } catch {
      // Not readable: the integrity check names it; nothing to record from it.
    }
  }
  if (accepted.length === 0) {
    // Nothing to keep: a clear note that the search was done (the log stays free of empty entries).
    await d.meta.put({ key: SEARCHED, at: new Date().toISOString() });
    return 0;
  }
  await commit(session, async () => {
    const head = await readLogHead();
    const { appends } = await prepareLogAppends(session, head, [{ type: 'disclosure.accepted-earlier', accepted }]);
    return {
      plan: { appends, expect: [{ chain: LOG_CHAIN_ID, head: head.seq === 0 ? null : head }] },
      result: undefined,
    };
  });
  return accepted.length;
}
