// Owns finding out, for destroyed cases, whether the school's sync server still holds their
// encrypted records (docs/SYNC.md, "Destroyed cases"): the server keeps them (append-only) until
// IT purges them with `npm run sync:setup -- purge`; the app says so per case until it does not.
// A case opened from a sealed staff disclosure names that `disclosure:` document in the command:
// the server sees only ciphertext and cannot tell which disclosure a case came from.
import { utf8Encode } from '../crypto';
import type { Session } from '../keys/session';
import { readSyncServer } from './config';
import { syncDocId } from './docs';
import { destroyedRecords } from './purge';

/** 'held': the server has the case's wrapped key (and so its steps); 'none': purged, or never sent; 'unknown': not reachable. */
export type ServerCopy = 'held' | 'none' | 'unknown';

export type ServerCopies = {
  /** The database's address, for the purge command IT runs (with the admin's credential put in). */
  url: string;
  copies: Record<string, ServerCopy>;
  /** For each case, the `disclosure:` documents of the sealed disclosures it was opened from (for the command). */
  disclosures: Record<string, string[]>;
};

type Ask = (path: string) => Promise<Response>;

/** Does the server hold the case's wrapped key (and so its steps), or any of the sealed disclosures it was opened from? */
async function held(ask: Ask, caseId: string, disclosures: readonly string[]): Promise<ServerCopy> {
  const prefix = syncDocId.caseKey(caseId);
  const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}:\ufff0`))}&limit=1`;
  const res = await ask(`/_all_docs?${range}`);
  if (!res.ok) return 'unknown';
  const body = (await res.json()) as { rows?: unknown[] };
  if (Array.isArray(body.rows) && body.rows.length > 0) return 'held';
  for (const id of disclosures) {
    const doc = await ask(`/${encodeURIComponent(id)}`);
    if (doc.ok) return 'held';
    if (doc.status !== 404) return 'unknown';
  }
  return 'none';
}

/** For each case id, whether the server still holds its records; null when sync is not set up on this tablet. */
export async function serverCopiesOf(
  session: Session,
  caseIds: readonly string[],
  fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<ServerCopies | null> {
  const server = await readSyncServer(session);
  if (!server) return null;
  const auth = `Basic ${btoa(String.fromCharCode(...utf8Encode(`${server.username}:${server.password}`)))}`;
  const ask: Ask = (path) =>
    fetcher(`${server.url}${path}`, {
      headers: { Authorization: auth, Accept: 'application/json' },
      credentials: 'omit',
    });
  const records = await destroyedRecords();
  const copies: Record<string, ServerCopy> = {};
  const disclosures: Record<string, string[]> = {};
  for (const caseId of caseIds) {
    disclosures[caseId] = records.get(caseId) ?? [];
    copies[caseId] = await held(ask, caseId, disclosures[caseId]).catch(() => 'unknown' as const);
  }
  return { url: server.url, copies, disclosures };
}

/**
 * The command IT runs to purge one destroyed case (docs/SYNC.md): the admin's name and password go
 * where it says; the sealed disclosures it was opened from (`disclosure:` ids) follow the case id.
 */
export function purgeCommand(url: string, caseId: string, disclosures: readonly string[] = []): string {
  const u = new URL(url);
  return [
    `npm run sync:setup -- purge ${u.protocol}//ADMIN:PASSWORD@${u.host}${u.pathname}`,
    caseId,
    ...disclosures,
  ].join(' ');
}
