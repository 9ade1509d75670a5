// Owns tombstones: what a destroyed case leaves (a signed note and its chain's digests without content), reading them back, and checking them.
import { canonicalJson } from '../../codec/canonical';
import { decryptJson, encryptJson, keyFingerprint, verifyTextSignature } from '../crypto';
import { recordId } from './chain';
import { type TombstoneMetaRow, type YpsiDatabase, db } from '../db';
import { ImportError } from '../errors';
import { parseFile } from '../files/files';
import type { IntegrityProblem } from './integrityTypes';
import {
  type ChainHead,
  type Tombstone,
  EncryptedRecordSchema,
  TombstoneMetaRowSchema,
  TombstoneSchema,
} from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { getPublicSettings } from '../settings';

export type { Tombstone } from '../schemas';

export const TOMBSTONE_FORMAT = 'ypsi-response-tombstone';
const MAX_TOMBSTONE_CHARS = 16 * 1024;

export function tombstoneKey(caseId: string): string {
  return `tombstone/${caseId}`;
}

/** Every tombstone row, raw (as stored), in one read. */
export async function rawTombstoneRows(d: YpsiDatabase = db()): Promise<unknown[]> {
  return d.meta.where('key').startsWith('tombstone/').toArray();
}

/**
 * The case ids and final heads of this tablet's own chain of every destroyed case (for the checks
 * and checkpoints), from every tombstone row that has the right shape: the tombstone's head, or the
 * head this tablet's own steps ended at when the case was destroyed on another tablet (`own`).
 */
export function tombstoneHeads(
  rows: readonly unknown[],
): Map<string, { head: ChainHead; row: TombstoneMetaRow | null }> {
  const out = new Map<string, { head: ChainHead; row: TombstoneMetaRow | null }>();
  for (const raw of rows) {
    const p = TombstoneMetaRowSchema.safeParse(raw);
    if (p.success && p.data.key === tombstoneKey(p.data.caseId))
      out.set(p.data.caseId, { head: p.data.own ?? p.data.head, row: p.data });
  }
  return out;
}

/** The signed part of a tombstone: every member but the signature. */
export function unsignedTombstone(t: Tombstone): Omit<Tombstone, 'signature'> {
  const { signature: _signature, ...rest } = t;
  return rest;
}

/** Does the tombstone's signature verify under the key it names, and is that key the fingerprint it states? */
export async function tombstoneSignatureValid(t: Tombstone): Promise<boolean> {
  try {
    if ((await keyFingerprint(t.publicKey)) !== t.keyFingerprint) return false;
    return await verifyTextSignature(t.publicKey, canonicalJson(unsignedTombstone(t)), t.signature);
  } catch {
    return false;
  }
}

export async function encryptTombstone(dataKey: CryptoKey, t: Tombstone): Promise<TombstoneMetaRow> {
  return {
    key: tombstoneKey(t.caseId),
    caseId: t.caseId,
    head: t.finalHead,
    enc: await encryptJson(dataKey, recordId.tombstone(t.caseId), t),
  };
}

/**
 * Opens and checks one tombstone row: it decrypts under the data key (bound to its case id), its
 * head is the one stored beside it, it is signed by this establishment's signing key, and the
 * signature verifies. Returns the tombstone, or the problem to report.
 */
export async function openTombstone(
  session: Session,
  raw: unknown,
  signingKey: JsonWebKey | null,
): Promise<{ tombstone: Tombstone | null; problem: IntegrityProblem | null }> {
  const fail = (caseId: string, message: string) => ({
    tombstone: null,
    problem: { scope: 'case' as const, kind: 'edited' as const, caseId, message },
  });
  const p = TombstoneMetaRowSchema.safeParse(raw);
  const id = typeof (raw as { caseId?: unknown })?.caseId === 'string' ? (raw as { caseId: string }).caseId : '?';
  if (!p.success || p.data.key !== tombstoneKey(p.data.caseId))
    return fail(id, 'The note left by a destroyed case has been altered (it has an unexpected shape).');
  const row = p.data;
  let t: Tombstone;
  try {
    t = TombstoneSchema.parse(
      await decryptJson(
        secretsOf(session).keys.dataKey,
        recordId.tombstone(row.caseId),
        EncryptedRecordSchema.parse(row.enc),
      ),
    );
  } catch {
    return fail(
      row.caseId,
      `The note left by destroyed case ${row.caseId.slice(0, 8)} has been altered (it no longer decrypts).`,
    );
  }
  if (t.caseId !== row.caseId || t.finalHead.seq !== row.head.seq || t.finalHead.digest !== row.head.digest) {
    return fail(row.caseId, `The note left by destroyed case ${t.reference} does not match its stored record.`);
  }
  if (signingKey && canonicalJson(signingKey) !== canonicalJson(t.publicKey)) {
    return fail(
      row.caseId,
      `The note left by destroyed case ${t.reference} is signed by a key that is not this establishment's.`,
    );
  }
  if (!(await tombstoneSignatureValid(t)))
    return fail(
      row.caseId,
      `The signature on the note left by destroyed case ${t.reference} is not valid: it was altered.`,
    );
  return { tombstone: t, problem: null };
}

/** This establishment's signing public key (the one tombstones and receipts are signed with). */
export async function establishmentSigningKey(): Promise<JsonWebKey | null> {
  return (await getPublicSettings())?.signingPublicJwk ?? null;
}

export type DestroyedCase = Tombstone & { verified: boolean; problem?: string };

/** Every destroyed case (reference, dates, who and why), newest first, each checked. Never silently missing: a damaged one is listed with its problem. */
export async function listDestroyedCases(session: Session): Promise<DestroyedCase[]> {
  secretsOf(session);
  const key = await establishmentSigningKey();
  const out: DestroyedCase[] = [];
  for (const raw of await rawTombstoneRows()) {
    const { tombstone, problem } = await openTombstone(session, raw, key);
    if (tombstone) out.push({ ...tombstone, verified: true });
    else {
      const caseId = (raw as { caseId?: string }).caseId ?? '?';
      out.push(damagedPlaceholder(caseId, problem?.message ?? 'This note cannot be read.'));
    }
  }
  return out.sort((a, b) => b.destroyedAt.localeCompare(a.destroyedAt));
}

function damagedPlaceholder(caseId: string, message: string): DestroyedCase {
  const nobody = { userId: '?', name: 'unknown', role: 'dsl' as const };
  return {
    format: TOMBSTONE_FORMAT,
    version: 1,
    caseId,
    reference: `case ${caseId.slice(0, 8)}`,
    openedAt: null,
    closedAt: null,
    reviewDate: null,
    destroyedAt: '',
    destroyedBy: nobody,
    approvedBy: nobody,
    reason: '',
    finalHead: { seq: 0, digest: '0'.repeat(64) },
    establishment: '',
    publicKey: { kty: 'EC', crv: 'P-256', x: '', y: '' },
    keyFingerprint: '0'.repeat(64),
    signature: '',
    verified: false,
    problem: message,
  };
}

/** Is there a tombstone for this case id (it was destroyed here)? */
export async function isDestroyed(caseId: string, d: YpsiDatabase = db()): Promise<boolean> {
  return (await d.meta.get(tombstoneKey(caseId))) !== undefined;
}

/** A tombstone as a file the establishment can keep or show (e.g. to an inspector): it verifies on its own. */
export function tombstoneFileText(t: Tombstone): string {
  const { verified: _v, problem: _p, ...plain } = t as DestroyedCase;
  return `${JSON.stringify(TombstoneSchema.parse(plain), null, 2)}\n`;
}

/** Checks a tombstone file: its shape, and that its signature verifies under the key it carries. */
export async function verifyTombstoneFile(text: string): Promise<Tombstone> {
  if (typeof text === 'string' && text.length > MAX_TOMBSTONE_CHARS)
    throw new ImportError('not-a-file', 'This is not a note of a destroyed case (it is too large).');
  const parsed = TombstoneSchema.safeParse(parseFile(text, TOMBSTONE_FORMAT));
  if (!parsed.success) throw new ImportError('corrupt', 'This note of a destroyed case is damaged.');
  if (!(await tombstoneSignatureValid(parsed.data)))
    throw new ImportError(
      'corrupt',
      'The signature on this note is not valid: it was altered or not made by the establishment’s app.',
    );
  return parsed.data;
}

/** The check both integrity checks run on a destroyed case's rows: contiguous, without content, ending at the tombstone's head. */
export function destroyedChainProblem(
  caseId: string,
  label: string,
  head: ChainHead,
  rows: readonly Record<string, unknown>[],
  from: ChainHead = { seq: 0, digest: '0'.repeat(64) },
): IntegrityProblem | null {
  const sorted = [...rows].sort((a, b) => Number(a.seq) - Number(b.seq));
  const problem = (kind: IntegrityProblem['kind'], message: string, seq?: number): IntegrityProblem => ({
    scope: 'case',
    kind,
    caseId,
    ...(seq !== undefined ? { seq } : {}),
    message,
  });
  if (head.seq < from.seq)
    return problem('truncated', `${label} had ${from.seq} events at the last check but its note says ${head.seq}.`);
  let expected = from.seq + 1;
  let last = from.digest;
  for (const r of sorted) {
    if ('enc' in r)
      return problem('edited', `Content of ${label} is still stored although the case was destroyed.`, Number(r.seq));
    if (r.seq !== expected)
      return problem(
        Number(r.seq) > expected ? 'deleted' : 'inserted',
        `The record of event ${expected} of ${label} is missing or out of place.`,
        expected,
      );
    if (typeof r.digest !== 'string')
      return problem('edited', `The record of event ${expected} of ${label} has been altered.`, expected);
    last = r.digest;
    expected += 1;
  }
  if (expected - 1 !== head.seq)
    return problem(
      'truncated',
      `${label} recorded ${head.seq} events but only ${expected - 1} are accounted for.`,
      expected,
    );
  if (last !== head.digest) return problem('edited', `The head of ${label} has been altered.`, head.seq);
  return null;
}

export type TombstoneCheck = {
  tombstone: Tombstone;
  /** Signed with this establishment's key (null: this device has no establishment settings). */
  thisEstablishment: boolean | null;
  /** This device's own note of the case: the same note, a different one, or none. */
  onThisDevice: 'same' | 'different' | 'absent';
};

/**
 * Checks a note of a destroyed case given back to the app (e.g. by an inspector): its shape and
 * signature (verifyTombstoneFile), whether this establishment's key made it, and whether this
 * device holds the same note. The file is read here; nothing is stored.
 */
export async function checkTombstoneFile(session: Session, text: string): Promise<TombstoneCheck> {
  const tombstone = await verifyTombstoneFile(text);
  const establishment = await getPublicSettings();
  const thisEstablishment = establishment
    ? (await keyFingerprint(establishment.signingPublicJwk)) === tombstone.keyFingerprint
    : null;
  const here = (await listDestroyedCases(session)).find((t) => t.caseId === tombstone.caseId);
  const onThisDevice = !here
    ? 'absent'
    : tombstoneFileText(here) === tombstoneFileText(tombstone)
      ? 'same'
      : 'different';
  return { tombstone, thisEstablishment, onThisDevice };
}
