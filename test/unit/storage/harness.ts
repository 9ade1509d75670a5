// Test harness for storage: a set-up device made once per file, cloned (rows copied, keys unchanged) for each test that needs its own.
import Dexie from 'dexie';
import { SCHEMA_V1, db, useDatabase } from '../../../src/storage/db';
import type { PublicSettings } from '../../../src/storage/schemas';
import { setUp, unlock } from '../../../src/storage/keys/keyring';
import type { Session } from '../../../src/storage/keys/session';

export const SETTINGS: PublicSettings = {
  establishment: { name: 'Hillside Academy', type: 'school' },
  dsl: { name: 'Dana Shah', phone: '01902 555100' },
  deputies: [{ name: 'Dev Patel', phone: '01902 555101' }],
  headteacher: { name: 'Helen Okafor', phone: '01902 555102' },
  mash: { name: 'Wolverhampton MASH', phone: '01902 555392' },
  police: { emergency: '999', nonEmergency: '101' },
};

export const PASSPHRASES = {
  dsl: 'Copper kettle whistles at dawn',
  deputy: 'Seven lanterns over the quay',
  head: 'Marble stairs and a green door',
} as const;

export type Device = {
  name: string;
  recoveryKey: string;
  users: { dsl: string; deputy: string; head: string };
  /** The DSL's session, unlocked once for the whole file. */
  session: Session;
};

/**
 * Sets up a device (three users: PBKDF2 at 600,000 each, plus the recovery wrap) and unlocks the
 * DSL once. Costs ~1-2 s: call it once per file, in beforeAll.
 */
export async function setUpDevice(name: string): Promise<Device> {
  useDatabase(name);
  const result = await setUp({
    settings: SETTINGS,
    users: [
      { name: 'Dana Shah', role: 'dsl', passphrase: PASSPHRASES.dsl },
      { name: 'Dev Patel', role: 'deputy-dsl', passphrase: PASSPHRASES.deputy },
      { name: 'Helen Okafor', role: 'headteacher', passphrase: PASSPHRASES.head },
    ],
  });
  const [dsl, deputy, head] = result.users.map((u) => u.userId) as [string, string, string];
  const session = await unlock(dsl, PASSPHRASES.dsl);
  return { name, recoveryKey: result.recoveryKey, users: { dsl, deputy, head }, session };
}

/** Every table, row for row, from one database into a new one; the same keys open both. */
export async function cloneDatabase(from: string, to: string): Promise<void> {
  const source = new Dexie(from);
  source.version(1).stores(SCHEMA_V1);
  const target = new Dexie(to);
  target.version(1).stores(SCHEMA_V1);
  await source.open();
  await target.open();
  for (const table of Object.keys(SCHEMA_V1)) {
    const rows = await source.table(table).toArray();
    await target.table(table).bulkPut(rows);
  }
  source.close();
  target.close();
}

/** Switches the app to a fresh copy of `device`'s database and returns its name. */
let copies = 0;
export async function useCopyOf(device: Device): Promise<string> {
  const name = `${device.name}-copy-${++copies}`;
  useDatabase(device.name);
  db().close();
  await cloneDatabase(device.name, name);
  useDatabase(name);
  return name;
}

/** Every row of every store, raw, as one string: what someone with the tablet could read. */
export async function rawDump(name: string): Promise<string> {
  const raw = new Dexie(name);
  raw.version(1).stores(SCHEMA_V1);
  await raw.open();
  const parts: string[] = [];
  for (const table of Object.keys(SCHEMA_V1)) parts.push(JSON.stringify(await raw.table(table).toArray()));
  raw.close();
  return parts.join('\n');
}

/** Opens the database raw (no app code in between), for tampering. */
export function rawDb(name: string): Dexie {
  const raw = new Dexie(name);
  raw.version(1).stores(SCHEMA_V1);
  return raw;
}
