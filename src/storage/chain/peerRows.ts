// Owns the rows of other tablets' steps of a case (docs/SYNC.md): each tablet's steps of a case are
// that tablet's own chain (digest over prev, case, position, event), kept here position by
// position, with that chain's head. The head is sealed under the case's key (AES-GCM, AAD binding
// case and tablet), a key every key holder's tablet shares and which the data key's rotation does
// not change, so a head edited, or moved to another case or tablet, does not open (docs/SECURITY.md
// item 8). This tablet's own steps stay in `events`, in its device chain, as before.
import { z } from 'zod';
import { decryptJson, encryptJson } from '../crypto';
import { type ChainHead, ChainHeadSchema, EncryptedRecordSchema, Hex64, Id, parseRow } from '../schemas';

export const PeerEventRowSchema = z.strictObject({
  caseId: Id,
  /** The tablet whose chain this step is on (opaque id). */
  device: Id,
  seq: z.number().int().min(1),
  eventId: Id,
  digest: Hex64,
  enc: EncryptedRecordSchema,
});
export type PeerEventRow = z.infer<typeof PeerEventRowSchema>;

export const PeerHeadRowSchema = z.strictObject({
  caseId: Id,
  device: Id,
  seq: z.number().int().min(1),
  digest: Hex64,
  /** { seq, digest } sealed under the case key, AAD peerHeadId(caseId, device). */
  enc: EncryptedRecordSchema,
});
export type PeerHeadRow = z.infer<typeof PeerHeadRowSchema>;

/** !!! STORAGE NAME - NEVER CHANGE: the AAD of a sealed peer head. */
export const peerHeadId = (caseId: string, device: string) => `peer-head/${caseId}/${device}`;

export async function sealPeerHead(
  caseKey: CryptoKey,
  caseId: string,
  device: string,
  head: ChainHead,
): Promise<PeerHeadRow> {
  return {
    caseId,
    device,
    seq: head.seq,
    digest: head.digest,
    enc: await encryptJson(caseKey, peerHeadId(caseId, device), { seq: head.seq, digest: head.digest }),
  };
}

/** The head of another tablet's chain of this case, or null if the row was altered, moved or put back half. */
export async function openPeerHead(caseKey: CryptoKey, raw: unknown): Promise<ChainHead | null> {
  const row = parseRow(PeerHeadRowSchema, raw, 'another tablet’s head');
  try {
    const head = ChainHeadSchema.parse(await decryptJson(caseKey, peerHeadId(row.caseId, row.device), row.enc));
    return head.seq === row.seq && head.digest === row.digest ? head : null;
  } catch {
    return null;
  }
}
