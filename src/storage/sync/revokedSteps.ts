// Owns refusing the steps a revoked tablet makes after its revocation (docs/SYNC.md, "Revoking a
// tablet"): the revocation notices pulled from the server (tabletRecords.ts) say, per revoked
// tablet, how far each of its chains of a case had reached on the tablet that revoked it; a step
// of that tablet beyond that point is refused and named, never applied.
import { type Session, secretsOf } from '../keys/session';
import type { PouchDatabase } from './pouch';
import { localTabletDocs, openTabletDocs, revocations } from './tabletRecords';

export type RevokedCut = { username: string; at: string; upTo: Map<string, number> };

const read = new WeakMap<object, Promise<Map<string, RevokedCut>>>();

/** The revoked tablets by device, read once per `check` (one check of a pull). */
export function revokedCuts(check: object, local: PouchDatabase, session: Session): Promise<Map<string, RevokedCut>> {
  let got = read.get(check);
  if (!got) {
    got = (async () => {
      const opened = await openTabletDocs(secretsOf(session).keys.dataKey, await localTabletDocs(local));
      const out = new Map<string, RevokedCut>();
      for (const { record } of revocations(opened)) {
        const upTo = new Map(record.cut.map((c) => [c.caseId, c.seq] as const));
        const have = out.get(record.device);
        // Two notices of one tablet: the earlier cut holds (the fewer steps taken).
        if (have) for (const [caseId, seq] of upTo) have.upTo.set(caseId, Math.min(seq, have.upTo.get(caseId) ?? seq));
        else out.set(record.device, { username: record.username, at: record.at, upTo });
      }
      return out;
    })();
    read.set(check, got);
  }
  return got;
}

/** How far a step of `device` in `caseId` is still taken (Infinity: not revoked), and why not beyond. */
export function revokedLimit(
  cuts: Map<string, RevokedCut>,
  device: string,
  caseId: string,
): { upTo: number; reason: string } {
  const cut = cuts.get(device);
  if (!cut) return { upTo: Infinity, reason: '' };
  return {
    upTo: cut.upTo.get(caseId) ?? 0,
    reason: `It was recorded on tablet ${cut.username} after that tablet was revoked (${cut.at.slice(0, 10)}).`,
  };
}
