// Owns the chain arithmetic: event digests, the HMAC'd device head and checkpoints, and the record ids bound into AAD.
import { canonicalJson } from '../../codec/canonical';
import { hmacHex, sha256Hex } from '../crypto';

/** The `prev` of the first event in a chain, and the device head before any write. */
export const GENESIS = '0'.repeat(64);

// !!! STORAGE NAME - NEVER CHANGE: hashed into every establishment-log digest; changing it breaks every stored chain.
export const LOG_CHAIN_ID = 'establishment-log';

/**
 * digest = SHA-256(canonicalJson({ prev, caseId, seq, event })): each event commits to everything
 * before it (git parents, Certificate Transparency), its case and its position, so an edit, a move,
 * a swap or a deletion changes every digest after it.
 */
export async function eventDigest(prev: string, chainId: string, seq: number, event: unknown): Promise<string> {
  return sha256Hex(canonicalJson({ prev, caseId: chainId, seq, event }));
}

// !!! NEVER CHANGE these domain-separation labels: they are inside every stored MAC.
const DEVICE_HEAD_LABEL = 'ypsi/device-head/v1';
const CHECKPOINT_LABEL = 'ypsi/checkpoint/v1';
const SETTINGS_LABEL = 'ypsi/settings/v1';
const KEYRING_LABEL = 'ypsi/keyring/v1';

/**
 * The device-wide head after one more chained write. Keyed (HMAC under the MAC key), because an
 * unkeyed head could be truncated and recomputed by anyone holding the tablet (docs/SECURITY.md item 8).
 */
export async function deviceHeadMac(
  macKey: CryptoKey,
  prev: string,
  chainId: string,
  seq: number,
  digest: string,
): Promise<string> {
  return hmacHex(macKey, deviceHeadMacInput(prev, chainId, seq, digest));
}

/** The exact text MAC'd for one device-head step. */
export function deviceHeadMacInput(prev: string, chainId: string, seq: number, digest: string): string {
  return canonicalJson({ label: DEVICE_HEAD_LABEL, prev, caseId: chainId, seq, digest });
}

/**
 * `checked`: the device sequence number up to which the unlock check last read every event's
 * content. Each committed step moves the heads on (so nothing can be cut back unseen) but not
 * `checked`, so the next unlock still reads what was written since. Absent on checkpoints from
 * before it existed, which were written only by the check (everything up to dseq was read).
 */
export type CheckpointBody = { dseq: number; deviceMac: string; heads: [string, number, string][]; checked?: number };

/** The exact text MAC'd for a checkpoint: the device head and every chain's head at one moment. */
export function checkpointMacInput(cp: CheckpointBody): string {
  return canonicalJson({
    label: CHECKPOINT_LABEL,
    dseq: cp.dseq,
    deviceMac: cp.deviceMac,
    heads: cp.heads,
    ...(cp.checked !== undefined ? { checked: cp.checked } : {}),
  });
}

export async function checkpointMac(macKey: CryptoKey, cp: CheckpointBody): Promise<string> {
  return hmacHex(macKey, checkpointMacInput(cp));
}

/** The exact text MAC'd for the public settings row (verify with verifyHmac over the same text). */
export function settingsMacInput(body: unknown): string {
  return canonicalJson({ label: SETTINGS_LABEL, body });
}

export async function settingsMac(macKey: CryptoKey, body: unknown): Promise<string> {
  return hmacHex(macKey, settingsMacInput(body));
}

const KEYRING_LABEL_V2 = 'ypsi/keyring/v2';

type KeyringMacFields = { userId: string; kind: string; role: string | null; displayName: string | null } & (
  | { wrapped: unknown }
  | { holder: unknown; dataKey: unknown }
);

/** The exact text MAC'd for a keyring row: its id, kind, role and name are bound to its keys. */
export function keyringMacInput(row: KeyringMacFields): string {
  if ('wrapped' in row)
    return canonicalJson({
      label: KEYRING_LABEL,
      userId: row.userId,
      kind: row.kind,
      role: row.role,
      displayName: row.displayName,
      wrapped: row.wrapped,
    });
  return canonicalJson({
    label: KEYRING_LABEL_V2,
    userId: row.userId,
    kind: row.kind,
    role: row.role,
    displayName: row.displayName,
    holder: row.holder,
    dataKey: row.dataKey,
  });
}

export async function keyringMac(macKey: CryptoKey, row: KeyringMacFields): Promise<string> {
  return hmacHex(macKey, keyringMacInput(row));
}

/**
 * !!! STORAGE NAMES - NEVER CHANGE: these ids are the AAD of stored ciphertexts. A case event's record
 * id is its own event id (src/domain/events.ts). Snapshot and summary ids carry the chain head's
 * digest, so an older snapshot put back under a newer head does not decrypt (rollback shows).
 */
export const recordId = {
  snapshot: (caseId: string, digest: string) => `snapshot/${caseId}/${digest}`,
  summary: (caseId: string, digest: string) => `summary/${caseId}/${digest}`,
  log: (eventId: string) => `log/${eventId}`,
  draft: (draftId: string) => `draft/${draftId}`,
  tombstone: (caseId: string) => `tombstone/${caseId}`,
  summaryIndex: (bucket: number) => `meta/summary-index/${bucket}`,
  summaryIndexHead: 'meta/summary-index',
  sealingPrivateKey: 'meta/sealing-private-key',
  signingPrivateKey: 'meta/signing-private-key',
} as const;

/** A random opaque id (UUID v4 from the platform CSPRNG). */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** JSON round trip: what is hashed and stepped is exactly what will be stored and read back. */
export function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
