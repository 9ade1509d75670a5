// A sync server for the browser tests: pouchdb-server in memory on a free loopback port, set up
// with the repository's own setup script, and reached by the page under the app's own address
// (/db/, as docs/SYNC.md recommends), so the Content-Security-Policy stays connect-src 'self'.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './harness.mjs';

const run = promisify(execFile);

async function freePort() {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export async function startSyncServer() {
  const dir = mkdtempSync(join(tmpdir(), 'ypsi-e2e-pouchdb-'));
  const port = await freePort();
  const bin = join(PROJECT_ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');
  const child = spawn(
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
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise((ok, ko) => {
    child.stdout.on('data', (b) => {
      output += b;
      if (output.includes('has started')) ok();
    });
    child.stderr.on('data', (b) => (output += b));
    child.once('exit', (code) => ko(new Error(`pouchdb-server exited (${code}):\n${output}`)));
  });
  const root = `http://127.0.0.1:${port}`;
  const admin = { user: 'e2e-admin', password: 'e2e-admin-password-long' };
  await fetch(`${root}/_config/admins/${admin.user}`, { method: 'PUT', body: JSON.stringify(admin.password) });
  const adminUrl = (db) => `http://${admin.user}:${admin.password}@127.0.0.1:${port}/${db}`;
  const auth = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
  const script = join(PROJECT_ROOT, 'scripts', 'sync-setup.mjs');
  return {
    root,
    /** Sets up a database and one tablet user; resolves with that tablet's password. */
    async setUp(db, tablet) {
      await run(process.execPath, [script, adminUrl(db)]);
      const { stdout } = await run(process.execPath, [script, 'add-tablet', adminUrl(db), tablet]);
      return stdout.trim().split('\n').pop();
    },
    /** Another tablet user (IT's add-tablet); resolves with its password. */
    async addTablet(db, tablet) {
      const { stdout } = await run(process.execPath, [script, 'add-tablet', adminUrl(db), tablet]);
      return stdout.trim().split('\n').pop();
    },
    /** IT's revoke-tablet: the server refuses that tablet from now on. */
    async revokeTablet(db, tablet) {
      await run(process.execPath, [script, 'revoke-tablet', adminUrl(db), tablet]);
    },
    /** Every record the server holds (not the design document), each with any conflicting versions (_conflicts). */
    async docs(db) {
      const res = await fetch(`${root}/${db}/_all_docs?include_docs=true&conflicts=true`, {
        headers: { Authorization: auth },
      });
      const body = await res.json();
      return body.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc);
    },
    /** A request as the server's administrator (path from the server's root). */
    adminFetch(path, init = {}) {
      return fetch(`${root}${path}`, { ...init, headers: { Authorization: auth, ...init.headers } });
    },
    /** The setup script again: the database's rules (design document) and members put back. */
    async rulesAgain(db) {
      await run(process.execPath, [script, adminUrl(db)]);
    },
    /** Serves the server under `${baseURL}/db/` for one browser context (as a reverse proxy would). */
    async proxyFor(context, baseURL) {
      await context.route(`${baseURL}/db/**`, async (route) => {
        const request = route.request();
        const url = new URL(request.url());
        const headers = {};
        for (const name of ['authorization', 'content-type', 'accept']) {
          const value = request.headers()[name];
          if (value) headers[name] = value;
        }
        try {
          const res = await fetch(`${root}${url.pathname.replace(/^\/db/, '')}${url.search}`, {
            method: request.method(),
            headers,
            body: request.postDataBuffer() ?? undefined,
          });
          await route.fulfill({
            status: res.status,
            headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' },
            body: Buffer.from(await res.arrayBuffer()),
          });
        } catch {
          // The server stopped (end of the test) with a live changes request open: the page sees a failed request.
          await route.abort('connectionfailed').catch(() => {});
        }
      });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
