// Owns the keyring's binding to the establishment log (docs/SECURITY.md item 1): the digests a 'keyring.bound' entry records, and the rows that do not match it.
import { decryptJson, hmacHex, sha256Hex, verifyHmac } from '../crypto';
import { canonicalJson } from '../../codec/canonical';
import { recordId } from '../chain/chain';
import { type KeyringRow, db } from '../db';
import type { IntegrityProblem } from '../chain/integrityTypes';
import { IntegrityError } from '../errors';
import { type LogEntry, type LogEntryDraft, LogEntrySchema } from '../chain/log';
import { KeyringRowSchema, LogRowSchema } from '../schemas';

import { isLegacyRow } from './keyringRows';

// ---- the keyring bound to the establishment log (docs/SECURITY.md item 1) ----------------------

/** SHA-256 of a row's canonical JSON without its MAC: what the log records for each row. */
export async function rowDigest(row: KeyringRow): Promise<string> {
  const { mac: _mac, ...rest } = row;
  return sha256Hex(canonicalJson(rest));
}

/**
 * The 'keyring.bound' entry for the keyring as `rows` (after a change). `handover` (a rotation): the
 * data key it replaces and that key's MAC key, which vouches for the new key and keyring to every
 * other tablet still on the old one (docs/SECURITY.md item 18).
 */
export async function bindingEntry(
  rows: readonly KeyringRow[],
  change: KeyringBinding['change'],
  epoch: string,
  rotated?: { caseKeys: number },
  handover?: { from: string; macKey: CryptoKey } | null,
): Promise<LogEntryDraft> {
  const digests = await Promise.all(
    [...rows]
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
      .map(async (r) => [r.userId, await rowDigest(r)] as [string, string]),
  );
  const proof = handover
    ? { from: handover.from, mac: await hmacHex(handover.macKey, handoverInput(handover.from, epoch, digests)) }
    : null;
  return {
    type: 'keyring.bound',
    change,
    epoch,
    rows: digests,
    ...(rotated ? { rotated } : {}),
    ...(proof ? { handover: proof } : {}),
  };
}

/** !!! NEVER CHANGE: what a handover's MAC covers (the old key, the new key, the new keyring's rows). */
function handoverInput(from: string, to: string, rows: readonly (readonly string[])[]): string {
  return canonicalJson({ label: 'ypsi/generation-handover/v1', from, to, rows });
}

/** True if `binding` carries a handover from the data key `from` whose MAC verifies under that key's `macKey`. */
export async function handoverValid(macKey: CryptoKey, from: string, binding: KeyringBinding): Promise<boolean> {
  if (!binding.handover || binding.handover.from !== from) return false;
  return verifyHmac(macKey, handoverInput(from, binding.epoch, binding.rows), binding.handover.mac);
}

export type KeyringBinding = Extract<LogEntry, { type: 'keyring.bound' }>;

/**
 * The latest 'keyring.bound' entry of the establishment log, read from the end with `dataKey`.
 * null when the log has none (a device set up before the keyring was bound: its first unlock binds
 * it). Entries that do not open are passed over (the integrity check names them), but if the log
 * has entries and none opens, the key is not this store's current data key: refused.
 */
export async function latestBinding(dataKey: CryptoKey): Promise<KeyringBinding | null> {
  const rows = await db().log.orderBy('seq').reverse().toArray();
  let opened = 0;
  for (const raw of rows) {
    const row = LogRowSchema.safeParse(raw);
    if (!row.success) continue;
    let entry: LogEntry;
    try {
      entry = LogEntrySchema.parse(await decryptJson(dataKey, recordId.log(row.data.eventId), row.data.enc));
    } catch {
      continue;
    }
    opened++;
    if (entry.type === 'keyring.bound') return entry;
  }
  if (rows.length > 0 && opened === 0) throw staleKey();
  return null;
}

export function staleKey(): IntegrityError {
  return new IntegrityError({
    scope: 'keyring',
    kind: 'rolled-back',
    message:
      'This key holder’s stored key is not the current one: it was put back from before a change (an old passphrase, or a key holder who was removed), so the app will not unlock with it.',
  });
}

/** Refuses a row that the latest binding does not list as it is now. Returns the binding (null on a device never bound). */
export async function checkBinding(dataKey: CryptoKey, row: KeyringRow): Promise<KeyringBinding | null> {
  const binding = await latestBinding(dataKey);
  if (!binding) {
    // Only a device from before public-key wrapping has no binding; a holder row always comes with one.
    if (!isLegacyRow(row)) throw staleKey();
    return null;
  }
  const digest = await rowDigest(row);
  if (!binding.rows.some(([id, d]) => id === row.userId && d === digest)) throw staleKey();
  return binding;
}

/** For the integrity checks: keyring rows that differ from the latest binding (put back, added or removed outside the app). */
export async function keyringBindingProblems(dataKey: CryptoKey): Promise<IntegrityProblem[]> {
  let binding: KeyringBinding | null;
  try {
    binding = await latestBinding(dataKey);
  } catch (e) {
    if (e instanceof IntegrityError) return [e.problem];
    throw e;
  }
  if (!binding) return [];
  const bound = new Map(binding.rows);
  const out: IntegrityProblem[] = [];
  const seen = new Set<string>();
  for (const raw of await db().keyring.toArray()) {
    const parsed = KeyringRowSchema.safeParse(raw);
    const id = String((raw as { userId?: unknown }).userId);
    seen.add(id);
    if (!bound.has(id)) {
      out.push({
        scope: 'keyring',
        kind: 'inserted',
        message:
          'A key holder’s stored key is on this device that the establishment log does not record (a removed key holder put back?). It will not unlock.',
      });
    } else if (!parsed.success || bound.get(id) !== (await rowDigest(parsed.data))) {
      out.push({
        scope: 'keyring',
        kind: 'rolled-back',
        message:
          'A key holder’s stored key is not the one the establishment log records (an old passphrase put back?). It will not unlock.',
      });
    }
  }
  for (const id of bound.keys()) {
    if (!seen.has(id))
      out.push({
        scope: 'keyring',
        kind: 'deleted',
        message:
          'A key holder’s stored key was removed outside the app. Another DSL or deputy can set them a new passphrase.',
      });
  }
  return out;
}
