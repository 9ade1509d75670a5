// Destruction and the rotation of the data key are ONE transaction (docs/SECURITY.md items 1 and 13): a tab killed at any
// moment never leaves a destroyed case's key wrapped under a live data key. And the device head re-keyed at a rotation
// (chain/deviceAnchor.ts): its anchor, removed or altered with raw IndexedDB edits, is named by the full check.
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCase, loadCase } from '../../../src/storage/cases';
import { unwrapCaseKey } from '../../../src/storage/crypto';
import { closeDatabase, db } from '../../../src/storage/db';
import { destroyCase } from '../../../src/storage/destroy';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { unlock } from '../../../src/storage/keys/keyring';
import { readLog } from '../../../src/storage/chain/log';
import { lock, secretsOf } from '../../../src/storage/keys/session';
import { removeUser } from '../../../src/storage/keys/users';
import { PASSPHRASES, rawDb, setUpDevice, useCopyOf, type Device } from './harness';
import { closedCasePastReview } from './flows';

let device: Device;
let due: string;
let other: string;
beforeAll(async () => {
  device = await setUpDevice('destroy-rotation');
  due = await closedCasePastReview(device.session, {
    userId: device.users.deputy,
    passphrase: PASSPHRASES.deputy,
    ownPassphrase: PASSPHRASES.dsl,
  });
  other = (await createCase(device.session)).caseId;
  lock(device.session);
});
afterEach(() => vi.restoreAllMocks());

let t = Date.parse('2033-01-01T00:00:00Z');
const later = () => ({ now: () => (t += 10 * 60_000) });

/** Every row of every store, read raw (no app code). */
async function rawStore(name: string): Promise<Record<string, unknown[]>> {
  db().close();
  const raw = rawDb(name);
  await raw.open();
  const out: Record<string, unknown[]> = {};
  for (const table of raw.tables) out[table.name] = await table.toArray();
  raw.close();
  closeDatabase();
  return out;
}

function withoutCheckpointDate(store: Record<string, unknown[]>): Record<string, unknown[]> {
  return {
    ...store,
    heads: store.heads!.map((r) => {
      const row = r as { id: string; dseq: number; deviceMac: string; heads: unknown };
      return row.id === 'checkpoint' ? { id: row.id, dseq: row.dseq, deviceMac: row.deviceMac, heads: row.heads } : r;
    }),
  };
}

const request = () => ({
  reason: 'Retention review: the period has ended.',
  passphrase: PASSPHRASES.dsl,
  secondUserId: device.users.deputy,
  secondPassphrase: PASSPHRASES.deputy,
});

const abort = () => Dexie.Promise.reject(new DOMException('The transaction was aborted', 'AbortError'));

describe('a tab killed while a case is destroyed', () => {
  // The first write of the step is the destruction's (the case's event rows lose their content); the last ones are the
  // rotation's (the keyring, the heads, the re-keyed meta rows). Failing either leaves the store exactly as it was.
  it.each([
    ['as the case’s records are emptied (the destruction’s half)', () => vi.spyOn(db().events, 'bulkPut')],
    ['as the heads are written (the rotation’s half)', () => vi.spyOn(db().heads, 'bulkPut')],
    ['as the re-keyed records are written (the rotation’s half)', () => vi.spyOn(db().meta, 'bulkPut')],
  ])('%s leaves the case whole, under the old data key, and nothing of the step', async (_when, spy) => {
    const name = await useCopyOf(device);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    // The check at unlock moves the checkpoint on: what is compared is the store as it stands just before.
    const before = await rawStore(name);
    const oldDataKey = secretsOf(dsl).keys.dataKey;
    await loadCase(dsl, due);
    spy().mockImplementationOnce(abort);
    await expect(destroyCase(dsl, due, request())).rejects.toThrow(/aborted|stopped|not saved|saved/i);
    vi.restoreAllMocks();

    const after = await rawStore(name);
    // The check run before the step re-dates the checkpoint ('at', 'checked' and so its MAC); what it vouches for is unchanged.
    expect(withoutCheckpointDate(after)).toEqual(withoutCheckpointDate(before));
    const row = (after.cases as { id: string; caseKey: never }[]).find((r) => r.id === due)!;
    // The case key is still wrapped under the data key this session holds, and nothing else changed: no tombstone, no
    // 'case.destroyed' entry, no new keyring.
    await expect(unwrapCaseKey(row.caseKey, oldDataKey, due)).resolves.toBeDefined();
    expect((after.meta as { key: string }[]).some((r) => r.key === `tombstone/${due}`)).toBe(false);
    lock(dsl);

    const again = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    expect((await readLog(again)).some((e) => e.type === 'case.destroyed')).toBe(false);
    expect((await loadCase(again, due)).summary.caseId).toBe(due);
    expect((await fullVerify(again)).problems).toEqual([]);
    // Tried again, it goes through whole: the case gone, its key with it, every other case under the new data key.
    await destroyCase(again, due, request());
    expect(await db().cases.get(due)).toBeUndefined();
    const kept = await db().cases.get(other);
    await expect(unwrapCaseKey(kept!.caseKey, oldDataKey, other)).rejects.toThrow(/does not open/);
    expect((await readLog(again)).slice(-2).map((e) => e.type)).toEqual(['case.destroyed', 'keyring.bound']);
    expect((await fullVerify(again)).problems).toEqual([]);
    lock(again);
  });
});

describe('a destroyed case’s rows, copied before and put back with raw IndexedDB edits (issue 12 finding 6)', () => {
  it('open with nothing the tablet holds afterwards, and both checks name the case as back', async () => {
    const name = await useCopyOf(device);
    const copy = await rawStore(name);
    const caseRow = (copy.cases as { id: string; caseKey: never }[]).find((r) => r.id === due)!;
    const snapshot = (copy.snapshots as { caseId: string }[]).find((r) => r.caseId === due)!;
    const events = (copy.events as { caseId: string }[]).filter((r) => r.caseId === due);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    await destroyCase(dsl, due, request());
    const keys = secretsOf(dsl).keys;

    db().close();
    const raw = rawDb(name);
    await raw.open();
    await raw.table('cases').put(caseRow);
    await raw.table('snapshots').put(snapshot);
    await raw.table('events').bulkPut(events);
    raw.close();
    closeDatabase();

    // The wrapped case key was wrapped by the data key the destruction replaced: the live one does not open it.
    await expect(unwrapCaseKey(caseRow.caseKey, keys.dataKey, due)).rejects.toThrow(/does not open/);
    await expect(loadCase(dsl, due)).rejects.toBeInstanceOf(Error);
    for (const report of [await quickVerify(dsl), await fullVerify(dsl)])
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          caseId: due,
          message: expect.stringMatching(/was destroyed, but a record of it is back/),
        }),
      );
    lock(dsl);
  });
});

describe('the device head re-keyed at a rotation', () => {
  async function rotated(): Promise<string> {
    const name = await useCopyOf(device);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    await removeUser(dsl, device.users.head, 'Left the school');
    expect((await fullVerify(dsl)).problems).toEqual([]);
    lock(dsl);
    return name;
  }

  async function editAnchor(name: string, edit: (row: Record<string, unknown>) => Record<string, unknown> | null) {
    db().close();
    const raw = rawDb(name);
    await raw.open();
    const row = (await raw.table('heads').get('device-anchor')) as Record<string, unknown>;
    const next = edit(row);
    if (next) await raw.table('heads').put(next);
    else await raw.table('heads').delete('device-anchor');
    raw.close();
    closeDatabase();
  }

  it('removed: the full check says the device-wide head does not match its records', async () => {
    const name = await rotated();
    await editAnchor(name, () => null);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    expect((await fullVerify(dsl)).problems).toContainEqual(expect.objectContaining({ scope: 'device' }));
    lock(dsl);
  });

  it('moved to the device head itself (a head row copied in its place): the full check names it altered', async () => {
    const name = await rotated();
    const store = await rawStore(name);
    const head = (store.heads as { id: string; dseq: number; mac: string }[]).find((r) => r.id === 'device')!;
    await editAnchor(name, (row) => ({ ...row, dseq: head.dseq, mac: head.mac }));
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    const problems = (await fullVerify(dsl)).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ scope: 'device', kind: 'edited', message: expect.stringMatching(/change of keys/) }),
    );
    lock(dsl);
  });

  it('the unlock check, with the checkpoint removed, starts from the anchor and still passes the untouched writes', async () => {
    const name = await rotated();
    db().close();
    const raw = rawDb(name);
    await raw.open();
    await raw.table('heads').delete('checkpoint');
    raw.close();
    closeDatabase();
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    // The removed checkpoint is named; the device chain, walked from the anchor over every write since, is not.
    const scopes = (await quickVerify(dsl)).problems.map((p) => p.scope);
    expect(scopes).toContain('checkpoint');
    expect(scopes).not.toContain('device');
    lock(dsl);
  });
});
