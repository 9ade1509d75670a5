// Owns running sync in the app: loads PouchDB (only now), moves a local replication database made
// by an earlier version (localDb.ts), opens the engine, starts the sync actor, and feeds it the
// browser's online/offline events and every local write; a case destroyed here (or followed from
// another tablet) is purged from the local replication database at once (purge.ts). Stopped at lock.
import { liveQuery } from 'dexie';
import { createActor, type SnapshotFrom } from 'xstate';
import { db } from '../db';
import type { Session } from '../keys/session';
import { readSyncServer } from './config';
import { type ConnectResult, SyncEngine, type SyncServer, checkServer, driverFor } from './engine';
import { loadPouch } from './pouch';
import { legacyLocalNameFor, localNameFor, moveLocalDatabase } from './localDb';
import { purgeDestroyed } from './purge';
import { keepCredentialCurrent } from './revoke';
import { syncMachine } from './machine';

export type SyncSnapshot = SnapshotFrom<typeof syncMachine>;
export type SyncHandle = { send: (event: { type: 'PAUSE' | 'RESUME' | 'RETRY' }) => void; stop: () => Promise<void> };

export { localNameFor };

/** Starts sync for an unlocked session; null when sync is not set up on this tablet. */
export async function startSync(session: Session, onSnapshot: (s: SyncSnapshot) => void): Promise<SyncHandle | null> {
  const saved = await readSyncServer(session);
  if (!saved) return null;
  // docs/SYNC.md "Revoking a tablet": leave this tablet's password for the others, and set a new
  // one if a tablet was revoked since; offline or refused, sync starts with the one it has.
  const server = await keepCredentialCurrent(session, saved).catch(() => saved);
  const Pouch = await loadPouch();
  await moveLocalDatabase(Pouch, legacyLocalNameFor(server), localNameFor(server));
  const engine = SyncEngine.open(Pouch, server, { localName: localNameFor(server) });
  const actor = createActor(syncMachine, {
    input: { driver: driverFor(engine, session), online: typeof navigator === 'undefined' ? true : navigator.onLine },
  });
  const sub = actor.subscribe(onSnapshot);
  actor.start();
  const online = () => actor.send({ type: 'ONLINE' });
  const offline = () => actor.send({ type: 'OFFLINE' });
  globalThis.addEventListener?.('online', online);
  globalThis.addEventListener?.('offline', offline);
  // Every chained write moves the device head, and a staff disclosure sealed here adds an inbox
  // row: those are the signals that something new waits to go.
  let first = true;
  const writes = liveQuery(async () => [await db().heads.get('device'), await db().inbox.count()]).subscribe({
    next: () => {
      if (first) first = false;
      else actor.send({ type: 'LOCAL_CHANGE' });
    },
  });
  // docs/SECURITY.md item 13: a case destroyed here, or erased by following another tablet, leaves
  // no step or key in the local replication database either (at the start too: one destroyed
  // before, or a copy cut short). A failure here shows at the next pull, which purges as well.
  const destructions = liveQuery(() => db().meta.where('key').startsWith('tombstone/').primaryKeys()).subscribe({
    next: () => void purgeDestroyed(engine.local).catch(() => undefined),
  });
  return {
    send: (event) => actor.send(event),
    stop: async () => {
      writes.unsubscribe();
      destructions.unsubscribe();
      globalThis.removeEventListener?.('online', online);
      globalThis.removeEventListener?.('offline', offline);
      sub.unsubscribe();
      actor.stop();
      await engine.close();
    },
  };
}

/** "Test connection" in Settings: address, credentials and the server's rules, without PouchDB. */
export function testSyncServer(server: SyncServer): Promise<ConnectResult> {
  return checkServer(server, (input, init) => globalThis.fetch(input, init));
}
