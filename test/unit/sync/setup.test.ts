// npm run sync:setup against a real server (pouchdb-server here, CouchDB 3 with COUCHDB_URL): the
// database, its append-only rules, its members, adding and revoking a tablet, and purging.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, freshDbName, startServer } from './server';
import { sampleDocs } from './docs';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');

async function setup(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [SCRIPT, ...args], {
      env: { ...process.env, COUCHDB_USER: '', COUCHDB_PASSWORD: '' },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function as(user: string, password: string) {
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return (path: string, init: RequestInit = {}) =>
    fetch(`${server.root}${path}`, {
      ...init,
      headers: { Authorization: auth, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });
}

async function newTablet(db: string, name: string): Promise<string> {
  const r = await setup('add-tablet', server.adminUrl(db), name);
  if (r.code !== 0) throw new Error(r.out);
  const password = r.out.trim().split('\n').pop()!;
  expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
  return password;
}

describe('npm run sync:setup', () => {
  it('creates the database with its rules and an empty member list, and says so again when re-run', async () => {
    const db = freshDbName('setup');
    const first = await setup(server.adminUrl(db));
    expect(first.out).toContain('Installed');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`Created the database ${server.root}/${db}`);
    expect(first.out).toContain('Installed its rules');
    const ddoc = (await (await server.adminFetch(`/${db}/_design/ypsi-sync`)).json()) as {
      validate_doc_update: string;
    };
    expect(ddoc.validate_doc_update).toMatch(/^function validateDocUpdate\(newDoc, oldDoc, userCtx\)/);
    const security = await (await server.adminFetch(`/${db}/_security`)).json();
    expect(security).toEqual({ admins: { names: [], roles: [] }, members: { names: [], roles: [] } });

    const again = await setup(server.adminUrl(db));
    expect(again.code).toBe(0);
    expect(again.out).toContain('exists already');
    expect(again.out).toContain('already in place');
  });

  it('refuses a wrong admin password, a URL without a database, and plain http to another machine, each with a reason', async () => {
    const db = freshDbName('bad');
    const wrong = await setup(
      server.adminUrl(db).replace(encodeURIComponent(server.admin.password), 'not-the-password'),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/did not accept the admin name and password|not a server admin/);
    const noDb = await setup(server.adminUrl(''));
    expect(noDb.code).toBe(1);
    expect(noDb.out).toContain('must end with the database name');
    const http = await setup('http://admin:pw@couch.example.org/ypsi');
    expect(http.code).toBe(1);
    expect(http.out).toContain('Use https://');
  });
});

describe('the server enforces the rules (validate_doc_update, _security)', () => {
  let db: string;
  let tablet: ReturnType<typeof as>;
  beforeAll(async () => {
    db = freshDbName('rules');
    const made = await setup(server.adminUrl(db));
    if (made.code !== 0) throw new Error(made.out);
    tablet = as('hillside-tablet-1', await newTablet(db, 'hillside-tablet-1'));
  });

  it('takes each kind of well-formed encrypted record from a member tablet', async () => {
    for (const doc of Object.values(sampleDocs())) {
      const r = await tablet(`/${db}/${encodeURIComponent(doc._id)}`, { method: 'PUT', body: JSON.stringify(doc) });
      expect({ id: doc._id, status: r.status }).toEqual({ id: doc._id, status: 201 });
    }
  });

  it('refuses an update and a deletion of a stored record, even by the server admin', async () => {
    const doc = sampleDocs().event;
    const put = await tablet(`/${db}/${doc._id}`, { method: 'PUT', body: JSON.stringify(doc) });
    expect(put.status).toBe(201);
    const { rev } = (await put.json()) as { rev: string };
    const update = await tablet(`/${db}/${doc._id}`, {
      method: 'PUT',
      body: JSON.stringify({ ...doc, _rev: rev, ct: 'AAAA' }),
    });
    expect(update.status).toBe(403);
    expect(((await update.json()) as { reason: string }).reason).toContain('records are never changed (append-only)');
    const del = await tablet(`/${db}/${doc._id}?rev=${rev}`, { method: 'DELETE' });
    expect(del.status).toBe(403);
    const byAdmin = await server.adminFetch(`/${db}/${doc._id}?rev=${rev}`, { method: 'DELETE' });
    expect(byAdmin.status).toBe(403);
    // A replicator's write of another revision (new_edits: false) is refused the same way.
    const replicated = await tablet(`/${db}/_bulk_docs`, {
      method: 'POST',
      body: JSON.stringify({
        new_edits: false,
        docs: [
          {
            ...doc,
            _rev: '2-0123456789abcdef0123456789abcdef',
            _revisions: { start: 2, ids: ['0123456789abcdef0123456789abcdef', rev.slice(2)] },
            ct: 'AAAA',
          },
        ],
      }),
    });
    const results = (await replicated.json()) as { error?: string }[];
    expect(results[0]?.error).toBe('forbidden');
    const stored = (await (await tablet(`/${db}/${doc._id}`)).json()) as { ct: string; _rev: string };
    expect(stored.ct).toBe(doc.ct);
    expect(stored._rev).toBe(rev);
  });

  it('refuses malformed records: a plaintext field, an unknown type, a bad digest, an id that is not opaque, an attachment', async () => {
    const { event, disclosure } = sampleDocs();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['plaintext name', { ...event, name: 'Zebedee Quillfeather' }, /field "name"/],
      ['unknown type', { ...event, type: 'note' }, /no known type/],
      ['bad digest', { ...event, digest: 'not-a-digest' }, /no valid digest/],
      ['missing ciphertext', { ...event, ct: undefined }, /lacks its "ct"/],
      ['id with a name in it', { ...event, _id: 'event:Zebedee-Quillfeather' }, /opaque id/],
      ['ciphertext that is not base64', { ...event, ct: 'Zebedee said hello' }, /no valid ciphertext/],
      ['disclosure with a note beside it', { ...disclosure, note: 'Told by Marisol' }, /field "note"/],
      [
        'attachment',
        { ...event, _attachments: { 'photo.jpg': { content_type: 'image/jpeg', data: 'AAAA' } } },
        /Attachments are never accepted/,
      ],
    ];
    for (const [what, doc, reason] of cases) {
      const r = await tablet(`/${db}/${encodeURIComponent(String(doc._id))}`, {
        method: 'PUT',
        body: JSON.stringify(doc),
      });
      const reasonGiven = ((await r.json()) as { reason?: string }).reason ?? '';
      expect({ what, status: r.status, matches: reason.test(reasonGiven) }).toEqual({
        what,
        status: 403,
        matches: true,
      });
    }
  });

  it('refuses a design document from a tablet: only the server admin sets the rules', async () => {
    const r = await tablet(`/${db}/_design/evil`, {
      method: 'PUT',
      body: JSON.stringify({ validate_doc_update: 'function(){}' }),
    });
    expect([401, 403]).toContain(r.status);
  });

  it('refuses anyone who is not a member, and a tablet once revoked', async () => {
    const anonymous = await fetch(`${server.root}/${db}/_all_docs`);
    expect(anonymous.status).toBe(401);
    const password = await newTablet(db, 'hillside-tablet-2');
    const second = as('hillside-tablet-2', password);
    expect((await second(`/${db}/_all_docs`)).status).toBe(200);

    const revoked = await setup('revoke-tablet', server.adminUrl(db), 'hillside-tablet-2');
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain('hillside-tablet-2 is no longer a member');
    const read = await second(`/${db}/_all_docs`);
    expect([401, 403]).toContain(read.status);
    const write = await second(`/${db}/${sampleDocs().log._id}`, {
      method: 'PUT',
      body: JSON.stringify(sampleDocs().log),
    });
    expect([401, 403]).toContain(write.status);
    // The other tablet is untouched.
    expect((await tablet(`/${db}/_all_docs`)).status).toBe(200);
    const security = (await (await server.adminFetch(`/${db}/_security`)).json()) as { members: { names: string[] } };
    expect(security.members.names).toEqual(['hillside-tablet-1']);
  });

  it('purges a destroyed case (CouchDB 3), refuses one without a tombstone, and says plainly when the server cannot purge', async () => {
    const docs = sampleDocs();
    const caseId = docs.event.chain;
    const refusedFirst = await setup('purge', server.adminUrl(db), caseId);
    expect(refusedFirst.code).toBe(1);
    expect(refusedFirst.out).toContain('holds no tombstone');
    for (const doc of [docs.event, docs.caseKey]) {
      expect((await tablet(`/${db}/${doc._id}`, { method: 'PUT', body: JSON.stringify(doc) })).status).toBe(201);
    }
    expect(
      (await tablet(`/${db}/${docs.tombstone._id}`, { method: 'PUT', body: JSON.stringify(docs.tombstone) })).status,
    ).toBe(201);
    const purged = await setup('purge', server.adminUrl(db), caseId);
    const status = async (id: string) => (await server.adminFetch(`/${db}/${encodeURIComponent(id)}`)).status;
    const seen = {
      code: purged.code,
      event: await status(docs.event._id),
      caseKey: await status(docs.caseKey._id),
      tombstone: await status(docs.tombstone._id),
    };
    // CouchDB 3 purges the case's records and keeps its tombstone; pouchdb-server has no _purge,
    // so the script says so and everything is still there.
    const expected =
      server.kind === 'couchdb'
        ? { code: 0, event: 404, caseKey: 404, tombstone: 200 }
        : { code: 1, event: 200, caseKey: 200, tombstone: 200 };
    expect(seen).toEqual(expected);
    expect(purged.out).toContain(server.kind === 'couchdb' ? 'Purged 2 records' : 'does not support _purge');
  });

  it('purges the sealed disclosure the app names beside a destroyed case, and refuses any other document named', async () => {
    const docs = sampleDocs();
    const caseId = docs.event.chain;
    for (const doc of [docs.event, docs.disclosure, docs.tombstone]) {
      expect((await tablet(`/${db}/${doc._id}`, { method: 'PUT', body: JSON.stringify(doc) })).status).toBe(201);
    }
    // Not a sealed disclosure (here, a step of another case): refused, nothing purged.
    const refused = await setup('purge', server.adminUrl(db), caseId, docs.disclosure._id, 'event:' + caseId);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Only a sealed disclosure (disclosure:<id>) is purged beside a case');
    expect((await server.adminFetch(`/${db}/${encodeURIComponent(docs.event._id)}`)).status).toBe(200);
    // The plan takes the disclosure with the case's step (an unknown one is passed over).
    const { parseTarget, purgePlan } = (await import(/* @vite-ignore */ SCRIPT)) as {
      parseTarget: (url: string, env: object) => unknown;
      purgePlan: (t: unknown, caseId: string, docIds: string[]) => Promise<Record<string, string[]>>;
    };
    const t = parseTarget(server.adminUrl(db), {});
    const unknown = `disclosure:${randomUUID()}`;
    expect(Object.keys(await purgePlan(t, caseId, [docs.disclosure._id, unknown])).sort()).toEqual(
      [docs.disclosure._id, docs.event._id].sort(),
    );
    const purged = await setup('purge', server.adminUrl(db), caseId, docs.disclosure._id);
    const status = async (id: string) => (await server.adminFetch(`/${db}/${encodeURIComponent(id)}`)).status;
    expect({ code: purged.code, disclosure: await status(docs.disclosure._id) }).toEqual(
      server.kind === 'couchdb' ? { code: 0, disclosure: 404 } : { code: 1, disclosure: 200 },
    );
    expect(purged.out).toContain(server.kind === 'couchdb' ? 'Purged 2 records' : 'does not support _purge');
  });
});
