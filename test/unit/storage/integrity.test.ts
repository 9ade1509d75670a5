// Integrity: editing, deleting, reordering, truncating or moving any event is detected and the first bad one named (docs/SECURITY.md test 5).
import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/codec/canonical';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { recordHash } from '../../../src/storage/chain/integrity';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { rawDb, setUpDevice, useCopyOf, type Device } from './harness';
import { disclosureDraft, noteDraft, reviewDraft } from './flows';

let device: Device;
let caseA: string;
let caseB: string;

beforeAll(async () => {
  device = await setUpDevice('integrity');
  const s = device.session;
  for (const which of ['A', 'B'] as const) {
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    await appendEvent(s, c.caseId, reviewDraft(s));
    await appendEvent(s, c.caseId, noteDraft(s, `first note ${which}`));
    await appendEvent(s, c.caseId, noteDraft(s, `second note ${which}`));
    if (which === 'A') caseA = c.caseId;
    else caseB = c.caseId;
  }
  // Writes the checkpoint every copy starts from.
  if (!(await quickVerify(s)).ok) throw new Error('the freshly built device should verify');
});

let name: string;
beforeEach(async () => {
  name = await useCopyOf(device);
});

/** Tamper with the copy through raw IndexedDB, as someone holding the tablet could. */
async function tamper(fn: (raw: ReturnType<typeof rawDb>) => Promise<void>): Promise<void> {
  db().close();
  const raw = rawDb(name);
  await raw.open();
  await fn(raw);
  raw.close();
  useDatabase(name);
}

const first = async () => (await fullVerify(device.session)).problems[0];

describe('the full check', () => {
  it('passes an untouched device and counts every event', async () => {
    const report = await fullVerify(device.session);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.casesChecked).toBe(2);
    expect(report.eventsChecked).toBeGreaterThanOrEqual(10);
  });

  it('names an edited event (one ciphertext byte changed)', async () => {
    await tamper(async (raw) => {
      const row = await raw.table('events').get([caseA, 3]);
      const ct = Buffer.from(row.enc.ct, 'base64');
      ct[5] = ct[5]! ^ 1;
      await raw.table('events').put({ ...row, enc: { ...row.enc, ct: ct.toString('base64') } });
    });
    expect(await first()).toMatchObject({ scope: 'case', caseId: caseA, seq: 3, kind: 'edited' });
  });

  it('names an event row of the wrong shape instead of failing the check', async () => {
    await tamper(async (raw) => {
      const row = await raw.table('events').get([caseA, 2]);
      await raw.table('events').put({ caseId: caseA, seq: 2, dseq: row.dseq, enc: 'not a record' });
    });
    expect(await first()).toMatchObject({ caseId: caseA, seq: 2, kind: 'edited' });
  });

  it('names an event whose stored digest was edited', async () => {
    await tamper(async (raw) => {
      const row = await raw.table('events').get([caseA, 2]);
      await raw.table('events').put({ ...row, digest: 'f'.repeat(64) });
    });
    expect(await first()).toMatchObject({ caseId: caseA, seq: 2, kind: 'edited' });
  });

  it('names a deleted event', async () => {
    await tamper(async (raw) => raw.table('events').delete([caseA, 2]));
    const p = await first();
    expect(p).toMatchObject({ caseId: caseA, seq: 2, kind: 'deleted' });
    expect(p!.message).toMatch(/^Event 2 of case YPSI-\d{4}-\d{4} has been deleted\.$/);
  });

  it('names two events swapped in order', async () => {
    await tamper(async (raw) => {
      const two = await raw.table('events').get([caseA, 2]);
      const three = await raw.table('events').get([caseA, 3]);
      await raw.table('events').bulkPut([
        { ...three, caseId: caseA, seq: 2 },
        { ...two, caseId: caseA, seq: 3 },
      ]);
    });
    expect(await first()).toMatchObject({ caseId: caseA, seq: 2, kind: 'reordered' });
  });

  it('names the latest events removed (case head left as it was)', async () => {
    await tamper(async (raw) =>
      raw.table('events').bulkDelete([
        [caseA, 5],
        [caseA, 4],
      ]),
    );
    expect(await first()).toMatchObject({ caseId: caseA, seq: 4, kind: 'truncated' });
  });

  it('names the latest events removed even when the case head is wound back to match', async () => {
    await tamper(async (raw) => {
      const four = await raw.table('events').get([caseA, 4]);
      const row = await raw.table('cases').get(caseA);
      await raw.table('events').delete([caseA, 5]);
      await raw.table('cases').put({ ...row, head: { seq: 4, digest: four.digest } });
    });
    const report = await fullVerify(device.session);
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.kind === 'truncated' && (p.caseId === caseA || p.scope === 'device'))).toBe(
      true,
    );
    // The unlock check sees it too, reading only the case rows and what is new.
    expect((await quickVerify(device.session)).problems[0]).toMatchObject({ caseId: caseA, kind: 'truncated' });
  });

  it('names an event replaced by one moved from another case', async () => {
    await tamper(async (raw) => {
      const fromB = await raw.table('events').get([caseB, 3]);
      await raw.table('events').put({ ...fromB, caseId: caseA, seq: 3 });
    });
    const p = await first();
    expect(p).toMatchObject({ caseId: caseA, seq: 3, kind: 'moved' });
    expect(p!.message).toMatch(/moved from case YPSI-/);
  });

  it('names an edited entry in the establishment log', async () => {
    await tamper(async (raw) => {
      const row = await raw.table('log').get(1);
      await raw.table('log').put({ ...row, digest: '0'.repeat(64) });
    });
    expect((await fullVerify(device.session)).problems).toContainEqual(
      expect.objectContaining({ scope: 'establishment-log', seq: 1, kind: 'edited' }),
    );
  });

  it('sees a whole case deleted since the last check', async () => {
    await tamper(async (raw) => {
      await raw.table('cases').delete(caseB);
      await raw.table('snapshots').delete(caseB);
      await raw.table('events').where('[caseId+seq]').between([caseB, 0], [caseB, Infinity]).delete();
    });
    expect((await fullVerify(device.session)).problems).toContainEqual(
      expect.objectContaining({ caseId: caseB, kind: 'deleted' }),
    );
    expect((await quickVerify(device.session)).problems).toContainEqual(
      expect.objectContaining({ caseId: caseB, kind: 'deleted' }),
    );
  });

  it('sees a snapshot or summary put back under a newer head', async () => {
    await tamper(async (raw) => {
      const other = await raw.table('cases').get(caseB);
      const row = await raw.table('cases').get(caseA);
      await raw.table('cases').put({ ...row, summary: other.summary });
    });
    expect(await first()).toMatchObject({ caseId: caseA, kind: 'rolled-back' });
  });
});

describe('the check at unlock', () => {
  it("every committed step moves the checkpoint's heads on; the next unlock still reads what was written since it last read, then moves that on", async () => {
    const s = device.session;
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    const cp = await db().heads.get('checkpoint');
    const head = await db().heads.get('device');
    expect(cp).toMatchObject({ dseq: (head as { dseq: number }).dseq, deviceMac: (head as { mac: string }).mac });
    expect(await quickVerify(s)).toMatchObject({ ok: true, eventsChecked: 2, casesChecked: 3 });
    expect((await quickVerify(s)).eventsChecked).toBe(0);
  });

  it('catches an event written since the last unlock and edited after it was written', async () => {
    const s = device.session;
    const c = await createCase(s);
    await tamper(async (raw) => {
      const row = await raw.table('events').get([c.caseId, 1]);
      await raw.table('events').put({ ...row, digest: 'a'.repeat(64) });
    });
    expect((await quickVerify(s)).problems[0]).toMatchObject({ caseId: c.caseId, seq: 1, kind: 'edited' });
  });

  it('reads the events a lagging checkpoint does not cover (a database from before each step moved it), then moves it on', async () => {
    const s = device.session;
    const older = await db().heads.get('checkpoint');
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    await tamper(async (raw) => {
      await raw.table('heads').put(older);
    });
    expect(await quickVerify(s)).toMatchObject({ ok: true, eventsChecked: 2, casesChecked: 3 });
    expect((await quickVerify(s)).eventsChecked).toBe(0);
  });

  it('catches an event edited after it was written, above a lagging checkpoint', async () => {
    const s = device.session;
    const older = await db().heads.get('checkpoint');
    const c = await createCase(s);
    await tamper(async (raw) => {
      await raw.table('heads').put(older);
      const row = await raw.table('events').get([c.caseId, 1]);
      await raw.table('events').put({ ...row, digest: 'a'.repeat(64) });
    });
    expect((await quickVerify(s)).problems[0]).toMatchObject({ caseId: c.caseId, seq: 1, kind: 'edited' });
  });

  it('catches the device head, the checkpoint or the public settings changed in the clear', async () => {
    await tamper(async (raw) => {
      const head = await raw.table('heads').get('device');
      await raw.table('heads').put({ ...head, mac: 'b'.repeat(64) });
    });
    expect((await quickVerify(device.session)).problems).toEqual([
      expect.objectContaining({ scope: 'device', kind: 'edited' }),
    ]);

    await useCopyOf(device).then((n) => (name = n));
    await tamper(async (raw) => {
      const cp = await raw.table('heads').get('checkpoint');
      await raw.table('heads').put({ ...cp, heads: cp.heads.slice(1) });
    });
    expect((await quickVerify(device.session)).problems[0]).toMatchObject({ scope: 'checkpoint', kind: 'edited' });

    await useCopyOf(device).then((n) => (name = n));
    await tamper(async (raw) => {
      const row = await raw.table('meta').get('settings');
      await raw
        .table('meta')
        .put({ ...row, settings: { ...row.settings, mash: { name: 'MASH', phone: '07700 900000' } } });
    });
    expect((await quickVerify(device.session)).problems[0]).toMatchObject({ scope: 'settings', kind: 'edited' });
  });
});

describe('the record hash', () => {
  it('is the SHA-256 of the canonical JSON of the event log', async () => {
    const { events } = await loadCase(device.session, caseA);
    const expected = createHash('sha256').update(canonicalJson(events)).digest('hex');
    expect(await recordHash(events)).toBe(expected);
    expect(await recordHash([...events].reverse())).not.toBe(expected);
  });
});
