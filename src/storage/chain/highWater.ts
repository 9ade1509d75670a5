// Owns the high-water mark: the furthest device head this browser has committed, kept MAC'd outside IndexedDB so that putting back an older copy of the heads is seen at unlock (docs/SECURITY.md item 8).
import { z } from 'zod';
import { canonicalJson } from '../../codec/canonical';
import { hmacHex, verifyHmac } from '../crypto';
import { db } from '../db';
import type { IntegrityProblem } from './integrityTypes';
import { Hex64 } from '../schemas';

// !!! NEVER CHANGE: inside every stored high-water MAC.
const HIGH_WATER_LABEL = 'ypsi/high-water/v1';

/**
 * !!! STORAGE NAME - NEVER CHANGE: `<database name>/high-water` in localStorage. Outside IndexedDB on
 * purpose: someone who puts back rows copied earlier (the heads and the checkpoint as they stood
 * then, every MAC genuine) must also know to roll this back. It only ever moves forward.
 */
function storageKey(): string {
  return `${db().name}/high-water`;
}

const HighWaterSchema = z.strictObject({ dseq: z.number().int().min(0), deviceMac: Hex64, mac: Hex64 });

// Node (the unit tests) has no localStorage: fall back to memory so the same code runs.
const memory = new Map<string, string>();
function store(): { get(k: string): string | null; set(k: string, v: string): void } {
  const ls = (globalThis as { localStorage?: Storage }).localStorage;
  if (ls) return { get: (k) => ls.getItem(k), set: (k, v) => ls.setItem(k, v) };
  return { get: (k) => memory.get(k) ?? null, set: (k, v) => void memory.set(k, v) };
}

const macInput = (dseq: number, deviceMac: string) => canonicalJson({ label: HIGH_WATER_LABEL, dseq, deviceMac });

/** Records the device head just committed. Best effort: a browser refusing localStorage loses only this extra check. */
export async function raiseHighWater(macKey: CryptoKey, head: { dseq: number; mac: string }): Promise<void> {
  const mac = await hmacHex(macKey, macInput(head.dseq, head.mac));
  try {
    store().set(storageKey(), JSON.stringify({ dseq: head.dseq, deviceMac: head.mac, mac }));
  } catch {
    // storage disabled or full: the checkpoint still covers truncation within IndexedDB
  }
}

/**
 * Compares the stored device head with the high-water mark. A mark of another establishment (its
 * MAC fails under this key) or none at all is not evidence: nothing is said. A genuine mark beyond
 * the stored head means writes this browser made are gone.
 */
export async function highWaterProblem(
  macKey: CryptoKey,
  device: { dseq: number; mac: string },
): Promise<IntegrityProblem | null> {
  let raw: string | null;
  try {
    raw = store().get(storageKey());
  } catch {
    return null;
  }
  if (!raw) return null;
  let parsed: z.infer<typeof HighWaterSchema>;
  try {
    const p = HighWaterSchema.safeParse(JSON.parse(raw));
    if (!p.success) return null;
    parsed = p.data;
  } catch {
    return null;
  }
  if (!(await verifyHmac(macKey, macInput(parsed.dseq, parsed.deviceMac), parsed.mac))) return null;
  if (parsed.dseq > device.dseq) {
    return {
      scope: 'device',
      kind: 'truncated',
      message: `This tablet had saved ${parsed.dseq} records and the store now holds ${device.dseq}: the latest ${parsed.dseq - device.dseq} were removed, or an older copy of the store was put back.`,
    };
  }
  if (parsed.dseq === device.dseq && parsed.deviceMac !== device.mac) {
    return {
      scope: 'device',
      kind: 'rolled-back',
      message:
        'The records on this tablet are not the ones it last saved: an older or other copy of the store was put back.',
    };
  }
  return null;
}
