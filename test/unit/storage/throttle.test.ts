// The slow-down after failed unlocks (docs/SECURITY.md item 14; issue 12 finding 7): an attempt is
// counted before its key is derived, so six wrong passphrases tried at once cannot all run before
// the slow-down applies; a right one is not counted; a damaged counter counts as the cap.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WrongPassphraseError } from '../../../src/storage/crypto';
import { db } from '../../../src/storage/db';
import { UnlockThrottledError } from '../../../src/storage/errors';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock } from '../../../src/storage/keys/session';
import { THROTTLE_MAX_MS, unlockWaitMs } from '../../../src/storage/keys/throttle';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from './harness';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('throttle');
});
afterEach(() => vi.restoreAllMocks());

const at = (ms: number) => ({ now: () => ms });
const T0 = Date.parse('2031-05-01T09:00:00Z');

describe('attempts started together (issue 12 finding 7)', () => {
  it('six wrong passphrases at once: one is tried, five wait, and only one key is derived', async () => {
    await useCopyOf(device);
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    const guesses = [
      'guess one is wrong',
      'guess two is wrong',
      'guess three is wrong',
      'guess four is wrong',
      'guess five is wrong',
      'guess six is wrong',
    ];
    const results = await Promise.allSettled(guesses.map((g) => unlock(device.users.dsl, g, at(T0))));
    const reasons = results.map((r) => (r.status === 'rejected' ? r.reason : r.value));
    expect(reasons.filter((e) => e instanceof WrongPassphraseError)).toHaveLength(1);
    expect(reasons.filter((e) => e instanceof UnlockThrottledError)).toHaveLength(5);
    // One PBKDF2 derivation (the passphrase's key-encryption key), not six.
    expect(derive.mock.calls.filter(([alg]) => (alg as { name?: string }).name === 'PBKDF2')).toHaveLength(1);
    expect(await db().meta.get('throttle')).toMatchObject({ failures: 1, lastFailureAt: T0 });
    expect(await unlockWaitMs(at(T0))).toBe(1000);
  });

  it('the right passphrase is not counted as a failure, and clears the count', async () => {
    await useCopyOf(device);
    await expect(unlock(device.users.dsl, 'a wrong one to start', at(T0))).rejects.toThrow(WrongPassphraseError);
    const session = await unlock(device.users.dsl, PASSPHRASES.dsl, at(T0 + 1000));
    expect(await db().meta.get('throttle')).toBeUndefined();
    lock(session);
  });

  it('a counter edited into nonsense counts as the longest wait, before anything is derived', async () => {
    await useCopyOf(device);
    await db().meta.put({ key: 'throttle', failures: 'zero', lastFailureAt: 0 } as never);
    const derive = vi.spyOn(crypto.subtle, 'deriveKey');
    const e = await unlock(device.users.dsl, PASSPHRASES.dsl, at(T0)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnlockThrottledError);
    expect((e as UnlockThrottledError).retryAfterMs).toBe(THROTTLE_MAX_MS);
    expect(derive.mock.calls.filter(([alg]) => (alg as { name?: string }).name === 'PBKDF2')).toHaveLength(0);
  });
});
