// Owns finding, among the records pulled from the sync server, a newer generation of the data key
// made by a rotation on another tablet (a key holder removed, a case destroyed), and checking it
// before this tablet takes it on (docs/SYNC.md, docs/SECURITY.md item 18). A generation is followed
// only if the signed-in key holder's own private key opens their wrap of it, every key holder's
// row and the settings carry valid MACs under it, its establishment log walks as a hash chain from
// the first entry to the head its copy of the key holders names, that log's latest keyring binding
// lists exactly those rows, and the binding that brought the new key in carries a handover MAC'd
// under the key this tablet is on (only a holder of that key could make it): an older generation
// offered again (a rollback), one made apart from this tablet's own, or one made by anyone without
// the current key (the server, someone who read an enrolment code) never is.
import {
  type EstablishmentKeys,
  type WrappedDataKey,
  deriveEstablishmentKeys,
  openDataKeyBytes,
  zeroize,
} from '../crypto';
import { type LogEntry, readLog } from '../chain/log';
import { type KeyringBinding, handoverValid, latestBinding } from '../keys/keyring';
import { type Session, secretsOf } from '../keys/session';
import { HolderKeyringRowSchema } from '../schemas';
import { readSyncServer } from './config';
import { type EstabSnapshot, openSnapshots, snapshotEpoch } from './directory';
import { type EstabDoc, ruleProblem } from './docs';
import type { LogChain } from './logChain';
import { checkSnapshot, logDocsOf } from './snapshotCheck';
import type { PouchDatabase } from './pouch';
import type { Refusal } from './applyEvents';

export type Generation = {
  epoch: string;
  docId: string;
  snapshot: EstabSnapshot;
  /** The new data key's bytes, to wrap it to this tablet's key holders: the caller zeroizes them. */
  root: Uint8Array;
  keys: EstablishmentKeys;
  /** The other tablet's establishment log under the new key, checked as a chain to the snapshot's head. */
  log: LogChain;
};

export type GenerationFound =
  | { kind: 'none'; refused?: undefined }
  | { kind: 'follow'; generation: Generation; refused: Refusal[] }
  /** A newer generation is on the server but cannot be followed yet (why, for the status line). */
  | { kind: 'wait'; reason: string; refused: Refusal[] }
  /** The signed-in key holder was removed by a rotation vouched for by this tablet's own key (the handover in its copy). */
  | { kind: 'removed'; refused: Refusal[] };

const LABEL = 'a copy of the key holders and settings';

async function docsOf<T>(local: PouchDatabase, prefix: string): Promise<T[]> {
  const all = await local.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
  return all.rows
    .map((r) => r.doc)
    .filter((doc): doc is NonNullable<typeof doc> => !!doc && !doc._conflicts?.length && !ruleProblem(doc))
    .map((doc) => doc as unknown as T);
}

/** The binding that brought this tablet's current data key in, if a rotation did (for its copy of the key holders). */
export async function currentHandover(session: Session): Promise<EstabSnapshot['handover']> {
  const log = await readLog(session);
  const current = log.filter((e) => e.type === 'keyring.bound').at(-1);
  if (!current || current.type !== 'keyring.bound') return undefined;
  const intro = log.find((e) => e.type === 'keyring.bound' && e.epoch === current.epoch);
  if (!intro || intro.type !== 'keyring.bound' || !intro.handover) return undefined;
  return { ...intro.handover, epoch: intro.epoch, rows: intro.rows.map(([id, dg]) => [id!, dg!] as [string, string]) };
}

/** When this tablet left each data key it was on (the time of the binding that replaced it), from its own log. */
function pastEpochs(log: readonly LogEntry[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  let current: string | null = null;
  for (const e of log) {
    if (e.type !== 'keyring.bound' || e.epoch === current) continue;
    if (current !== null) out.set(current, e.recordedAt);
    current = e.epoch;
    out.set(current, null);
  }
  return out;
}

/**
 * The newest generation of the data key this tablet can follow, if any. Records of generations
 * this tablet has left are history (they stay on the server, append-only) unless written after it
 * left them: then they are refused and named, as an older key offered again.
 */
export async function findGeneration(local: PouchDatabase, session: Session): Promise<GenerationFound> {
  const { keys, holderKey } = secretsOf(session);
  const server = await readSyncServer(session);
  if (!server?.directoryKey) return { kind: 'none' };
  const current = (await latestBinding(keys.dataKey))?.epoch ?? null;
  // A device never bound to the log (from before public-key wrapping) binds at its first unlock: nothing to follow from.
  if (!current) return { kind: 'none' };
  const others = (await openSnapshots(server.directoryKey, await docsOf<EstabDoc>(local, 'estab:'))).filter((s) => {
    const epoch = snapshotEpoch(s.snapshot);
    return epoch !== null && epoch !== current;
  });
  // Every copy is of this tablet's key (the usual case): nothing more to read.
  if (others.length === 0) return { kind: 'none' };
  const past = pastEpochs(await readLog(session));
  const refused: Refusal[] = [];
  const newest = new Map<string, { docId: string; snapshot: EstabSnapshot }>();
  for (const s of others) {
    const epoch = snapshotEpoch(s.snapshot)!;
    if (past.has(epoch)) {
      const left = past.get(epoch);
      if (left && s.snapshot.at > left)
        refused.push({
          docId: s.docId,
          label: LABEL,
          reason: `It is under a data key this tablet replaced on ${left.slice(0, 10)}, written after that: an older key offered again (by a tablet that has not synced since, or by someone replaying an old copy). Not used: this tablet stays on its current key.`,
        });
      continue;
    }
    const best = newest.get(epoch);
    if (!best || s.snapshot.logHead.seq > best.snapshot.logHead.seq) newest.set(epoch, s);
  }
  if (newest.size === 0) return refused.length > 0 ? { kind: 'wait', reason: '', refused } : { kind: 'none' };
  if (!holderKey)
    return {
      kind: 'wait',
      reason:
        'The records’ key was renewed on another tablet: a key holder unlocks with their passphrase to take it on here.',
      refused,
    };
  let wait = '';
  for (const candidate of [...newest.values()].sort((a, b) => b.snapshot.logHead.seq - a.snapshot.logHead.seq)) {
    const checked = await checkGeneration(local, session.user.userId, holderKey, candidate, {
      epoch: current,
      macKey: keys.macKey,
      past,
    });
    if ('generation' in checked) return { kind: 'follow', generation: checked.generation, refused };
    if ('removed' in checked) return { kind: 'removed', refused };
    if ('refused' in checked) refused.push({ docId: candidate.docId, label: LABEL, reason: checked.refused });
    else wait ||= checked.wait;
  }
  return { kind: 'wait', reason: wait, refused };
}

async function checkGeneration(
  local: PouchDatabase,
  userId: string,
  holderKey: CryptoKey,
  { docId, snapshot }: { docId: string; snapshot: EstabSnapshot },
  current: { epoch: string; macKey: CryptoKey; past: ReadonlyMap<string, string | null> },
): Promise<{ generation: Generation } | { refused: string } | { wait: string } | { removed: true }> {
  const epoch = snapshotEpoch(snapshot)!;
  const mine = HolderKeyringRowSchema.safeParse(snapshot.keyring.find((r) => r.userId === userId));
  if (!mine.success || !mine.data.dataKey) {
    // Removed there? The copy's handover, MAC'd under this tablet's own key, says so without the new key.
    const h = snapshot.handover;
    const binding = { epoch, rows: h?.rows ?? [], handover: h && { from: h.from, mac: h.mac } } as KeyringBinding;
    if (
      h &&
      h.epoch === epoch &&
      h.from === current.epoch &&
      !h.rows.some(([id]) => id === userId) &&
      (await handoverValid(current.macKey, h.from, binding))
    )
      return { removed: true };
    return {
      wait: 'The records’ key was renewed on another tablet, and the person signed in here is not a key holder under it: another key holder unlocks to take it on.',
    };
  }
  let root: Uint8Array;
  try {
    root = await openDataKeyBytes(mine.data.dataKey as WrappedDataKey, holderKey, userId);
  } catch {
    return {
      wait: 'The records’ key was renewed on another tablet, and it does not open with the key of the person signed in here (their passphrase was set again there?): another key holder unlocks to take it on.',
    };
  }
  const fail = (reason: string) => {
    zeroize(root);
    return { refused: reason };
  };
  const keys = await deriveEstablishmentKeys(root);
  const checked = await checkSnapshot(await logDocsOf(local, epoch), snapshot, keys, epoch);
  if ('refused' in checked) return fail(checked.refused);
  if ('wait' in checked) {
    zeroize(root);
    return { wait: `The records’ key was renewed on another tablet; ${checked.wait}` };
  }
  const { log } = checked;
  const bindings = log.entries.filter((e) => e.type === 'keyring.bound');
  // Bound to the hash-chained log: the binding that brought this key in carries a proof, MAC'd under
  // the key it replaced, that a holder of that key made it; it must be the key this tablet is on.
  const intro = bindings.find((e) => e.epoch === epoch)!;
  const from = intro.type === 'keyring.bound' ? intro.handover?.from : undefined;
  if (!from) return fail('It carries no proof that a holder of the data key before it made it: not used.');
  if (from !== current.epoch) {
    if (current.past.has(from))
      return fail(
        'It replaces a data key this tablet has already left: an older key offered again, or the key holders were changed on two tablets that could not see each other. Not used: this tablet stays on its current key. Ask IT, and join one of the tablets again if it persists.',
      );
    zeroize(root);
    return {
      wait: 'The records’ key was renewed more than once on another tablet; the keys between are still arriving.',
    };
  }
  if (intro.type !== 'keyring.bound' || !(await handoverValid(current.macKey, from, intro)))
    return fail('Its proof that a holder of this tablet’s data key made it does not check out: not used.');
  return { generation: { epoch, docId, snapshot, root, keys, log } };
}
