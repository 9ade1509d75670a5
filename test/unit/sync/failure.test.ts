// How a failed sync is put to the person (src/storage/sync/failure.ts, docs/SYNC.md): only a
// connection that failed, or a server fault, says the school's server "could not be reached"; a
// fault on this tablet (a bug, its storage) says what it is, and the status line shows those words.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../src/storage/db';
import { IntegrityError } from '../../../src/storage/errors';
import { SyncFailure, failureFrom } from '../../../src/storage/sync/engine';
import { syncStatusText } from '../../../src/ui/sync/statusText';
import type { SyncStatusView } from '../../../src/ui/sync/types';
import { type Device, setUpDevice, useCopyOf } from '../storage/harness';
import { type TestServer, freshDbName, startServer } from './server';
import { tabletEngine } from './tablet';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-failure');
});
afterAll(async () => {
  await server?.stop();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const a = s.address();
  await new Promise((ok) => s.close(ok));
  return typeof a === 'object' && a ? a.port : 0;
}

const view: SyncStatusView = {
  state: 'error',
  pending: 2,
  lastSyncedAt: null,
  retryAt: null,
  message: null,
  refused: [],
  progress: null,
};
const statusFor = (failure: SyncFailure) => syncStatusText({ ...view, message: failure.message });

describe('a sync failure says what it is', () => {
  it('a server nobody answers at: could not be reached', async () => {
    const port = await closedPort();
    const refused = await fetch(`http://127.0.0.1:${port}/ypsi`).catch((e: unknown) => e);
    const failure = failureFrom(refused);
    expect(failure.kind).toBe('unreachable');
    expect(statusFor(failure)).toBe('Could not reach the school server. 2 steps waiting to send.');
    // A server fault is not this tablet's either.
    expect(failureFrom({ status: 503, name: 'unknown_error', message: 'Service Unavailable' })).toMatchObject({
      kind: 'unreachable',
      message: 'The school server had a problem (it answered 503)',
    });
  });

  it('a fault in this app, or in what this tablet holds, is named as that and not blamed on the network', () => {
    let bug: unknown;
    try {
      (JSON.parse('null') as { rows: unknown[] }).rows.map(String);
    } catch (e) {
      bug = e;
    }
    expect(bug).toBeInstanceOf(TypeError);
    const fault = failureFrom(bug);
    expect(fault.kind).toBe('error');
    expect(fault.message).toMatch(
      /^Sync stopped by a fault in the app on this tablet, not the network \(.+\); what is recorded here is kept, and if it keeps happening, tell IT$/,
    );
    expect(statusFor(fault)).not.toContain('reach');
    expect(
      syncStatusText({ ...view, message: fault.message, retryAt: new Date(2026, 2, 2, 10, 45).toISOString() }),
    ).toMatch(
      /not the network \(.+\); what is recorded here is kept, and if it keeps happening, tell IT; trying again at 10:45\. 2 steps waiting to send\.$/,
    );

    const stored = failureFrom(
      new IntegrityError({
        scope: 'establishment-log',
        kind: 'edited',
        seq: 3,
        message: 'Establishment log entry 3 has been altered.',
      }),
    );
    expect(stored).toMatchObject({
      kind: 'error',
      message:
        'Sync stopped by a problem with this tablet’s own records, not the network (Establishment log entry 3 has been altered)',
    });
    expect(failureFrom({ status: 401 }).kind).toBe('needs-sign-in');
    expect(failureFrom({ status: 403 }).kind).toBe('refused');
  });

  it('a pull that fails on this tablet (its database closed under it) is not reported as the network', async () => {
    await useCopyOf(device);
    const name = freshDbName('failure');
    await setupCli(server.adminUrl(name));
    const username = `failure-tablet-${Math.random().toString(36).slice(2, 8)}`;
    const out = await setupCli('add-tablet', server.adminUrl(name), username);
    const engine = await tabletEngine({ url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! });
    expect((await engine.pull(device.session)).refused).toEqual([]);
    // Another tab upgraded the database: this tab's connection is closed (docs/SECURITY.md item 11).
    db().close();
    const failure = await engine.pull(device.session).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).kind).toBe('error');
    expect((failure as SyncFailure).message).toContain('not the network');
    expect(statusFor(failure as SyncFailure)).not.toContain('could not be reached');
    await engine.close();
  });
});
