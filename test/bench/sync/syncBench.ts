// npm run bench, sync rows (docs/SYNC.md): built for Node by bench.mjs (Vite SSR) and run against a
// loopback pouchdb-server that bench.mjs starts. Tablets are the real storage layer on
// fake-indexeddb with the real sync engine, their replication databases on the app's own PouchDB
// adapter ('indexeddb', on fake-indexeddb; BENCH_SYNC_ADAPTER=memory for PouchDB's memory adapter),
// and the bare database PouchDB replicates into on the same adapter.
//   - a new tablet's first pull of N cases (the app's pull: replicate, then check every record)
//     against PouchDB's own replicate.from of the same documents into a bare database;
//   - one step recorded on tablet A until tablet B's live pull has it;
//   - recording a step while a sync runs, against recording one with no sync.
import 'fake-indexeddb/auto';
import { type YpsiDatabase, YpsiDatabase as Database, useDatabase, db } from '../../../src/storage/db';
import { setUp, unlock } from '../../../src/storage/keys/keyring';
import type { Session } from '../../../src/storage/keys/session';
import { appendEvent } from '../../../src/storage/cases';
import { bulkSeedCases } from '../../../src/storage/seed';
import { saveSyncServer } from '../../../src/storage/sync/config';
import { SyncEngine, type SyncServer } from '../../../src/storage/sync/engine';
import { LOCAL_ADAPTER, type PouchConstructor, loadPouch } from '../../../src/storage/sync/pouch';

/** The replication databases' adapter: the app's, unless the bench is told otherwise. */
const ADAPTER = process.env.BENCH_SYNC_ADAPTER || LOCAL_ADAPTER;

const PASSPHRASE = 'A long bench passphrase for sync';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const now = () => performance.now();

export type SyncBenchInput = {
  cases: number;
  runs: number;
  /** Sets up a server database with one tablet user per name; resolves with each tablet's settings. */
  database: (name: string, tablets: string[]) => Promise<SyncServer[]>;
  log: (...args: unknown[]) => void;
};
export type SyncBenchResult = {
  /** The PouchDB adapter of the tablets' replication databases and of the bare one. */
  adapter: string;
  cases: number;
  docs: number;
  firstPush: number;
  firstPull: number[];
  bareReplicate: number[];
  stepVisible: number[];
  stepAlone: number[];
  stepWhileSync: number[];
};

let Pouch: PouchConstructor | null = null;
async function pouch(): Promise<PouchConstructor> {
  if (Pouch) return Pouch;
  const P = await loadPouch();
  const { default: memory } = await import('pouchdb-adapter-memory');
  (P as unknown as { plugin: (p: unknown) => void }).plugin(memory);
  Pouch = P;
  return P;
}
let locals = 0;
/** A tablet's engine; another tablet (`own` given) has its own, empty, storage. */
const engineFor = async (server: SyncServer, own?: YpsiDatabase) =>
  SyncEngine.open(await pouch(), server, {
    localName: `bench-sync-${++locals}`,
    adapter: ADAPTER,
    ...(own ? { database: () => own } : {}),
  });
const note = (s: Session, i: number) => ({
  type: 'note.added' as const,
  actor: s.actor,
  occurredAt: new Date().toISOString(),
  text: `Bench note ${i}.`,
});

export async function runSyncBench(input: SyncBenchInput): Promise<SyncBenchResult> {
  const { log } = input;
  useDatabase(`bench-sync-a-${Date.now()}`);
  const result = await setUp({
    settings: {
      establishment: { name: 'Bench Academy', type: 'school' },
      dsl: { name: 'Bench DSL', phone: '01000 000000' },
      deputies: [],
      mash: { name: 'Bench MASH', phone: '01000 000001' },
      police: { emergency: '999', nonEmergency: '101' },
    },
    users: [{ name: 'Bench DSL', role: 'dsl', passphrase: PASSPHRASE }],
  });
  const session = await unlock(result.users[0]!.userId, PASSPHRASE);
  const t0 = now();
  const ids = await bulkSeedCases(session, input.cases);
  log(`  seeded ${input.cases} cases on tablet A in ${Math.round(now() - t0)} ms`);
  const [a, b, c] = await input.database(`ypsi-bench-${Date.now()}`, [
    'bench-tablet-a',
    'bench-tablet-b',
    'bench-tablet-c',
  ]);
  await saveSyncServer(session, a!);
  const engineA = await engineFor(a!);
  const p0 = now();
  const pushed = await engineA.push(session);
  const firstPush = now() - p0;
  log(`  first push: ${pushed.sent} records in ${Math.round(firstPush)} ms`);

  // First pull on a new tablet (the app's path) against PouchDB's own replicate.from, alternating.
  const firstPull: number[] = [];
  const bareReplicate: number[] = [];
  const P = await pouch();
  const storageB = new Database(`bench-sync-b-${Date.now()}`);
  // A joined tablet has its own id before it pulls (join.ts writes it); its storage holds nothing else.
  await storageB.meta.put({ key: 'device', installationId: crypto.randomUUID(), createdAt: new Date().toISOString() });
  for (let r = 0; r < input.runs; r++) {
    const order = r % 2 ? ['bare', 'app'] : ['app', 'bare'];
    for (const which of order) {
      if (which === 'app') {
        const engineB = await engineFor(b!, storageB);
        const t = now();
        await engineB.pull(null);
        firstPull.push(now() - t);
        await engineB.local.destroy();
        await engineB.close();
      } else {
        const bare = new P(`bench-bare-${++locals}`, { adapter: ADAPTER });
        const remote = new P(b!.url, { skip_setup: true, auth: { username: b!.username, password: b!.password } });
        const t = now();
        const rep = await bare.replicate.from(remote, { batch_size: 250 });
        bareReplicate.push(now() - t);
        if (rep.docs_written < pushed.sent)
          throw new Error(`bare replicate wrote ${rep.docs_written} of ${pushed.sent}`);
        await bare.destroy();
        await remote.close();
      }
    }
  }
  log(`  first pull ${Math.round(median(firstPull))} ms, bare replicate.from ${Math.round(median(bareReplicate))} ms`);

  // One step on A until B's live pull holds it (B has pulled everything before).
  const engineB = await engineFor(b!, storageB);
  await engineB.pull(null);
  let held = (await engineB.pull(null)).held;

  const stepVisible: number[] = [];
  for (let r = 0; r < input.runs; r++) {
    // A records and pushes; B pulls and checks. (In the app B's pull starts on the server's live
    // changes feed; that notice is not part of this figure: Node's fetch cuts a long-poll feed.)
    const t = now();
    await appendEvent(session, ids[r]!, note(session, r));
    await engineA.push(session);
    const report = await engineB.pull(null);
    stepVisible.push(now() - t);
    if (report.held <= held) throw new Error('tablet B did not receive the step');
    held = report.held;
  }
  log(`  a step on A visible on B: ${Math.round(median(stepVisible))} ms`);
  await engineB.close();

  // Recording a step: alone, then while a full push of every record runs (a third tablet's first push).
  const stepAlone: number[] = [];
  for (let r = 0; r < input.runs * 3; r++) {
    const t = now();
    await appendEvent(session, ids[(r + 7) % ids.length]!, note(session, r));
    stepAlone.push(now() - t);
  }
  const engineC = await engineFor(c!);
  const stepWhileSync: number[] = [];
  let syncing = true;
  const push = engineC.push(session).finally(() => {
    syncing = false;
  });
  for (let r = 0; r < input.runs * 3 && syncing; r++) {
    const t = now();
    await appendEvent(session, ids[(r + 11) % ids.length]!, note(session, r));
    stepWhileSync.push(now() - t);
  }
  await push;
  log(
    `  a step alone ${Math.round(median(stepAlone))} ms, while a sync runs ${Math.round(median(stepWhileSync))} ms (${stepWhileSync.length} steps)`,
  );
  await engineA.close();
  await engineC.close();
  db().close();
  return {
    adapter: ADAPTER,
    cases: input.cases,
    docs: pushed.sent,
    firstPush,
    firstPull,
    bareReplicate,
    stepVisible,
    stepAlone,
    stepWhileSync,
  };
}
