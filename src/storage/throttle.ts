// Owns the slow-down after failed unlocks: 1 s doubling to 60 s, counted on the device so a reload does not reset it.
import { type Bytes, KdfParamsError, WrongPassphraseError, unwrapRootSecret, type UnlockSecret, type WrappedSecret } from './crypto';
import { type KeyringRow, db } from './db';
import { IntegrityError, UnlockThrottledError } from './errors';
import { ThrottleMetaRowSchema } from './schemas';

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

export async function guardThrottle(clock: Clock): Promise<void> {
  const wait = await unlockWaitMs(clock);
  if (wait > 0) throw new UnlockThrottledError(wait);
}

async function recordFailure(clock: Clock): Promise<number> {
  const d = db();
  const now = (clock.now ?? Date.now)();
  let failures = 1;
  await d.transaction('rw', d.meta, async () => {
    const parsed = ThrottleMetaRowSchema.safeParse(await d.meta.get('throttle'));
    failures = (parsed.success ? parsed.data.failures : 0) + 1;
    await d.meta.put({ key: 'throttle', failures, lastFailureAt: now });
  });
  return throttleDelayMs(failures);
}

export async function clearFailures(): Promise<void> {
  if (await db().meta.get('throttle')) await db().meta.delete('throttle');
}

/** Unwraps a legacy row (the data key wrapped under the passphrase itself) with the throttle applied. */
export async function throttledUnwrap(row: KeyringRow & { wrapped: unknown }, secret: UnlockSecret, clock: Clock): Promise<Bytes> {
  // The shape is checked by zod; the KDF parameters by checkKdfParams inside (a downgrade gets its own error).
  return throttled(row, () => unwrapRootSecret(row.wrapped as WrappedSecret, secret, row.userId), clock);
}

/** Runs `open` (a passphrase or recovery key opening a key) with the throttle applied: a wrong secret counts, a refused KDF (tampering) does not. */
export async function throttled<T>(row: Pick<KeyringRow, 'kind'>, open: () => Promise<T>, clock: Clock): Promise<T> {
  await guardThrottle(clock);
  try {
    return await open();
  } catch (e) {
    if (e instanceof WrongPassphraseError) {
      const wait = await recordFailure(clock);
      const what = row.kind === 'recovery' ? 'recovery key' : 'passphrase';
      throw new WrongPassphraseError(`That ${what} is not right. You can try again in ${Math.ceil(wait / 1000)} second${wait <= 1000 ? '' : 's'}.`, { cause: e });
    }
    if (e instanceof KdfParamsError) {
      throw new IntegrityError({
        scope: 'keyring',
        kind: 'edited',
        message: `The stored key settings for this user were weakened or damaged (${e.message}), so the app refuses to use them. Another DSL can reset this user's passphrase, or use the recovery key.`,
      });
    }
    throw e;
  }
}

