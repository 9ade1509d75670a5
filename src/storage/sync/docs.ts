// Owns the mapping from the encrypted records on this tablet to the documents on the school's sync
// server (docs/SYNC.md): deterministic ids, so a record pushed twice is one document, and only the
// fields the server's rules (docRules.js) allow: opaque ids, positions, digests and ciphertext.
import type { CaseRow, EventRow, InboxRow, LogRow, TombstoneMetaRow } from '../db';
import { validateDocUpdate } from './docRules.js';

export type EventDoc = {
  _id: string;
  type: 'event';
  v: 1;
  chain: string;
  /** The tablet whose chain of the case this step is on (opaque id); absent on steps sent before it was named. */
  dev?: string;
  /** Its position in that tablet's chain of the case. */
  seq: number;
  digest: string;
  iv: string;
  ct: string;
};
/** An establishment log entry; `gen` is the data key's epoch it is encrypted under (see KeyDoc). */
export type LogDoc = {
  _id: string;
  type: 'log';
  v: 1;
  seq: number;
  digest: string;
  gen?: string;
  iv: string;
  ct: string;
};
/**
 * A case key wrapped under the establishment's data key (AAD binds the case id). `gen` is the data
 * key's epoch: each rotation adds a new generation of every case key, never changes a record.
 * Records from before generations existed have none.
 */
export type KeyDoc = {
  _id: string;
  type: 'key';
  v: 1;
  scope: 'case';
  of: string;
  gen?: string;
  iv: string;
  ct: string;
};
/**
 * The establishment as a new tablet needs it: keyring rows (wraps, names, roles), public settings,
 * private keys (under the data key) and the log head they go with, encrypted under the
 * establishment's directory key (directory.ts). One new record whenever any of it changes.
 */
export type EstabDoc = { _id: string; type: 'estab'; v: 1; iv: string; ct: string };
/** What a one-time enrolment code opens (enrol.ts): the directory key and the log head to reach. */
export type EnrolDoc = { _id: string; type: 'enrol'; v: 1; iv: string; ct: string };
/**
 * A joined tablet's own server credential, or a notice that a tablet was revoked (revoke.ts),
 * encrypted under the establishment's data key: opaque to the server, no name in the clear.
 */
export type TabletDoc = { _id: string; type: 'tablet'; v: 1; iv: string; ct: string };
export type DisclosureDoc = {
  _id: string;
  type: 'disclosure';
  v: 1;
  sealedAt: string;
  keyFingerprint: string;
  alg: 'ECDH-P256+HKDF-SHA256+A256GCM';
  epk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  salt: string;
  iv: string;
  ct: string;
};
/** What a destroyed case leaves: its final head and the signed tombstone, encrypted under the data key. */
export type TombstoneDoc = {
  _id: string;
  type: 'tombstone';
  v: 1;
  chain: string;
  seq: number;
  digest: string;
  gen?: string;
  iv: string;
  ct: string;
};
export type SyncDoc = EventDoc | LogDoc | KeyDoc | DisclosureDoc | TombstoneDoc | EstabDoc | EnrolDoc | TabletDoc;

/** !!! SERVER NAMES - NEVER CHANGE: every tablet and the server's rules derive these ids. */
export const syncDocId = {
  event: (eventId: string) => `event:${eventId}`,
  log: (eventId: string, gen?: string | null) => (gen ? `log:${eventId}:${gen}` : `log:${eventId}`),
  caseKey: (caseId: string, gen?: string | null) => (gen ? `key:case:${caseId}:${gen}` : `key:case:${caseId}`),
  estab: (id: string) => `estab:${id}`,
  enrol: (id: string) => `enrol:${id}`,
  tablet: (id: string) => `tablet:${id}`,
  disclosure: (id: string) => `disclosure:${id}`,
  tombstone: (caseId: string, gen?: string | null) => (gen ? `tombstone:${caseId}:${gen}` : `tombstone:${caseId}`),
} as const;

/** A step of this tablet's own chain (`dev`: this tablet), or of another tablet's (`dev`: that tablet). */
export function eventDoc(row: Pick<EventRow, 'eventId' | 'caseId' | 'seq' | 'digest' | 'enc'>, dev?: string): EventDoc {
  return {
    _id: syncDocId.event(row.eventId),
    type: 'event',
    v: 1,
    chain: row.caseId,
    ...(dev ? { dev } : {}),
    seq: row.seq,
    digest: row.digest,
    iv: row.enc.iv,
    ct: row.enc.ct,
  };
}
export function logDoc(row: LogRow, gen?: string | null): LogDoc {
  return {
    _id: syncDocId.log(row.eventId, gen),
    type: 'log',
    v: 1,
    seq: row.seq,
    digest: row.digest,
    ...(gen ? { gen } : {}),
    iv: row.enc.iv,
    ct: row.enc.ct,
  };
}
export function keyDoc(row: Pick<CaseRow, 'id' | 'caseKey'>, gen?: string | null): KeyDoc {
  return {
    _id: syncDocId.caseKey(row.id, gen),
    type: 'key',
    v: 1,
    scope: 'case',
    of: row.id,
    ...(gen ? { gen } : {}),
    iv: row.caseKey.iv,
    ct: row.caseKey.ct,
  };
}
export function disclosureDoc(row: InboxRow): DisclosureDoc {
  const { alg, epk, salt, iv, ct } = row.sealed;
  return {
    _id: syncDocId.disclosure(row.id),
    type: 'disclosure',
    v: 1,
    sealedAt: row.sealedAt,
    keyFingerprint: row.keyFingerprint,
    alg,
    epk: { kty: epk.kty, crv: epk.crv, x: epk.x, y: epk.y },
    salt,
    iv,
    ct,
  };
}
export function tombstoneDoc(row: TombstoneMetaRow, gen?: string | null): TombstoneDoc {
  return {
    _id: syncDocId.tombstone(row.caseId, gen),
    type: 'tombstone',
    v: 1,
    chain: row.caseId,
    seq: row.head.seq,
    digest: row.head.digest,
    ...(gen ? { gen } : {}),
    iv: row.enc.iv,
    ct: row.enc.ct,
  };
}

/** Why the server's rules refuse `doc`, or null if they take it: the very function the server runs. */
export function ruleProblem(doc: Record<string, unknown>): string | null {
  try {
    validateDocUpdate(doc, null, null);
    return null;
  } catch (e) {
    if (e && typeof e === 'object' && 'forbidden' in e) return String((e as { forbidden: unknown }).forbidden);
    throw e;
  }
}

/** The members the server's rules look at, in a fixed order, for comparing two copies of a record. */
export function sameContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = (d: Record<string, unknown>) =>
    JSON.stringify(
      Object.keys(d)
        .filter((k) => !k.startsWith('_'))
        .sort()
        .map((k) => [k, d[k]]),
    );
  return a._id === b._id && strip(a) === strip(b);
}
