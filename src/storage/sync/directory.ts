// Owns the establishment's directory on the sync server (docs/SYNC.md): what a tablet that joins
// needs before anyone can unlock there (the keyring rows: wraps of the data key, names and roles;
// the public settings; the private keys, still under the data key; the log head they go with),
// encrypted under the directory key, a random AES-256 key that only the tablets hold (in their
// sync settings, under the data key) and that reaches a new tablet inside its enrolment code's
// bundle. The server sees one opaque record per change, never a name (docs/SECURITY.md item 4).
import { z } from 'zod';
import { canonicalJson } from '../../codec/canonical';
import { base64ToBytes, bytesToBase64, decryptJson, encryptJson, randomBytes, sha256Hex } from '../crypto';
import { subtle } from '../crypto/primitives';
import { newId } from '../chain/chain';
import { readLogHead } from '../chain/commit';
import { type YpsiDatabase, db } from '../db';
import {
  ChainHeadSchema,
  Hex64,
  Id,
  IsoDateTime,
  KeyringRowSchema,
  PdfSignerMetaRowSchema,
  PrivateKeysMetaRowSchema,
  SettingsMetaRowSchema,
} from '../schemas';
import { type EstabDoc, syncDocId } from './docs';

export const EstabSnapshotSchema = z.strictObject({
  v: z.literal(1),
  /** When this tablet wrote it (the newest log head wins; this breaks a tie). */
  at: IsoDateTime,
  /** The establishment log's head when the snapshot was taken: its latest keyring binding lists these rows. */
  logHead: ChainHeadSchema,
  keyring: z.array(KeyringRowSchema).min(1).max(200),
  settings: SettingsMetaRowSchema,
  privateKeys: PrivateKeysMetaRowSchema,
  pdfSigner: PdfSignerMetaRowSchema.nullable(),
  /**
   * The keyring binding that brought the current data key in, when a rotation did (docs/SECURITY.md
   * item 18): the key it replaced, the rows it bound and its handover MAC under the replaced key. A
   * tablet still on that key can check, without the new one, who the rotation removed.
   */
  handover: z
    .strictObject({ from: Id, mac: Hex64, epoch: Id, rows: z.array(z.tuple([Id, Hex64])).max(200) })
    .optional(),
});
export type EstabSnapshot = z.infer<typeof EstabSnapshotSchema>;

/** A new random directory key (base64 of 32 bytes). */
export function newDirectoryKey(): string {
  return bytesToBase64(randomBytes(32));
}

export async function directoryCryptoKey(directoryKey: string): Promise<CryptoKey> {
  const bytes = base64ToBytes(directoryKey);
  if (bytes.length !== 32) throw new Error('The directory key is not 32 bytes.');
  return subtle().importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** !!! SERVER NAME - NEVER CHANGE: the AAD of an `estab` record is its own id. */
const aadOf = (docId: string) => `sync/${docId}`;

/** This tablet's establishment as it stands, or null when it is not set up. */
export async function readSnapshot(d: YpsiDatabase = db()): Promise<Omit<EstabSnapshot, 'at'> | null> {
  return d.transaction('r', [d.meta, d.keyring, d.heads], async () => {
    const [settings, privateKeys, pdfSigner, keyring] = await Promise.all([
      d.meta.get('settings'),
      d.meta.get('private-keys'),
      d.meta.get('pdf-signer'),
      d.keyring.toArray(),
    ]);
    if (!settings || !privateKeys || keyring.length === 0) return null;
    return {
      v: 1 as const,
      logHead: await readLogHead(d),
      keyring: keyring
        .map((r) => KeyringRowSchema.parse(r))
        .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),
      settings: SettingsMetaRowSchema.parse(settings),
      privateKeys: PrivateKeysMetaRowSchema.parse(privateKeys),
      pdfSigner: pdfSigner ? PdfSignerMetaRowSchema.parse(pdfSigner) : null,
    };
  });
}

/** A digest of a snapshot's content (not its time), to send a new record only when something changed. */
export function snapshotDigest(s: Omit<EstabSnapshot, 'at' | 'handover'>): Promise<string> {
  const { v, logHead, keyring, settings, privateKeys, pdfSigner } = s;
  return sha256Hex(canonicalJson({ v, logHead, keyring, settings, privateKeys, pdfSigner }));
}

export async function estabDoc(directoryKey: string, snapshot: Omit<EstabSnapshot, 'at'>): Promise<EstabDoc> {
  const _id = syncDocId.estab(newId());
  const full: EstabSnapshot = { ...snapshot, at: new Date().toISOString() };
  const enc = await encryptJson(await directoryCryptoKey(directoryKey), aadOf(_id), full);
  return { _id, type: 'estab', v: 1, iv: enc.iv, ct: enc.ct };
}

/**
 * Snapshots already opened, by directory key and then by the record's exact id, IV and ciphertext:
 * server records are append-only, so each pull decrypts only the copies it has not seen (a record
 * changed in any byte is a new entry, opened and checked afresh). Never written to storage.
 */
const opened = new Map<string, Map<string, EstabSnapshot | null>>();
const OPENED_MAX = 5000;

/** Every snapshot among `docs` that opens under the directory key, with its record's id (others are passed over). */
export async function openSnapshots(
  directoryKey: string,
  docs: readonly EstabDoc[],
): Promise<{ docId: string; snapshot: EstabSnapshot }[]> {
  let seen = opened.get(directoryKey);
  if (!seen) opened.set(directoryKey, (seen = new Map()));
  if (seen.size > OPENED_MAX) seen.clear();
  const key = await directoryCryptoKey(directoryKey);
  const out: { docId: string; snapshot: EstabSnapshot }[] = [];
  for (const doc of docs) {
    const id = `${doc._id}\n${doc.iv}\n${doc.ct}`;
    let snapshot = seen.get(id);
    if (snapshot === undefined) {
      try {
        snapshot = EstabSnapshotSchema.parse(await decryptJson(key, aadOf(doc._id), { v: 1, iv: doc.iv, ct: doc.ct }));
      } catch {
        // Not a snapshot of this establishment's: never trusted.
        snapshot = null;
      }
      seen.set(id, snapshot);
    }
    if (snapshot) out.push({ docId: doc._id, snapshot });
  }
  return out;
}

/** The data key's epoch a snapshot's keyring rows wrap (a generation: docs/SYNC.md); null if none wraps it. */
export function snapshotEpoch(s: EstabSnapshot): string | null {
  for (const r of s.keyring) if ('dataKey' in r && r.dataKey) return r.dataKey.epoch;
  return null;
}

/**
 * The newest snapshot among `docs` that opens under the directory key (by log head, then time).
 * Records that do not open are counted, never trusted: the log's own check decides at joining.
 */
export async function latestSnapshot(
  directoryKey: string,
  docs: readonly EstabDoc[],
): Promise<{ snapshot: EstabSnapshot | null; unreadable: number }> {
  const key = await directoryCryptoKey(directoryKey);
  let best: EstabSnapshot | null = null;
  let unreadable = 0;
  for (const doc of docs) {
    let s: EstabSnapshot;
    try {
      s = EstabSnapshotSchema.parse(await decryptJson(key, aadOf(doc._id), { v: 1, iv: doc.iv, ct: doc.ct }));
    } catch {
      unreadable++;
      continue;
    }
    if (!best || s.logHead.seq > best.logHead.seq || (s.logHead.seq === best.logHead.seq && s.at > best.at)) best = s;
  }
  return { snapshot: best, unreadable };
}
