// Several tablets of one establishment for the sync tests: each a copy of one set-up database (the
// same keys, as an enrolled tablet has) with its own installation id, its own unlocked session and
// its own replication database, exchanging records through a server (HTTP) or a PouchDB in memory.
import { randomUUID } from 'node:crypto';
import { db, useDatabase } from '../../../src/storage/db';
import { unlock } from '../../../src/storage/keys/keyring';
import type { Session } from '../../../src/storage/keys/session';
import { stageOutgoing } from '../../../src/storage/sync/outbox';
import { checkPulled } from '../../../src/storage/sync/inbox';
import type { PouchDatabase } from '../../../src/storage/sync/pouch';
import { PASSPHRASES, type Device, cloneDatabase, rawDb } from '../storage/harness';
import { pouch } from './tablet';

export type Tablet = { name: string; device: string; session: Session; local: PouchDatabase };

let made = 0;
/** A new tablet: a copy of `device`'s set-up database with its own id, unlocked by the DSL. */
export async function newTablet(device: Device, label: string): Promise<Tablet> {
  const name = `${device.name}-${label}-${++made}`;
  useDatabase(device.name);
  db().close();
  await cloneDatabase(device.name, name);
  const id = randomUUID();
  const raw = rawDb(name);
  await raw.open();
  await raw.table('meta').update('device', { installationId: id });
  raw.close();
  useDatabase(name);
  const session = await unlock(device.users.dsl, PASSPHRASES.dsl);
  const Pouch = await pouch();
  return { name, device: id, session, local: new Pouch(`${name}-sync`, { adapter: 'memory' }) };
}

/** Makes `tablet` the one the app has open. */
export function on(tablet: Tablet): Session {
  useDatabase(tablet.name);
  return tablet.session;
}

/** Stages and copies this tablet's new records to `server` (a PouchDB standing in for the school's). */
export async function pushTo(tablet: Tablet, server: PouchDatabase): Promise<void> {
  on(tablet);
  await stageOutgoing(tablet.local);
  await tablet.local.replicate.to(server);
}

/** Copies `ids` (all when absent) from `server`, then checks and applies what came. */
export async function pullFrom(tablet: Tablet, server: PouchDatabase, ids?: string[]) {
  on(tablet);
  // `doc_ids`: PouchDB keeps a checkpoint per set of ids, so each partial pull fetches exactly these.
  await tablet.local.replicate.from(server, (ids ? { doc_ids: ids } : {}) as never);
  return checkPulled(tablet.local, tablet.session);
}
