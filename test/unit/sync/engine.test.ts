// The sync engine end to end against a real server (pouchdb-server started here, or CouchDB 3
// with COUCHDB_URL): only ciphertext leaves the tablet, a cut connection loses and duplicates
// nothing, and a record edited on the server is refused and named.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { newTablet, on } from './tablets';
import { sealDisclosure, type DisclosureDraft } from '../../../src/storage/inbox';
import { db } from '../../../src/storage/db';
import { type Device, setUpDevice, useCopyOf, SETTINGS, PASSPHRASES } from '../storage/harness';
import { SECRET_WORDS, appendClosing, closedCasePastReview, closingDrafts, noteDraft } from '../storage/flows';
import { destroyCase } from '../../../src/storage/destroy';
import { SyncFailure, type SyncServer, driverFor } from '../../../src/storage/sync/engine';
import { createActor, waitFor } from 'xstate';
import { syncMachine } from '../../../src/storage/sync/machine';
import { type TestServer, freshDbName, startServer } from './server';
import { cuttingProxy, tabletEngine } from './tablet';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');

async function setupCli(...args: string[]): Promise<string> {
  const r = await run(process.execPath, [SCRIPT, ...args]);
  return r.stdout;
}

/** A set-up database with one tablet user; returns that tablet's server settings. */
async function newServerDatabase(
  server: TestServer,
  label: string,
): Promise<{ name: string; tablet: SyncServer; tabletName: string }> {
  const name = freshDbName(label);
  await setupCli(server.adminUrl(name));
  const tabletName = `${label}-tablet-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), tabletName);
  return {
    name,
    tabletName,
    tablet: { url: server.dbUrl(name), username: tabletName, password: out.trim().split('\n').pop()! },
  };
}

async function serverDocs(server: TestServer, name: string): Promise<Record<string, unknown>[]> {
  const res = await server.adminFetch(`/${name}/_all_docs?include_docs=true&conflicts=true`);
  const body = (await res.json()) as { rows: { id: string; doc: Record<string, unknown> }[] };
  return body.rows.filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc);
}

const staffDraft: DisclosureDraft = {
  writer: { name: 'Sam Fennimore', jobTitle: 'Year 9 tutor' },
  disclosure: {
    disclosedBy: 'Ophelia Grindlewald',
    discloserRelation: 'young-person',
    disclosedTo: 'Sam Fennimore',
    disclosedAt: '2026-03-02T10:15:00.000Z',
    channel: 'in-person',
    account: 'Ophelia said a picture of her is going round, sent by Barnaby Whitlock.',
    platforms: ['WhatsApp'],
    spreadNotes: 'Maybe the whole year group.',
    imageryDescription: 'A photograph.',
    actionsTaken: 'Told the DSL in person straight away.',
  },
  persons: [
    {
      id: 'p1',
      name: 'Ophelia Grindlewald',
      atEstablishment: true,
      involvement: ['pictured'],
      adult: 'no',
      worksWithChildren: 'no',
      ageYears: 14,
    },
    {
      id: 'p2',
      name: 'Barnaby Whitlock',
      atEstablishment: true,
      involvement: ['shared'],
      adult: 'no',
      worksWithChildren: 'no',
      ageYears: 14,
    },
  ],
};

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-engine');
});
afterAll(async () => {
  await server?.stop();
});

describe('pushing a full case', () => {
  it('sends only ciphertext: the server holds none of the typed names, and a second push sends nothing again', async () => {
    await useCopyOf(device);
    const s = device.session;
    const c = await createCase(s);
    await appendClosing(device, c.caseId);
    await sealDisclosure(staffDraft);
    const { name, tablet } = await newServerDatabase(server, 'names');
    const engine = await tabletEngine(tablet);
    expect(await engine.connect()).toEqual({ kind: 'ok' });
    expect(await engine.pending()).toBeGreaterThan(8);

    const pushed = await engine.push();
    const events = await db().events.count();
    const log = await db().log.count();
    // Every step, every log entry, the case key and the sealed disclosure: one document each.
    expect(pushed).toMatchObject({ sent: events + log + 2, refusedByServer: [], unsendable: [] });
    expect(await engine.pending()).toBe(0);

    const docs = await serverDocs(server, name);
    expect(docs).toHaveLength(events + log + 2);
    const dump = JSON.stringify(docs);
    const typed = [
      ...SECRET_WORDS,
      'Ophelia',
      'Grindlewald',
      'Barnaby',
      'Whitlock',
      'Fennimore',
      'Year 9 tutor',
      'Dana Shah',
      'Dev Patel',
      'Helen Okafor',
      SETTINGS.establishment.name,
      'WSCB',
      'Snapchat',
      'WhatsApp',
      c.reference,
      PASSPHRASES.dsl,
    ];
    for (const word of typed) expect(dump).not.toContain(word);
    expect(new Set(docs.map((d) => d.type))).toEqual(new Set(['event', 'log', 'key', 'disclosure']));

    const again = await engine.push();
    expect(again.sent).toBe(0);
    expect(await serverDocs(server, name)).toHaveLength(docs.length);
    // Pulling back what it sent: every record is confirmed as this tablet's own, nothing refused.
    const report = await engine.pull(s);
    expect(report.refused).toEqual([]);
    await engine.close();
  });
});

describe('a connection cut in the middle of a push', () => {
  it('loses nothing and duplicates nothing: the next push converges, one revision per record', async () => {
    await useCopyOf(device);
    const s = device.session;
    for (let i = 0; i < 3; i++) {
      const c = await createCase(s);
      await appendClosing(device, c.caseId);
    }
    const { name, tablet } = await newServerDatabase(server, 'cut');
    const proxy = await cuttingProxy(new URL(server.root));
    try {
      const viaProxy = await tabletEngine({ ...tablet, url: proxy.url(name) }, { pushBatchSize: 10 });
      const expected = (await db().events.count()) + (await db().log.count()) + 3;
      // The push goes in batches of 10: the second batch's request is cut half-way.
      proxy.cutAtBulk(2);
      const failure = await viaProxy.push().catch((e: unknown) => e);
      expect(proxy.cuts()).toBe(1);
      expect(failure).toBeInstanceOf(SyncFailure);
      expect((failure as SyncFailure).kind).toBe('unreachable');
      const partial = await serverDocs(server, name);
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(expected);
      expect(await viaProxy.pending()).toBeGreaterThan(0);

      // The connection is back: the same tablet pushes again.
      proxy.cutAtBulk(0);
      const second = await viaProxy.push();
      expect(second.refusedByServer).toEqual([]);
      const docs = await serverDocs(server, name);
      expect(docs).toHaveLength(expected);
      expect(new Set(docs.map((d) => d._id)).size).toBe(expected);
      for (const d of docs) {
        expect(String(d._rev)).toMatch(/^1-/);
        expect(d._conflicts).toBeUndefined();
      }
      expect(await viaProxy.pending()).toBe(0);
      await viaProxy.close();
    } finally {
      await proxy.close();
    }
  });
});

/** The server admin changes a stored document (the rules are lifted, the record edited, the rules put back). */
async function editOnServer(
  server: TestServer,
  name: string,
  id: string,
  change: (doc: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const ddoc = (await (await server.adminFetch(`/${name}/_design/ypsi-sync`)).json()) as { _rev: string };
  expect((await server.adminFetch(`/${name}/_design/ypsi-sync?rev=${ddoc._rev}`, { method: 'DELETE' })).status).toBe(
    200,
  );
  const doc = (await (await server.adminFetch(`/${name}/${encodeURIComponent(id)}`)).json()) as Record<string, unknown>;
  const put = await server.adminFetch(`/${name}/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: JSON.stringify(change(doc)),
  });
  expect(put.status).toBe(201);
  await setupCli(server.adminUrl(name));
}

describe('a record edited on the server', () => {
  it('is refused by the tablet that made it, and named by case and step', async () => {
    await useCopyOf(device);
    const s = device.session;
    const c = await createCase(s);
    await appendClosing(device, c.caseId, 4);
    const { name, tablet } = await newServerDatabase(server, 'edited');
    const engine = await tabletEngine(tablet);
    await engine.push();
    const events = await db().events.where('[caseId+seq]').between([c.caseId, 0], [c.caseId, Infinity]).toArray();
    const third = events.find((e) => e.seq === 3)!;
    const fourth = events.find((e) => e.seq === 4)!;
    await editOnServer(server, name, `event:${third.eventId}`, (doc) => ({
      ...doc,
      ct: `${String(doc.ct).slice(0, -8)}AAAAAAA=`,
    }));
    await editOnServer(server, name, `event:${fourth.eventId}`, (doc) => ({ ...doc, seq: 2 }));

    const report = await engine.pull(s);
    expect(report.refused).toHaveLength(2);
    expect(report.refused).toEqual(
      expect.arrayContaining([
        {
          docId: `event:${third.eventId}`,
          label: `step 3 of case ${c.reference}`,
          reason: 'It was altered on the server: it differs from this tablet’s own record.',
        },
        {
          docId: `event:${fourth.eventId}`,
          label: `step 2 of case ${c.reference}`,
          reason: 'It was put out of order on the server: this tablet recorded it as step 4.',
        },
      ]),
    );
    // The refusals are kept, so the status can name them until someone acts.
    expect(await engine.refusals()).toHaveLength(2);
    await engine.close();
  });

  it('is refused by another tablet of the establishment checking the chain it does not have yet, naming the step', async () => {
    // Two tablets of one establishment (the same keys, each its own id).
    const ta = await newTablet(device, 'chain-a');
    const tb = await newTablet(device, 'chain-b');
    const s = on(ta);
    const c = await createCase(s);
    await appendEvent(s, c.caseId, closingDrafts(s, s)[0]!);
    for (const d of [noteDraft(s, 'First note.'), noteDraft(s, 'Second note.'), noteDraft(s, 'Third note.')])
      await appendEvent(s, c.caseId, d);
    const { name, tablet } = await newServerDatabase(server, 'chain');
    const a = await tabletEngine(tablet);
    await a.push();
    await a.close();
    const steps = await db().events.where('[caseId+seq]').between([c.caseId, 0], [c.caseId, Infinity]).toArray();
    const step4 = steps.find((e) => e.seq === 4)!;
    await editOnServer(server, name, `event:${step4.eventId}`, (doc) => ({
      ...doc,
      ct: `${String(doc.ct).slice(0, -8)}AAAAAAA=`,
    }));

    on(tb);
    const b = await tabletEngine(tablet);
    const report = await b.pull(tb.session);
    expect(report.refused).toEqual([
      {
        docId: `event:${step4.eventId}`,
        label: `step 4 of case ${c.reference}`,
        reason: 'Its chain does not check out: step 4 has been altered (it no longer decrypts).',
      },
    ]);
    // Steps 1-3 check out and are applied: the case is on B. Step 5 follows the bad one and waits.
    expect(report.applied).toBe(3);
    expect((await loadCase(tb.session, c.caseId)).events).toHaveLength(3);
    await b.close();
  });
});

describe('a second version of a record slipped in by replication', () => {
  it('is refused by the tablet, which names the record and says the server holds two versions', async () => {
    await useCopyOf(device);
    const s = device.session;
    const c = await createCase(s);
    await appendEvent(s, c.caseId, noteDraft(s));
    const { name, tablet } = await newServerDatabase(server, 'conflict');
    const engine = await tabletEngine(tablet);
    await engine.push();
    const step2 = (await db().events.where('[caseId+seq]').equals([c.caseId, 2]).first())!;
    const id = `event:${step2.eventId}`;
    // A replicator's write (new_edits: false) of an unrelated revision history: CouchDB keeps both
    // versions as a conflict. The rules are lifted meanwhile, as only a server admin could.
    const ddoc = (await (await server.adminFetch(`/${name}/_design/ypsi-sync`)).json()) as { _rev: string };
    await server.adminFetch(`/${name}/_design/ypsi-sync?rev=${ddoc._rev}`, { method: 'DELETE' });
    const stored = (await (await server.adminFetch(`/${name}/${id}`)).json()) as Record<string, unknown>;
    const forged = {
      ...stored,
      _rev: '1-ffffffffffffffffffffffffffffffff',
      ct: `${String(stored.ct).slice(0, -8)}AAAAAAA=`,
    };
    const put = await server.adminFetch(`/${name}/_bulk_docs`, {
      method: 'POST',
      body: JSON.stringify({ new_edits: false, docs: [forged] }),
    });
    expect(put.status).toBe(201);
    await setupCli(server.adminUrl(name));

    const report = await engine.pull(s);
    expect(report.refused).toEqual([
      { docId: id, label: `step 2 of case ${c.reference}`, reason: 'The server holds two different versions of it.' },
    ]);
    await engine.close();
  });
});

describe('a revoked tablet', () => {
  it('is refused by the server: connect says so and a push fails without sending anything', async () => {
    await useCopyOf(device);
    const c = await createCase(device.session);
    await appendEvent(device.session, c.caseId, noteDraft(device.session));
    const { name, tablet, tabletName } = await newServerDatabase(server, 'revoked');
    await setupCli('revoke-tablet', server.adminUrl(name), tabletName);
    const engine = await tabletEngine(tablet);
    const connected = await engine.connect();
    expect(['needs-sign-in', 'refused']).toContain(connected.kind);
    const failure = await engine.push().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect(['needs-sign-in', 'refused']).toContain((failure as SyncFailure).kind);
    expect(await serverDocs(server, name)).toEqual([]);
    await engine.close();
  });
});

describe('the sync actor on the real engine', () => {
  it('brings a tablet up to date with the server and sends a step recorded afterwards', async () => {
    await useCopyOf(device);
    const s = device.session;
    const c = await createCase(s);
    const { name, tablet } = await newServerDatabase(server, 'actor');
    const engine = await tabletEngine(tablet);
    const actor = createActor(syncMachine, { input: { driver: driverFor(engine, s), online: true } }).start();
    const up = await waitFor(actor, (x) => x.matches('upToDate'));
    expect(up.context).toMatchObject({ pending: 0, refused: [], message: null });
    const before = (await serverDocs(server, name)).length;
    await appendEvent(s, c.caseId, noteDraft(s));
    actor.send({ type: 'LOCAL_CHANGE' });
    await waitFor(actor, (x) => x.matches('upToDate') && x.context.lastSyncedAt !== up.context.lastSyncedAt);
    expect(await serverDocs(server, name)).toHaveLength(before + 1);
    actor.stop();
    await engine.close();
  });
});

describe('a destroyed case', () => {
  it('reaches the server as its destruction note only; its earlier records wait there for the administrator’s purge', async () => {
    await useCopyOf(device);
    const s = device.session;
    const caseId = await closedCasePastReview(s, {
      userId: device.users.deputy,
      passphrase: PASSPHRASES.deputy,
      ownPassphrase: PASSPHRASES.dsl,
    });
    const { name, tablet } = await newServerDatabase(server, 'destroyed');
    const engine = await tabletEngine(tablet);
    await engine.push();
    const before = await serverDocs(server, name);
    const steps = before.filter((d) => d.type === 'event' && d.chain === caseId);
    expect(steps.length).toBeGreaterThan(5);

    await destroyCase(s, caseId, {
      reason: 'Retention review: the period has ended.',
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: PASSPHRASES.deputy,
    });
    const pushed = await engine.push();
    const after = await serverDocs(server, name);
    const added = after.filter((d) => !before.some((b) => b._id === d._id));
    // The note, the log entry that records the destruction and the one that records the new data
    // key it brings (docs/SECURITY.md item 1): nothing else, no plain text.
    expect(added.map((d) => d.type).sort()).toEqual(['log', 'log', 'tombstone']);
    expect(pushed.sent).toBe(3);
    const note = added.find((d) => d.type === 'tombstone')!;
    expect(note).toMatchObject({ _id: `tombstone:${caseId}`, chain: caseId, seq: steps.length });
    for (const word of [...SECRET_WORDS, 'Retention review', 'Dana Shah', 'Dev Patel'])
      expect(JSON.stringify(added)).not.toContain(word);
    // Until purged, the server still holds the case's steps (docs/SYNC.md, "Destroyed cases").
    expect(after.filter((d) => d.type === 'event' && d.chain === caseId)).toHaveLength(steps.length);
    expect(await engine.pending()).toBe(0);
    await engine.close();
  });
});
