// Owns the device head's re-keying at a rotation of the data key (docs/SECURITY.md items 1 and 8): the new MAC key carries the chain on from the old head's last value, and the full check starts there.
import { canonicalJson } from '../../codec/canonical';
import { hmacHex, verifyHmac } from '../crypto';
import { type DeviceAnchorRow, type YpsiDatabase, db } from '../db';
import { DeviceAnchorRowSchema } from '../schemas';
import type { IntegrityProblem } from './integrityTypes';

// !!! NEVER CHANGE this domain-separation label: it is inside every stored anchor's MAC.
const DEVICE_REKEY_LABEL = 'ypsi/device-rekey/v1';

export type DeviceHead = { dseq: number; mac: string };

function anchorInput(dseq: number, from: string): string {
  return canonicalJson({ label: DEVICE_REKEY_LABEL, dseq, from });
}

/**
 * The device head under a new MAC key, carried on from its last value under the old one (checked by
 * the rotation against the MAC'd checkpoint first): one HMAC, however many writes came before. The
 * writes before it were checked under the old key, and stay covered by each chain's hash links and
 * the checkpoint's heads; they are not vouched for again under the new key (no re-reading, no
 * laundering).
 */
export async function rekeyedDeviceHead(
  macKey: CryptoKey,
  old: DeviceHead,
): Promise<{ head: DeviceHead; anchor: DeviceAnchorRow }> {
  const mac = await hmacHex(macKey, anchorInput(old.dseq, old.mac));
  return { head: { dseq: old.dseq, mac }, anchor: { id: 'device-anchor', dseq: old.dseq, from: old.mac, mac } };
}

/**
 * Where the device chain under the current MAC key starts: the genesis when the key was never
 * rotated (no anchor), the anchor when its MAC holds, or a problem (an anchor altered, or made
 * under another key, e.g. an older one put back).
 */
export async function deviceChainStart(
  macKey: CryptoKey,
  genesis: DeviceHead,
  d: YpsiDatabase = db(),
): Promise<DeviceHead | IntegrityProblem> {
  const raw = await d.heads.get('device-anchor');
  if (raw === undefined) return genesis;
  const row = DeviceAnchorRowSchema.safeParse(raw);
  if (row.success && (await verifyHmac(macKey, anchorInput(row.data.dseq, row.data.from), row.data.mac)))
    return { dseq: row.data.dseq, mac: row.data.mac };
  return {
    scope: 'device',
    kind: 'edited',
    message:
      'The record of the last change of keys on this device was altered or put back: the device-wide head cannot be checked.',
  };
}

export function isDeviceHead(x: DeviceHead | IntegrityProblem): x is DeviceHead {
  return 'dseq' in x && 'mac' in x && !('scope' in x);
}
