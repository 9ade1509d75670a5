// Owns revoking a lost tablet from any joined tablet, with no admin credential (docs/SYNC.md,
// "Revoking a tablet"; docs/SECURITY.md item 18). Each joined tablet leaves its own server password
// for the others, under the data key (tabletRecords.ts). A key holder who revokes a tablet here
// signs in as it and sets a fresh random password nobody keeps, so the server refuses it from then
// on; a notice tells every other tablet to refuse the steps it makes afterwards (revokedSteps.ts);
// the establishment log records who, when and which tablet; and every remaining tablet sets itself
// a new password (the revoked one could read theirs) the next time it starts syncing.
import { bytesToBase64Url, randomBytes } from '../crypto';
import { db } from '../db';
import { thisDevice } from '../caseDag';
import { appendLog } from '../chain/log';
import { StorageError } from '../errors';
import { type Session, requireRole, secretsOf } from '../keys/session';
import { readSyncServer, saveSyncServer } from './config';
import type { SyncServer } from './engine';
import { failureFrom } from './failure';
import { recordedRevocations } from './revocations';
import { setServerPassword } from './serverUser';
import {
  type TabletRecord,
  latestCredentials,
  openTabletDocs,
  putTabletDoc,
  revocations,
  serverTabletDocs,
  tabletDoc,
} from './tabletRecords';

const globalFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

export type JoinedTablet = { username: string; since: string };

export class RevokeError extends StorageError {
  constructor(
    message: string,
    /** When only IT can revoke it now: the command to give them. */
    readonly itCommand: string | null = null,
  ) {
    super(message);
    this.name = 'RevokeError';
  }
}

/** The command IT runs to revoke `username` (the admin's name and password left for them to fill in). */
export function itRevokeCommand(server: SyncServer, username: string): string {
  const u = new URL(server.url);
  return `npm run sync:setup -- revoke-tablet ${u.protocol}//ADMIN:PASSWORD@${u.host}${u.pathname} ${username}`;
}

const unreachable = () =>
  new RevokeError(
    'The school’s server could not be reached from this tablet. Check that it is online, then try again.',
  );

/** Only a failed connection (or a server fault) is "could not be reached"; anything else says what it is (failure.ts). */
function failed(e: unknown): RevokeError {
  if (e instanceof RevokeError) return e;
  const failure = failureFrom(e);
  if (failure.kind === 'unreachable') return unreachable();
  if (failure.kind !== 'error') return new RevokeError(failure.message);
  const why = (e instanceof Error ? e.message : String(e)).trim().replace(/[.\s]+$/, '');
  return new RevokeError(`The tablet was not revoked: ${why}. Nothing was changed on the server.`);
}

async function openedOnServer(session: Session, server: SyncServer, fetcher: typeof fetch) {
  try {
    return await openTabletDocs(secretsOf(session).keys.dataKey, await serverTabletDocs(server, fetcher));
  } catch (e) {
    throw failed(e);
  }
}

/** The other tablets that sync and can be revoked from here (this one, and any revoked, left out). */
export async function listJoinedTablets(
  session: Session,
  fetcher: typeof fetch = globalFetch,
): Promise<JoinedTablet[]> {
  secretsOf(session);
  const server = await readSyncServer(session);
  if (!server) return [];
  const opened = await openedOnServer(session, server, fetcher);
  // Revoked before a rotation too (its notice then under an earlier key): recorded here (revocations.ts).
  // By device: a tablet IT added again under the same name after a revocation made in error joins as a new device.
  const gone = new Set(
    [...revocations(opened).map((o) => o.record), ...(await recordedRevocations(session))].map((r) => r.device),
  );
  return [...latestCredentials(opened).values()]
    .filter((o) => o.record.username !== server.username && !gone.has(o.record.device))
    .map((o) => ({ username: o.record.username, since: o.record.at }))
    .sort((a, b) => (a.username < b.username ? -1 : 1));
}

/**
 * Revokes the tablet `username`: a notice for the other tablets, its server password replaced by
 * one nobody keeps, a log entry, and this tablet's own new password. RevokeError (with IT's
 * command) if the server no longer takes the password it left: it changed it itself.
 */
export async function revokeTablet(
  session: Session,
  username: string,
  fetcher: typeof fetch = globalFetch,
): Promise<{ atServer: boolean }> {
  requireRole(session, 'revoke-tablet', 'revoke a tablet');
  const server = await readSyncServer(session);
  if (!server) throw new RevokeError('This tablet does not sync with a server.');
  if (username === server.username)
    throw new RevokeError('This is the tablet you are using: revoke it from another one.');
  const opened = await openedOnServer(session, server, fetcher);
  const target = latestCredentials(opened).get(username);
  const command = itRevokeCommand(server, username);
  if (!target)
    throw new RevokeError(
      `Tablet ${username} never left its server password for the other tablets, so only IT can revoke it.`,
      command,
    );
  const device = target.record.device;
  if (device === (await thisDevice()))
    throw new RevokeError('This is the tablet you are using: revoke it from another one.');
  // How far each of its chains of a case had reached here: the steps still taken from it.
  const cut = (
    await db()
      .peerHeads.filter((h) => h.device === device)
      .toArray()
  )
    .map((h) => ({ caseId: h.caseId, seq: h.seq }))
    .slice(0, 5000);
  const notice: TabletRecord = {
    v: 1,
    kind: 'revoked',
    username,
    device,
    at: new Date().toISOString(),
    by: session.user.name,
    byTablet: server.username,
    cut,
  };
  // The notice first: once it is on the server every tablet refuses the revoked tablet's new steps.
  try {
    await putTabletDoc(server, await tabletDoc(secretsOf(session).keys.dataKey, notice), fetcher);
  } catch (e) {
    throw failed(e);
  }
  const changed = await setServerPassword(
    { url: server.url, username, password: target.record.password },
    bytesToBase64Url(randomBytes(24)),
    fetcher,
  );
  if (changed.kind === 'failed') throw unreachable();
  const atServer = changed.kind === 'changed';
  await appendLog(session, [{ type: 'tablet.revoked', tablet: username, device, cut, atServer }]);
  // The revoked tablet could read this tablet's password: this one sets a new one now (or, if the
  // server cannot be reached just now, at its next start of sync: the notice is not yet in its record).
  await keepCredentialCurrent(session, server, fetcher).catch(() => server);
  if (!atServer)
    throw new RevokeError(
      `The school’s server no longer takes the password tablet ${username} left: someone changed it on that tablet. ` +
        'The other tablets now refuse what it records, but only IT can stop the server accepting it. Ask IT to run:',
      command,
    );
  return { atServer };
}

/**
 * Leaves this tablet's current password for the other tablets, and first sets a new one if a tablet
 * was revoked since this one last set it (the revoked tablet could read it). Run as sync starts;
 * returns the credential to sync with. Needs the server: a failure is thrown for the caller to skip.
 * Which revocations the password already postdates is kept in this tablet's own sync settings
 * (encrypted under the data key, and encrypted again by a rotation) as well as in its credential
 * record, so a rotation alone never makes a tablet change its password again.
 */
export async function keepCredentialCurrent(
  session: Session,
  server: SyncServer,
  fetcher: typeof fetch = globalFetch,
): Promise<SyncServer> {
  const { dataKey } = secretsOf(session).keys;
  const opened = await openTabletDocs(dataKey, await serverTabletDocs(server, fetcher));
  const mine = latestCredentials(opened).get(server.username);
  const notices = revocations(opened);
  const revoked = [
    ...new Set([...notices.map((o) => o.record.device), ...(await recordedRevocations(session)).map((r) => r.device)]),
  ];
  // Revoked devices, or (in records from before this version) the ids of the notices seen.
  const seen = new Set([...(mine?.record.knownRevocations ?? []), ...(server.knownRevocations ?? [])]);
  for (const o of notices) if (seen.has(o.id)) seen.add(o.record.device);
  const unseen = revoked.filter((device) => !seen.has(device));
  const known = revoked.slice(-1000);
  let current = server;
  if (unseen.length > 0) {
    const password = bytesToBase64Url(randomBytes(24));
    const changed = await setServerPassword(server, password, fetcher);
    if (changed.kind !== 'changed') return server;
    current = { ...server, password, knownRevocations: known };
    await saveSyncServer(session, current);
  } else {
    if (revoked.some((device) => !server.knownRevocations?.includes(device))) {
      current = { ...server, knownRevocations: known };
      await saveSyncServer(session, current);
    }
    if (mine && mine.record.password === server.password) return current;
  }
  const record: TabletRecord = {
    v: 1,
    kind: 'credential',
    username: current.username,
    device: await thisDevice(),
    password: current.password,
    at: new Date().toISOString(),
    knownRevocations: known,
  };
  await putTabletDoc(current, await tabletDoc(dataKey, record), fetcher);
  return current;
}
