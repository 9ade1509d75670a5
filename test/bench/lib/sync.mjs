// npm run bench, sync rows (docs/SYNC.md): builds test/bench/sync/syncBench.ts for Node (Vite SSR),
// starts a loopback pouchdb-server set up with the repository's own setup script, runs it, and
// turns its figures into the table's rows. BENCH_ONLY=sync runs only this.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { PROJECT_ROOT } from '../../e2e/support/harness.mjs';
import { startSyncServer } from '../../e2e/support/syncServer.mjs';
import { median, ms, ratio, spread, x } from './stats.mjs';

export async function measureSync({ cases: planned, runs, log }) {
  // BENCH_SYNC_CASES: fewer cases, e.g. to try the 'indexeddb' adapter on fake-indexeddb (slow in Node).
  const cases = Number(process.env.BENCH_SYNC_CASES) || planned;
  const outDir = join(PROJECT_ROOT, 'dist-bench', 'sync');
  await build({
    configFile: false,
    root: PROJECT_ROOT,
    logLevel: 'warn',
    build: {
      ssr: join(PROJECT_ROOT, 'test', 'bench', 'sync', 'syncBench.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
    },
  });
  const { runSyncBench } = await import(pathToFileURL(join(outDir, 'syncBench.js')).href);
  const server = await startSyncServer();
  // PouchDB's "the above 404 is totally normal" notes: not part of the table.
  const info = console.info;
  const plain = console.log;
  console.info = () => {};
  console.log = (...args) => (String(args[0]).includes('404 is totally normal') ? undefined : plain(...args));
  try {
    return await runSyncBench({
      cases,
      runs,
      log,
      database: async (name, tablets) => {
        const passwords = [await server.setUp(name, tablets[0])];
        for (const t of tablets.slice(1)) passwords.push(await server.addTablet(name, t));
        return passwords.map((password, i) => ({ url: `${server.root}/${name}`, username: tablets[i], password }));
      },
    });
  } finally {
    console.info = info;
    console.log = plain;
    await server.stop();
  }
}

/** The table's rows: [measure, median, runs, range, detail, ratio, target, ok]. */
export function syncRows(s) {
  const fmt = (n) => n.toLocaleString('en-GB');
  const pullRatio = ratio(median(s.firstPull), median(s.bareReplicate));
  const whileRatio = ratio(median(s.stepWhileSync), median(s.stepAlone));
  return [
    [
      `9. Sync: a new tablet's first pull of ${fmt(s.cases)} cases (${fmt(s.docs)} records: replicate, then check each)`,
      ms(median(s.firstPull)),
      s.firstPull.length,
      spread(s.firstPull),
      `PouchDB's own replicate.from of the same records into a bare database (both '${s.adapter}'): ${ms(median(s.bareReplicate))} (${spread(s.bareReplicate)}); tablet A's first push of them: ${ms(s.firstPush)}`,
      x(pullRatio),
      '≤ 1.5x replicate.from',
      pullRatio <= 1.5,
    ],
    [
      '9. Sync: one step recorded on tablet A until tablet B has pulled and checked it',
      ms(median(s.stepVisible)),
      s.stepVisible.length,
      spread(s.stepVisible),
      "appendEvent on A, A's push, B's pull and check; the live changes feed's notice to B is not included (Node's fetch cuts a long-poll feed; the app in Chromium uses it)",
      '',
      '≤ 2 s',
      median(s.stepVisible) <= 2000,
    ],
    [
      '9. Sync: recording a step while a sync runs (a full first push from the same tablet)',
      ms(median(s.stepWhileSync)),
      s.stepWhileSync.length,
      spread(s.stepWhileSync),
      `the same step with no sync running, same process (Node, fake-indexeddb): ${ms(median(s.stepAlone))} (${s.stepAlone.length})`,
      x(whileRatio),
      "≤ 3x the step alone (row 3's ratio)",
      whileRatio <= 3,
    ],
  ];
}
