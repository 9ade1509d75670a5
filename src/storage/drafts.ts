// Owns drafts: unsaved answers kept encrypted (per user, per form) when the app locks, so a lock never loses typing.
import { canonicalJson } from '../codec/canonical';
import { decryptJson, encryptJson, hmacHex, utf8Encode } from './crypto';
import { recordId } from './chain/chain';
import { db } from './db';
import { mapWriteError } from './durability';
import { StorageError } from './errors';
import { DraftRowSchema, parseRow } from './schemas';
import { isDestroyed } from './chain/tombstones';
import { type Session, secretsOf } from './keys/session';

/** A case id (UUID) inside a form key such as `/cases/<caseId>/referrals:note`. */
const CASE_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A draft is a page of answers, not a file store. */
export const MAX_DRAFT_BYTES = 512 * 1024;

// !!! NEVER CHANGE: part of every stored draft's id.
const DRAFT_LABEL = 'ypsi/draft/v1';

/** The stored id: an HMAC of the user and the form key, so neither shows in the clear. */
async function draftId(session: Session, key: string): Promise<string> {
  return draftIdWith(secretsOf(session).keys.macKey, session.user.userId, key);
}

/** A draft's stored id under a given MAC key (a rotation re-keys every draft, rotate.ts). */
export async function draftIdWith(macKey: CryptoKey, userId: string, key: string): Promise<string> {
  return hmacHex(macKey, canonicalJson({ label: DRAFT_LABEL, userId, key }));
}

/**
 * What is encrypted: the answers with the form key they belong to, so destroying a case finds every
 * draft of its screens (the key names the case) even when the answers name nobody (docs/SECURITY.md item 13).
 * Drafts written before this wrapper are the bare value; they are still read.
 */
const WRAP = 'ypsi/draft';
type Wrapped = { [WRAP]: 2; key: string; value: unknown };
function isWrapped(v: unknown): v is Wrapped {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as Record<string, unknown>)[WRAP] === 2 &&
    typeof (v as Wrapped).key === 'string' &&
    'value' in v
  );
}

/** A stored draft opened: its form key (null for a draft from before keys were kept with it) and its answers. */
export function unwrapDraft(stored: unknown): { key: string | null; value: unknown } {
  return isWrapped(stored) ? { key: stored.key, value: stored.value } : { key: null, value: stored };
}

/** Keeps a page's unsaved answers (any JSON value) under `key`, e.g. `/case/<caseId>/referrals:note`. Call before lock(). */
export async function saveDraft(session: Session, key: string, value: unknown): Promise<void> {
  // A form still open (in this tab or another) on a case destroyed meanwhile is flushed at the lock:
  // its answers are not kept, or the case's words would outlive it (docs/SECURITY.md item 13).
  for (const caseId of key.match(CASE_ID) ?? []) if (await isDestroyed(caseId.toLowerCase())) return;
  const id = await draftId(session, key);
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('a draft must be JSON');
  if (utf8Encode(json).length > MAX_DRAFT_BYTES)
    throw new StorageError('These answers are too long to keep as a draft.');
  const enc = await encryptJson(secretsOf(session).keys.dataKey, recordId.draft(id), {
    [WRAP]: 2,
    key,
    value,
  } satisfies Wrapped);
  try {
    await db().drafts.put({ id, updatedAt: new Date().toISOString(), enc });
  } catch (e) {
    throw mapWriteError(e);
  }
}

/** The draft under `key` for the signed-in user, or null. Validate its shape where it is used. */
export async function loadDraft(session: Session, key: string): Promise<unknown> {
  const id = await draftId(session, key);
  const raw = await db().drafts.get(id);
  if (!raw) return null;
  const row = parseRow(DraftRowSchema, raw, 'draft');
  return unwrapDraft(await decryptJson(secretsOf(session).keys.dataKey, recordId.draft(id), row.enc)).value;
}

/** Forgets the draft under `key` (after the answers were recorded, or discarded). */
export async function deleteDraft(session: Session, key: string): Promise<void> {
  await db().drafts.delete(await draftId(session, key));
}
