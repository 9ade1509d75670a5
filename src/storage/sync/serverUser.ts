// Owns a tablet's own user on the school's CouchDB (`_users`): a user may read and change its own
// record there and no other (docs/SYNC.md, "Revoking a tablet"). Whoever holds a tablet's current
// password may set a new one: a joining tablet does so for itself, and a key holder does so for a
// lost tablet whose password the other tablets keep (tabletRecords.ts). No admin credential.
import { utf8Encode } from '../crypto';
import type { SyncServer } from './engine';

export type PasswordChange = { kind: 'changed' } | { kind: 'refused' } | { kind: 'failed'; status: number | null };

function userUrl(server: SyncServer): string {
  const u = new URL(server.url);
  const root = `${u.origin}${u.pathname.replace(/\/+$/, '').replace(/\/[^/]+$/, '')}`;
  return `${root}/_users/${encodeURIComponent(`org.couchdb.user:${server.username}`)}`;
}

/** Basic authorization for `server`'s credential (UTF-8, as CouchDB reads it). */
export function basicAuth(server: Pick<SyncServer, 'username' | 'password'>): string {
  return `Basic ${btoa(String.fromCharCode(...utf8Encode(`${server.username}:${server.password}`)))}`;
}

/**
 * Signs in as `server.username` with `server.password` and sets `password` in its place.
 * 'refused' when the server does not accept that password (it was changed, or the user is gone).
 */
export async function setServerPassword(
  server: SyncServer,
  password: string,
  fetcher: typeof fetch,
): Promise<PasswordChange> {
  const url = userUrl(server);
  const headers = { Authorization: basicAuth(server), Accept: 'application/json', 'Content-Type': 'application/json' };
  let got: Response;
  try {
    got = await fetcher(url, { headers, credentials: 'omit' });
  } catch {
    return { kind: 'failed', status: null };
  }
  if (got.status === 401 || got.status === 403 || got.status === 404) return { kind: 'refused' };
  if (!got.ok) return { kind: 'failed', status: got.status };
  const doc = (await got.json()) as Record<string, unknown>;
  const { derived_key: _k, salt: _s, iterations: _i, password_scheme: _p, pbkdf2_prf: _f, ...rest } = doc;
  let put: Response;
  try {
    put = await fetcher(url, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ ...rest, password }),
      credentials: 'omit',
    });
  } catch {
    return { kind: 'failed', status: null };
  }
  if (put.status === 401 || put.status === 403) return { kind: 'refused' };
  return put.ok ? { kind: 'changed' } : { kind: 'failed', status: put.status };
}
