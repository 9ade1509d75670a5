// zod schemas for everything the storage layer reads back from IndexedDB or a file: parse, never trust (docs/SECURITY.md item 12).
import { z } from 'zod';
import { EVENT_LABELS } from '../domain/gates';
import { STAGES, type Stage } from '../domain/stages';
import type { CaseEventType } from '../domain/events';
import { DamagedRecordError } from './errors';
import { termDateProblems } from '../domain/schoolDays';
import { REMINDER_LIMITS } from '../domain/reminders';
import { KEY_ROLES, ROLES, TRI_FACT_KEYS, type TriFactKey } from '../domain/types';

// No code generation: the CSP allows no eval, and zod's probe for it would be reported as a
// violation (and blocked by Trusted Types) even though it is caught.
z.config({ jitless: true });

export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character lower-case hex digest');
export const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
export const IsoDateTime = z.string().min(10).max(40);
export const Id = z.string().min(1).max(200);

export const EncryptedRecordSchema = z.strictObject({ v: z.literal(1), iv: Base64, ct: Base64 });

// algorithm and iterations are checked by the crypto layer (checkKdfParams) so that a downgrade is
// refused with its own reason (KdfTooWeakError), not a generic shape error.
export const KdfParamsSchema = z.strictObject({ algorithm: z.string(), iterations: z.number(), salt: z.string() });
export const WrappedSecretSchema = z.strictObject({ v: z.literal(1), kdf: KdfParamsSchema, iv: Base64, ct: Base64 });

export const PublicEcJwkSchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(40).max(50),
  y: z.string().min(40).max(50),
});

export const SealedSchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal('ECDH-P256+HKDF-SHA256+A256GCM'),
  epk: PublicEcJwkSchema,
  salt: Base64,
  iv: Base64,
  ct: Base64,
});

const Phone = z.string().trim().max(40);
const Name = z.string().trim().min(1).max(200);
export const ContactSchema = z.strictObject({ name: Name, phone: Phone });
const OptionalPhoneContact = z.strictObject({ name: Name, phone: Phone.optional() });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date (YYYY-MM-DD)');
/** Term dates for counting school days (issue 7): real dates, each end after its start, no overlaps. */
export const SchoolCalendarSchema = z
  .strictObject({
    terms: z.array(z.strictObject({ start: IsoDate, end: IsoDate })).max(60),
    closures: z.array(IsoDate).max(200),
  })
  .superRefine((cal, ctx) => {
    for (const p of termDateProblems(cal.terms, cal.closures)) {
      ctx.addIssue({
        code: 'custom',
        path: p.field === 'closure' ? ['closures', p.index] : ['terms', p.index, p.field],
        message: p.message,
      });
    }
  });
const limit = (l: { min: number; max: number }) => z.number().int().min(l.min).max(l.max);
export const ReminderSettingsSchema = z.strictObject({
  referralOutcomeSchoolDays: limit(REMINDER_LIMITS.referralOutcomeSchoolDays),
  backupMaxDays: limit(REMINDER_LIMITS.backupMaxDays),
});

/**
 * The public settings: what the lock screen shows before anyone unlocks (who to tell, who to ring).
 * A school publishes all of it in its safeguarding policy, so it is stored in the clear, with a MAC
 * checked after unlock so an edit by someone without a key shows.
 */
export const PublicSettingsSchema = z.strictObject({
  establishment: z.strictObject({ name: Name, type: z.enum(['school', 'college', 'other']) }),
  dsl: ContactSchema,
  deputies: z.array(ContactSchema).max(20),
  headteacher: OptionalPhoneContact.optional(),
  chairOfGovernors: OptionalPhoneContact.optional(),
  mash: ContactSchema,
  lado: ContactSchema.optional(),
  police: z.strictObject({
    emergency: Phone,
    nonEmergency: Phone,
    other: z
      .array(z.strictObject({ label: Name, phone: Phone }))
      .max(10)
      .optional(),
  }),
  /** Local risk tools offered at the risk assessment (defaults: RULES.md). */
  riskTools: z.array(Name).max(20).optional(),
  /** Auto-lock after this many idle minutes (1-30; no "never", docs/SECURITY.md item 6). */
  idleMinutes: z.number().int().min(1).max(30).optional(),
  /** Term dates and INSET days, for "within 5 school days" (published by the school, so public). */
  schoolCalendar: SchoolCalendarSchema.optional(),
  /** When a referral without outcome, or an old backup, becomes a reminder. */
  reminders: ReminderSettingsSchema.optional(),
  /** docs/SECURITY.md item 13: cases are reviewed at the youngest child's birthday after this many years (default 25). */
  retentionYears: z.number().int().min(18).max(100).optional(),
});
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

export const KeyRoleSchema = z.enum(KEY_ROLES);
export type KeyRole = z.infer<typeof KeyRoleSchema>;
export const RoleSchema = z.enum(ROLES);
export const ActorSchema = z.strictObject({ userId: Id, role: RoleSchema, name: z.string().max(200) });

// ---- rows ---------------------------------------------------------------------------------------

export const DeviceMetaRowSchema = z.strictObject({
  key: z.literal('device'),
  installationId: Id,
  createdAt: IsoDateTime,
});
export const SettingsMetaRowSchema = z.strictObject({
  key: z.literal('settings'),
  settings: PublicSettingsSchema,
  sealingPublicJwk: PublicEcJwkSchema,
  signingPublicJwk: PublicEcJwkSchema,
  updatedAt: IsoDateTime,
  /**
   * The sealing public key signed by the establishment's signing key (docs/SECURITY.md item 16):
   * the staff form seals only to a key so confirmed. Absent on rows from before; added at unlock.
   */
  sealingKeySignature: Base64.optional(),
  /** HMAC under the MAC key over the rest of the row (checked after unlock). */
  mac: Hex64,
});
export const PrivateKeysMetaRowSchema = z.strictObject({
  key: z.literal('private-keys'),
  sealing: EncryptedRecordSchema,
  signing: EncryptedRecordSchema,
});
export const ThrottleMetaRowSchema = z.strictObject({
  key: z.literal('throttle'),
  failures: z.number().int().min(0),
  lastFailureAt: z.number(),
});
/** The PDF signing certificate (public) and its private key, encrypted under the data key. */
export const PdfSignerMetaRowSchema = z.strictObject({
  key: z.literal('pdf-signer'),
  certificateDer: Base64,
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i),
  subject: z.string().max(500),
  source: z.enum(['generated', 'imported']),
  createdAt: IsoDateTime,
  privateKey: EncryptedRecordSchema,
  /**
   * HMAC over the row (docs/SECURITY.md item 15). Absent only on rows saved before pinning; such a
   * row is pinned at the next unlock if the establishment log has never pinned a certificate.
   */
  mac: Hex64.optional(),
});
/** One bucket of the summary index: some cases' summaries, encrypted together under the data key (AAD meta/summary-index/<bucket>). */
export const SummaryIndexBucketRowSchema = z.strictObject({
  key: z.string().regex(/^summary-index\/\d{2}$/),
  bucket: z.number().int().min(0).max(255),
  enc: EncryptedRecordSchema,
});
/**
 * The index head, rewritten with every bucket write: `enc` (AAD meta/summary-index) holds the device
 * sequence number the index is complete up to and the IV of every bucket row as written, so a
 * bucket put back or altered shows; `dseq` repeats the number in the clear to find later events.
 */
export const SummaryIndexHeadRowSchema = z.strictObject({
  key: z.literal('summary-index'),
  buckets: z.number().int().min(1).max(256),
  dseq: z.number().int().min(0),
  enc: EncryptedRecordSchema,
});
export const CounterMetaRowSchema = z.strictObject({
  key: z.literal('reference-counter'),
  year: z.number().int(),
  next: z.number().int().min(1),
});

/**
 * The search for staff disclosures accepted before accepted ids were kept found none on this device
 * (src/storage/earlierDisclosures.ts). Clear: removed, the search simply runs again; what it finds
 * goes in the establishment log.
 */
export const EarlierDisclosuresMetaRowSchema = z.strictObject({
  key: z.literal('earlier-disclosures-searched'),
  at: IsoDateTime,
});

/** The data key wrapped to one key holder's public key (crypto/holderKeys.ts). */
export const WrappedDataKeySchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal('ECDH-P256+HKDF-SHA256+A256GCM'),
  epoch: Id,
  epk: PublicEcJwkSchema,
  salt: Base64,
  iv: Base64,
  ct: Base64,
});
const KeyringRowBase = {
  userId: Id,
  kind: z.enum(['user', 'recovery']),
  role: KeyRoleSchema.nullable(),
  displayName: z.string().max(200).nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** HMAC over everything but the dates: a role edited in the clear is refused at unlock. */
  mac: Hex64,
};
/** A row as written before public-key wrapping: the data key itself wrapped under the passphrase. Upgraded at its holder's next unlock. */
export const LegacyKeyringRowSchema = z.strictObject({ ...KeyringRowBase, wrapped: WrappedSecretSchema });
/**
 * A key holder (or the recovery key): a P-256 key pair whose private half is wrapped under the
 * passphrase (or recovery key), and the data key wrapped to the public half. `holder` and `dataKey`
 * are null for someone whose key could not be renewed when the data key was rotated (a holder who
 * had not unlocked since the upgrade): another DSL or deputy sets them a new passphrase.
 */
export const HolderKeyringRowSchema = z.strictObject({
  ...KeyringRowBase,
  holder: z.strictObject({ publicJwk: PublicEcJwkSchema, privateKey: WrappedSecretSchema }).nullable(),
  dataKey: WrappedDataKeySchema.nullable(),
});
export const KeyringRowSchema = z.union([HolderKeyringRowSchema, LegacyKeyringRowSchema]);

export const ChainHeadSchema = z.strictObject({ seq: z.number().int().min(0), digest: Hex64 });
export type ChainHead = z.infer<typeof ChainHeadSchema>;

const StageSchema = z.enum(STAGES as [Stage, ...Stage[]]);

export const CaseRowSchema = z.strictObject({
  id: Id,
  status: z.enum(['open', 'closed']),
  stage: StageSchema,
  openedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  caseKey: EncryptedRecordSchema,
  summary: EncryptedRecordSchema,
  head: ChainHeadSchema,
});
export const SnapshotRowSchema = z.strictObject({ caseId: Id, enc: EncryptedRecordSchema });
export const EventRowSchema = z.strictObject({
  caseId: Id,
  seq: z.number().int().min(1),
  eventId: Id,
  dseq: z.number().int().min(1),
  enc: EncryptedRecordSchema,
  digest: Hex64,
});
/**
 * An event row of a destroyed case (docs/SECURITY.md items 3 and 13): its place in the case's chain and
 * in the device's write order, and its digest, with no ciphertext. The device head's HMAC still
 * covers it, so the chains verify without any of the case's content.
 */
export const DestroyedEventRowSchema = z.strictObject({
  caseId: Id,
  seq: z.number().int().min(1),
  eventId: Id,
  dseq: z.number().int().min(1),
  digest: Hex64,
});
export const LogRowSchema = z.strictObject({
  seq: z.number().int().min(1),
  eventId: Id,
  dseq: z.number().int().min(1),
  enc: EncryptedRecordSchema,
  digest: Hex64,
});
export const InboxRowSchema = z.strictObject({
  id: Id,
  sealedAt: IsoDateTime,
  /** Fingerprint of the public key it was sealed to: a file for another establishment is refused early. */
  keyFingerprint: Hex64,
  sealed: SealedSchema,
  source: z.enum(['this-device', 'file']),
});
const TombstoneActorSchema = z.strictObject({ userId: Id, name: z.string().max(200), role: KeyRoleSchema });

/**
 * What is left of a destroyed case: its reference, dates, who destroyed it, who agreed and why, and
 * the head of its chain, signed by the establishment's ECDSA P-256 key (the receipt-signing key).
 * Nothing about the young people or the incident.
 */
export const TombstoneSchema = z.strictObject({
  format: z.literal('ypsi-response-tombstone'),
  version: z.literal(1),
  caseId: Id,
  reference: z.string().max(100),
  openedAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
  reviewDate: z.string().max(10).nullable(),
  destroyedAt: IsoDateTime,
  destroyedBy: TombstoneActorSchema,
  approvedBy: TombstoneActorSchema,
  reason: z.string().min(1).max(2000),
  /** The case chain's head when it was destroyed: its events' digests, kept without content, end here. */
  finalHead: ChainHeadSchema,
  establishment: z.string().max(200),
  publicKey: PublicEcJwkSchema,
  keyFingerprint: Hex64,
  /** base64 ECDSA P-256 / SHA-256 signature (r||s) over the canonical JSON of every other member. */
  signature: z.string().max(200),
});
export type Tombstone = z.infer<typeof TombstoneSchema>;

/** The meta row a destroyed case leaves: its id and final head in the clear (for the checks), the signed tombstone encrypted under the data key. */
export const TombstoneMetaRowSchema = z.strictObject({
  key: z.string().regex(/^tombstone\/.+$/),
  caseId: Id,
  head: ChainHeadSchema,
  enc: EncryptedRecordSchema,
});

export const DraftRowSchema = z.strictObject({ id: Hex64, updatedAt: IsoDateTime, enc: EncryptedRecordSchema });

export const DeviceHeadRowSchema = z.strictObject({
  id: z.literal('device'),
  dseq: z.number().int().min(0),
  mac: Hex64,
});
/**
 * Where the device head was last re-keyed (a rotation of the data key, docs/SECURITY.md item 8):
 * at write `dseq` the head `from` (under the old MAC key) became `mac` = HMAC(new MAC key, label,
 * dseq, from). The full check walks the device chain from here; an anchor cannot be made without
 * the MAC key, so a head row copied here proves nothing.
 */
export const DeviceAnchorRowSchema = z.strictObject({
  id: z.literal('device-anchor'),
  dseq: z.number().int().min(0),
  from: Hex64,
  mac: Hex64,
});
export const LogHeadRowSchema = z.strictObject({ id: z.literal('log'), seq: z.number().int().min(0), digest: Hex64 });
export const CheckpointRowSchema = z.strictObject({
  id: z.literal('checkpoint'),
  dseq: z.number().int().min(0),
  deviceMac: Hex64,
  /** [chainId, seq, digest] for every case and the establishment log, sorted by chainId. */
  heads: z.array(z.tuple([Id, z.number().int().min(0), Hex64])),
  /** Up to which write the unlock check last read every event (see CheckpointBody). */
  checked: z.number().int().min(0).optional(),
  at: IsoDateTime,
  mac: Hex64,
});

// ---- decrypted content ---------------------------------------------------------------------------

const EVENT_TYPES = Object.keys(EVENT_LABELS) as [CaseEventType, ...CaseEventType[]];

/**
 * The envelope of a case event. The per-type payload is checked by the case machine on replay; a
 * full per-type schema belongs with the domain's event types (asked for in the storage report).
 */
export const CaseEventEnvelopeSchema = z.looseObject({
  id: Id,
  type: z.enum(EVENT_TYPES),
  actor: ActorSchema,
  occurredAt: IsoDateTime,
  recordedAt: IsoDateTime,
});

const TriSchema = z.enum(['yes', 'no', 'unknown']);
/**
 * The facts a case snapshot holds. Every yes/no question is yes, no or not known; an answer missing
 * from a record saved before the question was asked (issue 11: AI-made imagery, demands for money,
 * gifts or more images) reads 'unknown', never no. Anything else in a stored answer is damage.
 */
export const StoredFactsSchema = z.looseObject(
  Object.fromEntries(TRI_FACT_KEYS.map((k) => [k, TriSchema.default('unknown')])) as Record<
    TriFactKey,
    z.ZodDefault<typeof TriSchema>
  >,
);

export const PersistedSnapshotSchema = z.looseObject({
  status: z.string(),
  value: StageSchema,
  context: z.looseObject({ id: z.string(), eventCount: z.number().int().min(0), facts: StoredFactsSchema.optional() }),
});

const DueItemSchema = z.looseObject({
  kind: z.string(),
  due: z.string().nullable(),
  label: z.string(),
  /** Optional: summaries stored before these were kept still parse. */
  since: z.string().optional(),
  ref: z.string().optional(),
});
export const CaseSummarySchema = z.looseObject({
  caseId: Id,
  reference: z.string(),
  stage: StageSchema,
  closed: z.boolean(),
  openedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  names: z.array(z.string()),
  youngPeople: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  typology: z.enum(['experimental', 'aggravated']).nullable(),
  routes: z.array(z.string()),
  due: z.array(DueItemSchema),
  eventCount: z.number().int().min(0),
});

/** A decrypted summary index bucket: each case's summary with the chain head it was made at. */
export const SummaryIndexBucketSchema = z.strictObject({
  v: z.literal(1),
  bucket: z.number().int().min(0).max(255),
  entries: z.array(z.strictObject({ seq: z.number().int().min(0), digest: Hex64, summary: CaseSummarySchema })),
});

/** A decrypted index head: complete up to device sequence `dseq`; `ivs[b]` is bucket b's row IV (null: no row). */
export const SummaryIndexHeadSchema = z.strictObject({
  v: z.literal(1),
  dseq: z.number().int().min(0),
  ivs: z.array(Base64.nullable()).max(256),
});

/** Parses a stored value or throws DamagedRecordError naming what was read and the first issue. */
export function parseRow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new DamagedRecordError(what, `${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
