// What a backup holds once opened: the payload's schema (establishment, keyring, users, cases, log, tombstones).
import { z } from 'zod';
import { FILE_VERSION } from './files';
import { PdfSignerBackupSchema } from '../keys/pdfSigner';
import {
  ActorSchema,
  Base64,
  CaseEventEnvelopeSchema,
  ChainHeadSchema,
  Hex64,
  Id,
  InboxRowSchema,
  IsoDateTime,
  HolderKeyringRowSchema,
  KeyRoleSchema,
  PublicEcJwkSchema,
  PublicSettingsSchema,
  TabletMarkSchema,
  TombstoneSchema,
  WrappedSecretSchema,
} from '../schemas';

export const PAYLOAD_FORMAT = 'ypsi-response-backup-payload';

export const PrivateJwkSchema = z.looseObject({
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
  /**
   * Other tablets' steps of shared cases (docs/SYNC.md): each tablet's chain of a case, its events
   * decrypted, and that chain's head. Absent when no case was recorded on another tablet too, and
   * in backups made before it was carried. `cases` then holds this tablet's own chain of each such
   * case, which may be empty (a case opened on another tablet).
   */
  shared: z
    .array(z.strictObject({ caseId: Id, device: Id, head: ChainHeadSchema, events: z.array(CaseEventEnvelopeSchema) }))
    .optional(),
  /**
   * This tablet's reference counter (src/storage/tabletMark.ts): the next number, this tablet's
   * mark among joined tablets and how many marks it gave. Absent in backups made before it was
   * carried; a restore then numbers on from the restored cases' references.
   */
  referenceCounter: z
    .strictObject({
      year: z.number().int(),
      next: z.number().int().min(1),
      mark: TabletMarkSchema.optional(),
      given: z.number().int().min(0).optional(),
    })
    .optional(),
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
        /** Destroyed on another tablet (docs/SYNC.md): where this tablet's own steps of it ended. */
        ownHead: ChainHeadSchema.optional(),
      }),
    )
    .optional(),
});

export type BackupPayload = z.infer<typeof BackupPayloadSchema>;
