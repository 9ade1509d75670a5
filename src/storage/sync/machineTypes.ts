// The sync actor's types: what it needs from the engine, what it holds, what it hears, and its states.
import type { ConnectResult, PullProgress, PushReport, SyncFailure } from './engine';
import type { InboxReport, Refusal } from './inbox';

/** What the actor needs from the engine (SyncEngine implements it). */
export interface SyncDriver {
  connect(): Promise<ConnectResult>;
  pull(onProgress: (p: PullProgress) => void): Promise<PulledReport>;
  push(): Promise<PushReport>;
  pending(): Promise<number>;
  watch(onChange: () => void, onError: (failure: SyncFailure) => void): () => void;
}

/** What a pull reports to the actor: the inbox's checks, and a rotation taken on (follow.ts) if any. */
export type PulledReport = InboxReport & { followed?: { erased: number } | undefined };

/**
 * What pulls have changed on this tablet, for the screens (an open case shows another tablet's new
 * steps): `serial` goes up at each pull that applied steps, delivered a disclosure or took a
 * rotation on; `cases` the cases that pull moved on, `all` when cases may have gone (a rotation).
 */
export type PulledChanges = { serial: number; cases: string[]; all: boolean; at: string | null };

export type SyncContext = {
  driver: SyncDriver;
  /** Records waiting to be sent, as last counted. */
  pending: number;
  /** When the tablet was last up to date with the server (ISO). */
  lastSyncedAt: string | null;
  /** Failed attempts in a row: the next retry waits 2 s × 2^n, at most 5 minutes. */
  failures: number;
  /** When the next automatic attempt is due (ISO), while in `error`. */
  retryAt: string | null;
  /** What went wrong, in plain words (needs sign-in, refused, error). */
  message: string | null;
  /** Records from the server this tablet refused (kept until dealt with). */
  refused: Refusal[];
  /** The first pull's progress (documents read of the server's total); null otherwise. */
  progress: PullProgress | null;
  /** Whether this tablet has completed a pull since it was set up for sync. */
  pulledOnce: boolean;
  startOnline: boolean;
  changes: PulledChanges;
  /** A step was recorded while connecting, pulling or pushing: push again before resting. */
  dirty: boolean;
};

export type SyncEvent =
  | { type: 'ONLINE' }
  | { type: 'OFFLINE' }
  | { type: 'PAUSE' }
  | { type: 'RESUME' }
  | { type: 'RETRY' }
  | { type: 'LOCAL_CHANGE' }
  | { type: 'REMOTE_CHANGE' }
  | { type: 'PROGRESS'; progress: PullProgress }
  /** What a pull applied, sent as soon as it is done, so it counts even if the pull's state was left (offline, paused). */
  | { type: 'PULLED'; report: PulledReport }
  | { type: 'FAILED'; failure: SyncFailure };

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
