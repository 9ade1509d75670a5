// Owns the `tablet` records on the school's sync server (docs/SYNC.md, "Revoking a tablet"): each
// joined tablet's own server credential, and each notice that a tablet was revoked, encrypted under
// the establishment's data key (AES-256-GCM, the record's id as AAD). Only a key holder's unlocked
// tablet opens them; the server sees an opaque id, a size and a time, never a name or a password
// (docs/SECURITY.md item 18). The newest credential of a tablet is the one a key holder on another
// tablet uses to lock it out.
import { z } from 'zod';
import { decryptJson, encryptJson } from '../crypto';
import { newId } from '../chain/chain';
import { Id, IsoDateTime } from '../schemas';
import { type TabletDoc, ruleProblem, syncDocId } from './docs';
import type { SyncServer } from './engine';
import type { PouchDatabase } from './pouch';
import { basicAuth } from './serverUser';

const TabletName = z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/);
const Cut = z.array(z.strictObject({ caseId: Id, seq: z.number().int().min(1) })).max(5000);

export const TabletRecordSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('credential'),
    username: TabletName,
    /** The tablet's opaque id (the `dev` of its steps). */
    device: Id,
    password: z.string().min(1).max(200),
    at: IsoDateTime,
    /** The revoked tablets (device ids; in records from before, notice ids) this tablet had seen when it set this password. */
    knownRevocations: z.array(z.string().max(60)).max(1000),
  }),
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('revoked'),
    username: TabletName,
    device: Id,
    at: IsoDateTime,
    /** The key holder who revoked it, and from which tablet. */
    by: z.string().max(200),
    byTablet: TabletName,
    /** How far each of its chains of a case had reached on the revoking tablet: the steps still taken from it. */
    cut: Cut,
  }),
]);
export type TabletRecord = z.infer<typeof TabletRecordSchema>;
export type CredentialRecord = Extract<TabletRecord, { kind: 'credential' }>;
export type RevokedRecord = Extract<TabletRecord, { kind: 'revoked' }>;
export type Opened<T> = { id: string; record: T };

/** !!! SERVER NAMES - NEVER CHANGE: the AAD of a `tablet` record is its own id. */
const aadOf = (docId: string) => `sync/${docId}`;

export async function tabletDoc(dataKey: CryptoKey, record: TabletRecord): Promise<TabletDoc> {
  const _id = syncDocId.tablet(newId());
  const enc = await encryptJson(dataKey, aadOf(_id), TabletRecordSchema.parse(record));
  return { _id, type: 'tablet', v: 1, iv: enc.iv, ct: enc.ct };
}

/** The records among `docs` that open under `dataKey`; others (altered, or another key's) are left out. */
export async function openTabletDocs(
  dataKey: CryptoKey,
  docs: readonly Record<string, unknown>[],
): Promise<Opened<TabletRecord>[]> {
  const out: Opened<TabletRecord>[] = [];
  for (const doc of docs) {
    if (doc.type !== 'tablet' || ruleProblem(doc)) continue;
    const id = doc._id as string;
    try {
      const record = TabletRecordSchema.parse(
        await decryptJson(dataKey, aadOf(id), { v: 1, iv: doc.iv as string, ct: doc.ct as string }),
      );
      out.push({ id, record });
    } catch {
      // Not under this data key, or altered on the server: never trusted.
    }
  }
  return out;
}

/** Each tablet's newest credential (by the time it set it, then id), by server name. */
export function latestCredentials(opened: readonly Opened<TabletRecord>[]): Map<string, Opened<CredentialRecord>> {
  const out = new Map<string, Opened<CredentialRecord>>();
  for (const o of opened) {
    if (o.record.kind !== 'credential') continue;
    const have = out.get(o.record.username);
    if (!have || o.record.at > have.record.at || (o.record.at === have.record.at && o.id > have.id))
      out.set(o.record.username, o as Opened<CredentialRecord>);
  }
  return out;
}

export function revocations(opened: readonly Opened<TabletRecord>[]): Opened<RevokedRecord>[] {
  return opened.filter((o): o is Opened<RevokedRecord> => o.record.kind === 'revoked');
}

/** The `tablet` records on the server, read with this tablet's own credential. */
export async function serverTabletDocs(server: SyncServer, fetcher: typeof fetch): Promise<Record<string, unknown>[]> {
  const q = `include_docs=true&startkey=${encodeURIComponent('"tablet:"')}&endkey=${encodeURIComponent('"tablet:\ufff0"')}`;
  const res = await fetcher(`${server.url}/_all_docs?${q}`, {
    headers: { Authorization: basicAuth(server), Accept: 'application/json' },
    credentials: 'omit',
  });
  if (!res.ok) throw new ServerAnswer(res.status);
  const body = (await res.json()) as { rows: { doc?: Record<string, unknown> }[] };
  return body.rows.flatMap((r) => (r.doc ? [r.doc] : []));
}

/** The `tablet` records this tablet's replication database holds (as pulled). */
export async function localTabletDocs(local: PouchDatabase): Promise<Record<string, unknown>[]> {
  const all = await local.allDocs({ include_docs: true, startkey: 'tablet:', endkey: 'tablet:\ufff0' });
  return all.rows.flatMap((r) => (r.doc ? [r.doc as unknown as Record<string, unknown>] : []));
}

export class ServerAnswer extends Error {
  constructor(readonly status: number) {
    super(`The school’s server answered ${status}.`);
    this.name = 'ServerAnswer';
  }
}

/** Writes one new record with this tablet's own credential (append-only). */
export async function putTabletDoc(server: SyncServer, doc: TabletDoc, fetcher: typeof fetch): Promise<void> {
  const problem = ruleProblem(doc as unknown as Record<string, unknown>);
  if (problem) throw new Error(problem);
  const res = await fetcher(`${server.url}/${encodeURIComponent(doc._id)}`, {
    method: 'PUT',
    headers: { Authorization: basicAuth(server), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(doc),
    credentials: 'omit',
  });
  if (!res.ok) throw new ServerAnswer(res.status);
}
