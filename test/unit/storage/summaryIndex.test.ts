// The encrypted summary index (issue 6): kept in step with every step in the same transaction,
// rebuilt from each case's own summary when it is missing, stale or altered, never trusted over
// a case's own head, and giving the home screen the same list as decrypting every case.
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectedEventError } from '../../../src/domain/machine';
import type { CaseSummary } from '../../../src/domain/summary';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { recordId } from '../../../src/storage/chain/chain';
import { decryptJson } from '../../../src/storage/crypto';
import { db } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import { bulkSeedCases } from '../../../src/storage/seed';
import { type Session, secretsOf } from '../../../src/storage/keys/session';
import {
  SUMMARY_INDEX_BUCKETS,
  bucketOf,
  listSummaries,
  newestFirst,
  removeFromSummaryIndex,
} from '../../../src/storage/summary-index/summaryIndex';
import { commit } from '../../../src/storage/chain/commit';
import { PASSPHRASES, rawDb, rawDump, setUpDevice, useCopyOf, type Device } from './harness';
import { disclosureDraft, noteDraft, refusedDraft, reviewDraft } from './flows';

let device: Device;
let seeded: string[] = [];
beforeAll(async () => {
  device = await setUpDevice('summary-index');
  seeded = await bulkSeedCases(device.session, 40, { batchSize: 15 });
  const c = await createCase(device.session);
  await appendEvent(device.session, c.caseId, disclosureDraft(device.session));
  await appendEvent(device.session, c.caseId, reviewDraft(device.session));
  seeded.push(c.caseId);
});

/** A new session on the current database, as after a reload and unlock: nothing in memory. */
const freshSession = (): Promise<Session> => unlock(device.users.dsl, PASSPHRASES.dsl);

/** The old way: every case's own summary, decrypted with its own key, newest first. */
async function perCaseSummaries(s: Session): Promise<CaseSummary[]> {
  const ids = (await db().cases.toArray()).map((r) => r.id);
  const all = await Promise.all(ids.map(async (id) => (await loadCase(s, id)).summary));
  return all.sort(newestFirst);
}

async function indexEntryFor(
  s: Session,
  caseId: string,
): Promise<{ seq: number; digest: string; summary: CaseSummary } | undefined> {
  const b = bucketOf(caseId);
  const row = (await db().meta.get(`summary-index/${String(b).padStart(2, '0')}`)) as
    | { enc: Parameters<typeof decryptJson>[2] }
    | undefined;
  if (!row) return undefined;
  const value = await decryptJson<{ entries: { seq: number; digest: string; summary: CaseSummary }[] }>(
    secretsOf(s).keys.dataKey,
    recordId.summaryIndex(b),
    row.enc,
  );
  return value.entries.find((e) => e.summary.caseId === caseId);
}

describe('the summary index', () => {
  it('gives the home screen the same summaries, in the same order, as decrypting every case, with nothing to repair', async () => {
    await useCopyOf(device);
    const s = await freshSession();
    const list = await listSummaries(s);
    expect(list.indexRepairs).toEqual([]);
    expect(list.unreadable).toEqual([]);
    expect(list.summaries).toHaveLength(41);
    expect(list.summaries).toEqual(await perCaseSummaries(s));
  });

  it('is written in the same transaction as each step: the stored entry is at the case head, and a refused step changes nothing', async () => {
    const name = await useCopyOf(device);
    const s = device.session;
    const caseId = seeded[seeded.length - 1]!;
    const r = await appendEvent(s, caseId, noteDraft(s));
    const entry = await indexEntryFor(s, caseId);
    expect(entry).toMatchObject({
      seq: r.head.seq,
      digest: r.head.digest,
      summary: { caseId, eventCount: r.summary.eventCount },
    });

    const before = await rawDump(name);
    await expect(appendEvent(s, caseId, refusedDraft(s))).rejects.toBeInstanceOf(RejectedEventError);
    expect(await rawDump(name)).toBe(before);

    // A new session finds it whole: no case had to be decrypted on its own.
    const fresh = await freshSession();
    const list = await listSummaries(fresh);
    expect(list.indexRepairs).toEqual([]);
    expect(list.summaries.find((x) => x.caseId === caseId)?.eventCount).toBe(r.summary.eventCount);
  });

  it('is written or not with the step: a step whose transaction fails leaves the index as it was, and the session copy too', async () => {
    const name = await useCopyOf(device);
    const s = await freshSession();
    const before = await listSummaries(s);
    const caseId = seeded[2]!;
    const dump = await rawDump(name);
    const fail = () => {
      throw new Error('disk gave up');
    };
    db().snapshots.hook('updating', fail);
    try {
      await expect(appendEvent(s, caseId, noteDraft(s))).rejects.toThrow(/disk gave up|not saved/i);
    } finally {
      db().snapshots.hook('updating').unsubscribe(fail);
    }
    expect(await rawDump(name)).toBe(dump);
    const after = await listSummaries(s);
    expect(after.summaries).toEqual(before.summaries);
    expect((await listSummaries(await freshSession())).indexRepairs).toEqual([]);
  });

  it('keeps the session copy in memory current after each step and each new case', async () => {
    await useCopyOf(device);
    const s = await freshSession();
    await listSummaries(s);
    const c = await createCase(s);
    let list = await listSummaries(s);
    expect(list.summaries[0]?.caseId).toBe(c.caseId);
    expect(list.summaries).toHaveLength(42);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    list = await listSummaries(s);
    expect(list.summaries[0]).toMatchObject({ caseId: c.caseId, stage: 'initialReview' });
    expect(list.summaries).toEqual(await perCaseSummaries(s));
  });

  it('sees steps recorded by another session (another tab) rather than answering from a stale copy', async () => {
    await useCopyOf(device);
    const mine = await freshSession();
    await listSummaries(mine);
    const other = await freshSession();
    const caseId = seeded[0]!;
    await appendEvent(other, caseId, noteDraft(other));
    const list = await listSummaries(mine);
    expect(list.summaries.find((x) => x.caseId === caseId)?.eventCount).toBe(
      (await loadCase(mine, caseId)).summary.eventCount,
    );
  });

  it('is rebuilt from the cases when it is missing, and written back so the next session has nothing to rebuild', async () => {
    const name = await useCopyOf(device);
    const raw = rawDb(name);
    await raw.open();
    await raw.table('meta').where('key').startsWith('summary-index').delete();
    raw.close();
    const s = await freshSession();
    const list = await listSummaries(s);
    expect(list.indexRepairs.join(' ')).toMatch(/41 cases added to the summary index/);
    expect(list.summaries).toEqual(await perCaseSummaries(s));
    expect(await db().meta.where('key').startsWith('summary-index/').count()).toBeGreaterThan(0);
    expect((await listSummaries(await freshSession())).indexRepairs).toEqual([]);
  });

  it('reports an altered bucket and rebuilds it from the cases, never showing what it held', async () => {
    const name = await useCopyOf(device);
    const b = bucketOf(seeded[3]!);
    const key = `summary-index/${String(b).padStart(2, '0')}`;
    const raw = rawDb(name);
    await raw.open();
    const row = await raw.table('meta').get(key);
    const ct: string = row.enc.ct;
    await raw.table('meta').put({ ...row, enc: { ...row.enc, ct: (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1) } });
    raw.close();
    const s = await freshSession();
    const list = await listSummaries(s);
    expect(list.indexRepairs.join(' ')).toMatch(new RegExp(`Summary index part ${b} could not be read`));
    expect(list.summaries).toEqual(await perCaseSummaries(s));
    expect((await listSummaries(await freshSession())).indexRepairs).toEqual([]);
  });

  it('never trusts an older bucket put back: entries behind their case head are rebuilt from the case', async () => {
    const name = await useCopyOf(device);
    const caseId = seeded[5]!;
    const key = `summary-index/${String(bucketOf(caseId)).padStart(2, '0')}`;
    const raw = rawDb(name);
    await raw.open();
    const old = await raw.table('meta').get(key);
    raw.close();
    await appendEvent(device.session, caseId, noteDraft(device.session));
    await appendEvent(device.session, caseId, noteDraft(device.session));
    await raw.open();
    await raw.table('meta').put(old);
    raw.close();
    const s = await freshSession();
    const list = await listSummaries(s);
    expect(list.indexRepairs.join(' ')).toMatch(/added to the summary index from their own summaries/);
    expect(list.summaries.find((x) => x.caseId === caseId)?.eventCount).toBe(
      (await loadCase(s, caseId)).summary.eventCount,
    );
  });

  it('never trusts an older index put back whole (head and buckets): cases with later events are checked against their rows', async () => {
    const name = await useCopyOf(device);
    const caseId = seeded[6]!;
    const raw = rawDb(name);
    await raw.open();
    const old = await raw.table('meta').where('key').startsWith('summary-index').toArray();
    raw.close();
    await appendEvent(device.session, caseId, noteDraft(device.session));
    await raw.open();
    await raw.table('meta').bulkPut(old);
    raw.close();
    const s = await freshSession();
    const list = await listSummaries(s);
    expect(list.indexRepairs.join(' ')).toMatch(/1 case added to the summary index from their own summaries/);
    expect(list.summaries.find((x) => x.caseId === caseId)?.eventCount).toBe(
      (await loadCase(s, caseId)).summary.eventCount,
    );
  });

  it('drops a case whose row is gone when every case is checked, and removeFromSummaryIndex drops one in the same commit', async () => {
    const name = await useCopyOf(device);
    const gone = seeded[7]!;
    const raw = rawDb(name);
    await raw.open();
    await raw.table('cases').delete(gone);
    // The head altered: nothing in the index is trusted until every case has been checked.
    const head = await raw.table('meta').get('summary-index');
    await raw
      .table('meta')
      .put({ ...head, enc: { ...head.enc, iv: head.enc.iv.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')) } });
    raw.close();
    const s = await freshSession();
    const list = await listSummaries(s);
    expect(list.summaries.some((x) => x.caseId === gone)).toBe(false);
    expect(list.indexRepairs.join(' ')).toMatch(/head could not be read.*1 case no longer stored dropped/);

    const removed = seeded[8]!;
    const w = await removeFromSummaryIndex(s, [removed], 0);
    await commit(s, async () => ({ plan: { appends: [], expect: [], write: (d) => w.write(d) }, result: undefined }));
    w.apply();
    expect((await listSummaries(s)).summaries.some((x) => x.caseId === removed)).toBe(false);
    expect(await indexEntryFor(s, removed)).toBeUndefined();
  });

  it('spreads cases over its buckets and keeps each entry in the bucket its id names', () => {
    const counts = new Array<number>(SUMMARY_INDEX_BUCKETS).fill(0);
    for (let i = 0; i < 6400; i++) counts[bucketOf(crypto.randomUUID())]! += 1;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(160);
  });
});
