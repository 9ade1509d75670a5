// How the verifier words what it found: a signer's role, and yes, no or could not be checked.
import { ROLE_LABELS } from '../../domain/stages';
import type { Role } from '../../domain/types';

export const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;

export function yesNo(v: boolean | null, yes: string, no: string, unknown = 'Could not be checked'): string {
  return v === null ? unknown : v ? yes : no;
}
