// Owns the encrypted backup of the whole device: export (plain JSON, PBKDF2 -> AES-256-GCM) and restore into an empty device, all or nothing.
import { z } from 'zod';
import type { CaseEvent } from '../../domain/events';
import type { CaseSummary } from '../../domain/summary';
import { RejectedEventError, initialSnapshot } from '../../domain/machine';
import {
  type Bytes,
  base64ToBytes,
  decryptJson,
  deriveEstablishmentKeys,
  encryptJson,
  generateRootSecret,
  wrapDataKeyTo,
  zeroize,
} from '../crypto';
import { GENESIS, LOG_CHAIN_ID, newId, recordId } from '../chain/chain';
import { buildSteps, caseKeyFor, caseRows, newCaseKey } from '../caseSteps';
import { writeCheckpoint } from '../chain/checkpoint';
import { commit, serialised } from '../chain/commit';
import { type CaseRow, type KeyringRow, type SnapshotRow, db } from '../db';
import { writeInstallationMarker } from '../durability';
import { ImportError, IntegrityError, WeakPassphraseError } from '../errors';
import { BACKUP_FORMAT, FILE_VERSION, checkSealedFile, openSealedFile, parseFile, writeSealedFile } from './files';
import { type LogEntry, LogEntrySchema, appendLog, chainLogEntries, prepareLogAppends, readLog } from '../chain/log';
import { exportPrivateJwks } from '../keys/privateKeys';
import { PdfSignerBackupSchema, pdfSignerForBackup, pdfSignerRowFromBackup } from '../keys/pdfSigner';
import {
  ActorSchema,
  Base64,
  CaseEventEnvelopeSchema,
  CaseRowSchema,
  type ChainHead,
  ChainHeadSchema,
  DeviceMetaRowSchema,
  DestroyedEventRowSchema,
  EventRowSchema,
  Hex64,
  Id,
  InboxRowSchema,
  IsoDateTime,
  HolderKeyringRowSchema,
  KeyRoleSchema,
  KeyringRowSchema,
  LogRowSchema,
  PublicEcJwkSchema,
  PublicSettingsSchema,
  SettingsMetaRowSchema,
  TombstoneSchema,
  WrappedSecretSchema,
  parseRow,
} from '../schemas';
import { Session, lock, requireRole, secretsOf } from '../keys/session';
import { settingsRow } from '../settings';
import { prepareIndexWrite } from '../summary-index/summaryIndex';
import { walkChain } from '../chain/verifyChain';
import { readLogHead } from '../chain/commit';
import { MIN_PASSPHRASE_LENGTH, bindingEntry, userRow } from '../keys/keyring';
import {
  destroyedChainProblem,
  encryptTombstone,
  establishmentSigningKey,
  openTombstone,
  rawTombstoneRows,
  tombstoneSignatureValid,
} from '../chain/tombstones';
import { canonicalJson } from '../../codec/canonical';
import type { ChainAppend } from '../chain/commit';

const PAYLOAD_FORMAT = 'ypsi-response-backup-payload';

const PrivateJwkSchema = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  d: z.string(),
});

const BackupRowBase = {
  userId: Id,
  kind: z.enum(['user', 'recovery']),
  role: KeyRoleSchema.nullable(),
  displayName: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};
/** A key holder: their public key and their private key wrapped under their passphrase. `dataKey` is always null in a file: the restore wraps a new data key. */
const BackupHolderRowSchema = z.strictObject({
  ...BackupRowBase,
  holder: HolderKeyringRowSchema.shape.holder,
  dataKey: z.null(),
});
/** A row from before public-key wrapping: the data key (`rootSecret`) wrapped under the passphrase. */
const BackupLegacyRowSchema = z.strictObject({ ...BackupRowBase, wrapped: WrappedSecretSchema });

/** The decrypted content of a backup (documented in docs/BACKUP-FORMAT.md). */
export const BackupPayloadSchema = z.strictObject({
  format: z.literal(PAYLOAD_FORMAT),
  version: z.literal(FILE_VERSION),
  backupId: Id,
  createdAt: IsoDateTime,
  createdBy: ActorSchema,
  establishment: z.strictObject({
    installationId: Id,
    settings: PublicSettingsSchema,
    sealingPublicJwk: PublicEcJwkSchema,
    signingPublicJwk: PublicEcJwkSchema,
  }),
  keys: z.strictObject({
    /**
     * Backups made before public-key wrapping only: the establishment's data key (base64, 32 bytes),
     * which the legacy keyring rows below wrap. A backup made now carries no data key: the restore
     * makes a new one and wraps it to each key holder's public key (docs/BACKUP-FORMAT.md).
     */
    rootSecret: Base64.optional(),
    sealingPrivateJwk: PrivateJwkSchema,
    signingPrivateJwk: PrivateJwkSchema,
    /**
     * The PDF signing certificate and its private key, so PDFs signed before a restore still read
     * "signed by this establishment" on the restored device. Absent in backups made before it was
     * carried, and when the establishment had no certificate yet.
     */
    pdfSigner: PdfSignerBackupSchema.optional(),
    keyring: z.array(z.union([BackupHolderRowSchema, BackupLegacyRowSchema])),
  }),
  log: z.strictObject({ head: ChainHeadSchema, entries: z.array(z.unknown()) }),
  cases: z.array(z.strictObject({ caseId: Id, head: ChainHeadSchema, events: z.array(CaseEventEnvelopeSchema) })),
  /** Sealed disclosures not yet accepted, still sealed. */
  inbox: z.array(InboxRowSchema),
  /**
   * Destroyed cases (docs/SECURITY.md item 13): the signed tombstone and each event's place and digest,
   * never any content. Absent in backups made before destruction existed.
   */
  destroyed: z
    .array(
      z.strictObject({
        tombstone: TombstoneSchema,
        events: z.array(z.strictObject({ seq: z.number().int().min(1), eventId: Id, digest: Hex64 })),
      }),
    )
    .optional(),
});
export type BackupPayload = z.infer<typeof BackupPayloadSchema>;

function checkBackupPassphrase(p: string): void {
  if (typeof p !== 'string' || [...p.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new WeakPassphraseError(
      `A backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters. Use a different one from your unlock passphrase, and keep it apart from the file.`,
    );
  }
}

/**
 * The whole device as one encrypted JSON file: every case's events (decrypted, then encrypted
 * again under the backup passphrase), the establishment log, the public settings, the keyring
 * (still wrapped) and the root secret, so a restore opens with the same passphrases. Refuses if an
 * integrity check fails (a backup must not launder tampering). Logged: who, when, to whom, why.
 */
export async function exportBackup(
  session: Session,
  backupPassphrase: string,
  options: { to?: string; why?: string } = {},
): Promise<{ text: string; backupId: string; fileName: string }> {
  requireRole(session, 'export-backup', 'export a backup');
  checkBackupPassphrase(backupPassphrase);
  const backupId = newId();
  const createdAt = new Date().toISOString();
  const payload = await serialised(() => collectPayload(session, backupId, createdAt));
  const text = await writeSealedFile(BACKUP_FORMAT, backupId, createdAt, backupPassphrase, payload);
  await appendLog(session, [
    {
      type: 'export.made',
      kind: 'backup',
      fileId: backupId,
      to: options.to ?? 'Backup file',
      why: options.why ?? 'Encrypted backup of this device',
      caseIds: payload.cases.map((c) => c.caseId),
      scope: 'whole-device',
    },
  ]);
  return { text, backupId, fileName: `ypsi-response-backup-${createdAt.slice(0, 10)}.json` };
}

async function collectPayload(session: Session, backupId: string, createdAt: string): Promise<BackupPayload> {
  const d = db();
  const { dataKey } = secretsOf(session).keys;
  const raw = await d.transaction('r', d.allTables(), async () => ({
    device: await d.meta.get('device'),
    settings: await d.meta.get('settings'),
    keyring: await d.keyring.toArray(),
    cases: await d.cases.toArray(),
    events: await d.events.toArray(),
    log: await d.log.orderBy('seq').toArray(),
    logHead: await readLogHead(d),
    inbox: await d.inbox.toArray(),
    tombstones: await rawTombstoneRows(d),
  }));
  const device = parseRow(DeviceMetaRowSchema, raw.device, 'device');
  const settings = parseRow(SettingsMetaRowSchema, raw.settings, 'public settings');
  const byCase = new Map<string, ReturnType<typeof EventRowSchema.parse>[]>();
  const destroyedRows = new Map<string, ReturnType<typeof DestroyedEventRowSchema.parse>[]>();
  for (const r of raw.events) {
    if (!('enc' in (r as object))) {
      const e = parseRow(DestroyedEventRowSchema, r, 'destroyed case event');
      destroyedRows.set(e.caseId, [...(destroyedRows.get(e.caseId) ?? []), e]);
      continue;
    }
    const e = parseRow(EventRowSchema, r, 'case event');
    byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  }
  // A backup must not launder a damaged tombstone either.
  const destroyed: NonNullable<BackupPayload['destroyed']> = [];
  const signingKey = await establishmentSigningKey();
  for (const t of raw.tombstones) {
    const opened = await openTombstone(session, t, signingKey);
    if (!opened.tombstone) throw new IntegrityError(opened.problem!);
    const rows = destroyedRows.get(opened.tombstone.caseId) ?? [];
    const problem = destroyedChainProblem(
      opened.tombstone.caseId,
      `destroyed case ${opened.tombstone.reference}`,
      opened.tombstone.finalHead,
      rows,
    );
    if (problem) throw new IntegrityError(problem);
    destroyed.push({
      tombstone: opened.tombstone,
      events: rows.sort((a, b) => a.seq - b.seq).map((r) => ({ seq: r.seq, eventId: r.eventId, digest: r.digest })),
    });
  }
  const cases: BackupPayload['cases'] = [];
  for (const r of raw.cases) {
    const row: CaseRow = parseRow(CaseRowSchema, r, 'case');
    const key = await caseKeyFor(session, row.id, row.caseKey);
    const rows = (byCase.get(row.id) ?? []).sort((a, b) => a.seq - b.seq);
    const walk = await walkChain({
      scope: 'case',
      chainId: row.id,
      label: `case ${row.id.slice(0, 8)}`,
      rows,
      head: row.head,
      open: async (x) => CaseEventEnvelopeSchema.parse(await decryptJson(key, x.eventId, x.enc)),
    });
    if (walk.problem) throw new IntegrityError(walk.problem);
    cases.push({ caseId: row.id, head: row.head, events: walk.entries });
  }
  const logRows = raw.log.map((r) => parseRow(LogRowSchema, r, 'establishment log entry'));
  const logWalk = await walkChain({
    scope: 'establishment-log',
    chainId: LOG_CHAIN_ID,
    label: 'the establishment log',
    rows: logRows,
    head: raw.logHead,
    open: async (x) => LogEntrySchema.parse(await decryptJson(dataKey, recordId.log(x.eventId), x.enc)),
  });
  if (logWalk.problem) throw new IntegrityError(logWalk.problem);
  const privateJwks = await exportPrivateJwks(session);
  const pdfSigner = await pdfSignerForBackup(session);
  return {
    format: PAYLOAD_FORMAT,
    version: FILE_VERSION,
    backupId,
    createdAt,
    createdBy: session.actor,
    establishment: {
      installationId: device.installationId,
      settings: settings.settings,
      sealingPublicJwk: settings.sealingPublicJwk,
      signingPublicJwk: settings.signingPublicJwk,
    },
    keys: {
      sealingPrivateJwk: PrivateJwkSchema.parse(privateJwks.sealing),
      signingPrivateJwk: PrivateJwkSchema.parse(privateJwks.signing),
      ...(pdfSigner ? { pdfSigner } : {}),
      // No data key and no wrap of it: a file made after a key holder was removed carries nothing
      // their passphrase opens (docs/SECURITY.md item 1).
      keyring: raw.keyring.map((k) => {
        const { mac: _mac, ...rest } = parseRow(KeyringRowSchema, k, 'keyring entry');
        return 'wrapped' in rest ? rest : { ...rest, dataKey: null };
      }),
    },
    log: { head: raw.logHead, entries: logWalk.entries },
    cases,
    inbox: raw.inbox.map((r) => parseRow(InboxRowSchema, r, 'inbox entry')),
    ...(destroyed.length > 0 ? { destroyed } : {}),
  };
}

/** When this device last exported a backup (from the establishment log), for the "your last backup is old" reminder; null if never. */
export async function lastBackupAt(session: Session): Promise<string | null> {
  const entries = await readLog(session);
  const last = entries.filter((e) => e.type === 'export.made' && e.kind === 'backup').at(-1);
  return last ? last.recordedAt : null;
}

export type RestoreResult = {
  backupId: string;
  backupCreatedAt: string;
  caseCount: number;
  users: { userId: string; name: string; role: string }[];
};

async function deviceIsEmpty(): Promise<string | null> {
  const d = db();
  const cases = await d.cases.count();
  if (cases > 0)
    return `This device already holds ${cases} case${cases === 1 ? '' : 's'}. A backup is restored only into an empty device, so nothing here is overwritten. Nothing was changed.`;
  if ((await d.meta.get('device')) || (await d.keyring.count()) > 0) {
    return 'This device is already set up. A backup is restored only into an empty device (a new installation, or one whose data was cleared). Nothing was changed.';
  }
  return null;
}

/**
 * Restores a backup into an EMPTY device. Every check runs before anything is written: the file's
 * kind, version and shape, the KDF floor, the passphrase, the payload's shape, and a replay of
 * every case's events through the case machine that must reproduce each stored chain head. Then
 * one transaction writes it all (new case keys, re-chained device head, a 'backup.restored' log
 * entry). Any failure: a typed ImportError with a clear message, and the device unchanged.
 */
export async function importBackup(text: string, passphrase: string): Promise<RestoreResult> {
  const file = checkSealedFile(parseFile(text, BACKUP_FORMAT), BACKUP_FORMAT);
  const notEmpty = await deviceIsEmpty();
  if (notEmpty) throw new ImportError('device-not-empty', notEmpty);
  const parsed = BackupPayloadSchema.safeParse(await openSealedFile(file, passphrase));
  if (!parsed.success || parsed.data.backupId !== file.id)
    throw new ImportError(
      'corrupt',
      'This backup opened but its contents are damaged or incomplete. Nothing was changed.',
    );
  const payload = parsed.data;
  const logEntries = payload.log.entries.map((e) => LogEntrySchema.safeParse(e));
  if (logEntries.some((r) => !r.success))
    throw new ImportError('corrupt', 'The establishment log in this backup is damaged. Nothing was changed.');

  // A backup from before public-key wrapping carries its data key, which its legacy rows wrap:
  // restored as it was, each holder upgraded at their next unlock. A newer backup carries none: a
  // new data key, wrapped to each holder's public key.
  let root: Bytes;
  try {
    root = payload.keys.rootSecret !== undefined ? base64ToBytes(payload.keys.rootSecret) : generateRootSecret();
  } catch {
    throw new ImportError('corrupt', 'This backup’s keys are damaged. Nothing was changed.');
  }
  try {
    const keys = await deriveEstablishmentKeys(root).catch(() => {
      throw new ImportError('corrupt', 'This backup’s keys are damaged. Nothing was changed.');
    });
    const first = payload.keys.keyring.find((k) => k.kind === 'user' && k.role !== null);
    if (!first) throw new ImportError('corrupt', 'This backup has no users. Nothing was changed.');
    const epoch = newId();
    const bodies = await Promise.all(
      payload.keys.keyring.map(async (k) => {
        const fields = { userId: k.userId, kind: k.kind, role: k.role, displayName: k.displayName };
        if ('wrapped' in k)
          return {
            createdAt: k.createdAt,
            body:
              payload.keys.rootSecret !== undefined
                ? { ...fields, wrapped: k.wrapped }
                : { ...fields, holder: null, dataKey: null },
          };
        if (!k.holder) return { createdAt: k.createdAt, body: { ...fields, holder: null, dataKey: null } };
        const wrap = await wrapDataKeyTo(root, k.holder.publicJwk, k.userId, epoch).catch(() => {
          throw new ImportError('corrupt', 'This backup’s keys are damaged. Nothing was changed.');
        });
        return {
          createdAt: k.createdAt,
          body: { ...fields, holder: k.holder, dataKey: { ...wrap, epk: PublicEcJwkSchema.parse(wrap.epk) } },
        };
      }),
    );
    const keyringRows = await Promise.all(bodies.map((b) => userRow(keys.macKey, b.body, b.createdAt)));
    const session = new Session({ userId: first.userId, role: first.role!, name: first.displayName ?? '' }, keys);
    try {
      const result = await restoreInto(
        session,
        payload,
        logEntries.map((r) => r.data as LogEntry),
        keyringRows,
        epoch,
      );
      writeInstallationMarker(payload.establishment.installationId);
      return result;
    } finally {
      lock(session);
    }
  } finally {
    zeroize(root);
  }
}

async function restoreInto(
  session: Session,
  payload: BackupPayload,
  logEntries: LogEntry[],
  keyringRows: KeyringRow[],
  epoch: string,
): Promise<RestoreResult> {
  const { keys } = secretsOf(session);
  // Re-chain the log exactly as it was, and check it ends where the backup said.
  const log = await chainLogEntries(session, { seq: 0, digest: GENESIS }, logEntries);
  if (log.head.seq !== payload.log.head.seq || log.head.digest !== payload.log.head.digest) {
    throw new ImportError(
      'corrupt',
      'The establishment log in this backup does not match its recorded head. Nothing was changed.',
    );
  }
  // Replay every case through the machine: same events, same digests, new keys.
  const built: {
    caseId: string;
    rows: { row: CaseRow; snapshot: SnapshotRow };
    appends: Awaited<ReturnType<typeof buildSteps>>['appends'];
    head: ChainHead;
    summary: CaseSummary;
  }[] = [];
  for (const c of payload.cases) {
    const events = c.events as unknown as CaseEvent[];
    const first = events[0];
    if (!first || first.type !== 'case.opened' || first.caseId !== c.caseId)
      throw new ImportError(
        'corrupt',
        `A case in this backup (${c.caseId.slice(0, 8)}) does not start with its opening. Nothing was changed.`,
      );
    const { key, wrapped } = await newCaseKey(session, c.caseId);
    let steps: Awaited<ReturnType<typeof buildSteps>>;
    try {
      steps = await buildSteps(
        key,
        c.caseId,
        { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() },
        events,
      );
    } catch (e) {
      if (e instanceof RejectedEventError)
        throw new ImportError(
          'refused-by-policy',
          `Case ${first.reference}: an event in the backup is refused by this version of the app (${e.message}). Nothing was changed.`,
          { cause: e },
        );
      throw new ImportError('corrupt', `Case ${first.reference} in this backup is damaged. Nothing was changed.`, {
        cause: e,
      });
    }
    if (steps.head.seq !== c.head.seq || steps.head.digest !== c.head.digest) {
      throw new ImportError(
        'corrupt',
        `Case ${first.reference} in this backup does not match its recorded head (it was altered). Nothing was changed.`,
      );
    }
    built.push({
      caseId: c.caseId,
      rows: caseRows(c.caseId, wrapped, steps, first.recordedAt, events[events.length - 1]!.recordedAt),
      appends: steps.appends,
      head: steps.head,
      summary: steps.summary,
    });
  }
  // Destroyed cases come back as what they were: a signed tombstone and each event's place and digest.
  const destroyed: { appends: ChainAppend[]; meta: Awaited<ReturnType<typeof encryptTombstone>>; caseId: string }[] =
    [];
  const loggedDestructions = new Map(
    logEntries.flatMap((e) => (e.type === 'case.destroyed' ? [[e.caseId, e.tombstone.signature] as const] : [])),
  );
  for (const x of payload.destroyed ?? []) {
    const t = x.tombstone;
    const bad = (why: string) =>
      new ImportError(
        'corrupt',
        `The note of destroyed case ${t.reference} in this backup ${why}. Nothing was changed.`,
      );
    if (
      canonicalJson(t.publicKey) !== canonicalJson(payload.establishment.signingPublicJwk) ||
      !(await tombstoneSignatureValid(t))
    )
      throw bad('is not validly signed');
    if (loggedDestructions.get(t.caseId) !== t.signature) throw bad('is not the one the establishment log records');
    if (payload.cases.some((c) => c.caseId === t.caseId)) throw bad('names a case that is also in the backup');
    const problem = destroyedChainProblem(t.caseId, `destroyed case ${t.reference}`, t.finalHead, x.events);
    if (problem) throw bad('does not match its recorded head');
    destroyed.push({
      caseId: t.caseId,
      appends: x.events.map((e) => ({
        chain: t.caseId,
        seq: e.seq,
        eventId: e.eventId,
        digest: e.digest,
        enc: { v: 1 as const, iv: '', ct: '' },
      })),
      meta: await encryptTombstone(keys.dataKey, t),
    });
  }
  const now = new Date().toISOString();
  const settingsMeta = await settingsRow(keys.macKey, {
    settings: payload.establishment.settings,
    sealingPublicJwk: payload.establishment.sealingPublicJwk,
    signingPublicJwk: payload.establishment.signingPublicJwk,
    updatedAt: now,
  });
  const privateKeys = {
    key: 'private-keys' as const,
    sealing: await encryptJson(keys.dataKey, recordId.sealingPrivateKey, payload.keys.sealingPrivateJwk),
    signing: await encryptJson(keys.dataKey, recordId.signingPrivateKey, payload.keys.signingPrivateJwk),
  };
  const pdfSignerRow = payload.keys.pdfSigner
    ? await pdfSignerRowFromBackup(keys, payload.keys.pdfSigner).catch(() => {
        throw new ImportError('corrupt', 'The PDF signing certificate in this backup is damaged. Nothing was changed.');
      })
    : null;
  const restored = await prepareLogAppends(
    session,
    log.head,
    [
      {
        type: 'backup.restored',
        backupId: payload.backupId,
        backupCreatedAt: payload.createdAt,
        caseCount: payload.cases.length,
      },
      await bindingEntry(keyringRows, 'restored', epoch),
    ],
    { userId: 'system', role: 'system', name: 'Restore from backup' },
  );

  const index = await commit(session, async () => {
    const appends = [
      ...log.appends,
      ...restored.appends,
      ...built.flatMap((b) => b.appends),
      ...destroyed.flatMap((x) => x.appends),
    ];
    // Destroyed cases never enter the index: only their tombstones come back.
    const idx = await prepareIndexWrite(
      session,
      built.map((b) => ({ caseId: b.caseId, head: b.head, summary: b.summary })),
      appends.length,
    );
    return {
      plan: {
        appends,
        expect: [
          { chain: LOG_CHAIN_ID, head: null },
          ...built.map((b) => ({ chain: b.caseId, head: null })),
          ...destroyed.map((x) => ({ chain: x.caseId, head: null })),
        ],
        write: async (d, ctx) => {
          // A destroyed case's rows keep their place and digest only: the placeholder content is dropped at once.
          const stripped = destroyed.flatMap((x) =>
            x.appends.map((a) => ({
              caseId: a.chain,
              seq: a.seq,
              eventId: a.eventId,
              dseq: ctx.dseqOf(a),
              digest: a.digest,
            })),
          );
          if (stripped.length > 0) await d.events.bulkPut(stripped as never);
          if (destroyed.length > 0) await d.meta.bulkPut(destroyed.map((x) => x.meta));
          const why = await deviceIsEmpty();
          if (why) throw new ImportError('device-not-empty', why);
          await d.meta.bulkPut([
            { key: 'device', installationId: payload.establishment.installationId, createdAt: now },
            settingsMeta,
            privateKeys,
            ...(pdfSignerRow ? [pdfSignerRow] : []),
          ]);
          await d.keyring.bulkPut(keyringRows);
          await d.cases.bulkAdd(built.map((b) => b.rows.row));
          await d.snapshots.bulkPut(built.map((b) => b.rows.snapshot));
          if (payload.inbox.length > 0) await d.inbox.bulkPut(payload.inbox);
          await idx.write(d);
        },
      },
      result: idx,
    };
  });
  index.apply();
  await writeCheckpoint(session);
  return {
    backupId: payload.backupId,
    backupCreatedAt: payload.createdAt,
    caseCount: payload.cases.length,
    users: payload.keys.keyring
      .filter((k) => k.kind === 'user')
      .map((k) => ({ userId: k.userId, name: k.displayName ?? '', role: k.role ?? '' })),
  };
}
