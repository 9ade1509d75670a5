// Case references stay unique across joined tablets (docs/SYNC.md, "Case references on several
// tablets"): the establishment's first tablet keeps its references as they were (YPSI-2026-0007);
// a tablet joined with an enrolment code numbers its own cases under the mark it was given
// (YPSI-2026-A-0001), and marks form a tree, so no two tablets hold the same one. Against a real
// server (pouchdb-server started here, or CouchDB 3 with COUCHDB_URL).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import { saveSyncServer } from '../../../src/storage/sync/config';
import { makeEnrolment } from '../../../src/storage/sync/enrol';
import { startJoin } from '../../../src/storage/sync/join';
import type { SyncServer } from '../../../src/storage/sync/engine';
import { childMark, giveMark, restoredCounterRow, tabletMark } from '../../../src/storage/tabletMark';
import fc from 'fast-check';
import { exportBackup, importBackup } from '../../../src/storage/files/backup';
import { StorageError } from '../../../src/storage/errors';
import { type Device, PASSPHRASES, setUpDevice, useCopyOf } from '../storage/harness';
import { type TestServer, freshDbName, startServer } from './server';
import { pouch, tabletEngine } from './tablet';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../scripts/sync-setup.mjs');
const setupCli = async (...args: string[]) => (await run(process.execPath, [SCRIPT, ...args])).stdout;
const year = new Date().getFullYear();

async function addTablet(server: TestServer, name: string, label: string): Promise<SyncServer> {
  const username = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  const out = await setupCli('add-tablet', server.adminUrl(name), username);
  return { url: server.dbUrl(name), username, password: out.trim().split('\n').pop()! };
}

let server: TestServer;
let device: Device;
beforeAll(async () => {
  server = await startServer();
  device = await setUpDevice('sync-refs');
});
afterAll(async () => {
  await server?.stop();
});

describe('case references on several tablets', () => {
  it('the first tablet keeps its numbering; a joined tablet numbers under its own mark', async () => {
    await useCopyOf(device);
    const a = device.session;
    const before = await createCase(a);
    expect(before.reference).toBe(`YPSI-${year}-0001`);
    const name = freshDbName('refs');
    await setupCli(server.adminUrl(name));
    const tabletA = await addTablet(server, name, 'refs-a');
    const tabletB = await addTablet(server, name, 'refs-b');
    await saveSyncServer(a, tabletA);
    const engine = await tabletEngine(tabletA);
    await engine.push(a);
    await engine.close();
    const { code } = await makeEnrolment(a, tabletB, new URL(server.root).origin);
    // Tablet A's own references go on exactly as before it enrolled anyone.
    expect((await createCase(a)).reference).toBe(`YPSI-${year}-0002`);
    expect(await tabletMark()).toBe('');
    const dbA = db().name;

    useDatabase(`sync-refs-b-${Date.now()}`);
    const joining = await startJoin(code, new URL(server.root).origin, { Pouch: await pouch(), adapter: 'memory' });
    await joining.complete(device.users.dsl, PASSPHRASES.dsl);
    await joining.close();
    const onB = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect(await tabletMark()).toBe('A');
    const first = await createCase(onB);
    const second = await createCase(onB);
    expect([first.reference, second.reference]).toEqual([`YPSI-${year}-A-0001`, `YPSI-${year}-A-0002`]);
    useDatabase(dbA);
  });

  it('gives each tablet it enrols a mark of its own: a tree, never the same mark twice', async () => {
    await useCopyOf(device);
    // The first tablet gives A, B, C...; the tablet marked B gives BA, BB...
    expect([await giveMark(), await giveMark(), await giveMark()]).toEqual(['A', 'B', 'C']);
    await db().meta.put({ key: 'reference-counter', year, next: 5, mark: 'B' });
    expect(await giveMark()).toBe('BA');
    expect(await giveMark()).toBe('BB');
    // Giving marks leaves the tablet's own numbering alone.
    expect((await createCase(device.session)).reference).toBe(`YPSI-${year}-B-0005`);
  });

  it('refuses, in plain words, once every letter has been given', async () => {
    await useCopyOf(device);
    await db().meta.put({ key: 'reference-counter', year, next: 1, given: 25 });
    expect(await giveMark()).toBe('Z');
    await expect(giveMark()).rejects.toBeInstanceOf(StorageError);
    await expect(giveMark()).rejects.toThrow(/Make the enrolment code on another tablet/);
  });

  it('a tablet restored from its backup numbers on after its restored cases, under its mark', async () => {
    await useCopyOf(device);
    await db().meta.put({ key: 'reference-counter', year, next: 1, mark: 'C' });
    expect((await createCase(device.session)).reference).toBe(`YPSI-${year}-C-0001`);
    const passphrase = 'Backup passphrase kept in the safe';
    const { text } = await exportBackup(device.session, passphrase);
    useDatabase(`sync-refs-restored-${Date.now()}`);
    await importBackup(text, passphrase);
    const restored = await unlock(device.users.dsl, PASSPHRASES.dsl);
    expect(await tabletMark()).toBe('C');
    expect((await createCase(restored)).reference).toBe(`YPSI-${year}-C-0002`);
  });

  it('a backup made before it carried the counter: numbering goes on from the restored references', () => {
    const refs = [`YPSI-${year}-0001`, `YPSI-${year}-0007`, `YPSI-${year - 1}-0042`, `YPSI-${year}-B-0009`];
    expect(restoredCounterRow(undefined, refs)).toMatchObject({ year, next: 8 });
    expect(restoredCounterRow(undefined, [])).toMatchObject({ year, next: 1 });
    expect(restoredCounterRow({ year, next: 3, mark: 'B', given: 2 }, refs)).toMatchObject({
      next: 10,
      mark: 'B',
      given: 2,
    });
  });

  it('any enrolment tree gives every tablet its own mark (property, bounded and seeded)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (picks) => {
        // Tablet 0 is the first (no mark); each pick names an existing tablet, which enrols the next.
        const tablets: { mark: string; given: number }[] = [{ mark: '', given: 0 }];
        for (const pick of picks) {
          const parent = tablets[pick % tablets.length]!;
          const mark = childMark(parent.mark, parent.given);
          if (mark === null) continue;
          parent.given++;
          tablets.push({ mark, given: 0 });
        }
        const marks = tablets.map((t) => t.mark);
        expect(new Set(marks).size).toBe(marks.length);
        // No two tablets' references can be the same either: the mark is set apart by dashes.
        const refs = marks.map((m) => `YPSI-${year}-${m ? `${m}-` : ''}0001`);
        expect(new Set(refs).size).toBe(refs.length);
      }),
      { numRuns: 50, seed: 20261213 },
    );
    expect(childMark('', 26)).toBeNull();
    expect(childMark('ABCDEF', 0)).toBeNull();
  });
});
