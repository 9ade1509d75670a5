// The stored establishment signer's row: its fields and the MAC that binds them to the data key.
import { z } from 'zod';
import { canonicalJson } from '../../codec/canonical';
import { hmacHex } from '../crypto';
import { PdfSignerMetaRowSchema, parseRow } from '../schemas';

export const KEY = 'pdf-signer' as const;

export const PdfSignerRowSchema = PdfSignerMetaRowSchema;

export type PdfSignerRow = z.infer<typeof PdfSignerRowSchema>;

// !!! NEVER CHANGE: inside every stored signer-row MAC.
const SIGNER_LABEL = 'ypsi/pdf-signer/v1';

type SignerFields = Omit<PdfSignerRow, 'key' | 'mac'>;

export function signerMacInput(f: SignerFields): string {
  return canonicalJson({
    label: SIGNER_LABEL,
    certificateDer: f.certificateDer,
    fingerprint: f.fingerprint,
    subject: f.subject,
    source: f.source,
    createdAt: f.createdAt,
    privateKey: f.privateKey,
  });
}

export async function signerRow(macKey: CryptoKey, f: SignerFields): Promise<PdfSignerRow> {
  return parseRow(
    PdfSignerRowSchema,
    { key: KEY, ...f, mac: await hmacHex(macKey, signerMacInput(f)) },
    'PDF signing certificate',
  );
}
