// Two tablets of one establishment against a real server (pouchdb-server, or CouchDB 3 with
// COUCHDB_URL), for the tests of following on tablet B what was done on tablet A (follow.test.ts,
// followChange.test.ts): A is a copy of the set-up device, syncing; B joined from A's enrolment
// code, the deputy signed in there.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { db, useDatabase } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import type { Session } from '../../../src/storage/keys/session';
import { readSyncServer, saveSyncServer } from '../../../src/storage/sync/config';
import { makeEnrolment } from '../../../src/storage/sync/enrol';
import { startJoin } from '../../../src/storage/sync/join';
import type { SyncEngine, SyncServer } from '../../../src/storage/sync/engine';
import { type Device, PASSPHRASES, useCopyOf } from '../storage/harness';
import { closedCasePastReview } from '../storage/flows';
import { type TestServer, freshDbName } from './server';
import { pouch, tabletEngine } from './tablet';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
export const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

export async function addTablet(server: TestServer, name: string, label: string): Promise<SyncServer> {
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), username);
  return { url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! };
}

export async function serverDocs(server: TestServer, name: string): Promise<Record<string, unknown>[]> {
  const res = await server.adminFetch(`/${name}/_all_docs?include_docs=true&conflicts=true`);
  const body = (await res.json()) as { rows: { id: string; doc: Record<string, unknown> }[] };
  return body.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc);
}

/** Puts `doc` on the server as the tablet `as` (its own server credential), as anyone with it could. */
export async function putAs(as: SyncServer, doc: { _id: string }): Promise<number> {
  const put = await fetch(`${as.url}/${encodeURIComponent(doc._id)}`, {
    method: 'PUT',
    headers: {
      Authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(doc),
  });
  return put.status;
}

export type Pair = {
  name: string;
  a: Session;
  dbA: string;
  engineA: SyncEngine;
  dbB: string;
  /** The deputy, signed in on B. */
  b: Session;
  engineB: SyncEngine;
  /** A closed case past its review date, made on A and applied on B ('' when none was asked for). */
  caseId: string;
};

let tablets = 0;
/**
 * Tablet A (a copy of the set-up device), syncing, with a closed case past its review date unless
 * `withCase` is false; tablet B joined from A's enrolment code, the deputy signed in there, pulled.
 */
export async function twoTablets(server: TestServer, device: Device, withCase = true): Promise<Pair> {
  const dbA = await useCopyOf(device);
  // Its own session: a rotation on A renews the keys of the session that made it.
  const a = await unlock(device.users.dsl, PASSPHRASES.dsl);
  const name = freshDbName('follow');
  await setupCli(server.adminUrl(name));
  const tabletA = await addTablet(server, name, 'hill-a');
  const tabletB = await addTablet(server, name, 'hill-b');
  await saveSyncServer(a, tabletA);
  const caseId = withCase
    ? await closedCasePastReview(a, {
        userId: device.users.deputy,
        passphrase: PASSPHRASES.deputy,
        ownPassphrase: PASSPHRASES.dsl,
      })
    : '';
  const engineA = await tabletEngine(tabletA);
  const { code } = await makeEnrolment(a, tabletB, new URL(server.root).origin);
  await engineA.push(a);

  const dbB = `${device.name}-joined-${++tablets}`;
  useDatabase(dbB);
  const joining = await startJoin(code, new URL(server.root).origin, { Pouch: await pouch(), adapter: 'memory' });
  await joining.complete(device.users.deputy, PASSPHRASES.deputy);
  await joining.close();
  const b = await unlock(device.users.deputy, PASSPHRASES.deputy);
  const engineB = await tabletEngine((await readSyncServer(b))!);
  const pulled = await engineB.pull(b);
  expect(pulled.refused).toEqual([]);
  if (withCase) expect(await db().cases.get(caseId)).toBeDefined();
  return { name, a, dbA, engineA, dbB, b, engineB, caseId };
}

export const onA = (p: Pair) => (useDatabase(p.dbA), p.a);
export const onB = (p: Pair) => (useDatabase(p.dbB), p.b);

export async function keysOf(session: Session): Promise<CryptoKey> {
  const { secretsOf } = await import('../../../src/storage/keys/session');
  return secretsOf(session).keys.dataKey;
}
