// The key layout (docs/SECURITY.md item 1, issue 12 findings 2, 6, 7): keys per holder, the keyring bound to the establishment log, rotation on removal and destruction.
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { unwrapCaseKey } from '../../../src/storage/crypto';
import { closeDatabase, db } from '../../../src/storage/db';
import { destroyCase } from '../../../src/storage/destroy';
import { loadDraft, saveDraft } from '../../../src/storage/drafts';
import { IntegrityError, UnknownUserError } from '../../../src/storage/errors';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { type HolderKeyringRow, unlock } from '../../../src/storage/keys/keyring';
import { readLog } from '../../../src/storage/chain/log';
import { type Session, lock, secretsOf } from '../../../src/storage/keys/session';
import { changePassphrase, removeUser } from '../../../src/storage/keys/users';
import type { RotationProgress } from '../../../src/storage/keys/rotate';
import { createEstablishmentSigner, exportSigner } from '../../../src/pdf';
import { loadPdfSigner, savePdfSigner } from '../../../src/storage/keys/pdfSigner';
import { readSyncServer, saveSyncServer } from '../../../src/storage/sync/config';
import { PASSPHRASES, rawDb, setUpDevice, useCopyOf, type Device } from './harness';
import { closedCasePastReview, disclosureDraft, noteDraft } from './flows';

let device: Device;
let caseIds: string[];
beforeAll(async () => {
  device = await setUpDevice('key-layout');
  const s = device.session;
  caseIds = [];
  for (let i = 0; i < 3; i++) {
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    caseIds.push(c.caseId);
  }
  await appendEvent(s, caseIds[0]!, noteDraft(s));
  lock(s);
});
afterEach(() => vi.restoreAllMocks());

/** A clock far past any wait, so throttling never leaks between tests. */
let t = Date.parse('2031-01-01T00:00:00Z');
const later = () => ({ now: () => (t += 10 * 60_000) });

/** Rows of a store as they are now, read raw (no app code). */
async function rawRows(name: string, table: string): Promise<Record<string, unknown>[]> {
  db().close();
  const raw = rawDb(name);
  await raw.open();
  const rows = await raw.table(table).toArray();
  raw.close();
  closeDatabase();
  return rows;
}

/** Puts rows back with raw IndexedDB edits, as someone with the browser's tools and no passphrase would. */
async function putBack(name: string, table: string, rows: readonly unknown[]): Promise<void> {
  db().close();
  const raw = rawDb(name);
  await raw.open();
  await raw.table(table).bulkPut(rows as object[]);
  raw.close();
  closeDatabase();
}

describe('issue 12 finding 2: old keyring rows put back', () => {
  it('after a passphrase change and a removal, the old passphrase and the removed deputy do not unlock, and both checks say why', async () => {
    const name = await useCopyOf(device);
    const before = await rawRows(name, 'keyring');
    const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy, later());
    const oldKeys = secretsOf(deputy).keys;
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    await changePassphrase(dsl, PASSPHRASES.dsl, 'Copper kettle whistles at noon');
    await removeUser(dsl, device.users.deputy, 'Left the school');
    lock(dsl);

    // Whatever the deputy kept from their session opens no case key now.
    const row = await db().cases.get(caseIds[0]!);
    await expect(unwrapCaseKey(row!.caseKey, oldKeys.dataKey, caseIds[0]!)).rejects.toThrow(/does not open/);
    lock(deputy);

    await putBack(
      name,
      'keyring',
      before.filter((r) => r.userId === device.users.dsl || r.userId === device.users.deputy),
    );
    await expect(unlock(device.users.dsl, PASSPHRASES.dsl, later())).rejects.toThrow(IntegrityError);
    await expect(unlock(device.users.deputy, PASSPHRASES.deputy, later())).rejects.toThrow(/not the current one/);

    // The Headteacher's row was untouched: they unlock, and both checks name the rows put back.
    const head = await unlock(device.users.head, PASSPHRASES.head, later());
    for (const report of [await quickVerify(head), await fullVerify(head)]) {
      expect(report.ok).toBe(false);
      expect(report.problems.filter((p) => p.scope === 'keyring').map((p) => p.kind)).toEqual(
        expect.arrayContaining(['inserted']),
      );
    }
    lock(head);
  });

  it('a passphrase change alone (no rotation): the old row put back is refused by the log’s record of the keyring', async () => {
    const name = await useCopyOf(device);
    const [old] = (await rawRows(name, 'keyring')).filter((r) => r.userId === device.users.head);
    const head = await unlock(device.users.head, PASSPHRASES.head, later());
    await changePassphrase(head, PASSPHRASES.head, 'Marble stairs and a red door');
    lock(head);
    await putBack(name, 'keyring', [old]);
    await expect(unlock(device.users.head, PASSPHRASES.head, later())).rejects.toThrow(/not the current one/);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    const report = await quickVerify(dsl);
    expect(report.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ scope: 'keyring', kind: 'rolled-back' })]),
    );
    lock(dsl);
  });
});

describe('rotation of the data key', () => {
  it('on removal: every case opens, drafts are kept, the checks pass, the log records it, and the progress reaches the end', async () => {
    await useCopyOf(device);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    const head = await unlock(device.users.head, PASSPHRASES.head, later());
    await saveDraft(head, `/cases/${caseIds[1]}/notes:note`, { text: 'Half-typed by the Headteacher' });
    lock(head);
    const wrapsBefore = (await db().cases.toArray()).map((c) => c.caseKey.ct);
    const progress: RotationProgress[] = [];
    const result = await removeUser(dsl, device.users.deputy, 'Left', (p) => progress.push(p));
    expect(result).toEqual({ caseKeys: 3, needsNewPassphrase: [], recoveryKeyLost: false });
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 1, total: 1 });
    expect(progress.some((p) => p.phase === 'case-keys' && p.done === 3)).toBe(true);
    const wrapsAfter = (await db().cases.toArray()).map((c) => c.caseKey.ct);
    expect(wrapsAfter.some((w) => wrapsBefore.includes(w))).toBe(false);
    // The session carries on under the new key.
    for (const id of caseIds) expect((await loadCase(dsl, id)).summary.caseId).toBe(id);
    expect((await fullVerify(dsl)).problems).toEqual([]);
    const log = await readLog(dsl);
    expect(log.at(-2)).toMatchObject({ type: 'user.removed', reason: 'Left' });
    expect(log.at(-1)).toMatchObject({ type: 'keyring.bound', change: 'removed', rotated: { caseKeys: 3 } });
    lock(dsl);
    // Everyone remaining unlocks with their own passphrase, which nobody had to type for the rotation.
    const again = await unlock(device.users.head, PASSPHRASES.head, later());
    expect(await loadDraft(again, `/cases/${caseIds[1]}/notes:note`)).toEqual({
      text: 'Half-typed by the Headteacher',
    });
    expect((await quickVerify(again)).ok).toBe(true);
    lock(again);
    await expect(unlock(device.users.deputy, PASSPHRASES.deputy, later())).rejects.toThrow(UnknownUserError);
  });

  it('a tab killed half-way through the write leaves the store as it was, and it opens', async () => {
    const name = await useCopyOf(device);
    const before = JSON.stringify(await rawRows(name, 'keyring'));
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    vi.spyOn(db().log, 'bulkAdd').mockImplementationOnce(() =>
      Dexie.Promise.reject(new DOMException('The transaction was aborted', 'AbortError')),
    );
    await expect(removeUser(dsl, device.users.deputy, 'Left')).rejects.toThrow(/aborted|stopped|not saved|saved/i);
    vi.restoreAllMocks();
    expect(JSON.stringify(await rawRows(name, 'keyring'))).toBe(before);
    lock(dsl);
    const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy, later());
    expect((await fullVerify(deputy)).problems).toEqual([]);
    expect((await loadCase(deputy, caseIds[0]!)).summary.caseId).toBe(caseIds[0]);
    lock(deputy);
  });

  it('refuses to rotate over tampering (a case key altered), and changes nothing', async () => {
    const name = await useCopyOf(device);
    const [row] = (await rawRows(name, 'cases')).filter((r) => r.id === caseIds[2]);
    const other = (await rawRows(name, 'cases')).find((r) => r.id === caseIds[1])!;
    await putBack(name, 'cases', [{ ...row, caseKey: other.caseKey }]);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    await expect(removeUser(dsl, device.users.deputy, 'Left')).rejects.toThrow(/has been altered/);
    expect(await db().keyring.get(device.users.deputy)).toBeDefined();
    lock(dsl);
  });

  it('on destruction: the destroyed case’s key went with it, and the rest are wrapped under a new data key', async () => {
    await useCopyOf(device);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    const due = await closedCasePastReview(dsl, {
      userId: device.users.deputy,
      passphrase: PASSPHRASES.deputy,
      ownPassphrase: PASSPHRASES.dsl,
    });
    const oldKeys = secretsOf(dsl).keys;
    await destroyCase(dsl, due, {
      reason: 'Retention review: the period has ended.',
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: PASSPHRASES.deputy,
    });
    expect(secretsOf(dsl).keys).not.toBe(oldKeys);
    const row = await db().cases.get(caseIds[0]!);
    await expect(unwrapCaseKey(row!.caseKey, oldKeys.dataKey, caseIds[0]!)).rejects.toThrow(/does not open/);
    expect((await readLog(dsl)).at(-1)).toMatchObject({
      type: 'keyring.bound',
      change: 'case-destroyed',
      rotated: { caseKeys: 3 },
    });
    expect((await fullVerify(dsl)).problems).toEqual([]);
    lock(dsl);
  });
});

describe('rotation and the pinned PDF certificate', () => {
  it('keeps the certificate pinned and its key usable, and the sync server’s settings readable, under the new data key; the checks pass', async () => {
    await useCopyOf(device);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    const signer = await createEstablishmentSigner('Hillside Academy');
    await savePdfSigner(dsl, {
      ...(await exportSigner(signer)),
      fingerprint: signer.fingerprint,
      subject: 'Hillside Academy',
      source: 'generated',
    });
    const before = await loadPdfSigner(dsl);
    const server = {
      url: 'https://sync.hillside.example/ypsi',
      username: 'hillside-tablet-1',
      password: 'a long sync password',
    };
    await saveSyncServer(dsl, server);
    await removeUser(dsl, device.users.deputy, 'Left');
    expect(await loadPdfSigner(dsl)).toEqual(before);
    expect(await readSyncServer(dsl)).toEqual(server);
    expect((await fullVerify(dsl)).problems).toEqual([]);
    lock(dsl);
  });
});

describe('rows', () => {
  it('hold a public key, a passphrase-wrapped private key and a wrap of the data key, all under the same data key epoch', async () => {
    await useCopyOf(device);
    const rows = (await db().keyring.toArray()) as HolderKeyringRow[];
    const s: Session = await unlock(device.users.dsl, PASSPHRASES.dsl, later());
    const bound = (await readLog(s)).filter((e) => e.type === 'keyring.bound').at(-1)!;
    expect(bound).toMatchObject({ change: 'set-up' });
    expect(new Set(rows.map((r) => r.dataKey!.epoch))).toEqual(new Set([(bound as { epoch: string }).epoch]));
    lock(s);
  });
});
