// What the screens know of sync: plain data from the storage layer's sync actor (no PouchDB, no XState here).

export type SyncStateName =
  | 'offline'
  | 'connecting'
  | 'pulling'
  | 'pushing'
  | 'upToDate'
  | 'paused'
  | 'needsSignIn'
  | 'refused'
  | 'error';

export type SyncStatusView = {
  state: SyncStateName;
  pending: number;
  lastSyncedAt: string | null;
  retryAt: string | null;
  message: string | null;
  refused: { docId: string; label: string; reason: string }[];
  progress: { read: number; total: number } | null;
  /** What pulls changed here (another tablet's steps applied, a disclosure delivered), for the open screens. */
  changes?: PulledChangesView;
  /** The signed-in key holder was removed on another tablet and signed out by sync (docs/SYNC.md): lock the screen. */
  signedOut?: boolean;
  /** Why, when not removed as a key holder (their passphrase was set again on another tablet). */
  signedOutReason?: string;
};

/**
 * What pulls have changed on this tablet: `serial` goes up at each pull that changed anything;
 * `cases` are the cases that pull moved on, `all` when any case may have changed or gone (a
 * rotation taken on, which erases cases destroyed elsewhere); `at` when (ISO).
 */
export type PulledChangesView = { serial: number; cases: string[]; all: boolean; at: string | null };

export type SyncServerInput = { url: string; username: string; password: string };
export type SyncFieldProblem = { field: 'url' | 'username' | 'password'; message: string };
export type SyncTestResult = {
  kind: 'ok' | 'needs-sign-in' | 'refused' | 'not-set-up' | 'unreachable';
  message?: string;
};

/** Sync, as the unlocked vault offers it (docs/SYNC.md). */
/** `disclosure`: the case was opened from a sealed staff disclosure, which the server holds with it until purged. */
export type ServerCopyView = { state: 'held' | 'none' | 'unknown'; command: string; disclosure?: boolean };

export interface SyncVault {
  /** The saved address and tablet name (never the password); null when sync is not set up. */
  settings(): Promise<{ url: string; username: string } | null>;
  /** Saves after checking what was typed; problems are named at their fields. */
  save(
    input: SyncServerInput,
  ): Promise<{ ok: true; crossOrigin: boolean } | { ok: false; problems: SyncFieldProblem[] }>;
  forget(): Promise<void>;
  test(
    input: SyncServerInput,
  ): Promise<{ ok: false; problems: SyncFieldProblem[] } | { ok: true; result: SyncTestResult; crossOrigin: boolean }>;
  /**
   * A one-time enrolment code for a new tablet, given its server name and first password (from IT's
   * add-tablet); a problem is named at its field (docs/SYNC.md, "Joining a tablet").
   */
  enrol(input: {
    username: string;
    password: string;
  }): Promise<
    | { ok: true; code: string; expiresAt: string }
    | { ok: false; field: 'username' | 'password' | null; message: string }
  >;
  /** The other tablets that sync and can be revoked from here (docs/SYNC.md, "Revoking a tablet"). */
  tablets(): Promise<{ ok: true; tablets: { username: string; since: string }[] } | { ok: false; message: string }>;
  /** Revokes a tablet; when only IT can, says so with the command to give them. */
  revoke(username: string): Promise<{ ok: true } | { ok: false; message: string; itCommand: string | null }>;
  /**
   * For destroyed cases: whether the school's server still holds their encrypted records ('held'
   * until IT purges them, 'none', or 'unknown' when it cannot be reached) and the purge command
   * for IT; null when sync is not set up (docs/SYNC.md, "Destroyed cases").
   */
  serverCopies(caseIds: string[]): Promise<Record<string, ServerCopyView> | null>;
  /** Starts syncing (loads PouchDB); null when not set up. */
  start(
    onStatus: (s: SyncStatusView) => void,
  ): Promise<{ send: (e: { type: 'PAUSE' | 'RESUME' | 'RETRY' }) => void; stop: () => Promise<void> } | null>;
}
