// Owns what this tablet knows of the tablets revoked (docs/SYNC.md, "Revoking a tablet";
// docs/SECURITY.md item 19) across rotations of the data key (items 1 and 18). A revocation notice
// on the server is encrypted under the data key of its day, which a rotation on any tablet replaces;
// so every tablet also records each revocation in its own hash-chained establishment log
// ('tablet.revoked' when made here, 'tablet.revocation-noted' when seen in a notice), which every
// rotation encrypts again and a joining tablet starts from. Steps are refused from what is recorded
// as well as from the notices that open (revokedSteps.ts); and a revocation recorded here with no
// notice under the current data key is posted again under it, so a tablet that joins later, or one
// that reaches this key before it saw the notice, refuses the revoked tablet's later steps too.
import { readLogHead } from '../chain/commit';
import { type LogEntry, appendLog, readLog } from '../chain/log';
import type { TabletDoc } from './docs';
import { ReadOnlyTabError } from '../errors';
import { type Session, secretsOf } from '../keys/session';
import type { PouchDatabase } from './pouch';
import {
  type Opened,
  type RevokedRecord,
  type TabletRecord,
  localTabletDocs,
  openTabletDocs,
  revocations,
  tabletDoc,
} from './tabletRecords';

export type Revocation = {
  username: string;
  device: string;
  at: string;
  by: string;
  /** The tablet that revoked it; null when it was this one (its own 'tablet.revoked' entry). */
  byTablet: string | null;
  cut: { caseId: string; seq: number }[];
};

/** One revocation however often it was posted (under each data key, or from two tablets): its device and cut. */
export function revocationKey(r: Pick<Revocation, 'device' | 'cut'>): string {
  return `${r.device}|${r.cut
    .map((c) => `${c.caseId}:${c.seq}`)
    .sort()
    .join(',')}`;
}

export function fromNotice(record: RevokedRecord): Revocation {
  const { username, device, at, by, byTablet, cut } = record;
  return { username, device, at, by, byTablet, cut };
}

function fromLog(e: LogEntry): Revocation[] {
  if (e.type === 'tablet.revoked')
    return [{ username: e.tablet, device: e.device, at: e.occurredAt, by: e.actor.name, byTablet: null, cut: e.cut }];
  if (e.type === 'tablet.revocation-noted')
    return [{ username: e.tablet, device: e.device, at: e.revokedAt, by: e.by, byTablet: e.byTablet, cut: e.cut }];
  return [];
}

// The log is read (and chain-checked) again only when its head moves or the data key changes.
const recorded = new WeakMap<CryptoKey, { seq: number; digest: string; list: Revocation[] }>();

/** The revocations in this tablet's own establishment log (IntegrityError if the log was altered). */
export async function recordedRevocations(session: Session): Promise<Revocation[]> {
  const { dataKey } = secretsOf(session).keys;
  const head = await readLogHead();
  const have = recorded.get(dataKey);
  if (have && have.seq === head.seq && have.digest === head.digest) return have.list;
  const list = (await readLog(session)).flatMap(fromLog);
  recorded.set(dataKey, { seq: head.seq, digest: head.digest, list });
  return list;
}

/** The notices this tablet's replication database holds that open under the data key it is on now. */
export async function pulledNotices(local: PouchDatabase, session: Session): Promise<Opened<RevokedRecord>[]> {
  return revocations(await openTabletDocs(secretsOf(session).keys.dataKey, await localTabletDocs(local)));
}

/**
 * Records in this tablet's log each revocation among the pulled notices it has not recorded yet.
 * Run at every pull before a rotation made elsewhere is taken on, so a notice under the key about
 * to be replaced is kept. Returns how many were recorded.
 */
export async function noteRevocations(local: PouchDatabase, session: Session): Promise<number> {
  const notices = await pulledNotices(local, session);
  if (notices.length === 0) return 0;
  const known = new Set((await recordedRevocations(session)).map(revocationKey));
  const fresh = new Map<string, RevokedRecord>();
  for (const { record } of notices) {
    const key = revocationKey(record);
    if (!known.has(key) && !fresh.has(key)) fresh.set(key, record);
  }
  if (fresh.size === 0) return 0;
  try {
    await appendLog(
      session,
      [...fresh.values()].map((r) => ({
        type: 'tablet.revocation-noted' as const,
        tablet: r.username,
        device: r.device,
        revokedAt: r.at,
        by: r.by,
        byTablet: r.byTablet,
        cut: r.cut,
      })),
    );
  } catch (e) {
    // Another tab of this tablet is the one that writes: it records them at its own pull.
    if (e instanceof ReadOnlyTabError) return 0;
    throw e;
  }
  return fresh.size;
}

/**
 * The notices to post again under the data key this tablet is on: every revocation it has recorded
 * of which no notice among `pulled` opens under that key (after a rotation, on any tablet).
 * `thisTablet`: this tablet's server name, for the revocations made here.
 */
export async function noticesToCarry(
  session: Session,
  pulled: readonly Opened<RevokedRecord>[],
  thisTablet: string,
): Promise<TabletDoc[]> {
  const present = new Set(pulled.map((o) => revocationKey(o.record)));
  const out: TabletDoc[] = [];
  for (const r of await recordedRevocations(session)) {
    const key = revocationKey(r);
    if (present.has(key)) continue;
    present.add(key);
    const notice: TabletRecord = {
      v: 1,
      kind: 'revoked',
      username: r.username,
      device: r.device,
      at: r.at,
      by: r.by,
      byTablet: r.byTablet ?? thisTablet,
      cut: r.cut,
    };
    out.push(await tabletDoc(secretsOf(session).keys.dataKey, notice));
  }
  return out;
}
