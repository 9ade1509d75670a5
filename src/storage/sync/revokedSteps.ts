// Owns refusing the steps a revoked tablet makes after its revocation (docs/SYNC.md, "Revoking a
// tablet"; docs/SECURITY.md item 19): each revocation says how far each of that tablet's chains of a
// case had reached on the tablet that revoked it; a step of that tablet beyond that point is refused
// and named, never applied. The revocations are those this tablet recorded in its own establishment
// log (they outlive a rotation of the data key: revocations.ts) and the notices pulled that open
// under the data key it is on now.
import type { Session } from '../keys/session';
import type { PouchDatabase } from './pouch';
import { type Revocation, fromNotice, pulledNotices, recordedRevocations } from './revocations';

export type RevokedCut = { username: string; at: string; upTo: Map<string, number> };

/**
 * The revoked tablets by device. Several revocations of one tablet: the strictest holds, case by
 * case (a case one of them does not name takes none of its steps).
 */
export function cutsOf(all: readonly Revocation[]): Map<string, RevokedCut> {
  const byDevice = new Map<string, Revocation[]>();
  for (const r of all) byDevice.set(r.device, [...(byDevice.get(r.device) ?? []), r]);
  const out = new Map<string, RevokedCut>();
  for (const [device, list] of byDevice) {
    const first = [...list].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))[0]!;
    const maps = list.map((r) => new Map(r.cut.map((c) => [c.caseId, c.seq] as const)));
    const upTo = new Map<string, number>();
    for (const caseId of new Set(maps.flatMap((m) => [...m.keys()])))
      upTo.set(caseId, Math.min(...maps.map((m) => m.get(caseId) ?? 0)));
    out.set(device, { username: first.username, at: first.at, upTo });
  }
  return out;
}

const read = new WeakMap<object, Promise<Map<string, RevokedCut>>>();

/** The revoked tablets by device, read once per `check` (one check of a pull). */
export function revokedCuts(check: object, local: PouchDatabase, session: Session): Promise<Map<string, RevokedCut>> {
  let got = read.get(check);
  if (!got) {
    got = (async () => {
      const pulled = (await pulledNotices(local, session)).map((o) => fromNotice(o.record));
      return cutsOf([...(await recordedRevocations(session)), ...pulled]);
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
