// Owns the rotation of the data key (docs/SECURITY.md item 1): a new data key when a key holder is removed or a case destroyed, everything keyed by the old one re-keyed, in ONE transaction.
import {
  type EncryptedRecord,
  type EstablishmentKeys,
  decryptJson,
  deriveEstablishmentKeys,
  encryptJson,
  generateRootSecret,
  unwrapCaseKey,
  wrapCaseKey,
  wrapDataKeyTo,
  zeroize,
} from '../crypto';
import {
  type CheckpointBody,
  GENESIS,
  LOG_CHAIN_ID,
  checkpointMac,
  deviceHeadMac,
  newId,
  recordId,
} from '../chain/chain';
import { openCheckpointRow } from '../chain/checkpointRow';
import { raiseHighWater } from '../chain/highWater';
import { quickVerify } from '../chain/integrity';
import { ConflictRetry, readDeviceHead, readLogHead, requireWriter, serialised } from '../chain/commit';
import { type CaseRow, type KeyringRow, type LogRow, type MetaRow, db } from '../db';
import { draftIdWith, unwrapDraft } from '../drafts';
import { mapWriteError } from '../durability';
import { IntegrityError, StorageError, WriteConflictError } from '../errors';
import { checkDeviceChain } from '../chain/integrityParts';
import {
  type KeyringBinding,
  bindingEntry,
  checkRowMac,
  isLegacyRow,
  keyringBindingProblems,
  userRow,
} from './keyring';
import { type LogEntryDraft, prepareLogAppends } from '../chain/log';
import { rekeyedSignerRow } from './pdfSigner';
import { SYNC_SERVER_META } from '../sync/config';
import {
  PublicEcJwkSchema,
  CaseRowSchema,
  DraftRowSchema,
  EncryptedRecordSchema,
  KeyringRowSchema,
  LogRowSchema,
  SummaryIndexHeadSchema,
  parseRow,
} from '../schemas';
import { Session, lock, rekey, secretsOf } from './session';
import { settingsRow } from '../settings';
import { STAMP_KEY, bucketKey } from '../summary-index/summaryIndex';

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
};

const BATCH = 250;

/**
 * Rotates the data key. Needs no passphrase: the new data key is wrapped to every remaining
 * holder's PUBLIC key. Before anything is written, everything the old key protects is checked
 * (every case key, every log entry, the device head over every write, the keyring's MACs and
 * binding, the checkpoint), so a rotation never launders tampering; then, in ONE read-write
 * transaction: every case key wrapped again, the log, tombstones, private keys, PDF signer, summary
 * index and drafts encrypted again, the settings and keyring MAC'd again, the device head
 * recomputed from the first write and a new checkpoint, under the new keys. A tab killed half-way
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
  const verified = await quickVerify(session);
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
  onProgress({ phase: 'reading', done: 0, total: 1 });
  const read = await d.transaction('r', d.allTables(), async () => {
    const tuples: { dseq: number; chain: string; seq: number; digest: string }[] = [];
    await d.events.each((r) => {
      const e = r as unknown as { caseId: string; seq: number; dseq: number; digest: string };
      tuples.push({ dseq: e.dseq, chain: e.caseId, seq: e.seq, digest: e.digest });
    });
    return {
      device: await readDeviceHead(d),
      logHead: await readLogHead(d),
      keyring: await d.keyring.toArray(),
      cases: await d.cases.toArray(),
      log: await d.log.orderBy('seq').toArray(),
      meta: await d.meta.toArray(),
      drafts: await d.drafts.toArray(),
      checkpoint: await d.heads.get('checkpoint'),
      tuples,
    };
  });

  // ---- check what the old key protects, before anything is re-keyed --------------------------
  const keyring = read.keyring.map((r) => parseRow(KeyringRowSchema, r, 'keyring entry'));
  for (const r of keyring) await checkRowMac(old.macKey, r);
  const bindingProblems = await keyringBindingProblems(old.dataKey);
  if (bindingProblems.length > 0) throw new IntegrityError(bindingProblems[0]!);
  const logRows = read.log.map((r) => parseRow(LogRowSchema, r, 'establishment log entry'));
  const deviceTuples = [
    ...read.tuples,
    ...logRows.map((l) => ({ dseq: l.dseq, chain: LOG_CHAIN_ID, seq: l.seq, digest: l.digest })),
  ].sort((a, b) => a.dseq - b.dseq);
  // The device head over every write, checked under the old key alongside the new key's (below): two HMAC chains at once.
  const oldChain = checkDeviceChain(session, { dseq: 0, mac: GENESIS }, deviceTuples, read.device);
  oldChain.catch(() => undefined);
  // The checkpoint must vouch for exactly the stored device head (the check above advanced it): the
  // new one is that one, under the new key, with the log's new head.
  const cp = await openCheckpointRow(old.macKey, read.checkpoint);
  if (cp === 'forged' || cp === null || cp.dseq !== read.device.dseq || cp.deviceMac !== read.device.mac) {
    throw new IntegrityError({
      scope: 'checkpoint',
      kind: cp === 'forged' ? 'edited' : 'rolled-back',
      message:
        'The last integrity checkpoint does not match the records. Run the full check in Settings before changing who holds a key.',
    });
  }

  // ---- the new data key ---------------------------------------------------------------------
  const root = generateRootSecret();
  const epoch = newId();
  let next: EstablishmentKeys;
  const needsNewPassphrase: string[] = [];
  let recoveryKeyLost = false;
  const newKeyring: KeyringRow[] = [];
  try {
    next = await deriveEstablishmentKeys(root);
    for (const r of keyring) {
      if (request.remove?.includes(r.userId)) continue;
      const fields = { userId: r.userId, kind: r.kind, role: r.role, displayName: r.displayName };
      if (!isLegacyRow(r) && r.holder) {
        const dataKey = await wrapDataKeyTo(root, r.holder.publicJwk, r.userId, epoch);
        newKeyring.push(
          await userRow(
            next.macKey,
            { ...fields, holder: r.holder, dataKey: { ...dataKey, epk: PublicEcJwkSchema.parse(dataKey.epk) } },
            r.createdAt,
          ),
        );
      } else {
        if (r.kind === 'recovery') recoveryKeyLost = true;
        else needsNewPassphrase.push(r.displayName ?? r.userId);
        newKeyring.push(await userRow(next.macKey, { ...fields, holder: null, dataKey: null }, r.createdAt));
      }
    }
  } finally {
    zeroize(root);
  }

  // ---- case keys ------------------------------------------------------------------------------
  const cases = read.cases.map((r) => parseRow(CaseRowSchema, r, 'case'));
  const newCases: CaseRow[] = [];
  onProgress({ phase: 'case-keys', done: 0, total: cases.length });
  for (let i = 0; i < cases.length; i += BATCH) {
    const batch = cases.slice(i, i + BATCH);
    newCases.push(
      ...(await Promise.all(
        batch.map(async (c) => {
          let key: CryptoKey;
          try {
            key = await unwrapCaseKey(c.caseKey, old.dataKey, c.id, { extractable: true });
          } catch {
            throw new IntegrityError({
              scope: 'case',
              kind: 'edited',
              caseId: c.id,
              message: `The key of case ${c.id.slice(0, 8)} has been altered: run the full check in Settings before changing who holds a key.`,
            });
          }
          return { ...c, caseKey: await wrapCaseKey(key, next.dataKey, c.id) };
        }),
      )),
    );
    onProgress({ phase: 'case-keys', done: Math.min(i + BATCH, cases.length), total: cases.length });
  }

  // ---- records under the data key -------------------------------------------------------------
  onProgress({ phase: 'records', done: 0, total: logRows.length });
  const reencrypt = async (id: string, enc: unknown, what: string): Promise<EncryptedRecord> => {
    let value: unknown;
    try {
      value = await decryptJson(old.dataKey, id, EncryptedRecordSchema.parse(enc));
    } catch {
      throw new IntegrityError({
        scope: 'establishment-log',
        kind: 'edited',
        message: `${what} has been altered: run the full check in Settings before changing who holds a key.`,
      });
    }
    return encryptJson(next.dataKey, id, value);
  };
  const newLog: LogRow[] = await Promise.all(
    logRows.map(async (l) => ({
      ...l,
      enc: await reencrypt(recordId.log(l.eventId), l.enc, `Establishment log entry ${l.seq}`),
    })),
  );
  const { meta, dropIndex } = await rekeyMeta(read.meta, old, next, reencrypt);
  const drafts = await rekeyDrafts(read.drafts, keyring, old, next);

  // ---- the log entries of this step, the device head and the checkpoint under the new keys -----
  const temp = new Session(session.user, next);
  let appends;
  try {
    const entries = [
      ...request.entries,
      await bindingEntry(newKeyring, request.change, epoch, { caseKeys: newCases.length }),
    ];
    appends = (await prepareLogAppends(temp, read.logHead, entries, session.actor)).appends;
  } finally {
    lock(temp);
  }
  const all = [
    ...deviceTuples,
    ...appends.map((a, i) => ({ dseq: read.device.dseq + i + 1, chain: LOG_CHAIN_ID, seq: a.seq, digest: a.digest })),
  ];
  onProgress({ phase: 'chain', done: 0, total: all.length });
  let mac = GENESIS;
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    mac = await deviceHeadMac(next.macKey, mac, t.chain, t.seq, t.digest);
    if (i % 2000 === 1999) onProgress({ phase: 'chain', done: i + 1, total: all.length });
  }
  const deviceProblem = await oldChain;
  if (deviceProblem)
    throw new IntegrityError({
      ...deviceProblem,
      message: `${deviceProblem.message} Run the full check in Settings before changing who holds a key.`,
    });
  const device = { dseq: read.device.dseq + appends.length, mac };
  const newLogRows: LogRow[] = appends.map((a, i) => ({
    seq: a.seq,
    eventId: a.eventId,
    dseq: read.device.dseq + i + 1,
    enc: a.enc,
    digest: a.digest,
  }));
  const lastLog = appends[appends.length - 1]!;
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
    await d.keyring.clear();
    await d.keyring.bulkPut(newKeyring);
    await d.cases.bulkPut(newCases);
    await d.log.bulkPut(newLog);
    await d.log.bulkAdd(newLogRows);
    await d.heads.bulkPut([
      { id: 'log', seq: lastLog.seq, digest: lastLog.digest },
      { id: 'device', dseq: device.dseq, mac: device.mac },
      checkpoint,
    ]);
    if (dropIndex.length > 0) await d.meta.bulkDelete(dropIndex);
    await d.meta.bulkPut(meta);
    await d.drafts.clear();
    if (drafts.length > 0) await d.drafts.bulkPut(drafts);
  });
  rekey(session, next);
  await raiseHighWater(next.macKey, device);
  onProgress({ phase: 'done', done: 1, total: 1 });
  return { caseKeys: newCases.length, needsNewPassphrase, recoveryKeyLost };
}

/** The meta rows keyed by the data key, re-keyed; unknown keyed rows refuse the rotation (nothing may stay under the old key). */
async function rekeyMeta(
  rows: readonly MetaRow[],
  old: EstablishmentKeys,
  next: EstablishmentKeys,
  reencrypt: (id: string, enc: unknown, what: string) => Promise<EncryptedRecord>,
): Promise<{ meta: MetaRow[]; dropIndex: string[] }> {
  const out: MetaRow[] = [];
  const byKey = new Map(rows.map((r) => [String(r.key), r as unknown as Record<string, unknown>]));
  // The summary index: buckets encrypted again, the head naming their new IVs. An index that does
  // not match its head is dropped (it is a cache: the next read rebuilds it from the cases).
  const indexKeys = [...byKey.keys()].filter((k) => k === STAMP_KEY || k.startsWith('summary-index/'));
  let dropIndex: string[] = [];
  const headRow = byKey.get(STAMP_KEY);
  if (headRow) {
    try {
      const head = parseRow(
        SummaryIndexHeadSchema,
        await decryptJson(old.dataKey, recordId.summaryIndexHead, EncryptedRecordSchema.parse(headRow.enc)),
        'summary index head',
      );
      const ivs: (string | null)[] = [];
      for (let b = 0; b < head.ivs.length; b++) {
        const row = byKey.get(bucketKey(b));
        const enc = row ? EncryptedRecordSchema.parse(row.enc) : null;
        if ((enc?.iv ?? null) !== head.ivs[b]) throw new Error('index does not match its head');
        if (!enc) {
          ivs.push(null);
          continue;
        }
        const fresh = await encryptJson(
          next.dataKey,
          recordId.summaryIndex(b),
          await decryptJson(old.dataKey, recordId.summaryIndex(b), enc),
        );
        out.push({ ...(row as object), enc: fresh } as MetaRow);
        ivs.push(fresh.iv);
      }
      out.push({
        ...(headRow as object),
        enc: await encryptJson(next.dataKey, recordId.summaryIndexHead, { v: 1, dseq: head.dseq, ivs }),
      } as MetaRow);
    } catch {
      out.length = 0;
      dropIndex = indexKeys;
    }
  } else dropIndex = indexKeys;

  for (const [key, row] of byKey) {
    if (key === STAMP_KEY || key.startsWith('summary-index/')) continue;
    if (key === 'device' || key === 'throttle' || key === 'reference-counter') continue;
    if (key === 'settings') {
      const {
        key: _k,
        mac: _m,
        ...body
      } = row as {
        key: string;
        mac: string;
        settings: never;
        sealingPublicJwk: never;
        signingPublicJwk: never;
        updatedAt: string;
      };
      out.push(await settingsRow(next.macKey, body));
    } else if (key === 'private-keys') {
      out.push({
        ...(row as object),
        sealing: await reencrypt(recordId.sealingPrivateKey, row.sealing, 'The establishment’s disclosure key'),
        signing: await reencrypt(recordId.signingPrivateKey, row.signing, 'The establishment’s signing key'),
      } as MetaRow);
    } else if (key === 'pdf-signer') {
      const signer = await rekeyedSignerRow(row, old, next);
      if (!signer)
        throw new IntegrityError({
          scope: 'settings',
          kind: 'edited',
          message:
            'The PDF signing certificate was altered outside the app: run the full check in Settings before changing who holds a key.',
        });
      out.push(signer as MetaRow);
    } else if (key === SYNC_SERVER_META.key) {
      out.push({
        ...(row as object),
        enc: await reencrypt(SYNC_SERVER_META.recordId, row.enc, 'The sync server’s settings'),
      } as MetaRow);
    } else if (key.startsWith('tombstone/')) {
      out.push({
        ...(row as object),
        enc: await reencrypt(recordId.tombstone(String(row.caseId)), row.enc, 'A destroyed case’s note'),
      } as MetaRow);
    } else if ('enc' in row || 'mac' in row) {
      // Something keyed by the data key that this rotation does not know: leaving it under the old key would break it or keep the old key useful.
      throw new StorageError(
        `The stored record "${key}" is keyed by the data key and this version cannot renew it. Nothing was changed.`,
      );
    }
  }
  return { meta: out, dropIndex };
}

/** Every draft encrypted again and given its id under the new MAC key (found by trying each key holder's id). Drafts that do not open are dropped: nothing could read them. */
async function rekeyDrafts(
  rows: readonly unknown[],
  keyring: readonly KeyringRow[],
  old: EstablishmentKeys,
  next: EstablishmentKeys,
) {
  const out: { id: string; updatedAt: string; enc: EncryptedRecord }[] = [];
  const users = keyring.filter((r) => r.kind === 'user').map((r) => r.userId);
  for (const raw of rows) {
    const p = DraftRowSchema.safeParse(raw);
    if (!p.success) continue;
    let stored: unknown;
    try {
      stored = await decryptJson(old.dataKey, recordId.draft(p.data.id), p.data.enc);
    } catch {
      continue;
    }
    const { key } = unwrapDraft(stored);
    if (key === null) continue;
    for (const userId of users) {
      if ((await draftIdWith(old.macKey, userId, key)) !== p.data.id) continue;
      const id = await draftIdWith(next.macKey, userId, key);
      out.push({ id, updatedAt: p.data.updatedAt, enc: await encryptJson(next.dataKey, recordId.draft(id), stored) });
      break;
    }
  }
  return out;
}
