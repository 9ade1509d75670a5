// Recovery keys: a random, human-copyable secret that opens the root secret when every passphrase is lost.
import { type Bytes, bytesToCrockford, crockfordToBytes } from '../../codec/encoding';
import { InvalidRecoveryKeyError } from './errors';
import { randomBytes } from './primitives';

// 160 random bits (above the 128-bit target) is exactly 32 Crockford symbols: 8 groups of 4.
export const RECOVERY_KEY_BYTES = 20;
export const RECOVERY_KEY_SYMBOLS = 32;

/** A parsed recovery key. Pass it wherever a passphrase is accepted (wrapRootSecret / unwrapRootSecret). */
export type RecoveryKey = { readonly kind: 'recovery-key'; readonly bytes: Bytes };

/** A new recovery key for display, e.g. `7K3M-...-Q9ZD` (32 symbols, 160 bits). */
export function generateRecoveryKey(): string {
  return formatRecoveryKey(bytesToCrockford(randomBytes(RECOVERY_KEY_BYTES)));
}

function formatRecoveryKey(symbols: string): string {
  return symbols.match(/.{1,4}/g)!.join('-');
}

/** Parses what a person typed: case, spaces and dashes are ignored; O reads as 0, I and L as 1. */
export function parseRecoveryKey(input: string): RecoveryKey {
  const compact = typeof input === 'string' ? input.replace(/[\s-]/g, '') : '';
  if (compact.length !== RECOVERY_KEY_SYMBOLS) {
    throw new InvalidRecoveryKeyError(
      `A recovery key has ${RECOVERY_KEY_SYMBOLS} letters and digits; this has ${compact.length}.`,
    );
  }
  try {
    return { kind: 'recovery-key', bytes: crockfordToBytes(compact) };
  } catch (cause) {
    throw new InvalidRecoveryKeyError('A recovery key uses only digits and the letters A-Z except U.', { cause });
  }
}

/** The canonical display form of a parsed key (upper case, dashed groups of 4). */
export function recoveryKeyToString(key: RecoveryKey): string {
  return formatRecoveryKey(bytesToCrockford(key.bytes));
}

export function isRecoveryKey(value: unknown): value is RecoveryKey {
  return typeof value === 'object' && value !== null && (value as RecoveryKey).kind === 'recovery-key';
}
