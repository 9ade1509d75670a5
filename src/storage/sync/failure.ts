// Owns how a failed pull or push is put to the person (docs/SYNC.md): sorted by what they can do
// about it (sign in again, ask IT, wait for the network, or report a fault on this tablet), in
// plain words that never blame the network for what is not the network.
import { StorageError } from '../errors';

/** A failure of a pull or push, sorted by what the person can do about it. */
export class SyncFailure extends Error {
  constructor(
    readonly kind: 'needs-sign-in' | 'refused' | 'unreachable' | 'error',
    message: string,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/** The error's own words, without a closing full stop (the status line goes on after them). */
const bare = (s: string) => s.trim().replace(/[.\s]+$/, '');

// What a failed fetch looks like in each browser (Chrome, Firefox, Safari) and in Node (undici),
// and what PouchDB reports when a connection dies: only these are "could not be reached".
const NETWORK_MESSAGE =
  /failed to fetch|fetch failed|networkerror|network request failed|load failed|network connection was lost|econn(reset|refused|aborted)|socket hang up|etimedout|ehostunreach|enotfound|eai_again/i;

function isNetworkFailure(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, message, code, cause } = e as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  if (name === 'AbortError' || name === 'TimeoutError') return true;
  if (typeof code === 'string' && NETWORK_MESSAGE.test(code)) return true;
  if (typeof message === 'string' && NETWORK_MESSAGE.test(message)) return true;
  return cause !== undefined && cause !== e && isNetworkFailure(cause);
}

/**
 * A failure sorted by what the person can do about it. Only a connection that failed, or a server
 * that answered with its own fault (5xx), is "could not be reached": a fault on this tablet (a bug,
 * its storage, a record its rules refuse) says what it is, so nobody checks the network for nothing.
 */
export function failureFrom(e: unknown): SyncFailure {
  if (e instanceof SyncFailure) return e;
  const status = typeof e === 'object' && e !== null && 'status' in e ? Number((e as { status: unknown }).status) : 0;
  const msg = bare(
    e instanceof Error
      ? e.message
      : typeof e === 'object' && e !== null && 'message' in e
        ? String((e as { message: unknown }).message)
        : String(e),
  );
  if (status === 401)
    return new SyncFailure('needs-sign-in', 'The server did not accept this tablet’s name and password.');
  if (status === 403)
    return new SyncFailure(
      'refused',
      'The server refused this tablet: it is not (or no longer) a member of the database.',
    );
  // Worded to be followed by "; trying again at 10:45." on the status line (src/ui/sync/statusText.ts).
  if (status >= 500) return new SyncFailure('unreachable', `The school server had a problem (it answered ${status})`);
  if (isNetworkFailure(e)) return new SyncFailure('unreachable', 'Could not reach the school server');
  if (status >= 400)
    return new SyncFailure('error', `The school server turned down a request from this tablet (${status}: ${msg})`);
  if (e instanceof StorageError)
    return new SyncFailure(
      'error',
      `Sync stopped by a problem with this tablet’s own records, not the network (${msg})`,
    );
  return new SyncFailure(
    'error',
    `Sync stopped by a fault in the app on this tablet, not the network (${msg}); what is recorded here is kept, and if it keeps happening, tell IT`,
  );
}
