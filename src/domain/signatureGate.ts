// A signature a step needs: a name, and strokes when drawn (R11.4, R14.3).
import { reason, type Reason } from './reasons';
import type { Signature } from './events';
import { blank } from './blank';

export function explainSignature(
  sig: Signature,
  who: string,
  field: 'signature' | 'viewerSignature' | 'witnessSignature',
): Reason[] {
  if (blank(sig.name)) return [reason('R14.3', `${who}: type the name of the person signing.`, { field })];
  if (sig.kind === 'drawn' && sig.strokes.every((s) => s.length < 2))
    return [reason('R14.3', `${who}: draw the signature, or type the name instead.`, { field })];
  return [];
}
