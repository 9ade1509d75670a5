// Owns the unlocked session: who is signed in and the establishment keys, held in memory only and wiped by lock().
import { type Action, may, refusedText } from '../../domain/permissions';
import type { Actor } from '../../domain/types';
import type { EstablishmentKeys } from '../crypto';
import { NotPermittedError, SessionLockedError } from '../errors';
import type { KeyRole } from '../schemas';

export type SessionUser = { userId: string; role: KeyRole; name: string };

type Secrets = {
  /**
   * The data key's derived keys, non-extractable. The data key's own bytes are never kept for the
   * session (docs/SECURITY.md item 5): what needs them (adding a key holder, renewing a passphrase)
   * asks for the passphrase again and opens them for that moment only.
   */
  keys: EstablishmentKeys;
  /** Unwrapped case keys (non-extractable), so listing and loading do not unwrap twice. */
  caseKeys: Map<string, CryptoKey>;
  /** Establishment private keys, imported on first use (non-extractable). */
  sealingPrivateKey: CryptoKey | null;
  signingPrivateKey: CryptoKey | null;
  /** The decrypted summary index (summaryIndex.ts), held for the session; dropped on lock. */
  summaryIndex: unknown;
  /**
   * The signed-in key holder's own private key (non-extractable, ECDH), opened by their passphrase
   * at unlock: it opens the wrap of a new data key made by a rotation on another tablet
   * (src/storage/sync/follow.ts, docs/SECURITY.md item 18). Null after a recovery-key or legacy unlock.
   */
  holderKey: CryptoKey | null;
};

const secrets = new WeakMap<Session, Secrets>();

/**
 * An unlocked user. Holds no key material in any enumerable or serialisable property: the keys sit
 * in a module-private WeakMap, so JSON.stringify, structuredClone or a React devtools dump of the
 * session shows only who is signed in (docs/SECURITY.md item 5).
 */
export class Session {
  readonly user: SessionUser;
  /** When the session was unlocked (ms since epoch), for the idle timer. */
  readonly unlockedAt: number;

  constructor(user: SessionUser, keys: EstablishmentKeys, holderKey: CryptoKey | null = null) {
    this.user = Object.freeze({ ...user });
    this.unlockedAt = Date.now();
    secrets.set(this, {
      keys,
      caseKeys: new Map(),
      sealingPrivateKey: null,
      signingPrivateKey: null,
      summaryIndex: null,
      holderKey,
    });
  }

  get locked(): boolean {
    return !secrets.has(this);
  }

  /** The actor stamped on what this user records. */
  get actor(): Actor {
    return { userId: this.user.userId, role: this.user.role, name: this.user.name };
  }

  toJSON(): unknown {
    return { user: this.user, locked: this.locked };
  }
}

/** The keys of an unlocked session; SessionLockedError after lock(). Storage-internal: not exported from index.ts. */
export function secretsOf(session: Session): Secrets {
  const s = secrets.get(session);
  if (!s) throw new SessionLockedError();
  return s;
}

/**
 * After a rotation (rotate.ts): the session carries on under the new data key. Case keys are the
 * same keys (only their wraps changed), so they stay; the summary index is read again.
 */
export function rekey(session: Session, keys: EstablishmentKeys): void {
  const s = secretsOf(session);
  s.keys = keys;
  s.summaryIndex = null;
}

/**
 * Locks: drops every key reference this module holds. CryptoKey objects
 * cannot be zeroized from JS; dropping the last reference is all the platform allows, which is why
 * a hard lock also reloads the page (the UI's job, docs/SECURITY.md item 5). Safe to call twice.
 */
export function lock(session: Session): void {
  const s = secrets.get(session);
  if (!s) return;
  s.caseKeys.clear();
  s.sealingPrivateKey = null;
  s.signingPrivateKey = null;
  s.summaryIndex = null;
  s.holderKey = null;
  secrets.delete(session);
}

/** Throws NotPermittedError unless the session's role may do `action` (src/domain/permissions.ts). */
export function requireRole(session: Session, action: Action, what: string): void {
  secretsOf(session);
  if (!may(session.user.role, action)) throw new NotPermittedError(refusedText(session.user.role, action, what));
}
