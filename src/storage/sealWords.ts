// Owns the seal words as the unlocked establishment knows them (docs/SECURITY.md item 16): from its own encrypted sealing key, not the clear settings row the lock screen reads.
import { fingerprintWords } from '../codec/words';
import { keyFingerprint } from './crypto';
import { exportPrivateJwks } from './keys/privateKeys';
import type { Session } from './keys/session';
import { getPublicSettings } from './settings';

export type EstablishmentSealWords = {
  /** The words of the key this establishment can open (its sealing private key, encrypted under the data key): the ones to print for staff. */
  words: string[];
  /** The words the lock screen shows now (from the clear settings row, which anyone with the tablet could edit). */
  lockScreenWords: string[] | null;
  /** The lock screen's key is this establishment's and is confirmed by its signing key: staff may seal to it. */
  lockScreenMatches: boolean;
};

/**
 * The seal words for the staff notice. Taken from the establishment's own sealing key (only an
 * unlocked session opens it), so a notice printed here names the key disclosures must be sealed
 * to even if the clear row was swapped: then the lock screen's words differ, `lockScreenMatches`
 * is false, and staff comparing words refuse to seal.
 */
export async function establishmentSealWords(session: Session): Promise<EstablishmentSealWords> {
  const ours = await keyFingerprint((await exportPrivateJwks(session)).sealing);
  const pub = await getPublicSettings();
  const shown = pub ? await keyFingerprint(pub.sealingPublicJwk) : null;
  return {
    words: fingerprintWords(ours),
    lockScreenWords: pub ? pub.sealingKeyWords : null,
    lockScreenMatches: pub !== null && shown === ours && pub.sealingKeyConfirmed,
  };
}
