// Owns why sync signed the person out of this tablet, when it was not the usual reason (removed as
// a key holder on another tablet: follow.ts): their passphrase was set again on another tablet, so
// the key their session holds is not theirs any more (followApply.ts; docs/SECURITY.md item 18).
// In memory only, per session: the screen says it once, as it locks.
import { type Session, lock } from '../keys/session';

const reasons = new WeakMap<Session, string>();

/** Locks `session`, keeping `reason` for the lock screen. */
export function signOut(session: Session, reason: string): void {
  reasons.set(session, reason);
  lock(session);
}

export function signedOutReason(session: Session): string | undefined {
  return reasons.get(session);
}
