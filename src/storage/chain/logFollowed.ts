// Owns the shape of the establishment log entry a tablet writes when it takes on a change of the
// key holders or settings made on another tablet under the data key they share (docs/SYNC.md,
// src/storage/sync/followChange.ts; docs/SECURITY.md items 1 and 16). Each change is named by the
// id of the log entry that made it there (its version), so every tablet can tell, from the logs
// alone, which of two versions of a key holder's row or of the settings came after the other.
import { z } from 'zod';
import { ChainHeadSchema, Id, IsoDateTime, KeyRoleSchema, PublicSettingsSchema } from '../schemas';

/** What made a version: the keyring binding's change there ('passphrase-reset', 'added'...), or 'settings'. */
const Change = z.string().min(1).max(40);
const Versioned = {
  /** The id of the log entry (there) that made the version this entry is about. */
  version: Id,
  change: Change,
  changedAt: IsoDateTime,
  /** Every version of it the other tablet's log had seen (this tablet has seen them now). */
  seen: z.array(Id).max(500),
  /** Changed on both tablets while they could not see each other: the choice of followChange.ts's rule. */
  apart: z.literal(true).optional(),
};

export const EstablishmentFollowedFields = {
  type: z.literal('establishment.followed'),
  /** The other tablet's establishment log head its copy of the key holders and settings was taken at. */
  from: ChainHeadSchema,
  /** When that tablet wrote the copy. */
  at: IsoDateTime,
  holders: z
    .array(
      z.strictObject({
        user: z.strictObject({ userId: Id, name: z.string().max(200), role: KeyRoleSchema.nullable() }),
        /** added: a new key holder; replaced: their row as it is there; kept: this tablet's own kept (apart). */
        outcome: z.enum(['added', 'replaced', 'kept']),
        ...Versioned,
      }),
    )
    .max(200),
  settings: z
    .strictObject({
      outcome: z.enum(['taken', 'kept']),
      before: PublicSettingsSchema,
      after: PublicSettingsSchema,
      ...Versioned,
    })
    .nullable(),
};
