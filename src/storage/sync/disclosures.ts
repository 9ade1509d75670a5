// Owns delivering a staff disclosure sealed on another tablet (docs/SYNC.md): a `disclosure` record
// pulled from the server goes into this tablet's inbox through the same door as a sealed file
// carried by hand (storage/inbox.ts importSealedDisclosureFile), with the same checks: sealed to
// this establishment's key, not already waiting, not already accepted into a case (the log says).
import { SEALED_DISCLOSURE_FORMAT, importSealedDisclosureFile } from '../inbox';
import { ImportError } from '../errors';
import type { Session } from '../keys/session';
import type { DisclosureDoc } from './docs';

/** 'delivered' into the inbox, 'known' (waiting already, or accepted into a case), or why it was refused. */
export async function deliverDisclosure(
  session: Session,
  doc: DisclosureDoc,
): Promise<'delivered' | 'known' | { refused: string }> {
  const { alg, epk, salt, iv, ct } = doc;
  const text = JSON.stringify({
    format: SEALED_DISCLOSURE_FORMAT,
    version: 1,
    id: doc._id.slice('disclosure:'.length),
    sealedAt: doc.sealedAt,
    keyFingerprint: doc.keyFingerprint,
    sealed: { v: 1, alg, epk, salt, iv, ct },
  });
  try {
    await importSealedDisclosureFile(session, text);
    return 'delivered';
  } catch (e) {
    if (e instanceof ImportError && (e.reason === 'already-imported' || e.reason === 'already-accepted'))
      return 'known';
    if (e instanceof ImportError) return { refused: e.message };
    throw e;
  }
}
