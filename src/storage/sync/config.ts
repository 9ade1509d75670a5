// Owns this tablet's sync settings: the server's address and this tablet's own CouchDB user,
// encrypted under the establishment's data key (so a tablet in a pupil's hands gives nothing away),
// in one meta row that exists only when sync is set up. With no row, the app never loads PouchDB.
import { z } from 'zod';
import { decryptJson, encryptJson } from '../crypto';
import { type MetaRow, type YpsiDatabase, db } from '../db';
import { LOG_CHAIN_ID } from '../chain/chain';
import { commit, readLogHead } from '../chain/commit';
import { type LogEntryDraft, prepareLogAppends } from '../chain/log';
import { EncryptedRecordSchema } from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import type { SyncServer } from './engine';

/** !!! STORAGE NAMES - NEVER CHANGE: the meta row key and the AAD of its ciphertext. */
const KEY = 'sync-server';
const RECORD_ID = 'meta/sync-server';
/** For the rotation of the data key (rotate.ts), which encrypts this row again. */
export const SYNC_SERVER_META = { key: KEY, recordId: RECORD_ID } as const;

const SyncRowSchema = z.strictObject({ key: z.literal(KEY), enc: EncryptedRecordSchema });
const SyncServerSchema = z.strictObject({
  url: z.string().min(1).max(500),
  username: z.string().min(1).max(63),
  password: z.string().min(1).max(200),
  /** The establishment's directory key (directory.ts): made when this tablet first enrols another, or given by the enrolment code. */
  directoryKey: z.string().min(40).max(48).optional(),
  /** The revoked tablets (device ids) this tablet's password was set after (revoke.ts, keepCredentialCurrent). */
  knownRevocations: z.array(z.string().max(60)).max(1000).optional(),
});

export type SyncSettingsProblem = { field: 'url' | 'username' | 'password'; message: string };

const TABLET_NAME = /^[a-z0-9][a-z0-9-]{2,62}$/;

/**
 * The address resolved against the app's own origin (a path such as /db/ypsi-hillside is served by
 * the app's host, docs/SYNC.md), or the problems with what was typed, each at its field.
 */
export function checkSyncServer(
  input: SyncServer,
  appOrigin: string,
): { server: SyncServer; crossOrigin: boolean } | { problems: SyncSettingsProblem[] } {
  const problems: SyncSettingsProblem[] = [];
  const raw = input.url.trim();
  let url: URL | null = null;
  try {
    url = new URL(raw, appOrigin);
  } catch {
    url = null;
  }
  if (!raw || !url) {
    problems.push({
      field: 'url',
      message:
        'Enter the address of the school’s server, as IT gave it, for example https://sync.hillside.sch.uk/ypsi-hillside',
    });
  } else if (url.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    problems.push({
      field: 'url',
      message: 'The address must start with https:// so this tablet’s password never travels in the clear',
    });
  } else if (url.username || url.password) {
    problems.push({
      field: 'url',
      message: 'Enter the address without a name or password in it: they go in the boxes below',
    });
  } else if (url.search || url.hash || url.pathname.replace(/\/+$/, '').split('/').filter(Boolean).length === 0) {
    problems.push({
      field: 'url',
      message: 'The address must end with the database’s name, for example /ypsi-hillside',
    });
  }
  const username = input.username.trim();
  if (!TABLET_NAME.test(username))
    problems.push({
      field: 'username',
      message: 'Enter this tablet’s name on the server, as IT gave it (lower-case letters, digits and hyphens)',
    });
  if (!input.password)
    problems.push({ field: 'password', message: 'Enter this tablet’s password on the server, as IT gave it' });
  if (problems.length > 0 || !url) return { problems };
  const clean = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return {
    server: { url: clean, username, password: input.password },
    crossOrigin: url.origin !== new URL(appOrigin).origin,
  };
}

/** Whether sync is set up on this tablet (readable while locked: it says only that). */
export async function syncConfigured(): Promise<boolean> {
  return (await db().meta.get(KEY)) !== undefined;
}

export async function readSyncServer(session: Session): Promise<SyncServer | null> {
  const raw = await db().meta.get(KEY);
  if (!raw) return null;
  const row = SyncRowSchema.parse(raw);
  return SyncServerSchema.parse(await decryptJson(secretsOf(session).keys.dataKey, RECORD_ID, row.enc));
}

/**
 * Saves this tablet's sync settings. Turning sync on, or pointing it at another server or tablet
 * name, is logged in the establishment log in the same step ('sync.turned-on'); keeping the same
 * server (a new password, the directory key) is not.
 */
export async function saveSyncServer(session: Session, server: SyncServer): Promise<void> {
  const before = await readSyncServer(session);
  const row = await syncServerRow(secretsOf(session).keys.dataKey, server);
  if (before && before.url === server.url && before.username === server.username) {
    await db().meta.put(row);
    return;
  }
  await logWith(session, [{ type: 'sync.turned-on', tablet: server.username, server: server.url }], async (d) => {
    await d.meta.put(row);
  });
}

/** The meta row that holds `server`, encrypted under `dataKey` (for a joining tablet's one transaction). */
export async function syncServerRow(dataKey: CryptoKey, server: SyncServer): Promise<MetaRow> {
  const parsed = SyncServerSchema.parse(server);
  const enc = await encryptJson(dataKey, RECORD_ID, parsed);
  return { key: KEY, enc } as unknown as MetaRow;
}

/** Stops syncing on this tablet: the settings go, logged in the same step; what the server holds stays there. */
export async function forgetSyncServer(session: Session): Promise<void> {
  const before = await readSyncServer(session);
  if (!before) return;
  await logWith(session, [{ type: 'sync.turned-off', tablet: before.username }], async (d) => {
    await d.meta.delete(KEY);
  });
}

/** Appends `entries` to the establishment log and runs `write` in the same transaction. */
async function logWith(
  session: Session,
  entries: LogEntryDraft[],
  write: (d: YpsiDatabase) => Promise<void>,
): Promise<void> {
  await commit(session, async () => {
    const head = await readLogHead();
    const prepared = await prepareLogAppends(session, head, entries);
    return {
      plan: { appends: prepared.appends, expect: [{ chain: LOG_CHAIN_ID, head: head.seq === 0 ? null : head }], write },
      result: undefined,
    };
  });
}
