// Owns the establishment log: settings, user and export events ("who, when, to whom, why"), chained and encrypted like a case.
import { z } from 'zod';
import { decryptJson, encryptJson } from '../crypto';
import { GENESIS, LOG_CHAIN_ID, asStored, eventDigest, newId, recordId } from './chain';
import { type ChainAppend, commit, readLogHead } from './commit';
import { db } from '../db';
import { IntegrityError } from '../errors';
import {
  type ChainHead,
  ChainHeadSchema,
  Hex64,
  Id,
  IsoDateTime,
  KeyRoleSchema,
  LogRowSchema,
  PublicSettingsSchema,
  TombstoneSchema,
  parseRow,
} from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { ROLES } from '../../domain/types';
import { EstablishmentFollowedFields } from './logFollowed';
import { RevocationNotedFields, TabletRevokedFields } from './logTablets';

const LogActorSchema = z.strictObject({
  userId: Id,
  /** 'system' only for what the app does with no one signed in (restoring a backup). */
  role: z.enum([...ROLES, 'system']),
  name: z.string().max(200),
});
const UserRef = z.strictObject({ userId: Id, name: z.string().max(200), role: KeyRoleSchema });
const Envelope = { id: Id, actor: LogActorSchema, occurredAt: IsoDateTime, recordedAt: IsoDateTime };

export const LogEntrySchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...Envelope,
    type: z.literal('establishment.set-up'),
    settings: PublicSettingsSchema,
    users: z.array(UserRef),
  }),
  z.strictObject({
    ...Envelope,
    type: z.literal('settings.changed'),
    before: PublicSettingsSchema,
    after: PublicSettingsSchema,
    reason: z.string().optional(),
  }),
  z.strictObject({ ...Envelope, type: z.literal('user.added'), user: UserRef }),
  z.strictObject({ ...Envelope, type: z.literal('user.removed'), user: UserRef, reason: z.string().optional() }),
  z.strictObject({ ...Envelope, type: z.literal('user.passphrase-changed'), userId: Id }),
  /** Another DSL set a new passphrase for a user who forgot theirs. */
  z.strictObject({ ...Envelope, type: z.literal('user.passphrase-reset'), userId: Id }),
  z.strictObject({ ...Envelope, type: z.literal('recovery.used'), userId: Id }),
  z.strictObject({
    ...Envelope,
    type: z.literal('export.made'),
    kind: z.enum(['backup', 'case-transfer', 'pdf', 'sealed-disclosure', 'report-pdf', 'report-csv']),
    fileId: Id,
    to: z.string().max(500),
    why: z.string().max(2000),
    caseIds: z.array(Id),
    /** SHA-256 of the canonical event log exported (transfers, PDFs), for matching a receipt. */
    recordHash: Hex64.optional(),
    scope: z.enum(['whole-device', 'whole-case', 'one-young-person']).optional(),
  }),
  z.strictObject({
    ...Envelope,
    type: z.literal('import.made'),
    kind: z.enum(['case-transfer']),
    fileId: Id,
    from: z.string().max(500),
    caseIds: z.array(Id),
    recordHash: Hex64,
  }),
  z.strictObject({
    ...Envelope,
    type: z.literal('receipt.recorded'),
    transferId: Id,
    recordHash: Hex64,
    receivedBy: z.string().max(500),
    receiverKeyFingerprint: Hex64,
  }),
  z.strictObject({
    ...Envelope,
    type: z.literal('backup.restored'),
    backupId: Id,
    backupCreatedAt: IsoDateTime,
    caseCount: z.number().int().min(0),
  }),
  /**
   * docs/SECURITY.md item 1: the keyring as it is after a change, one digest per row, and the data
   * key it opens (`epoch`). Written in the same step as every change to who holds a key, so a
   * keyring row put back from before (an old passphrase, a removed key holder) is refused.
   */
  z.strictObject({
    ...Envelope,
    type: z.literal('keyring.bound'),
    change: z.enum([
      'set-up',
      'upgraded',
      'added',
      'removed',
      'passphrase-changed',
      'passphrase-reset',
      'recovery-replaced',
      'recovery-used',
      'case-destroyed',
      'restored',
      /** This tablet took on a data key made by a rotation on another tablet (keyring.followed). */
      'followed',
      /** This tablet took on key holders added or set again on another tablet (establishment.followed). */
      'followed-change',
    ]),
    epoch: Id,
    rows: z.array(z.tuple([Id, Hex64])),
    /** Set when the data key was rotated: how many case keys were wrapped again under the new one. */
    rotated: z.strictObject({ caseKeys: z.number().int().min(0) }).optional(),
    /** A new data key's proof that a holder of the one before made it (docs/SECURITY.md item 18): HMAC under that key's MAC key. */
    handover: z.strictObject({ from: Id, mac: Hex64 }).optional(),
  }),
  /**
   * The establishment's PDF signing certificate set, replaced, or pinned on a device that had one
   * before pinning (docs/SECURITY.md item 15). The verifier trusts exactly the certificates named here.
   */
  z.strictObject({
    ...Envelope,
    type: z.literal('pdf-signer.set'),
    fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i),
    subject: z.string().max(500),
    source: z.enum(['generated', 'imported']),
    replaced: z.string().nullable(),
  }),
  /**
   * A staff disclosure accepted into a case. Its id is kept here (encrypted, chained) so the same
   * sealed file imported again is refused instead of becoming a second case (issue 12 finding 7).
   */
  z.strictObject({
    ...Envelope,
    type: z.literal('disclosure.accepted'),
    disclosureId: Id,
    caseId: Id,
    reference: z.string().max(200),
    sealedAt: IsoDateTime,
  }),
  /**
   * Once per device, at the first unlock check of the version that keeps accepted disclosure ids:
   * the staff disclosures accepted into cases before it (found by their staff writer in each case),
   * so they too are refused on re-import (issue 12 finding 7). Written only when some are found.
   */
  z.strictObject({
    ...Envelope,
    type: z.literal('disclosure.accepted-earlier'),
    accepted: z.array(
      z.strictObject({ disclosureId: Id, caseId: Id, reference: z.string().max(200), sealedAt: IsoDateTime }),
    ),
  }),
  /**
   * docs/SECURITY.md items 3 and 13: a case destroyed, with its signed tombstone (never silently).
   * `ownHead`: destroyed on another tablet and erased here from its tombstone (docs/SYNC.md), where
   * this tablet's own steps of the case ended.
   */
  z.strictObject({
    ...Envelope,
    type: z.literal('case.destroyed'),
    caseId: Id,
    tombstone: TombstoneSchema,
    ownHead: ChainHeadSchema.optional(),
  }),
  /**
   * docs/SECURITY.md item 18: this tablet took on the data key of a rotation made on another
   * tablet (`epoch`), bound at that tablet's establishment log head `from`; the key holders that
   * rotation removed (`removed`) no longer unlock here. Written with the keyring's new binding.
   */
  z.strictObject({
    ...Envelope,
    type: z.literal('keyring.followed'),
    epoch: Id,
    from: ChainHeadSchema,
    removed: z.array(UserRef),
    destroyed: z.number().int().min(0),
  }),
  z.strictObject({ ...Envelope, ...EstablishmentFollowedFields }),
  /** Sync with the school's server turned on on this tablet (docs/SYNC.md): its name on the server and the address. */
  z.strictObject({
    ...Envelope,
    type: z.literal('sync.turned-on'),
    tablet: z.string().max(63),
    server: z.string().max(500),
  }),
  /** Sync turned off on this tablet: its settings were removed (what the server holds stays there). */
  z.strictObject({ ...Envelope, type: z.literal('sync.turned-off'), tablet: z.string().max(63) }),
  /** A one-time enrolment code made on this tablet for a new tablet (its name on the server), valid until `expiresAt`. */
  z.strictObject({
    ...Envelope,
    type: z.literal('tablet.enrolled'),
    tablet: z.string().max(63),
    expiresAt: IsoDateTime,
  }),
  /** docs/SYNC.md "Revoking a tablet": `cut`, the steps still taken from it; `atServer`: the server now refuses it. */
  z.strictObject({ ...Envelope, ...TabletRevokedFields }),
  /** docs/SYNC.md "Revoking a tablet": a revocation made on another tablet, seen here (logTablets.ts). */
  z.strictObject({ ...Envelope, ...RevocationNotedFields }),
]);
export type LogEntry = z.infer<typeof LogEntrySchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A log entry as a caller writes it: storage stamps id, actor and the times. */
export type LogEntryDraft = DistributiveOmit<LogEntry, 'id' | 'actor' | 'occurredAt' | 'recordedAt'> & {
  occurredAt?: string;
};

/** Stamps and encrypts entries continuing the log from `head`; returns the chain appends and the new head. */
export async function prepareLogAppends(
  session: Session,
  head: ChainHead,
  drafts: readonly LogEntryDraft[],
  actor: LogEntry['actor'] = session.actor,
): Promise<{ appends: ChainAppend[]; head: ChainHead; entries: LogEntry[] }> {
  const entries = drafts.map((draft) => {
    const now = new Date().toISOString();
    return asStored(
      LogEntrySchema.parse({ ...draft, id: newId(), actor, occurredAt: draft.occurredAt ?? now, recordedAt: now }),
    );
  });
  return { ...(await chainLogEntries(session, head, entries)), entries };
}

/** Encrypts and chains entries exactly as given (a restore re-chains the entries of a backup). */
export async function chainLogEntries(
  session: Session,
  head: ChainHead,
  entries: readonly LogEntry[],
): Promise<{ appends: ChainAppend[]; head: ChainHead }> {
  const { dataKey } = secretsOf(session).keys;
  const appends: ChainAppend[] = [];
  let { seq, digest } = head;
  for (const entry of entries) {
    seq += 1;
    digest = await eventDigest(digest, LOG_CHAIN_ID, seq, entry);
    appends.push({
      chain: LOG_CHAIN_ID,
      seq,
      eventId: entry.id,
      digest,
      enc: await encryptJson(dataKey, recordId.log(entry.id), entry),
    });
  }
  return { appends, head: { seq, digest } };
}

/** Appends entries to the log in their own step (one transaction). */
export async function appendLog(session: Session, drafts: readonly LogEntryDraft[]): Promise<LogEntry[]> {
  return commit(session, async () => {
    const head = await readLogHead();
    const prepared = await prepareLogAppends(session, head, drafts);
    return {
      plan: { appends: prepared.appends, expect: [{ chain: LOG_CHAIN_ID, head: head.seq === 0 ? null : head }] },
      result: prepared.entries,
    };
  });
}

/** Every log entry, decrypted and chain-checked (IntegrityError names the first bad entry). */
export async function readLog(session: Session): Promise<LogEntry[]> {
  const { dataKey } = secretsOf(session).keys;
  const rows = await db().log.orderBy('seq').toArray();
  const head = await readLogHead();
  const out: LogEntry[] = [];
  let prev = GENESIS;
  for (let i = 0; i < rows.length; i++) {
    const row = parseRow(LogRowSchema, rows[i], 'establishment log entry');
    const fail = (kind: 'edited' | 'deleted', message: string) =>
      new IntegrityError({ scope: 'establishment-log', kind, seq: i + 1, message });
    if (row.seq !== i + 1) throw fail('deleted', `Establishment log entry ${i + 1} is missing.`);
    let entry: LogEntry;
    try {
      entry = LogEntrySchema.parse(await decryptJson(dataKey, recordId.log(row.eventId), row.enc));
    } catch {
      throw fail('edited', `Establishment log entry ${row.seq} has been altered.`);
    }
    const digest = await eventDigest(prev, LOG_CHAIN_ID, row.seq, entry);
    if (digest !== row.digest || entry.id !== row.eventId)
      throw fail('edited', `Establishment log entry ${row.seq} has been altered.`);
    prev = digest;
    out.push(entry);
  }
  if (head.seq !== rows.length || (rows.length > 0 && head.digest !== prev)) {
    throw new IntegrityError({
      scope: 'establishment-log',
      kind: head.seq > rows.length ? 'truncated' : 'rolled-back',
      seq: Math.min(head.seq, rows.length) + 1,
      message: 'The establishment log does not end where its head says: entries were removed or the head was put back.',
    });
  }
  return out;
}
