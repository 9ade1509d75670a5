// The sync server for the tests: a pouchdb-server started here (in memory, on a free loopback port)
// or, when COUCHDB_URL is set (http://admin:secret@127.0.0.1:5984), that real CouchDB 3.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type TestServer = {
  /** 'couchdb' when COUCHDB_URL names a real CouchDB; else 'pouchdb-server'. */
  kind: 'couchdb' | 'pouchdb-server';
  /** http://127.0.0.1:PORT, no credential. */
  root: string;
  admin: { user: string; password: string };
  /** A database URL with the admin credential in it, for the setup script. */
  adminUrl: (db: string) => string;
  /** A database URL with no credential, for a tablet. */
  dbUrl: (db: string) => string;
  /** A fetch with the admin's credential. */
  adminFetch: (path: string, init?: RequestInit) => Promise<Response>;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

let dbCounter = 0;
/** A database name not used before in this run (tests share one server). */
export function freshDbName(label: string): string {
  return `ypsi-test-${label}-${process.pid}-${Date.now().toString(36)}-${++dbCounter}`;
}

function make(
  kind: TestServer['kind'],
  root: string,
  admin: { user: string; password: string },
  stop: () => Promise<void>,
): TestServer {
  const auth = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
  const u = new URL(root);
  return {
    kind,
    root,
    admin,
    adminUrl: (db) =>
      `${u.protocol}//${encodeURIComponent(admin.user)}:${encodeURIComponent(admin.password)}@${u.host}/${db}`,
    dbUrl: (db) => `${root}/${db}`,
    adminFetch: (path, init = {}) =>
      fetch(`${root}${path}`, {
        ...init,
        headers: {
          Authorization: auth,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...(init.headers ?? {}),
        },
      }),
    stop,
  };
}

/** Starts the server (or connects to COUCHDB_URL) with a server admin. */
export async function startServer(): Promise<TestServer> {
  const given = process.env.COUCHDB_URL;
  if (given) {
    const u = new URL(given);
    const admin = { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    if (!admin.user || !admin.password)
      throw new Error('COUCHDB_URL must carry the admin credential: http://admin:secret@127.0.0.1:5984');
    return make('couchdb', `${u.protocol}//${u.host}`, admin, async () => {});
  }
  const dir = mkdtempSync(join(tmpdir(), 'ypsi-pouchdb-server-'));
  const port = await freePort();
  const bin = resolve(__dirname, '../../../node_modules/pouchdb-server/bin/pouchdb-server');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      '--in-memory',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--config',
      join(dir, 'config.json'),
      '--no-color',
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((ok, ko) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.includes('has started')) ok();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    child.once('exit', (code) => ko(new Error(`pouchdb-server exited (${code}) before it started:\n${output}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  const root = `http://127.0.0.1:${port}`;
  const admin = { user: 'ypsi-test-admin', password: 'a-long-test-admin-password' };
  const r = await fetch(`${root}/_config/admins/${admin.user}`, {
    method: 'PUT',
    body: JSON.stringify(admin.password),
  });
  if (!r.ok) throw new Error(`could not make the server admin: ${r.status}`);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return make('pouchdb-server', root, admin, stop);
}
