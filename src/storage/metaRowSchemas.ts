// The shapes of the device's meta rows: device, settings, private keys, throttle, PDF signer, summary index, counters, earlier disclosures.
import { z } from 'zod';
import { PublicSettingsSchema } from './settingsSchemas';
import { Id, IsoDateTime, PublicEcJwkSchema, Base64, Hex64, EncryptedRecordSchema } from './primitiveSchemas';

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

/** A tablet's mark in case references (src/storage/tabletMark.ts): capital letters, one per enrolment. */
export const TabletMarkSchema = z.string().regex(/^[A-Z]{1,6}$/);

export const CounterMetaRowSchema = z.strictObject({
  key: z.literal('reference-counter'),
  year: z.number().int(),
  next: z.number().int().min(1),
  /** This tablet's mark (absent: the establishment's first tablet, whose references never change). */
  mark: TabletMarkSchema.optional(),
  /** How many marks this tablet has given to tablets it enrolled. */
  given: z.number().int().min(0).optional(),
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
