// Owns re-keying what the data key protects, for a rotation (docs/SECURITY.md item 1): case-key wraps, log entries, meta rows, summary index and drafts; all crypto, no writes.
import {
  type EncryptedRecord,
  type EstablishmentKeys,
  decryptJson,
  deriveEstablishmentKeys,
  encryptJson,
  generateRootSecret,
  unwrapCaseKey,
  wrapCaseKey,
  wrapDataKeyTo,
  zeroize,
} from '../crypto';
import { newId, recordId } from '../chain/chain';
import { canonicalJson } from '../../codec/canonical';
import { subtle } from '../crypto/primitives';
import { isLegacyRow, userRow } from './keyring';
import type { CaseRow, KeyringRow, LogRow, MetaRow } from '../db';
import { draftIdWith, unwrapDraft } from '../drafts';
import { IntegrityError, StorageError } from '../errors';
import { rekeyedSignerRow } from './pdfSigner';
import { SYNC_SERVER_META } from '../sync/config';
import { DraftRowSchema, EncryptedRecordSchema, PublicEcJwkSchema, SummaryIndexHeadSchema, parseRow } from '../schemas';
import { settingsRow } from '../settings';
import { STAMP_KEY, bucketKey, bucketOf } from '../summary-index/summaryIndex';

const BATCH = 250;
const REFUSE = 'run the full check in Settings before changing who holds a key.';

/** Every case key wrapped again under the new data key, in batches (progress after each). A key that does not unwrap refuses the rotation. */
export async function rewrapCaseKeys(
  cases: readonly CaseRow[],
  old: EstablishmentKeys,
  next: EstablishmentKeys,
  onBatch: (done: number) => void,
  /** Wraps under the new key already made on another tablet (following its rotation), by case id: used if they hold the same key. */
  reuse?: ReadonlyMap<string, EncryptedRecord>,
): Promise<CaseRow[]> {
  const out: CaseRow[] = [];
  for (let i = 0; i < cases.length; i += BATCH) {
    const batch = cases.slice(i, i + BATCH);
    out.push(
      ...(await Promise.all(
        batch.map(async (c) => {
          let key: CryptoKey;
          try {
            key = await unwrapCaseKey(c.caseKey, old.dataKey, c.id, { extractable: true });
          } catch {
            throw new IntegrityError({
              scope: 'case',
              kind: 'edited',
              caseId: c.id,
              message: `The key of case ${c.id.slice(0, 8)} has been altered: ${REFUSE}`,
            });
          }
          const theirs = reuse?.get(c.id);
          if (theirs && (await sameCaseKey(key, theirs, next.dataKey, c.id))) return { ...c, caseKey: theirs };
          return { ...c, caseKey: await wrapCaseKey(key, next.dataKey, c.id) };
        }),
      )),
    );
    onBatch(Math.min(i + BATCH, cases.length));
  }
  return out;
}

/** True if `wrapped` opens under `dataKey` to the same key as `key` (both extractable only for this comparison). */
async function sameCaseKey(key: CryptoKey, wrapped: EncryptedRecord, dataKey: CryptoKey, caseId: string) {
  try {
    const theirs = await unwrapCaseKey(wrapped, dataKey, caseId, { extractable: true });
    const [a, b] = await Promise.all([subtle().exportKey('raw', key), subtle().exportKey('raw', theirs)]);
    const x = new Uint8Array(a);
    const y = new Uint8Array(b);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  } catch {
    return false;
  }
}

export type Reencrypt = (id: string, enc: unknown, what: string) => Promise<EncryptedRecord>;

/**
 * Decrypts under the old data key and encrypts under the new one; a record that does not open
 * refuses the rotation. `reuse` (following another tablet's rotation): that tablet's ciphertext of
 * the same record under the new key, by record id, used when it opens to the same content.
 */
export function reencryptWith(
  old: EstablishmentKeys,
  next: EstablishmentKeys,
  reuse?: ReadonlyMap<string, EncryptedRecord>,
): Reencrypt {
  return async (id, enc, what) => {
    let value: unknown;
    try {
      value = await decryptJson(old.dataKey, id, EncryptedRecordSchema.parse(enc));
    } catch {
      throw new IntegrityError({
        scope: 'establishment-log',
        kind: 'edited',
        message: `${what} has been altered: ${REFUSE}`,
      });
    }
    const theirs = reuse?.get(id);
    if (theirs) {
      try {
        if (canonicalJson(await decryptJson(next.dataKey, id, theirs)) === canonicalJson(value)) return theirs;
      } catch {
        // Not the same record: encrypted afresh.
      }
    }
    return encryptJson(next.dataKey, id, value);
  };
}

/** Every establishment log entry encrypted again (same digest: the digest is over the entry, not its ciphertext). */
export function reencryptLog(rows: readonly LogRow[], reencrypt: Reencrypt): Promise<LogRow[]> {
  return Promise.all(
    rows.map(async (l) => ({
      ...l,
      enc: await reencrypt(recordId.log(l.eventId), l.enc, `Establishment log entry ${l.seq}`),
    })),
  );
}

/** The meta rows keyed by the data key, re-keyed; unknown keyed rows refuse the rotation (nothing may stay under the old key). */
export async function rekeyMeta(
  rows: readonly MetaRow[],
  old: EstablishmentKeys,
  next: EstablishmentKeys,
  reencrypt: Reencrypt,
  /** Cases destroyed in the same transaction: they leave the summary index here. */
  destroyedCaseIds: readonly string[] = [],
): Promise<{ meta: MetaRow[]; dropIndex: string[] }> {
  const out: MetaRow[] = [];
  const byKey = new Map(rows.map((r) => [String(r.key), r as unknown as Record<string, unknown>]));
  // The summary index: buckets encrypted again, the head naming their new IVs. An index that does
  // not match its head is dropped (it is a cache: the next read rebuilds it from the cases).
  const indexKeys = [...byKey.keys()].filter((k) => k === STAMP_KEY || k.startsWith('summary-index/'));
  let dropIndex: string[] = [];
  const headRow = byKey.get(STAMP_KEY);
  if (headRow) {
    try {
      const head = parseRow(
        SummaryIndexHeadSchema,
        await decryptJson(old.dataKey, recordId.summaryIndexHead, EncryptedRecordSchema.parse(headRow.enc)),
        'summary index head',
      );
      const ivs: (string | null)[] = [];
      for (let b = 0; b < head.ivs.length; b++) {
        const row = byKey.get(bucketKey(b));
        const enc = row ? EncryptedRecordSchema.parse(row.enc) : null;
        if ((enc?.iv ?? null) !== head.ivs[b]) throw new Error('index does not match its head');
        if (!enc) {
          ivs.push(null);
          continue;
        }
        let value = await decryptJson(old.dataKey, recordId.summaryIndex(b), enc);
        for (const id of destroyedCaseIds) if (b === bucketOf(id)) value = withoutCase(value, id);
        const fresh = await encryptJson(next.dataKey, recordId.summaryIndex(b), value);
        out.push({ ...(row as object), enc: fresh } as MetaRow);
        ivs.push(fresh.iv);
      }
      out.push({
        ...(headRow as object),
        enc: await encryptJson(next.dataKey, recordId.summaryIndexHead, { v: 1, dseq: head.dseq, ivs }),
      } as MetaRow);
    } catch {
      out.length = 0;
      dropIndex = indexKeys;
    }
  } else dropIndex = indexKeys;

  for (const [key, row] of byKey) {
    if (key === STAMP_KEY || key.startsWith('summary-index/')) continue;
    if (key === 'device' || key === 'throttle' || key === 'reference-counter') continue;
    if (key === 'settings') {
      const {
        key: _k,
        mac: _m,
        ...body
      } = row as {
        key: string;
        mac: string;
        settings: never;
        sealingPublicJwk: never;
        signingPublicJwk: never;
        updatedAt: string;
      };
      out.push(await settingsRow(next.macKey, body));
    } else if (key === 'private-keys') {
      out.push({
        ...(row as object),
        sealing: await reencrypt(recordId.sealingPrivateKey, row.sealing, 'The establishment’s disclosure key'),
        signing: await reencrypt(recordId.signingPrivateKey, row.signing, 'The establishment’s signing key'),
      } as MetaRow);
    } else if (key === 'pdf-signer') {
      const signer = await rekeyedSignerRow(row, old, next);
      if (!signer)
        throw new IntegrityError({
          scope: 'settings',
          kind: 'edited',
          message: `The PDF signing certificate was altered outside the app: ${REFUSE}`,
        });
      out.push(signer as MetaRow);
    } else if (key === SYNC_SERVER_META.key) {
      out.push({
        ...(row as object),
        enc: await reencrypt(SYNC_SERVER_META.recordId, row.enc, 'The sync server’s settings'),
      } as MetaRow);
    } else if (key.startsWith('tombstone/')) {
      out.push({
        ...(row as object),
        enc: await reencrypt(recordId.tombstone(String(row.caseId)), row.enc, 'A destroyed case’s note'),
      } as MetaRow);
    } else if ('enc' in row || 'mac' in row) {
      // Something keyed by the data key that this rotation does not know: leaving it under the old key would break it or keep the old key useful.
      throw new StorageError(
        `The stored record "${key}" is keyed by the data key and this version cannot renew it. Nothing was changed.`,
      );
    }
  }
  return { meta: out, dropIndex };
}

/** Every draft encrypted again and given its id under the new MAC key (found by trying each key holder's id). Drafts that do not open are dropped: nothing could read them. */
export async function rekeyDrafts(
  rows: readonly unknown[],
  keyring: readonly KeyringRow[],
  old: EstablishmentKeys,
  next: EstablishmentKeys,
) {
  const out: { id: string; updatedAt: string; enc: EncryptedRecord }[] = [];
  const users = keyring.filter((r) => r.kind === 'user').map((r) => r.userId);
  for (const raw of rows) {
    const p = DraftRowSchema.safeParse(raw);
    if (!p.success) continue;
    let stored: unknown;
    try {
      stored = await decryptJson(old.dataKey, recordId.draft(p.data.id), p.data.enc);
    } catch {
      continue;
    }
    const { key } = unwrapDraft(stored);
    if (key === null) continue;
    for (const userId of users) {
      if ((await draftIdWith(old.macKey, userId, key)) !== p.data.id) continue;
      const id = await draftIdWith(next.macKey, userId, key);
      out.push({ id, updatedAt: p.data.updatedAt, enc: await encryptJson(next.dataKey, recordId.draft(id), stored) });
      break;
    }
  }
  return out;
}

/** A summary index bucket without one case's entry (its content is checked when the index is read). */
function withoutCase(value: unknown, caseId: string): unknown {
  const v = value as { entries?: unknown };
  if (!v || !Array.isArray(v.entries)) return value;
  return {
    ...(value as object),
    entries: v.entries.filter((e) => (e as { summary?: { caseId?: unknown } })?.summary?.caseId !== caseId),
  };
}

/** A new root secret, its keys, and the keyring wrapped to each remaining holder's public key. */
export async function newKeys(keyring: readonly KeyringRow[], remove: readonly string[]) {
  const root = generateRootSecret();
  const epoch = newId();
  let next: EstablishmentKeys;
  const needsNewPassphrase: string[] = [];
  let recoveryKeyLost = false;
  const newKeyring: KeyringRow[] = [];
  try {
    next = await deriveEstablishmentKeys(root);
    for (const r of keyring) {
      if (remove.includes(r.userId)) continue;
      const fields = { userId: r.userId, kind: r.kind, role: r.role, displayName: r.displayName };
      if (!isLegacyRow(r) && r.holder) {
        const dataKey = await wrapDataKeyTo(root, r.holder.publicJwk, r.userId, epoch);
        newKeyring.push(
          await userRow(
            next.macKey,
            { ...fields, holder: r.holder, dataKey: { ...dataKey, epk: PublicEcJwkSchema.parse(dataKey.epk) } },
            r.createdAt,
          ),
        );
      } else {
        if (r.kind === 'recovery') recoveryKeyLost = true;
        else needsNewPassphrase.push(r.displayName ?? r.userId);
        newKeyring.push(await userRow(next.macKey, { ...fields, holder: null, dataKey: null }, r.createdAt));
      }
    }
  } finally {
    zeroize(root);
  }
  return { next, epoch, newKeyring, needsNewPassphrase, recoveryKeyLost };
}
