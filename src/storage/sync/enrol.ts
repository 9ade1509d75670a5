// Owns enrolling a new tablet from one that already syncs (docs/SYNC.md, "Joining a tablet"): a key
// holder gives the new tablet's server name and first password (from IT's `add-tablet`), this
// tablet checks them with the server, sends a new copy of the establishment (directory.ts) and an
// enrolment bundle encrypted under a key from a fresh 128-bit secret, and shows the one-time code
// (enrolCode.ts) that carries the address, that credential and the secret. The bundle holds the
// directory key and the establishment log's head as it is now, so the new tablet can open the
// key holders' wraps and refuses a server that shows it an older log (docs/SECURITY.md item 17).
import { z } from 'zod';
import { randomBytes, utf8Encode, bytesToHex, decryptJson, encryptJson } from '../crypto';
import { subtle } from '../crypto/primitives';
import { readLogHead } from '../chain/commit';
import { appendLog } from '../chain/log';
import { ChainHeadSchema, IsoDateTime, TabletMarkSchema } from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { StorageError } from '../errors';
import { readSyncServer, saveSyncServer } from './config';
import { newDirectoryKey, estabDoc, readSnapshot } from './directory';
import { type EnrolDoc, type SyncDoc, ruleProblem, syncDocId } from './docs';
import { ENROL_SECRET_BYTES, encodeEnrolmentCode } from './enrolCode';
import { giveMark } from '../tabletMark';
import { type SyncServer, checkServer } from './engine';

/** How long a code may wait before the new tablet uses it. */
export const ENROL_VALID_DAYS = 7;

export const EnrolBundleSchema = z.strictObject({
  v: z.literal(1),
  directoryKey: z.string().min(40).max(48),
  /** The establishment log's head when the code was made: the new tablet refuses a log that does not reach it. */
  anchor: ChainHeadSchema,
  madeAt: IsoDateTime,
  expiresAt: IsoDateTime,
  /** The server name of the tablet that made the code. */
  madeBy: z.string().max(63),
  /** The new tablet's mark in case references (tabletMark.ts); absent in codes made before marks. */
  mark: TabletMarkSchema.optional(),
});
export type EnrolBundle = z.infer<typeof EnrolBundleSchema>;

/** The enrolment record's id and key, both derived from the code's secret (HKDF-SHA-256). */
export async function enrolSecrets(secret: Uint8Array): Promise<{ docId: string; key: CryptoKey }> {
  if (secret.length !== ENROL_SECRET_BYTES) throw new Error('An enrolment secret is 16 bytes.');
  const base = await subtle().importKey('raw', new Uint8Array(secret), 'HKDF', false, ['deriveBits', 'deriveKey']);
  const params = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8Encode(info) });
  const idHex = bytesToHex(new Uint8Array(await subtle().deriveBits(params('ypsi/enrol/id/v1'), base, 128)));
  const uuid = `${idHex.slice(0, 8)}-${idHex.slice(8, 12)}-${idHex.slice(12, 16)}-${idHex.slice(16, 20)}-${idHex.slice(20)}`;
  const key = await subtle().deriveKey(params('ypsi/enrol/key/v1'), base, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return { docId: syncDocId.enrol(uuid), key };
}

const aadOf = (docId: string) => `sync/${docId}`;

export async function sealBundle(secret: Uint8Array, bundle: EnrolBundle): Promise<EnrolDoc> {
  const { docId, key } = await enrolSecrets(secret);
  const enc = await encryptJson(key, aadOf(docId), EnrolBundleSchema.parse(bundle));
  return { _id: docId, type: 'enrol', v: 1, iv: enc.iv, ct: enc.ct };
}

/** The bundle `doc` holds, or null if it does not open with `secret` (a wrong code, or a record altered on the server). */
export async function openBundle(secret: Uint8Array, doc: EnrolDoc): Promise<EnrolBundle | null> {
  const { docId, key } = await enrolSecrets(secret);
  if (doc._id !== docId) return null;
  try {
    return EnrolBundleSchema.parse(await decryptJson(key, aadOf(docId), { v: 1, iv: doc.iv, ct: doc.ct }));
  } catch {
    return null;
  }
}

export type EnrolProblem = { field: 'username' | 'password' | null; message: string };
export class EnrolError extends StorageError {
  constructor(readonly problem: EnrolProblem) {
    super(problem.message);
    this.name = 'EnrolError';
  }
}

/** Writes one record to the server with this tablet's own credential (append-only: a new id each time). */
async function putDoc(server: SyncServer, doc: SyncDoc, fetcher: typeof fetch): Promise<void> {
  const problem = ruleProblem(doc as unknown as Record<string, unknown>);
  if (problem) throw new Error(problem);
  const auth = `Basic ${btoa(String.fromCharCode(...utf8Encode(`${server.username}:${server.password}`)))}`;
  const res = await fetcher(`${server.url}/${encodeURIComponent(doc._id)}`, {
    method: 'PUT',
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(doc),
    credentials: 'omit',
  });
  if (!res.ok)
    throw new EnrolError({
      field: null,
      message: `The school’s server did not take the enrolment (it answered ${res.status}). Check that this tablet syncs, then try again.`,
    });
}

/**
 * Makes a one-time enrolment code for the new tablet `newTablet` (its server name and the first
 * password IT gave it). Refused, at the field, if the server does not accept that name and password.
 */
export async function makeEnrolment(
  session: Session,
  newTablet: { username: string; password: string },
  appOrigin: string,
  fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<{ code: string; expiresAt: string }> {
  secretsOf(session);
  let server = await readSyncServer(session);
  if (!server) throw new EnrolError({ field: null, message: 'Set up sync on this tablet first.' });
  const username = newTablet.username.trim();
  if (username === server.username)
    throw new EnrolError({
      field: 'username',
      message: 'That is this tablet’s own name on the server. Enter the new tablet’s name, as IT gave it.',
    });
  const newServer: SyncServer = { url: server.url, username, password: newTablet.password };
  const checked = await checkServer(newServer, fetcher);
  if (checked.kind !== 'ok') {
    const field = checked.kind === 'needs-sign-in' ? 'password' : checked.kind === 'refused' ? 'username' : null;
    throw new EnrolError({ field, message: checked.message });
  }
  if (!server.directoryKey) {
    server = { ...server, directoryKey: newDirectoryKey() };
    await saveSyncServer(session, server);
  }
  const snapshot = await readSnapshot();
  if (!snapshot) throw new EnrolError({ field: null, message: 'This tablet is not set up.' });
  const secret = randomBytes(ENROL_SECRET_BYTES);
  const madeAt = new Date();
  const expiresAt = new Date(madeAt.getTime() + ENROL_VALID_DAYS * 86_400_000).toISOString();
  const bundle: EnrolBundle = {
    v: 1,
    directoryKey: server.directoryKey!,
    anchor: await readLogHead(),
    madeAt: madeAt.toISOString(),
    expiresAt,
    madeBy: server.username,
    mark: await giveMark(),
  };
  await putDoc(server, await estabDoc(server.directoryKey!, snapshot), fetcher);
  await putDoc(server, await sealBundle(secret, bundle), fetcher);
  // Who made a code for which tablet, in the establishment log (issue 13).
  await appendLog(session, [{ type: 'tablet.enrolled', tablet: username, expiresAt }]);
  return { code: await encodeEnrolmentCode({ server: newServer, secret }, appOrigin), expiresAt };
}
