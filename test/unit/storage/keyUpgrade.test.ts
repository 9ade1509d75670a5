// Upgrade on unlock from a database (and a backup) made by the keyring before public-key wrapping: fixtures/legacy-v1-*.json, written by that version's own code.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { importBackup } from '../../../src/storage/files/backup';
import { listSummaries, loadCase } from '../../../src/storage/cases';
import { SCHEMA_V1, closeDatabase, db, useDatabase } from '../../../src/storage/db';
import { loadDraft } from '../../../src/storage/drafts';
import { IntegrityError } from '../../../src/storage/errors';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { NeedsNewPassphraseError, listUsers, unlock } from '../../../src/storage/keys/keyring';
import { readLog } from '../../../src/storage/chain/log';
import { lock } from '../../../src/storage/keys/session';
import { recoverWithRecoveryKey, removeUser, rewrapForUser } from '../../../src/storage/keys/users';
import { PASSPHRASES, rawDb } from './harness';

type Fixture = {
  users: { dsl: string; deputy: string; head: string };
  recoveryKey: string;
  caseIds: string[];
  tables: Record<string, unknown[]>;
};
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/legacy-v1-store.json', import.meta.url), 'utf8'),
) as Fixture;
const legacyBackup = readFileSync(new URL('./fixtures/legacy-v1-backup.json', import.meta.url), 'utf8');
const DSL_NOW = 'Copper kettle whistles at noon';
const { users } = fixture;

let t = Date.parse('2032-01-01T00:00:00Z');
const later = () => ({ now: () => (t += 10 * 60_000) });

let n = 0;
/** A fresh database holding exactly the fixture's rows, written raw. */
async function legacyDevice(): Promise<string> {
  const name = `legacy-${++n}`;
  closeDatabase();
  const raw = rawDb(name);
  await raw.open();
  for (const table of Object.keys(SCHEMA_V1)) await raw.table(table).bulkPut((fixture.tables[table] ?? []) as object[]);
  raw.close();
  useDatabase(name);
  return name;
}

const kinds = async () =>
  Object.fromEntries(
    (await db().keyring.toArray()).map((r) => [
      r.userId,
      'wrapped' in r ? 'legacy' : (r as { holder: unknown }).holder ? 'holder' : 'needs-new-passphrase',
    ]),
  );

beforeEach(() => closeDatabase());

describe('a device made by the version before public-key wrapping', () => {
  it('opens with the same passphrases; each holder’s row is upgraded at their own unlock; every case, draft and check is as before', async () => {
    await legacyDevice();
    expect(Object.values(await kinds())).toEqual(['legacy', 'legacy', 'legacy', 'legacy']);
    const dsl = await unlock(users.dsl, DSL_NOW, later());
    expect((await kinds())[users.dsl]).toBe('holder');
    expect((await kinds())[users.deputy]).toBe('legacy');
    for (const id of fixture.caseIds) expect((await loadCase(dsl, id)).summary.caseId).toBe(id);
    expect(await loadDraft(dsl, `/cases/${fixture.caseIds[0]}/notes:note`)).toEqual({ text: 'Half-typed note' });
    expect((await quickVerify(dsl)).problems).toEqual([]);
    expect((await fullVerify(dsl)).problems).toEqual([]);
    expect((await readLog(dsl)).at(-1)).toMatchObject({ type: 'keyring.bound', change: 'upgraded' });
    lock(dsl);

    const deputy = await unlock(users.deputy, PASSPHRASES.deputy, later());
    expect((await kinds())[users.deputy]).toBe('holder');
    expect((await listSummaries(deputy)).summaries).toHaveLength(2);
    lock(deputy);
    // The upgraded DSL row unlocks again (no second upgrade).
    const again = await unlock(users.dsl, DSL_NOW, later());
    expect((await readLog(again)).filter((e) => e.type === 'keyring.bound')).toHaveLength(2);
    lock(again);
  });

  it('after the upgrade, the legacy row put back (raw) no longer unlocks', async () => {
    const name = await legacyDevice();
    lock(await unlock(users.dsl, DSL_NOW, later()));
    const old = fixture.tables.keyring!.find((r) => (r as { userId: string }).userId === users.dsl)!;
    closeDatabase();
    const raw = rawDb(name);
    await raw.open();
    await raw.table('keyring').put(old as object);
    raw.close();
    useDatabase(name);
    await expect(unlock(users.dsl, DSL_NOW, later())).rejects.toThrow(IntegrityError);
  });

  it('a removal before everyone upgraded: the holders not yet upgraded need a new passphrase, the old recovery key is lost, and both are said', async () => {
    await legacyDevice();
    const dsl = await unlock(users.dsl, DSL_NOW, later());
    const result = await removeUser(dsl, users.deputy, 'Left');
    expect(result).toEqual({ caseKeys: 2, needsNewPassphrase: ['Helen Okafor'], recoveryKeyLost: true });
    expect((await listUsers()).find((u) => u.userId === users.head)).toMatchObject({ needsNewPassphrase: true });
    await expect(unlock(users.head, PASSPHRASES.head, later())).rejects.toThrow(NeedsNewPassphraseError);
    await expect(
      recoverWithRecoveryKey(fixture.recoveryKey, users.dsl, 'A recovered passphrase here', later()),
    ).rejects.toThrow(NeedsNewPassphraseError);
    await rewrapForUser(dsl, users.head, 'Marble stairs and a red door', DSL_NOW);
    lock(dsl);
    const head = await unlock(users.head, 'Marble stairs and a red door', later());
    expect((await fullVerify(head)).problems).toEqual([]);
    lock(head);
  });

  it('its recovery key still opens it, and the recovery row is upgraded with it', async () => {
    await legacyDevice();
    const s = await recoverWithRecoveryKey(fixture.recoveryKey, users.head, 'Marble stairs and a red door', later());
    expect(await kinds()).toMatchObject({ recovery: 'holder', [users.head]: 'holder', [users.dsl]: 'legacy' });
    lock(s);
    const again = await recoverWithRecoveryKey(
      fixture.recoveryKey,
      users.head,
      'Marble stairs and a blue door',
      later(),
    );
    expect((await quickVerify(again)).problems).toEqual([]);
    lock(again);
  });

  it('a backup it made still restores, and opens with the passphrases of that day', async () => {
    useDatabase(`legacy-restore-${++n}`);
    const r = await importBackup(legacyBackup, 'Backup passphrase kept in the safe');
    expect(r.caseCount).toBe(2);
    const dsl = await unlock(users.dsl, PASSPHRASES.dsl, later());
    expect((await listSummaries(dsl)).summaries).toHaveLength(2);
    expect((await fullVerify(dsl)).problems).toEqual([]);
    lock(dsl);
  });
});
