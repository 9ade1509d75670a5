// Owns following, on this tablet, what changed among the key holders and settings on another
// tablet WITHOUT a rotation of the data key (docs/SYNC.md, "Key holders and settings changed on
// another tablet"): a key holder added, a passphrase reset or changed, the establishment's
// settings. Each tablet sends a new copy (`estab`, directory.ts) whenever any of it changes. Here,
// at each pull while a key holder is signed in (the rows' MACs and this tablet's log entry need
// the data key, which only a key holder's passphrase opens: nothing can be taken on while locked),
// the newest copy of each other tablet's log under the data key this tablet is on is checked as a
// rotation's is (snapshotCheck.ts: MACs, the log walked as a chain to the copy's head, its latest
// binding listing exactly the rows), and what is newer there is taken on (followApply.ts). A copy
// that an already walked or already taken copy of the same log passes through is older and is
// passed over, whenever it was written: a tablet that joined sends a copy of the log as it was
// when it joined, which can reach the server after a newer one, and an older copy replayed changes
// nothing either (which version is newer is read from the logs, holderVersions.ts).
import { readLog } from '../chain/log';
import { readLogHead } from '../chain/commit';
import type { ChainHead } from '../schemas';
import { type YpsiDatabase, db } from '../db';
import { StorageError } from '../errors';
import { latestBinding } from '../keys/keyring';
import { type Session, secretsOf } from '../keys/session';
import type { Refusal } from './applyEvents';
import { readSyncServer } from './config';
import { type EstabSnapshot, openSnapshots, snapshotEpoch } from './directory';
import { type EstabDoc, ruleProblem } from './docs';
import { type ChangeTaken, applySnapshot } from './followApply';
import { historyOf } from './holderVersions';
import { logChainTo } from './logChain';
import type { PouchDatabase } from './pouch';
import { checkSnapshot, logDocsOf } from './snapshotCheck';

export type ChangeReport = {
  /** Each copy taken on in this pull (added, replaced, kept, settings). */
  changed: ChangeTaken[];
  waiting: string;
  signedOut?: boolean;
  refused: Refusal[];
};

const LABEL = 'a copy of the key holders and settings';

/** Pulls whose copies all proved to hold nothing new, by database, data key, log head and copies: not looked at again. */
const quiet = new Map<string, string>();

/** Takes on, from the other tablets' copies on the server, what changed there under this tablet's data key. */
export async function followChanges(
  local: PouchDatabase,
  session: Session,
  d: YpsiDatabase = db(),
): Promise<ChangeReport> {
  const report: ChangeReport = { changed: [], waiting: '', refused: [] };
  const { keys } = secretsOf(session);
  const server = await readSyncServer(session);
  const epoch = (await latestBinding(keys.dataKey))?.epoch;
  if (!server?.directoryKey || !epoch) return report;
  const all = await local.allDocs({ include_docs: true, startkey: 'estab:', endkey: 'estab:\ufff0' });
  const docs = all.rows
    .map((r) => r.doc)
    .filter((doc): doc is NonNullable<typeof doc> => !!doc && !doc._conflicts?.length && !ruleProblem(doc))
    .map((doc) => doc as unknown as EstabDoc);
  // This tablet's own log, by position: a copy whose head is on it holds nothing this tablet has not had.
  const mine = new Map(
    (await d.log.toArray()).map((r) => [(r as { seq: number }).seq, (r as { digest: string }).digest]),
  );
  const candidates = (await openSnapshots(server.directoryKey, docs))
    .filter(
      (s) => snapshotEpoch(s.snapshot) === epoch && mine.get(s.snapshot.logHead.seq) !== s.snapshot.logHead.digest,
    )
    .sort((a, b) => b.snapshot.logHead.seq - a.snapshot.logHead.seq || (a.snapshot.at < b.snapshot.at ? 1 : -1));
  if (candidates.length === 0) return report;
  const ids = candidates.map((c) => c.docId).sort();
  const quietKey = (head: ChainHead) => [epoch, head.seq, head.digest, ...ids].join('\n');
  if (quiet.get(d.name) === quietKey(await readLogHead(d))) return report;

  let ownLog = await readLog(session);
  let own = historyOf(ownLog);
  const logDocs = await logDocsOf(local, epoch);
  // Logs walked so far (each copy's, and each head taken from before): digests by position, and when the copy was written.
  const walked: { digests: string[]; at: string }[] = [];
  const taken = new Set<string>();
  const olderThanWalked = (s: EstabSnapshot) =>
    walked.find((w) => w.digests.length > s.logHead.seq - 1 && w.digests[s.logHead.seq - 1] === s.logHead.digest);
  for (const { docId, snapshot } of candidates) {
    let over = olderThanWalked(snapshot);
    if (!over) over = await olderThanTaken(snapshot, ownLog, logDocs, keys.dataKey, walked, taken);
    // Older than a copy already checked or taken: it holds nothing newer, so it changes nothing.
    if (over) continue;
    const checked = await checkSnapshot(logDocs, snapshot, keys, epoch);
    if ('refused' in checked) {
      report.refused.push({ docId, label: LABEL, reason: checked.refused });
      continue;
    }
    if ('wait' in checked) {
      report.waiting ||= `Key holders or settings were changed on another tablet; ${checked.wait}`;
      continue;
    }
    let done: Awaited<ReturnType<typeof applySnapshot>>;
    try {
      done = await applySnapshot(session, snapshot, epoch, own, historyOf(checked.log.entries), d);
    } catch (e) {
      if (!(e instanceof StorageError)) throw e;
      report.waiting ||= `Key holders or settings were changed on another tablet: ${e.message}`;
      continue;
    }
    if ('refused' in done) {
      report.refused.push({ docId, label: LABEL, reason: done.refused });
      continue;
    }
    // Copies this one's log passes through are older than it (only a copy that checked out vouches so).
    walked.push({ digests: checked.log.docs.map((x) => x.digest), at: snapshot.at });
    if (!done.taken) continue;
    report.changed.push(done.taken);
    if (done.signedOut) {
      report.signedOut = true;
      report.waiting = `${session.user.name || 'The person signed in'}’s passphrase was set again on another tablet: they are signed out here, and sign in again with the new one.`;
      return report;
    }
    ownLog = await readLog(session);
    own = historyOf(ownLog);
  }
  // Every copy looked at, and what was newer taken on: the same copies hold nothing new at this log head.
  if (!report.waiting) quiet.set(d.name, quietKey(await readLogHead(d)));
  return report;
}

/**
 * The log of a copy this tablet took on before (its `establishment.followed` entries name the
 * head), when `s`'s head is on it: `s` is then older than what was taken.
 */
async function olderThanTaken(
  s: EstabSnapshot,
  ownLog: Awaited<ReturnType<typeof readLog>>,
  logDocs: Parameters<typeof logChainTo>[0],
  dataKey: CryptoKey,
  walked: { digests: string[]; at: string }[],
  taken: Set<string>,
): Promise<{ digests: string[]; at: string } | undefined> {
  for (const e of ownLog) {
    if (e.type !== 'establishment.followed' || e.from.seq <= s.logHead.seq) continue;
    const key = headKey(e.from);
    if (taken.has(key)) continue;
    taken.add(key);
    const chain = await logChainTo(logDocs, e.from, dataKey);
    if (!chain) continue;
    const w = { digests: chain.docs.map((x) => x.digest), at: e.at };
    walked.push(w);
    if (w.digests[s.logHead.seq - 1] === s.logHead.digest) return w;
  }
  return undefined;
}

const headKey = (h: ChainHead) => `${h.seq}:${h.digest}`;
