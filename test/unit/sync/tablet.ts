// A tablet for the sync tests: the real sync engine over the real storage layer, its replication
// database PouchDB's 'indexeddb' adapter on fake-indexeddb, as in the app (the memory adapter is
// registered too, for tests that want a server in memory), talking to the test server.
import { connect, createServer, type Socket } from 'node:net';
import { loadPouch, type PouchConstructor } from '../../../src/storage/sync/pouch';
import { SyncEngine, type SyncServer } from '../../../src/storage/sync/engine';

let Pouch: PouchConstructor | null = null;
export async function pouch(): Promise<PouchConstructor> {
  if (Pouch) return Pouch;
  const P = await loadPouch();
  const { default: memory } = await import('pouchdb-adapter-memory');
  (P as unknown as { plugin: (p: unknown) => void }).plugin(memory);
  Pouch = P;
  return P;
}

let tablets = 0;
/** An engine for the database the app has open now (db()), with its own replication database. */
export async function tabletEngine(
  server: SyncServer,
  options: { fetch?: typeof fetch; pushBatchSize?: number } = {},
): Promise<SyncEngine> {
  return SyncEngine.open(await pouch(), server, {
    localName: `sync-tablet-${++tablets}`,
    ...options,
  });
}

/**
 * A TCP proxy to `target` that, once armed, cuts the connection carrying the Nth `_bulk_docs`
 * request, mid-request: the server never sees that batch whole, the tablet sees the socket die.
 */
export async function cuttingProxy(target: URL): Promise<{
  url: (db: string) => string;
  cutAtBulk: (n: number) => void;
  cuts: () => number;
  close: () => Promise<void>;
}> {
  let armedAt = 0;
  let seen = 0;
  let cut = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (/^POST [^ ]*\/_bulk_docs/m.test(text)) {
        seen++;
        if (armedAt > 0 && seen === armedAt) {
          cut++;
          // Half the request reaches the server, then the connection dies.
          upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
          upstream.destroy();
          client.destroy();
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    cutAtBulk: (n) => {
      seen = 0;
      armedAt = n;
    },
    cuts: () => cut,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
}
