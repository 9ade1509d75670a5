// Typed storage errors with plain-English messages a DSL can act on; the UI shows `message` as is.
import type { IntegrityProblem } from './chain/integrityTypes';

/** Base class for every error the storage layer throws on purpose. */
export class StorageError extends Error {
  /** The message already says this step was not saved: a screen shows it as it is, adding nothing. */
  readonly saysNotSaved: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Nothing is set up on this device yet (no establishment, no users). */
export class NotSetUpError extends StorageError {
  constructor() {
    super('This device has not been set up yet.');
  }
}

export class AlreadySetUpError extends StorageError {
  constructor() {
    super('This device is already set up for an establishment. Set-up runs only once.');
  }
}

/** A call needed an unlocked session and the session has been locked. */
export class SessionLockedError extends StorageError {
  constructor() {
    super('The app is locked. Unlock it with your passphrase to continue.');
  }
}

/** Too many failed unlocks: wait before the next try (the wait doubles, capped at a minute). */
export class UnlockThrottledError extends StorageError {
  constructor(readonly retryAfterMs: number) {
    const s = Math.ceil(retryAfterMs / 1000);
    super(`Too many attempts. Try again in ${s} second${s === 1 ? '' : 's'}.`);
  }
}

export class UnknownUserError extends StorageError {
  constructor() {
    super('There is no such user on this device.');
  }
}

/** The unlocked user's role does not allow this (e.g. a Headteacher adding users). */
export class NotPermittedError extends StorageError {}

/** A passphrase refused before use (too short); the UI's strength meter should catch it first. */
export class WeakPassphraseError extends StorageError {}

/** Another tab holds the writer lock: this tab may read but not write (one writer, no forked records). */
export class ReadOnlyTabError extends StorageError {
  constructor() {
    super(
      'The app is open in another tab or window. Close it and use that one, or close it and reload here: only one can record at a time.',
    );
  }
}

export class CaseNotFoundError extends StorageError {
  constructor(readonly caseId: string) {
    super('This case is not on this device.');
  }
}

/** The case was destroyed on this device (docs/SECURITY.md item 13): only its signed note remains. */
export class CaseDestroyedError extends CaseNotFoundError {
  constructor(caseId: string) {
    super(caseId);
    this.message = 'This case was destroyed. Only a signed note that it existed remains: see Retention.';
    this.name = 'CaseDestroyedError';
  }
}

/** The browser has no room left: nothing from this step was saved, everything saved before is intact. */
export class StorageFullError extends StorageError {
  override readonly saysNotSaved = true;
  constructor(options?: { cause?: unknown }) {
    super(
      'The device is out of storage space, so this step was not saved. Everything saved before is safe. Free some space (or export a backup and remove old files), then try again.',
      options,
    );
  }
}

/** A write transaction was aborted: nothing from this step was saved, everything saved before is intact. */
export class WriteAbortedError extends StorageError {
  override readonly saysNotSaved = true;
  constructor(options?: { cause?: unknown }) {
    super(
      'This step could not be saved (the browser stopped the write). Everything saved before is safe. Try again.',
      options,
    );
  }
}

/**
 * This tab's connection to the database was closed under it: a newer version of the app opened
 * the database in another tab, or the database was deleted. Nothing from this step was saved.
 */
export class StorageClosedError extends StorageError {
  override readonly saysNotSaved = true;
  constructor(options?: { cause?: unknown }) {
    super(
      'This step was not saved: this page can no longer reach the app’s storage (a newer version of the app was opened in another tab, or the stored records were removed). Everything saved before is safe. Note down what you typed, then reload this page.',
      options,
    );
  }
}

/** Another writer changed the record while this step was prepared, repeatedly: nothing was saved. */
export class WriteConflictError extends StorageError {
  override readonly saysNotSaved = true;
  constructor() {
    super('The record was being changed elsewhere at the same time, so this step was not saved. Reload and try again.');
  }
}

/** Stored data failed an integrity check: named, never repaired silently. */
export class IntegrityError extends StorageError {
  constructor(readonly problem: IntegrityProblem) {
    super(problem.message);
  }
}

/** A staff disclosure above the size cap; nothing was sealed or stored. */
export class DisclosureTooLargeError extends StorageError {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `This disclosure is too long to store (${Math.ceil(bytes / 1024)} KB; the limit is ${Math.floor(limit / 1024)} KB). Shorten the longest answers and try again.`,
    );
  }
}

export type ImportFailure =
  | 'not-a-file' // not JSON, or not one of our files
  | 'truncated'
  | 'wrong-kind' // e.g. a transfer file offered as a backup
  | 'unsupported-version'
  | 'weak-kdf'
  | 'corrupt' // right kind, wrong shape or inconsistent content
  | 'wrong-passphrase'
  | 'device-not-empty'
  | 'already-imported'
  | 'already-accepted' // a sealed disclosure this device already made into a case
  | 'wrong-establishment'
  | 'refused-by-policy'; // an event the case machine refuses on replay

/** The sentence every refused file ends with: a refusal changes nothing stored. */
export const NOTHING_CHANGED = 'Nothing was changed.';

/**
 * A backup, transfer, receipt or sealed-disclosure file was refused. Nothing stored was changed, and
 * the message always ends by saying so. `field` is which answer is at fault, for the screen to place
 * the message by: the passphrase (wrong-passphrase) or the file itself (every other reason).
 */
export class ImportError extends StorageError {
  readonly field: 'passphrase' | 'file';
  constructor(
    readonly reason: ImportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message.endsWith(NOTHING_CHANGED) ? message : `${message} ${NOTHING_CHANGED}`, options);
    this.field = reason === 'wrong-passphrase' ? 'passphrase' : 'file';
  }
}

/** A record read back from the device does not have the shape this version wrote: damaged or altered. */
export class DamagedRecordError extends StorageError {
  constructor(
    readonly what: string,
    detail: string,
  ) {
    super(
      `A stored record (${what}) is damaged or was altered outside the app: ${detail}. Run the full integrity check, and restore a backup if it fails.`,
    );
  }
}

/**
 * The key a disclosure would be sealed to is not confirmed by this establishment's signing key
 * (docs/SECURITY.md item 16): someone may have changed it on this tablet. Nothing is sealed.
 */
export class SealingKeyNotConfirmedError extends StorageError {
  constructor() {
    super(
      'This tablet cannot seal the disclosure safely: the key it would be sealed to is not confirmed as this establishment’s, so someone may have changed it. Nothing was saved. Tell the DSL in person, now, and ask them to unlock this tablet.',
    );
  }
}
