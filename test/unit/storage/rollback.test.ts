// Issue 12 finding 1: recent writes cannot be erased (docs/SECURITY.md item 8). Someone holding the
// tablet, with the browser's tools and no passphrase, deletes a whole case and an export log entry
// written since the last unlock and resets the heads to the one MAC'd state storage holds: both the
// check at unlock and the full check fail and name what went. The attack is done with raw
// IndexedDB edits (fake-indexeddb), never through the app.
import { beforeEach, describe, expect, it } from 'vitest';
import { appendEvent, createCase } from '../../../src/storage/cases';
import { db, useDatabase } from '../../../src/storage/db';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { logPdfExport } from '../../../src/storage/keys/pdfSigner';
import { rawDb, setUpDevice, type Device } from './harness';
import { disclosureDraft, noteDraft } from './flows';

let device: Device;
let caseA: string;
let caseB: string;
/** The device sequence number when the session began: everything above it is "recent". */
let before: number;
let run = 0;
type HeadRow = {
  id: string;
  dseq?: number;
  mac?: string;
  seq?: number;
  digest?: string;
  deviceMac?: string;
  heads?: [string, number, string][];
};
/** The head rows (device, log, checkpoint) as someone with the browser's tools could copy them at the last unlock. */
let headsAtUnlock: HeadRow[] = [];

beforeEach(async () => {
  device = await setUpDevice(`rollback-${++run}`);
  const s = device.session;
  caseA = (await createCase(s)).caseId;
  await appendEvent(s, caseA, disclosureDraft(s));
  // An unlock: the check passes and writes its checkpoint.
  if (!(await quickVerify(s)).ok) throw new Error('the freshly built device should verify');
  before = ((await db().heads.get('device')) as { dseq: number }).dseq;
  headsAtUnlock = structuredClone(await db().heads.toArray()) as HeadRow[];
  caseB = (await createCase(s)).caseId;
  await appendEvent(s, caseB, disclosureDraft(s));
  await appendEvent(s, caseB, noteDraft(s, 'a note the attacker wants gone'));
  await logPdfExport(s, {
    fileId: crypto.randomUUID(),
    caseId: caseB,
    to: 'Wolverhampton MASH',
    why: 'Referral',
    recordHash: 'c'.repeat(64),
    redacted: false,
  });
});

type Raw = ReturnType<typeof rawDb>;
async function tamper(fn: (raw: Raw) => Promise<void>): Promise<void> {
  db().close();
  const raw = rawDb(device.name);
  await raw.open();
  await fn(raw);
  raw.close();
  useDatabase(device.name);
}

/** Deletes every row written after `dseq`, and the case rows left with no events. */
async function deleteRowsAbove(raw: Raw, dseq: number): Promise<void> {
  await raw.table('events').where('dseq').above(dseq).delete();
  await raw.table('log').where('dseq').above(dseq).delete();
  const keep = new Set((await raw.table('events').toArray()).map((e: { caseId: string }) => e.caseId));
  for (const c of await raw.table('cases').toArray()) {
    if (!keep.has(c.id)) {
      await raw.table('cases').delete(c.id);
      await raw.table('snapshots').delete(c.id);
    }
  }
}

/** Puts the device head, the log head and every case head back to what the checkpoint records. */
async function resetHeadsToCheckpoint(raw: Raw): Promise<void> {
  const cp = await raw.table('heads').get('checkpoint');
  await raw.table('heads').put({ id: 'device', dseq: cp.dseq, mac: cp.deviceMac });
  const log = cp.heads.find((h: [string, number, string]) => h[0] === 'establishment-log');
  if (log) await raw.table('heads').put({ id: 'log', seq: log[1], digest: log[2] });
  for (const [id, seq, digest] of cp.heads as [string, number, string][]) {
    const row = await raw.table('cases').get(id);
    if (row) await raw.table('cases').put({ ...row, head: { seq, digest } });
  }
}

describe('erasing the writes since the last unlock (issue 12 finding 1)', () => {
  it('heads reset to the checkpoint and every row above the last unlock deleted: both checks fail and name the case and the log', async () => {
    await tamper(async (raw) => {
      await deleteRowsAbove(raw, before);
      await resetHeadsToCheckpoint(raw);
    });
    expect(await db().cases.get(caseB)).toBeUndefined();

    const quick = await quickVerify(device.session);
    expect(quick.ok).toBe(false);
    expect(quick.problems).toContainEqual(expect.objectContaining({ scope: 'case', kind: 'deleted', caseId: caseB }));

    const full = await fullVerify(device.session);
    expect(full.ok).toBe(false);
    expect(full.problems).toContainEqual(expect.objectContaining({ scope: 'case', kind: 'deleted', caseId: caseB }));
    expect(full.problems.some((p) => p.scope === 'establishment-log')).toBe(true);
    expect(full.problems.map((p) => p.message).join(' ')).toMatch(/removed|deleted/);
  });

  it('the head rows as they stood at the last unlock, copied then and put back now: both checks say records were removed', async () => {
    await tamper(async (raw) => {
      await deleteRowsAbove(raw, before);
      await raw.table('heads').bulkPut(headsAtUnlock);
      const cp = headsAtUnlock.find((r) => r.id === 'checkpoint')!;
      for (const c of await raw.table('cases').toArray()) {
        const h = cp.heads!.find((x) => x[0] === c.id);
        if (h) await raw.table('cases').put({ ...c, head: { seq: h[1], digest: h[2] } });
      }
    });
    const quick = await quickVerify(device.session);
    expect(quick.ok).toBe(false);
    expect(quick.problems).toContainEqual(expect.objectContaining({ scope: 'device', kind: 'truncated' }));
    expect(quick.problems.find((p) => p.scope === 'device')!.message).toMatch(
      /the latest 4 were removed, or an older copy of the store was put back/,
    );
    expect((await fullVerify(device.session)).problems).toContainEqual(
      expect.objectContaining({ scope: 'device', kind: 'truncated' }),
    );
  });
});
