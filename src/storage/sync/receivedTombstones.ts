// Owns the tombstone row a tablet keeps for a case destroyed on another tablet (docs/SYNC.md): the
// signed note from the establishment log, under this tablet's data key, with where this tablet's
// own steps of the case ended (`own`). When the other tablet already sent the same note under the
// same key, its ciphertext is kept as it is, so both tablets send one and the same document.
import { canonicalJson } from '../../codec/canonical';
import { type EncryptedRecord, decryptJson } from '../crypto';
import { recordId } from '../chain/chain';
import { encryptTombstone, tombstoneSignatureValid } from '../chain/tombstones';
import type { TombstoneMetaRow } from '../db';
import { type ChainHead, type Tombstone, TombstoneSchema } from '../schemas';

/** Is the note validly signed, by this establishment's signing key (`signing`)? */
export async function signedHere(t: Tombstone, signing: JsonWebKey | null): Promise<boolean> {
  return !!signing && canonicalJson(signing) === canonicalJson(t.publicKey) && (await tombstoneSignatureValid(t));
}

/** The row for note `t` under `dataKey`: `theirs` (the server's ciphertext) when it opens to this very note. */
export async function receivedTombstoneRow(
  dataKey: CryptoKey,
  t: Tombstone,
  theirs: EncryptedRecord | undefined,
  own: ChainHead,
): Promise<TombstoneMetaRow> {
  const row = { ...(await encryptTombstone(dataKey, t)), own };
  if (!theirs) return row;
  try {
    const opened = TombstoneSchema.parse(await decryptJson(dataKey, recordId.tombstone(t.caseId), theirs));
    if (opened.signature === t.signature) return { ...row, enc: theirs };
  } catch {
    // Not this note: this tablet's own encryption of it.
  }
  return row;
}
