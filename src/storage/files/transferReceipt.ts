// A transfer's signed receipt from the receiving school: checked against what was sent, recorded in the log, and the transfers still waiting for one.
import { z } from 'zod';
import { canonicalJson } from '../../codec/canonical';
import { keyFingerprint, verifyTextSignature } from '../crypto';
import { ImportError } from '../errors';
import { FILE_VERSION, RECEIPT_FORMAT, parseFile } from './files';
import { appendLog, readLog } from '../chain/log';
import { Hex64, Id, IsoDateTime, PublicEcJwkSchema } from '../schemas';
import { type Session, requireRole } from '../keys/session';

/** A receipt is a short JSON text; anything much bigger is not one. */
const MAX_RECEIPT_CHARS = 16 * 1024;

export const ReceiptSchema = z.strictObject({
  format: z.literal(RECEIPT_FORMAT),
  version: z.literal(FILE_VERSION),
  transferId: Id,
  caseId: Id,
  reference: z.string().max(100),
  recordHash: Hex64,
  eventCount: z.number().int().min(1),
  receivedAt: IsoDateTime,
  receivedBy: z.strictObject({ name: z.string().max(200), role: z.string().max(40) }),
  establishment: z.string().max(200),
  /** The importer's establishment signing key (ECDSA P-256), whose fingerprint the sender can confirm by phone. */
  publicKey: PublicEcJwkSchema,
  keyFingerprint: Hex64,
  /** base64 ECDSA P-256 / SHA-256 signature (r||s) over the canonical JSON of every other member. */
  signature: z.string().max(200),
});

export type TransferReceipt = z.infer<typeof ReceiptSchema>;

/**
 * Checks a receipt file's signature against the public key it carries. Valid means "whoever
 * holds that key signed this": confirm its keyFingerprint with the recipient (e.g. by phone).
 */
export async function verifyTransferReceipt(text: string): Promise<TransferReceipt> {
  if (typeof text === 'string' && text.length > MAX_RECEIPT_CHARS)
    throw new ImportError('not-a-file', 'This is not a transfer receipt (it is too large).');
  const parsed = ReceiptSchema.safeParse(parseFile(text, RECEIPT_FORMAT));
  if (!parsed.success) throw new ImportError('corrupt', 'This receipt is damaged.');
  const { signature, ...unsigned } = parsed.data;
  if (!(await verifyTextSignature(unsigned.publicKey, canonicalJson(unsigned), signature))) {
    throw new ImportError(
      'corrupt',
      'This receipt’s signature is not valid: it was altered or not made by the recipient’s app.',
    );
  }
  if ((await keyFingerprint(unsigned.publicKey)) !== unsigned.keyFingerprint)
    throw new ImportError('corrupt', 'This receipt names a key that is not its own.');
  return parsed.data;
}

/** The sender records a receipt: it must be valid and match a transfer this device logged (id and record hash). */
export async function recordTransferReceipt(session: Session, text: string): Promise<TransferReceipt> {
  requireRole(session, 'transfer-case', 'record a receipt');
  const receipt = await verifyTransferReceipt(text);
  const sent = (await readLog(session)).find(
    (e) => e.type === 'export.made' && e.kind === 'case-transfer' && e.fileId === receipt.transferId,
  );
  if (!sent || sent.type !== 'export.made')
    throw new ImportError('wrong-kind', 'This receipt is for a transfer that was not sent from this device.');
  if (sent.recordHash !== receipt.recordHash)
    throw new ImportError('corrupt', 'This receipt is for a different version of the record than the one sent.');
  await appendLog(session, [
    {
      type: 'receipt.recorded',
      transferId: receipt.transferId,
      recordHash: receipt.recordHash,
      receivedBy: `${receipt.receivedBy.name}, ${receipt.establishment}`,
      receiverKeyFingerprint: receipt.keyFingerprint,
    },
  ]);
  return receipt;
}

/**
 * Case transfers sent from this device and whether a signed receipt for each has been recorded,
 * from the establishment log ('export.made' of kind 'case-transfer', 'receipt.recorded'), for the
 * "receipt not back" reminder (UKCIS.transfer: within 5 school days, with confirmation of receipt).
 */
export async function listTransfersSent(
  session: Session,
): Promise<{ transferId: string; caseIds: string[]; to: string; sentAt: string; received: boolean }[]> {
  const log = await readLog(session);
  const received = new Set(log.flatMap((e) => (e.type === 'receipt.recorded' ? [e.transferId] : [])));
  return log.flatMap((e) =>
    e.type === 'export.made' && e.kind === 'case-transfer'
      ? [{ transferId: e.fileId, caseIds: e.caseIds, to: e.to, sentAt: e.occurredAt, received: received.has(e.fileId) }]
      : [],
  );
}
