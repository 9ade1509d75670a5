// The establishment log's entries about revoked tablets (docs/SYNC.md, "Revoking a tablet";
// docs/SECURITY.md item 19), beside log.ts so that file stays readable whole. The log is encrypted
// under the data key and every rotation encrypts it again (docs/SECURITY.md items 1 and 18), so a
// revocation recorded here outlives the data key its notice on the server was encrypted under.
import { z } from 'zod';
import { Id, IsoDateTime } from '../schemas';

/** How far each of the revoked tablet's chains of a case had reached: the steps still taken from it. */
export const RevocationCutSchema = z.array(z.strictObject({ caseId: Id, seq: z.number().int().min(1) })).max(5000);

/** A tablet revoked from this one: `cut` as above; `atServer`: the server now refuses it. */
export const TabletRevokedFields = {
  type: z.literal('tablet.revoked'),
  tablet: z.string().min(1).max(63),
  device: Id,
  cut: RevocationCutSchema,
  atServer: z.boolean(),
};

/**
 * A revocation made on another tablet, seen here in its notice and recorded so this tablet keeps
 * refusing that tablet's later steps after the data key is rotated: who revoked it, from which
 * tablet and when (`revokedAt`, that tablet's clock), and its cut.
 */
export const RevocationNotedFields = {
  type: z.literal('tablet.revocation-noted'),
  tablet: z.string().min(1).max(63),
  device: Id,
  revokedAt: IsoDateTime,
  by: z.string().max(200),
  byTablet: z.string().min(1).max(63),
  cut: RevocationCutSchema,
};
