// Owns finding out, for destroyed cases, whether the school's sync server still holds their
// encrypted records (docs/SYNC.md, "Destroyed cases"): the server keeps them (append-only) until
// IT purges them with `npm run sync:setup -- purge`; the app says so per case until it does not.
import { utf8Encode } from '../crypto';
import type { Session } from '../keys/session';
import { readSyncServer } from './config';
import { syncDocId } from './docs';

/** 'held': the server has the case's wrapped key (and so its steps); 'none': purged, or never sent; 'unknown': not reachable. */
export type ServerCopy = 'held' | 'none' | 'unknown';

export type ServerCopies = {
  /** The database's address, for the purge command IT runs (with the admin's credential put in). */
  url: string;
  copies: Record<string, ServerCopy>;
};

/** For each case id, whether the server still holds its records; null when sync is not set up on this tablet. */
export async function serverCopiesOf(
  session: Session,
  caseIds: readonly string[],
  fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<ServerCopies | null> {
  const server = await readSyncServer(session);
  if (!server) return null;
  const auth = `Basic ${btoa(String.fromCharCode(...utf8Encode(`${server.username}:${server.password}`)))}`;
  const copies: Record<string, ServerCopy> = {};
  for (const caseId of caseIds) {
    const prefix = syncDocId.caseKey(caseId);
    const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}:\ufff0`))}&limit=1`;
    try {
      const res = await fetcher(`${server.url}/_all_docs?${range}`, {
        headers: { Authorization: auth, Accept: 'application/json' },
        credentials: 'omit',
      });
      if (!res.ok) {
        copies[caseId] = 'unknown';
        continue;
      }
      const body = (await res.json()) as { rows?: unknown[] };
      copies[caseId] = Array.isArray(body.rows) && body.rows.length > 0 ? 'held' : 'none';
    } catch {
      copies[caseId] = 'unknown';
    }
  }
  return { url: server.url, copies };
}

/** The command IT runs to purge one destroyed case (docs/SYNC.md): the admin's name and password go where it says. */
export function purgeCommand(url: string, caseId: string): string {
  const u = new URL(url);
  return `npm run sync:setup -- purge ${u.protocol}//ADMIN:PASSWORD@${u.host}${u.pathname} ${caseId}`;
}
