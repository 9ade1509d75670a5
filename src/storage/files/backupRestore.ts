// Restoring a backup into an empty device, all or nothing: every part checked before anything is written.
import {
  type Bytes,
  base64ToBytes,
  deriveEstablishmentKeys,
  generateRootSecret,
  wrapDataKeyTo,
  zeroize,
} from '../crypto';
import { newId } from '../chain/chain';
import { writeInstallationMarker } from '../durability';
import { ImportError } from '../errors';
import { BACKUP_FORMAT, checkSealedFile, openSealedFile, parseFile } from './files';
import { type LogEntry, LogEntrySchema } from '../chain/log';
import { PublicEcJwkSchema } from '../schemas';
import { Session, lock } from '../keys/session';
import { userRow } from '../keys/keyring';
import { BackupPayloadSchema } from './backupPayload';
import { type RestoreResult, deviceIsEmpty, restoreInto } from './backupWrite';

export type { RestoreResult } from './backupWrite';

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
