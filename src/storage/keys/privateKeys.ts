// Owns the establishment's private keys (disclosure opening, receipt signing): stored encrypted under the data key, imported once per session.
import { decryptJson, importSealingPrivateKey, importSigningPrivateKey } from '../crypto';
import { recordId } from '../chain/chain';
import { db } from '../db';
import { NotSetUpError } from '../errors';
import { PrivateKeysMetaRowSchema, parseRow } from '../schemas';
import { type Session, secretsOf } from './session';

async function readRow() {
  const raw = await db().meta.get('private-keys');
  if (!raw) throw new NotSetUpError();
  return parseRow(PrivateKeysMetaRowSchema, raw, 'establishment private keys');
}

/** The ECDH private key that opens sealed disclosures (non-extractable, cached until lock). */
export async function sealingPrivateKey(session: Session): Promise<CryptoKey> {
  const s = secretsOf(session);
  if (!s.sealingPrivateKey) {
    const row = await readRow();
    s.sealingPrivateKey = await importSealingPrivateKey(
      await decryptJson<JsonWebKey>(s.keys.dataKey, recordId.sealingPrivateKey, row.sealing),
    );
  }
  return s.sealingPrivateKey;
}

/** The ECDSA private key that signs transfer receipts (non-extractable, cached until lock). */
export async function signingPrivateKey(session: Session): Promise<CryptoKey> {
  const s = secretsOf(session);
  if (!s.signingPrivateKey) {
    const row = await readRow();
    s.signingPrivateKey = await importSigningPrivateKey(
      await decryptJson<JsonWebKey>(s.keys.dataKey, recordId.signingPrivateKey, row.signing),
    );
  }
  return s.signingPrivateKey;
}

/** Both private keys as JWK, for the encrypted backup only. */
export async function exportPrivateJwks(session: Session): Promise<{ sealing: JsonWebKey; signing: JsonWebKey }> {
  const { dataKey } = secretsOf(session).keys;
  const row = await readRow();
  return {
    sealing: await decryptJson<JsonWebKey>(dataKey, recordId.sealingPrivateKey, row.sealing),
    signing: await decryptJson<JsonWebKey>(dataKey, recordId.signingPrivateKey, row.signing),
  };
}
