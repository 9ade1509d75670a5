// Owns the rotation of the data key (docs/SECURITY.md item 1): a new data key when a key holder is removed or a case destroyed, everything keyed by the old one re-keyed, in ONE transaction.
import { type CheckpointBody, LOG_CHAIN_ID, checkpointMac, deviceHeadMac } from '../chain/chain';
import { openCheckpointRow } from '../chain/checkpointRow';
import { rekeyedDeviceHead } from '../chain/deviceAnchor';
import { raiseHighWater } from '../chain/highWater';
import { quickVerify } from '../chain/quickVerify';
import { ConflictRetry, readDeviceHead, readLogHead, requireWriter, serialised } from '../chain/commit';
import { type KeyringRow, type LogRow, type TombstoneMetaRow, db } from '../db';
import { mapWriteError } from '../durability';
import { IntegrityError, StorageError, WriteConflictError } from '../errors';
import { type KeyringBinding, bindingEntry, checkRowMac, keyringBindingProblems, latestBinding } from './keyring';
import { type LogEntryDraft, prepareLogAppends } from '../chain/log';
import { CaseRowSchema, KeyringRowSchema, LogRowSchema, parseRow } from '../schemas';
import { type DestroyInRotation, destroyRows, withDisclosures } from './rotateDestroy';
import type { EncryptedRecord } from '../crypto';
import { Session, lock, rekey, secretsOf } from './session';
import { encryptTombstone } from '../chain/tombstones';
import { newKeys, reencryptLog, reencryptWith, rekeyDrafts, rekeyMeta, rewrapCaseKeys } from './rotateRecords';

export type RotationProgress = {
  phase: 'reading' | 'case-keys' | 'records' | 'chain' | 'writing' | 'done';
  done: number;
  total: number;
};
export type RotationResult = {
  /** Case keys wrapped again under the new data key. */
  caseKeys: number;
  /** Holders whose key could not be renewed (they had not unlocked since the upgrade): another manager sets them a new passphrase. */
  needsNewPassphrase: string[];
  /** True if the recovery key no longer opens anything (it was from before the upgrade): make a new one. */
  recoveryKeyLost: boolean;
};

export type RotationRequest = {
  /** Keyring rows to delete in the same transaction (a removed key holder). */
  remove?: string[];
  change: KeyringBinding['change'];
  /** Log entries written in the same step, before the keyring's new binding. */
  entries: LogEntryDraft[];
  /** A case destroyed in the same transaction (src/storage/destroy.ts): its 'case.destroyed' entry is in `entries`. */
  destroy?: DestroyInRotation;
  /** Taking on the data key of a rotation made on another tablet (src/storage/sync/follow.ts) instead of making one. */
  follow?: FollowInRotation;
};

export type { DestroyInRotation } from './rotateDestroy';
export type NewKeys = Awaited<ReturnType<typeof newKeys>>;

/**
 * Following a rotation made on another tablet (docs/SECURITY.md item 18): the new keys and keyring
 * come from the data key that rotation wrapped to the signed-in key holder; the cases it destroyed
 * are erased here in the same transaction (their 'case.destroyed' entries are in `entries`); and
 * what the other tablet already sent under the new key is used as it is, so that the same record
 * is the same document on the server whichever tablet sends it.
 */
export type FollowInRotation = {
  keys: (keyring: readonly KeyringRow[]) => Promise<NewKeys>;
  erase: { destroy: DestroyInRotation; row: TombstoneMetaRow }[];
  /** Ciphertexts under the new key by record id (log entries, tombstones), and case-key wraps by case id. */
  reuse: { records: Map<string, EncryptedRecord>; caseKeys: Map<string, EncryptedRecord> };
};

/**
 * Rotates the data key. Needs no passphrase: the new data key is wrapped to every remaining
 * holder's PUBLIC key. Before anything is written, everything the old key protects is checked
 * (every case key, every log entry, the device head over every write, the keyring's MACs and
 * binding, the checkpoint), so a rotation never launders tampering; then, in ONE read-write
 * transaction: every case key wrapped again, the log, tombstones, private keys, PDF signer, summary
 * index and drafts encrypted again, the settings and keyring MAC'd again, the device head carried
 * on from its last value under the new MAC key (an anchor the full check starts from, so the
 * event rows are not read) and a new checkpoint, under the new keys; a case destroyed in the same
 * step (request.destroy) goes in that same transaction. A tab killed half-way
 * leaves the old state whole (IndexedDB aborts the transaction). The session carries on under the
 * new keys. A holder who had not unlocked since the upgrade (a row that wraps the data key under
 * the passphrase itself) cannot be renewed without that passphrase: their row is kept without key
 * material, and another manager sets them a new passphrase.
 */
export async function rotateDataKey(
  session: Session,
  request: RotationRequest,
  onProgress: (p: RotationProgress) => void = () => {},
): Promise<RotationResult> {
  await requireWriter();
  onProgress({ phase: 'reading', done: 0, total: 1 });
  // The check at unlock first: the new checkpoint may vouch only for what was checked (docs/SECURITY.md item 8).
  // Its checkpoint is written only if the stored one lags the device head (every committed step
  // moves it on, so normally it does not): the rotation writes one itself, over the heads this check vouched for.
  const [device, stored] = await Promise.all([readDeviceHead(), db().heads.get('checkpoint')]);
  const cp = await openCheckpointRow(secretsOf(session).keys.macKey, stored);
  const current = cp !== null && cp !== 'forged' && cp.dseq === device.dseq && cp.deviceMac === device.mac;
  const verified = await quickVerify(session, { writeCheckpoint: !current });
  if (!verified.ok)
    throw new IntegrityError({
      ...verified.problems[0]!,
      message: `${verified.problems[0]!.message} Run the full check in Settings before changing who holds a key.`,
    });
  return serialised(async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await rotateOnce(session, request, onProgress);
      } catch (e) {
        if (e instanceof ConflictRetry) continue;
        if (e instanceof StorageError) throw e;
        throw mapWriteError(e);
      }
    }
    throw new WriteConflictError();
  });
}

async function rotateOnce(
  session: Session,
  request: RotationRequest,
  onProgress: (p: RotationProgress) => void,
): Promise<RotationResult> {
  const old = secretsOf(session).keys;
  const d = db();
  const doomed = [
    ...(request.destroy ? [request.destroy] : []),
    ...(request.follow?.erase ?? []).map((e) => e.destroy),
  ];
  const doomedIds = new Set(doomed.map((x) => x.caseId));
  onProgress({ phase: 'reading', done: 0, total: 1 });
  // No event rows are read: the device head is carried on from its last value (chain/deviceAnchor.ts).
  const read = await d.transaction('r', d.allTables(), async () => ({
    device: await readDeviceHead(d),
    logHead: await readLogHead(d),
    keyring: await d.keyring.toArray(),
    cases: await d.cases.toArray(),
    log: await d.log.orderBy('seq').toArray(),
    meta: await d.meta.toArray(),
    drafts: await d.drafts.toArray(),
    checkpoint: await d.heads.get('checkpoint'),
  }));

  // ---- check what the old key protects, before anything is re-keyed --------------------------
  const keyring = read.keyring.map((r) => parseRow(KeyringRowSchema, r, 'keyring entry'));
  for (const r of keyring) await checkRowMac(old.macKey, r);
  const bindingProblems = await keyringBindingProblems(old.dataKey);
  if (bindingProblems.length > 0) throw new IntegrityError(bindingProblems[0]!);
  // The key being replaced vouches for the new one to the other tablets still on it (docs/SECURITY.md item 18).
  const from = (await latestBinding(old.dataKey))?.epoch ?? null;
  const handover = from ? { from, macKey: old.macKey } : null;
  const logRows = read.log.map((r) => parseRow(LogRowSchema, r, 'establishment log entry'));
  // The checkpoint must vouch for exactly the stored device head (the check at unlock, run just
  // before, moved it on): the re-keyed head carries on from that value, and nothing else.
  const cp = await openCheckpointRow(old.macKey, read.checkpoint);
  if (cp === 'forged' || cp === null || cp.dseq !== read.device.dseq || cp.deviceMac !== read.device.mac) {
    throw new IntegrityError({
      scope: 'checkpoint',
      kind: cp === 'forged' ? 'edited' : 'rolled-back',
      message:
        'The last integrity checkpoint does not match the records. Run the full check in Settings before changing who holds a key.',
    });
  }
  const cases = read.cases.map((r) => parseRow(CaseRowSchema, r, 'case'));
  for (const x of doomed) {
    const row = cases.find((c) => c.id === x.caseId);
    if (!row || row.head.seq !== x.head.seq || row.head.digest !== x.head.digest) throw new ConflictRetry();
  }
  const kept = cases.filter((c) => !doomedIds.has(c.id));

  // ---- the new data key (made here, or taken on from another tablet's rotation) -------------------
  const { next, epoch, newKeyring, needsNewPassphrase, recoveryKeyLost } = request.follow
    ? await request.follow.keys(keyring)
    : await newKeys(keyring, request.remove ?? []);
  const reuse = request.follow?.reuse ?? null;

  // ---- case keys, then records under the data key ---------------------------------------------
  // Both at once: the platform's crypto runs beside the page's own work.
  onProgress({ phase: 'case-keys', done: 0, total: kept.length });
  const reencrypt = reencryptWith(old, next, reuse?.records);
  const doomedDrafts = new Set(doomed.flatMap((x) => x.drafts));
  const [newCases, newLog, { meta, dropIndex }, drafts, tombstoneRow] = await Promise.all([
    rewrapCaseKeys(
      kept,
      old,
      next,
      (done) => {
        onProgress({ phase: 'case-keys', done, total: kept.length });
        if (done === kept.length) onProgress({ phase: 'records', done: 0, total: 1 });
      },
      reuse?.caseKeys,
    ),
    reencryptLog(logRows, reencrypt),
    rekeyMeta(read.meta, old, next, reencrypt, [...doomedIds]),
    rekeyDrafts(
      read.drafts.filter((r) => !doomedDrafts.has((r as { id: string }).id)),
      keyring,
      old,
      next,
    ),
    request.destroy ? encryptTombstone(next.dataKey, request.destroy.tombstone) : null,
  ]);
  if (tombstoneRow) meta.push(withDisclosures(tombstoneRow, request.destroy?.disclosures));
  for (const e of request.follow?.erase ?? []) meta.push(withDisclosures(e.row, e.destroy.disclosures));

  // ---- the log entries of this step, the device head and the checkpoint under the new keys -----
  onProgress({ phase: 'chain', done: 0, total: 1 });
  const temp = new Session(session.user, next);
  let appends;
  try {
    const entries = [
      ...request.entries,
      await bindingEntry(newKeyring, request.change, epoch, { caseKeys: newCases.length }, handover),
    ];
    appends = (await prepareLogAppends(temp, read.logHead, entries, session.actor)).appends;
  } finally {
    lock(temp);
  }
  const rekeyed = await rekeyedDeviceHead(next.macKey, read.device);
  let mac = rekeyed.head.mac;
  for (const a of appends) mac = await deviceHeadMac(next.macKey, mac, LOG_CHAIN_ID, a.seq, a.digest);
  const device = { dseq: read.device.dseq + appends.length, mac };
  const newLogRows: LogRow[] = appends.map((a, i) => ({
    seq: a.seq,
    eventId: a.eventId,
    dseq: read.device.dseq + i + 1,
    enc: a.enc,
    digest: a.digest,
  }));
  const lastLog = appends[appends.length - 1]!;
  // A destroyed case keeps its final head in the checkpoint (it is already there: nothing was appended to it).
  const heads: [string, number, string][] = [
    ...cp.heads.filter(([id]) => id !== LOG_CHAIN_ID),
    [LOG_CHAIN_ID, lastLog.seq, lastLog.digest] as [string, number, string],
  ];
  heads.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const cpBody: CheckpointBody = { dseq: device.dseq, deviceMac: device.mac, heads };
  const checkpoint = {
    id: 'checkpoint' as const,
    ...cpBody,
    at: new Date().toISOString(),
    mac: await checkpointMac(next.macKey, cpBody),
  };

  // ---- one transaction ----------------------------------------------------------------------
  onProgress({ phase: 'writing', done: 0, total: 1 });
  await d.transaction('rw', d.allTables(), async () => {
    const now = await readDeviceHead(d);
    if (now.dseq !== read.device.dseq || now.mac !== read.device.mac) throw new ConflictRetry();
    const ring = await d.keyring.toArray();
    if (ring.length !== keyring.length || ring.some((r, i) => (r as KeyringRow).mac !== keyring[i]!.mac))
      throw new ConflictRetry();
    if ((await d.meta.count()) !== read.meta.length || (await d.drafts.count()) !== read.drafts.length)
      throw new ConflictRetry();
    for (const x of doomed) await destroyRows(d, x);
    await d.keyring.clear();
    await d.keyring.bulkPut(newKeyring);
    await d.cases.bulkPut(newCases);
    await d.log.bulkPut(newLog);
    await d.log.bulkAdd(newLogRows);
    await d.heads.bulkPut([
      { id: 'log', seq: lastLog.seq, digest: lastLog.digest },
      { id: 'device', dseq: device.dseq, mac: device.mac },
      checkpoint,
      rekeyed.anchor,
    ]);
    if (dropIndex.length > 0) await d.meta.bulkDelete(dropIndex);
    await d.meta.bulkPut(meta);
    await d.drafts.clear();
    if (drafts.length > 0) await d.drafts.bulkPut(drafts);
  });
  rekey(session, next);
  for (const id of doomedIds) secretsOf(session).caseKeys.delete(id);
  await raiseHighWater(next.macKey, device);
  onProgress({ phase: 'done', done: 1, total: 1 });
  return { caseKeys: newCases.length, needsNewPassphrase, recoveryKeyLost };
}
