// Owns the slow-down after failed unlocks (docs/SECURITY.md item 14): 1 s doubling to 60 s, counted on the device so a reload does not reset it.
// An attempt is counted BEFORE its key is derived (and taken back only if it succeeds), so attempts
// started in parallel cannot all run before the first failure is recorded.
import {
  type Bytes,
  KdfParamsError,
  WrongPassphraseError,
  checkKdfParams,
  unwrapRootSecret,
  type UnlockSecret,
  type WrappedSecret,
} from '../crypto';
import { type KeyringRow, db } from '../db';
import { IntegrityError, UnlockThrottledError } from '../errors';
import { ThrottleMetaRowSchema } from '../schemas';

/** Failed unlocks wait 1 s, 2 s, 4 s ... capped at 60 s: slow for guessing, never long enough for a pupil to lock the DSL out. */
export const THROTTLE_BASE_MS = 1000;
export const THROTTLE_MAX_MS = 60_000;

export type Clock = { now?: () => number };

/** Wait required after `failures` consecutive failures. */
export function throttleDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(THROTTLE_BASE_MS * 2 ** Math.min(failures - 1, 30), THROTTLE_MAX_MS);
}

/** How long before the next attempt is allowed (0: now). The counter is stored, so a reload does not reset it. */
export async function unlockWaitMs(clock: Clock = {}): Promise<number> {
  const raw = await db().meta.get('throttle');
  if (!raw) return 0;
  const parsed = ThrottleMetaRowSchema.safeParse(raw);
  // A damaged counter counts as the cap, not as zero: editing it must not buy faster guesses.
  if (!parsed.success) return THROTTLE_MAX_MS;
  const now = (clock.now ?? Date.now)();
  return Math.max(0, parsed.data.lastFailureAt + throttleDelayMs(parsed.data.failures) - now);
}

/**
 * Counts one attempt now, in the same transaction that checks the wait: IndexedDB runs read-write
 * transactions on a store one after another, so of attempts started together only the first gets
 * through; the others find it counted and are told to wait. Returns the wait after it, should it fail.
 */
type Counter = { failures: number; lastFailureAt: number };
type Attempt = { waitIfWrong: number; before: Counter | null; counted: Counter };

async function startAttempt(clock: Clock): Promise<Attempt> {
  const d = db();
  const now = (clock.now ?? Date.now)();
  return d.transaction('rw', d.meta, async () => {
    const raw = await d.meta.get('throttle');
    const parsed = raw === undefined ? null : ThrottleMetaRowSchema.safeParse(raw);
    // A damaged counter counts as the cap, not as zero: editing it must not buy faster guesses.
    const failures = parsed === null ? 0 : parsed.success ? parsed.data.failures : 30;
    const wait = parsed?.success
      ? Math.max(0, parsed.data.lastFailureAt + throttleDelayMs(failures) - now)
      : parsed === null
        ? 0
        : THROTTLE_MAX_MS;
    if (wait > 0) throw new UnlockThrottledError(wait);
    const counted = { failures: failures + 1, lastFailureAt: now };
    await d.meta.put({ key: 'throttle', ...counted });
    return {
      waitIfWrong: throttleDelayMs(failures + 1),
      before: parsed?.success ? { failures: parsed.data.failures, lastFailureAt: parsed.data.lastFailureAt } : null,
      counted,
    };
  });
}

/**
 * The attempt opened its key: it is not a failure after all. The counter goes back to what it was
 * (or, if other attempts counted meanwhile, one fewer); the caller clears it once everything else checks out.
 */
async function takeBackAttempt(attempt: Attempt): Promise<void> {
  const d = db();
  await d.transaction('rw', d.meta, async () => {
    const parsed = ThrottleMetaRowSchema.safeParse(await d.meta.get('throttle'));
    if (!parsed.success) return;
    const untouched =
      parsed.data.failures === attempt.counted.failures && parsed.data.lastFailureAt === attempt.counted.lastFailureAt;
    if (untouched && attempt.before === null) await d.meta.delete('throttle');
    else if (untouched && attempt.before) await d.meta.put({ key: 'throttle', ...attempt.before });
    else if (parsed.data.failures <= 1) await d.meta.delete('throttle');
    else await d.meta.put({ ...parsed.data, failures: parsed.data.failures - 1 });
  });
}

export async function clearFailures(): Promise<void> {
  if (await db().meta.get('throttle')) await db().meta.delete('throttle');
}

/** The wait after a failure runs from when it is known (after the slow derivation), not from when it started. */
async function failureKnownAt(clock: Clock): Promise<void> {
  const d = db();
  const now = (clock.now ?? Date.now)();
  await d.transaction('rw', d.meta, async () => {
    const parsed = ThrottleMetaRowSchema.safeParse(await d.meta.get('throttle'));
    if (parsed.success && parsed.data.lastFailureAt < now) await d.meta.put({ ...parsed.data, lastFailureAt: now });
  });
}

function refusedKdf(e: KdfParamsError): IntegrityError {
  return new IntegrityError({
    scope: 'keyring',
    kind: 'edited',
    message: `The stored key settings for this user were weakened or damaged (${e.message}), so the app refuses to use them. Another DSL can reset this user's passphrase, or use the recovery key.`,
  });
}

/**
 * Runs one guess under the slow-down: refused parameters (tampering) are refused before anything is
 * counted or derived; otherwise the attempt is counted first, then `attempt` derives and opens. A
 * wrong secret stays counted; a right one is taken back.
 */
export async function throttled<T>(
  kdf: unknown,
  what: 'passphrase' | 'recovery key',
  attempt: () => Promise<T>,
  clock: Clock,
): Promise<T> {
  try {
    checkKdfParams(kdf);
  } catch (e) {
    if (e instanceof KdfParamsError) throw refusedKdf(e);
    throw e;
  }
  const counted = await startAttempt(clock);
  const wait = counted.waitIfWrong;
  let result: T;
  try {
    result = await attempt();
  } catch (e) {
    if (e instanceof WrongPassphraseError) {
      await failureKnownAt(clock);
      throw new WrongPassphraseError(
        `That ${what} is not right. You can try again in ${Math.ceil(wait / 1000)} second${wait <= 1000 ? '' : 's'}.`,
        { cause: e },
      );
    }
    if (e instanceof KdfParamsError) throw refusedKdf(e);
    throw e;
  }
  await takeBackAttempt(counted);
  return result;
}

/** Unwraps with the throttle applied: a wrong secret counts, a refused KDF (tampering) does not. */
export async function throttledUnwrap(
  row: KeyringRow & { wrapped: unknown },
  secret: UnlockSecret,
  clock: Clock,
): Promise<Bytes> {
  const wrapped = row.wrapped as WrappedSecret;
  // The shape is checked by zod; the KDF parameters by checkKdfParams (a downgrade gets its own error).
  return throttled(
    wrapped?.kdf,
    row.kind === 'recovery' ? 'recovery key' : 'passphrase',
    () => unwrapRootSecret(wrapped, secret, row.userId),
    clock,
  );
}
