// Owns the encrypted backup of the whole device: export here (plain JSON, PBKDF2 -> AES-256-GCM); restore into an
// empty device, all or nothing, in backupRestore.ts and backupWrite.ts; the payload's schema in backupPayload.ts.
import { decryptJson } from '../crypto';
import { LOG_CHAIN_ID, newId, recordId } from '../chain/chain';
import { caseKeyFor } from '../caseSteps';
import { serialised } from '../chain/commit';
import { type CaseRow, db } from '../db';
import { IntegrityError, WeakPassphraseError } from '../errors';
import { BACKUP_FORMAT, FILE_VERSION, writeSealedFile } from './files';
import { LogEntrySchema, appendLog, readLog } from '../chain/log';
import { exportPrivateJwks } from '../keys/privateKeys';
import { pdfSignerForBackup } from '../keys/pdfSigner';
import {
  CaseEventEnvelopeSchema,
  CaseRowSchema,
  DeviceMetaRowSchema,
  DestroyedEventRowSchema,
  EventRowSchema,
  InboxRowSchema,
  KeyringRowSchema,
  LogRowSchema,
  SettingsMetaRowSchema,
  TombstoneMetaRowSchema,
  parseRow,
} from '../schemas';
import { Session, requireRole, secretsOf } from '../keys/session';
import { walkChain } from '../chain/verifyChain';
import { readLogHead } from '../chain/commit';
import { MIN_PASSPHRASE_LENGTH } from '../keys/keyring';
import {
  destroyedChainProblem,
  establishmentSigningKey,
  openTombstone,
  rawTombstoneRows,
  tombstoneHeads,
} from '../chain/tombstones';
import { PAYLOAD_FORMAT, PrivateJwkSchema, type BackupPayload } from './backupPayload';
import { type SharedChains, sharedChainsOf } from './backupShared';
import { counterForBackup } from '../tabletMark';
export { importBackup } from './backupRestore';
export type { RestoreResult } from './backupWrite';
export { BackupPayloadSchema } from './backupPayload';
export type { BackupPayload } from './backupPayload';

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
    referenceCounter: await counterForBackup(d),
    tombstones: await rawTombstoneRows(d),
    sharedIds: await d.peerHeads.orderBy('caseId').uniqueKeys(),
  }));
  const sharedIds = new Set(raw.sharedIds.map(String));
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
      tombstoneHeads([t]).get(opened.tombstone.caseId)?.head ?? opened.tombstone.finalHead,
      rows,
    );
    if (problem) throw new IntegrityError(problem);
    const own = TombstoneMetaRowSchema.safeParse(t);
    destroyed.push({
      ...(own.success && own.data.own ? { ownHead: own.data.own } : {}),
      tombstone: opened.tombstone,
      events: rows.sort((a, b) => a.seq - b.seq).map((r) => ({ seq: r.seq, eventId: r.eventId, digest: r.digest })),
    });
  }
  const cases: BackupPayload['cases'] = [];
  const shared: SharedChains = [];
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
    if (sharedIds.has(row.id)) shared.push(...(await sharedChainsOf(key, row.id)));
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
    ...(shared.length > 0 ? { shared } : {}),
    ...(raw.referenceCounter ? { referenceCounter: raw.referenceCounter } : {}),
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
