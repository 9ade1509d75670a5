// A sealed disclosure as a file: exported from a staff device, opened into this device's inbox, and the seals this device did not make.
import { z } from 'zod';
import { keyFingerprint } from './crypto';
import { type InboxRow, db } from './db';
import { mapWriteError } from './durability';
import { ImportError, NotSetUpError, StorageError } from './errors';
import { exportPrivateJwks } from './keys/privateKeys';
import { fingerprintWords } from '../codec/words';
import type { IntegrityProblem } from './chain/integrityTypes';
import { Id, InboxRowSchema, IsoDateTime, SealedSchema, parseRow } from './schemas';
import { type Session, secretsOf } from './keys/session';
import { getPublicSettings } from './settings';
import {
  MAX_FILE_CHARS,
  SEALED_DISCLOSURE_FORMAT,
  type DisclosureDraft,
  sealDraft,
  openRow,
  alreadyAccepted,
  acceptedMessage,
} from './inboxSealed';

const SealedFileSchema = z.strictObject({
  format: z.literal(SEALED_DISCLOSURE_FORMAT),
  version: z.literal(1),
  id: Id,
  sealedAt: IsoDateTime,
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  sealed: SealedSchema,
});

/**
 * A waiting disclosure as a file, to carry to the DSL's device. Still sealed: no session needed,
 * nothing readable. The inbox entry stays: nothing on the lock screen may delete a disclosure
 * (a pupil could), and an entry this device cannot open harms no one.
 */
export async function exportSealedDisclosure(inboxId: string): Promise<string> {
  const raw = await db().inbox.get(inboxId);
  if (!raw) throw new StorageError('This disclosure is no longer in the inbox.');
  const row = parseRow(InboxRowSchema, raw, 'inbox entry');
  const text = JSON.stringify(
    {
      format: SEALED_DISCLOSURE_FORMAT,
      version: 1,
      id: row.id,
      sealedAt: row.sealedAt,
      keyFingerprint: row.keyFingerprint,
      sealed: row.sealed,
    },
    null,
    2,
  );
  return text;
}

/** Seals straight to a file without keeping it in this device's inbox (a device that is not the DSL's). */
export async function sealDisclosureToFile(draft: DisclosureDraft): Promise<string> {
  const { row } = await sealDraft(draft);
  return JSON.stringify(
    {
      format: SEALED_DISCLOSURE_FORMAT,
      version: 1,
      id: row.id,
      sealedAt: row.sealedAt,
      keyFingerprint: row.keyFingerprint,
      sealed: row.sealed,
    },
    null,
    2,
  );
}

/**
 * Adds a sealed disclosure recorded on another device to this inbox. Refused with a clear message
 * if it is not such a file, was sealed for another establishment's key, is already waiting, or was
 * already accepted into a case (the establishment log keeps every accepted id; the session reads it).
 */
export async function importSealedDisclosureFile(
  session: Session,
  text: string,
): Promise<{ id: string; sealedAt: string }> {
  secretsOf(session);
  if (typeof text !== 'string' || text.length > MAX_FILE_CHARS)
    throw new ImportError('not-a-file', 'This is not a sealed disclosure file (it is too large).');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError(
      text.includes(SEALED_DISCLOSURE_FORMAT) ? 'truncated' : 'not-a-file',
      'This is not a sealed disclosure file, or it is incomplete.',
    );
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== SEALED_DISCLOSURE_FORMAT)
    throw new ImportError(
      typeof format === 'string' ? 'wrong-kind' : 'not-a-file',
      'This is not a sealed disclosure file.',
    );
  if ((json as { version?: unknown }).version !== 1)
    throw new ImportError(
      'unsupported-version',
      'This sealed disclosure was made by a newer version of the app. Update the app, then try again.',
    );
  const parsed = SealedFileSchema.safeParse(json);
  if (!parsed.success) throw new ImportError('corrupt', 'This sealed disclosure file is damaged.');
  const pub = await getPublicSettings();
  if (!pub) throw new NotSetUpError();
  if (parsed.data.keyFingerprint !== (await keyFingerprint(pub.sealingPublicJwk))) {
    throw new ImportError(
      'wrong-establishment',
      'This disclosure was sealed for another establishment (or an older key) and cannot be opened here. Ask the person who recorded it to record it again on this device.',
    );
  }
  if (await db().inbox.get(parsed.data.id))
    throw new ImportError('already-imported', 'This disclosure is already in the inbox.');
  const done = await alreadyAccepted(session, parsed.data.id);
  if (done) throw new ImportError('already-accepted', acceptedMessage(done));
  const row: InboxRow = {
    id: parsed.data.id,
    sealedAt: parsed.data.sealedAt,
    keyFingerprint: parsed.data.keyFingerprint,
    sealed: parsed.data.sealed,
    source: 'file',
  };
  try {
    await db().inbox.add(row);
  } catch (e) {
    throw mapWriteError(e);
  }
  return { id: row.id, sealedAt: row.sealedAt };
}

/**
 * The alarm at unlock (docs/SECURITY.md item 16): every waiting disclosure that was sealed to a key
 * other than this establishment's (as its own private key says, not the clear settings row), or
 * that will not open, named with the foreign key's words and when it was sealed.
 */
export async function foreignSealProblems(session: Session): Promise<IntegrityProblem[]> {
  const rows = await db().inbox.toArray();
  if (rows.length === 0) return [];
  const ours = await keyFingerprint((await exportPrivateJwks(session)).sealing);
  const out: IntegrityProblem[] = [];
  for (const raw of rows) {
    const row = InboxRowSchema.safeParse(raw);
    if (!row.success) continue; // listed as unreadable in the inbox
    const when = sealedDay.format(new Date(row.data.sealedAt));
    if (row.data.keyFingerprint !== ours) {
      out.push({
        scope: 'settings',
        kind: 'edited',
        message: `A disclosure sealed on ${when} was sealed to a key that is not this establishment’s (its words: ${fingerprintWords(row.data.keyFingerprint).join(' ')}). Someone changed the key staff seal to on this tablet, and whoever holds that key may have read it. Ask who recorded it, and check the seal words on the lock screen against your staff notice.`,
      });
      continue;
    }
    try {
      await openRow(session, row.data);
    } catch {
      out.push({
        scope: 'settings',
        kind: 'edited',
        message: `A disclosure sealed on ${when} does not open with this establishment’s key: it was sealed to another key or altered.`,
      });
    }
  }
  return out;
}

const sealedDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
