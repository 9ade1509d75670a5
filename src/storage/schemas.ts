// zod schemas for everything the storage layer reads back from IndexedDB or a file: parse, never trust (docs/SECURITY.md item 12).
import { z } from 'zod';
import { EVENT_LABELS } from '../domain/gates';
import { STAGES, type Stage } from '../domain/stages';
import type { CaseEventType } from '../domain/events';
import { TRI_FACT_KEYS, type TriFactKey } from '../domain/types';
import { KeyRoleSchema, RoleSchema } from './keyringRowSchemas';
import {
  Hex64,
  Base64,
  IsoDateTime,
  Id,
  EncryptedRecordSchema,
  PublicEcJwkSchema,
  SealedSchema,
} from './primitiveSchemas';
export {
  Hex64,
  Base64,
  IsoDateTime,
  Id,
  EncryptedRecordSchema,
  KdfParamsSchema,
  WrappedSecretSchema,
  PublicEcJwkSchema,
  SealedSchema,
} from './primitiveSchemas';
export {
  DeviceMetaRowSchema,
  SettingsMetaRowSchema,
  PrivateKeysMetaRowSchema,
  ThrottleMetaRowSchema,
  PdfSignerMetaRowSchema,
  SummaryIndexBucketRowSchema,
  SummaryIndexHeadRowSchema,
  CounterMetaRowSchema,
  TabletMarkSchema,
  EarlierDisclosuresMetaRowSchema,
} from './metaRowSchemas';
export { ContactSchema, SchoolCalendarSchema, ReminderSettingsSchema, PublicSettingsSchema } from './settingsSchemas';
export type { PublicSettings } from './settingsSchemas';

export {
  KeyRoleSchema,
  type KeyRole,
  RoleSchema,
  WrappedDataKeySchema,
  LegacyKeyringRowSchema,
  HolderKeyringRowSchema,
  KeyringRowSchema,
} from './keyringRowSchemas';
export const ActorSchema = z.strictObject({ userId: Id, role: RoleSchema, name: z.string().max(200) });

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
  /** The destroyed case's final head as its signed tombstone names it (the tablet that destroyed it). */
  head: ChainHeadSchema,
  enc: EncryptedRecordSchema,
  /**
   * This tablet's own chain of the case where it ended, when the case was destroyed on another
   * tablet and erased here from its tombstone (docs/SYNC.md): the checks end this tablet's rows of
   * the case here, not at the other tablet's head. Absent when it was destroyed on this tablet.
   */
  own: ChainHeadSchema.optional(),
  /**
   * The staff disclosures the case was opened from (written by `staff/<id>`), noted as it was
   * erased: their sealed `disclosure:<id>` documents are purged with it (src/storage/sync/purge.ts).
   */
  disclosures: z.array(Id).optional(),
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

export { parseRow } from './parseRow';
