#!/usr/bin/env node
// npm run bench: one run, one table. Builds the production app, a bare Vite + React baseline and
// the storage harness (test/bench/harness) into dist-bench/, serves them on 127.0.0.1 with the
// app's security headers (test/e2e/support/server.mjs), drives headless Debian Chromium
// (playwright-core, a persistent profile on disk so IndexedDB and the service worker caches are
// real files) and prints the medians, with baselines measured in the same run, as a markdown table
// (also written to test/bench/latest.md). Not a test: it fails only if it cannot measure.
//   BENCH_QUICK=1 npm run bench   smaller sizes and fewer runs, to try changes to this script
//                                 (its table goes to dist-bench/latest-quick.md, not latest.md)
//   BENCH_DEBUG=1                 log each step of the cold-load runs
//   BENCH_ONLY=rotation           only the rotation of the data key at the largest size (seeds its
//                                 own device; prints its figures, writes no table)
//   BENCH_ONLY=sync               only the sync rows (Node, loopback pouchdb-server: lib/sync.mjs);
//                                 prints them, writes no table
//   BENCH_ONLY=load,lighthouse    only the cold offline load (1) and/or Lighthouse (8), either or
//                                 both (comma-separated); prints their figures, writes no table
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { PROJECT_ROOT, VIEWPORTS, chromiumOptions } from '../e2e/support/harness.mjs';
import { loadSecurityHeaders, startStaticServer } from '../e2e/support/server.mjs';
import { startTrapProxy } from '../e2e/support/trapProxy.mjs';
import { lighthouseRuns } from './lib/lighthouse.mjs';
import { buildSizes } from './lib/sizes.mjs';
import { MB, kB, markdownTable, median, ms, ratio, spread, verdict, x } from './lib/stats.mjs';
import { measureSync, syncRows } from './lib/sync.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = {
  load: QUICK ? 3 : 11,
  steps: QUICK ? 10 : 30,
  home: QUICK ? 3 : 7,
  unlock: QUICK ? 3 : 7,
  searchSamples: QUICK ? 2 : 5,
  pdf: QUICK ? 2 : 5,
  rotation: QUICK ? 1 : 3,
  // Lighthouse: mobile, first visit, median of three (issue 14); not reduced by BENCH_QUICK.
  lighthouse: 3,
};
const ONLY = process.env.BENCH_ONLY ?? '';
const ONLY_PARTS = new Set(ONLY.split(',').filter(Boolean));
/** Whether this run measures `part` ('load', 'lighthouse'): all of them when BENCH_ONLY is unset. */
const wants = (part) => ONLY_PARTS.size === 0 || ONLY_PARTS.has(part);
const SIZES = QUICK ? [10, 100, 1000] : [10, 1000, 10_000];
const LARGEST = SIZES[SIZES.length - 1];
const FIRST_LOAD_BUDGET = 150_000;
// src/storage/summary-index/summaryIndex.ts SUMMARY_INDEX_BUCKETS
const SUMMARY_BUCKETS = 64;

const BENCH_DIR = join(PROJECT_ROOT, 'test', 'bench');
const OUT_DIR = join(PROJECT_ROOT, 'dist-bench');
const APP_DIR = join(OUT_DIR, 'app');
const SITE_DIR = join(OUT_DIR, 'site');
const BASELINE_DIR = join(OUT_DIR, 'baseline');
const HARNESS_DIR = join(OUT_DIR, 'harness');
const LOCK_HEADING = 'YPSI Response is locked';
const BASELINE_HEADING = 'Baseline is locked';

const started = performance.now();
const DEBUG = process.env.BENCH_DEBUG === '1';
const log = (...args) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s]`, ...args);
const fmtInt = (n) => n.toLocaleString('en-GB');

// ---- builds ------------------------------------------------------------------------------------

if (ONLY === 'sync') {
  log(`sync only: ${fmtInt(LARGEST)} cases on a loopback pouchdb-server`);
  const s = await measureSync({ cases: LARGEST, runs: QUICK ? 3 : 5, log });
  console.log(
    markdownTable(
      ['Measure', 'Median', 'Runs', 'Range (min–max)', 'Baseline / detail', 'Ratio', 'Target', 'Result'],
      syncRows(s).map((r) => [...r.slice(0, 7), verdict(r[7])]),
    ),
  );
  process.exit(0);
}

log('building the app (production config, into dist-bench/app), the baseline and the harness');
await rm(OUT_DIR, { recursive: true, force: true });
// The app is built here rather than read from dist/, so a build by someone else during the run
// cannot change what is measured. Same vite.config.ts as `npm run build`; only the folder differs.
await build({
  configFile: join(PROJECT_ROOT, 'vite.config.ts'),
  root: PROJECT_ROOT,
  logLevel: 'warn',
  build: { outDir: APP_DIR, emptyOutDir: true },
});
await build({ configFile: join(BENCH_DIR, 'baseline', 'vite.config.ts'), logLevel: 'warn' });
await build({ configFile: join(BENCH_DIR, 'harness', 'vite.config.ts'), logLevel: 'warn' });
// The harness shares the app's origin (so it can set up the device the app then finds locked):
// dist-bench/site = the app's files + the harness under /__bench/. The app's sw.js precache list is
// from its own build and never names /__bench/.
await cp(APP_DIR, SITE_DIR, { recursive: true });
await cp(HARNESS_DIR, join(SITE_DIR, '__bench'), { recursive: true });

const sizes = await buildSizes(APP_DIR);
const baselineSizes = await buildSizes(BASELINE_DIR);

// ---- browser -----------------------------------------------------------------------------------

const securityHeaders = await loadSecurityHeaders(join(PROJECT_ROOT, 'src', 'pwa', 'security-headers.json'));
const trap = await startTrapProxy();
const profileDir = await mkdtemp(join(tmpdir(), 'ypsi-bench-profile-'));
// On a failure too (playwright-core ends the browser when this process exits).
process.on('exit', () => rmSync(profileDir, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
const context = await chromium.launchPersistentContext(profileDir, {
  ...chromiumOptions(trap.url),
  viewport: VIEWPORTS.landscape,
});
const chromiumVersion =
  context.browser()?.version() ??
  (await (async () => {
    const p = await context.newPage();
    const v = await p.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?');
    await p.close();
    return v;
  })());
const pageErrors = [];
context.on('weberror', (e) => pageErrors.push(String(e.error()?.message ?? e.error())));

/**
 * Runs in the page before any of its scripts: notes performance.now() (ms since navigation start)
 * in the animation frame after an <h1> matching `source` is in the DOM with a layout box, i.e.
 * just before the frame that first paints it.
 */
function headingWatcher(source) {
  const re = new RegExp(source);
  const seen = () =>
    [...document.querySelectorAll('h1')].some((h) => re.test(h.textContent ?? '') && h.getClientRects().length > 0);
  const mo = new MutationObserver(() => {
    if (!seen()) return;
    mo.disconnect();
    requestAnimationFrame(() => {
      window.__headingAt = performance.now();
    });
  });
  mo.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * One cold offline load on a fresh origin (a new server port: no service worker, caches or
 * IndexedDB from earlier runs). First visit online installs the service worker (and, for the app,
 * the harness first sets up the device, so the lock screen shows); then the service worker is
 * stopped, the context goes offline, and a new page navigates. Returns ms to the heading.
 */
async function coldOfflineLoad({ root, heading, setUpDevice }) {
  const server = await startStaticServer({ root, securityHeaders });
  const { origin } = server;
  try {
    const first = await context.newPage();
    if (setUpDevice) {
      await first.goto(`${origin}/__bench/`);
      await first.waitForFunction(() => !!window.__bench);
      await first.evaluate(() => window.__bench.setUp());
      if (DEBUG) log('  set up');
    }
    await first.goto(`${origin}/`);
    await first.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
    if (DEBUG) log('  controlled');
    await first.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 30_000 });
    await first.close();
    if (DEBUG) log('  first visit done');

    await context.setOffline(true);
    if (DEBUG) log('  offline');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    if (DEBUG) log('  workers stopped');
    await page.addInitScript(headingWatcher, heading);
    await page.goto(`${origin}/`, { waitUntil: 'commit', timeout: 30_000 });
    if (DEBUG) log('  committed');
    const handle = await page.waitForFunction(() => window.__headingAt, null, { timeout: 30_000 });
    const at = await handle.jsonValue();
    const check = await page.evaluate(async () => ({
      // An address nothing has cached: it must fail, or the context was not offline.
      offline: await fetch(`/__offline-probe-${Date.now()}.txt`, { cache: 'no-store' }).then(
        () => false,
        () => true,
      ),
      fromWorker: (performance.getEntriesByType('navigation')[0]?.workerStart ?? 0) > 0,
      // Where the time went, ms from navigation start.
      phases: (() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
        return {
          html: nav?.responseEnd ?? NaN,
          js: js.length ? Math.max(...js.map((r) => r.responseEnd)) : NaN,
          dcl: nav?.domContentLoadedEventEnd ?? NaN,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        };
      })(),
    }));
    // Leave no worker behind: a stopped worker of an earlier run makes Playwright's setOffline hang.
    await page.evaluate(async () => {
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    });
    await page.close();
    if (DEBUG) log('  measured', at, check);
    if (!check.offline) throw new Error('the page fetched an uncached address: the context was not offline');
    if (!check.fromWorker) throw new Error('the offline page was not served by its service worker');
    return { at, ...check.phases };
  } finally {
    await context.setOffline(false);
    if (DEBUG) log('  online again');
    await server.close();
  }
}

// ---- 1. cold offline load ----------------------------------------------------------------------

const load = { app: [], baseline: [] };
const phases = { app: [], baseline: [] };
if (wants('load'))
  log(`cold offline load: 1 warm-up pair, then ${RUNS.load} runs each of the app and the baseline, alternating`);
for (let i = 0; i <= (wants('load') ? RUNS.load : -1); i++) {
  // Alternate which goes first, so drift on the machine falls on both alike.
  const order = i % 2 ? ['baseline', 'app'] : ['app', 'baseline'];
  for (const which of order) {
    const t = await coldOfflineLoad(
      which === 'app'
        ? { root: SITE_DIR, heading: LOCK_HEADING, setUpDevice: true }
        : { root: BASELINE_DIR, heading: BASELINE_HEADING, setUpDevice: false },
    );
    if (i > 0) {
      load[which].push(t.at);
      phases[which].push(t);
    }
  }
}
if (wants('load'))
  log(
    `  app ${ms(median(load.app))}, baseline ${ms(median(load.baseline))}: ${x(ratio(median(load.app), median(load.baseline)))}`,
  );
if (ONLY_PARTS.size > 0 && !ONLY_PARTS.has('rotation')) {
  await context.close();
  if (wants('lighthouse')) await lighthouseOnly();
  await trap.close();
  process.exit(0);
}

// ---- 3-7. storage, home screen, heap, PDF (the harness) ----------------------------------------

const server = await startStaticServer({ root: SITE_DIR, securityHeaders });
const page = await context.newPage();
await page.goto(`${server.origin}/__bench/`);
await page.waitForFunction(() => !!window.__bench);
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
await cdp.send('HeapProfiler.enable');
const bench = (fn, arg) => page.evaluate(fn, arg);

async function heapUsed() {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}
async function gcThenHeap() {
  await cdp.send('HeapProfiler.collectGarbage');
  return heapUsed();
}
/** Samples JSHeapUsedSize every ~25 ms (CDP, between the page's tasks) until stopped; resolves to the peak. */
function heapPeak() {
  let stop = false;
  let peak = 0;
  const loop = (async () => {
    while (!stop) {
      peak = Math.max(peak, await heapUsed());
      await new Promise((r) => setTimeout(r, 25));
    }
    peak = Math.max(peak, await heapUsed());
  })();
  return async () => {
    stop = true;
    await loop;
    return peak;
  };
}

/** 4b. Rotation of the data key (removing a key holder) on the device as seeded; `runs` times. */
async function measureRotation(runs) {
  const out = { ms: [], caseKeys: 0, phases: [] };
  for (let i = 0; i < runs; i++) {
    const r = await bench(() => window.__bench.rotation());
    out.ms.push(r.ms);
    out.caseKeys = r.caseKeys;
    out.phases.push(r.phases);
  }
  return out;
}
const phaseMedians = (list) =>
  Object.keys(list[0] ?? {})
    .map((k) => `${k} ${ms(median(list.map((p) => p[k] ?? 0)))}`)
    .join(', ');

if (ONLY === 'rotation') {
  log(`rotation only: seeding ${fmtInt(LARGEST)} cases, then ${RUNS.rotation} rotations`);
  await bench(() => window.__bench.setUp('bench-rotation'));
  await bench(() => window.__bench.unlock());
  const seeded = await bench((n) => window.__bench.seed(n), LARGEST);
  log(`  seeded ${fmtInt(seeded.total)} cases in ${ms(seeded.ms)}`);
  const rot = await measureRotation(RUNS.rotation);
  log(
    `  rotation at ${fmtInt(rot.caseKeys)} case keys: median ${ms(median(rot.ms))} (${rot.ms.map(ms).join(', ')}); phases ${phaseMedians(rot.phases)}`,
  );
  await cdp.detach();
  await page.close();
  await server.close();
  await context.close();
  await trap.close();
  process.exit(0);
}

// 3. Persist one step, against a plain Dexie write of the same rows.
log(`persist one step: ${RUNS.steps} appendEvent calls, each followed by a plain Dexie write of the rows it wrote`);
const setUpMs = (await bench(() => window.__bench.setUp('bench-steps', { capture: true }))).ms;
await bench(() => window.__bench.unlock());
await bench(() => window.__bench.seed(10));
const steps = await bench((n) => window.__bench.persistSteps(n), RUNS.steps);
log(`  step ${ms(median(steps.step))}, plain put ${ms(median(steps.put))}`);

// 5. Home screen and search at each size, seeding up to the next; 4 and 6 at the largest.
log(
  `scale: seeding up to ${fmtInt(LARGEST)} cases through bulkSeedCases, measuring at ${SIZES.map(fmtInt).join(', ')}`,
);
await bench(() => window.__bench.setUp('bench-scale'));
await bench(() => window.__bench.unlock());
const scale = {};
let seedMs = 0;
let seedPeak = NaN;
let have = 0;
for (const size of SIZES) {
  const stopSeedPeak = size === LARGEST ? heapPeak() : null;
  const seeded = await bench((n) => window.__bench.seed(n), size - have);
  if (stopSeedPeak) seedPeak = await stopSeedPeak();
  seedMs += seeded.ms;
  log(`  seeded ${fmtInt(size - have)} more in ${ms(seeded.ms)}: ${fmtInt(seeded.total)} cases`);
  have = size;
  const entry = { home: [], list: [], render: [], first: [], firstList: [], filter: [], ui: [] };
  scale[size] = entry;

  if (size === LARGEST) {
    // 4. Unlock at 600,000 iterations with every case stored, and the integrity check after it.
    await bench(() => window.__bench.lock());
    await cdp.send('HeapProfiler.collectGarbage');
    entry.unlock = [];
    entry.verify = [];
    await bench(() => window.__bench.unlock());
    entry.firstVerify = await bench(() => window.__bench.quickVerify());
    for (let r = 0; r < RUNS.unlock; r++) {
      entry.unlock.push((await bench(() => window.__bench.unlock())).ms);
      const kdf = await bench(() => window.__bench.kdfReference());
      entry.kdf = [...(entry.kdf ?? []), kdf.ms];
      entry.iterations = kdf.iterations;
      const v = await bench(() => window.__bench.quickVerify());
      if (!v.ok) throw new Error('quickVerify found a problem in the seeded records');
      entry.verify.push(v.ms);
      entry.verifyEvents = v.eventsChecked;
    }
    log(
      `  unlock ${ms(median(entry.unlock))}, quickVerify ${ms(median(entry.verify))} (first after seeding ${ms(entry.firstVerify.ms)})`,
    );
  }

  await bench(() => window.__bench.unmountHome());
  const before = await gcThenHeap();
  const stopPeak = heapPeak();
  for (let r = 0; r < RUNS.home; r++) {
    const h = await bench(() => window.__bench.homeOpen());
    if (h.count !== size || h.unreadable > 0)
      throw new Error(`home screen listed ${h.count} cases (${h.unreadable} unreadable), expected ${size}`);
    entry.home.push(h.ms);
    entry.list.push(h.listMs);
    entry.render.push(h.renderMs);
    entry.first.push(h.firstMs);
    entry.firstList.push(h.firstListMs);
  }
  entry.queries = await bench(() => window.__bench.searchQueries());
  entry.filter = await bench((n) => window.__bench.searchFilter(n), RUNS.searchSamples);
  entry.ui = await bench((n) => window.__bench.searchUi(n), RUNS.searchSamples);
  entry.heapPeak = await stopPeak();
  entry.heapBefore = before;
  entry.heapRetained = await gcThenHeap();
  log(
    `  ${fmtInt(size)}: home ${ms(median(entry.home))}, search ${ms(median(entry.filter))} / ${ms(median(entry.ui))} typed`,
  );
}
await bench(() => window.__bench.unmountHome());

// 4b. Rotation of the data key at the largest size (the device seeded above; its session carries on).
log(`rotation of the data key at ${fmtInt(LARGEST)} cases (removing a key holder), ${RUNS.rotation} runs`);
const rotation = await measureRotation(RUNS.rotation);
log(`  rotation ${ms(median(rotation.ms))}`);

// 7. PDF export and sign.
let pdf;
if (!existsSync(join(PROJECT_ROOT, 'src', 'pdf', 'index.ts'))) {
  pdf = { absent: 'PDF module absent' };
} else {
  log('PDF export and sign for a 10- and a 100-event case');
  try {
    pdf = await bench(([runs]) => window.__bench.pdf([10, 100], runs), [RUNS.pdf]);
  } catch (error) {
    pdf = { absent: `PDF export failed: ${String(error?.message ?? error).split('\n')[0]}` };
  }
}

await cdp.detach();
await page.close();
await server.close();
await context.close();

// ---- 8. Lighthouse -----------------------------------------------------------------------------

// After the Playwright browser has closed, so nothing else runs in the machine's two cores.
const lighthouse = await lighthouseAll();
await trap.close();

/** Lighthouse on the app (fresh browser, then a set-up device) and the baseline; logs each run. */
async function lighthouseAll() {
  log(`Lighthouse (mobile, first visit): ${RUNS.lighthouse} runs each of the app and the baseline`);
  const lighthouse = {
    app: await lighthouseRuns({
      root: APP_DIR,
      securityHeaders,
      proxyUrl: trap.url,
      runs: RUNS.lighthouse,
      label: 'app',
    }),
    // The lock screen: a device set up in this browser (the harness, same origin), the app's code not cached.
    lock: await lighthouseRuns({
      root: SITE_DIR,
      securityHeaders,
      proxyUrl: trap.url,
      runs: RUNS.lighthouse,
      setUpDevice: true,
      label: 'lock',
    }),
    baseline: await lighthouseRuns({
      root: BASELINE_DIR,
      securityHeaders,
      proxyUrl: trap.url,
      runs: RUNS.lighthouse,
      label: 'baseline',
    }),
  };
  for (const which of ['app', 'lock', 'baseline'])
    log(
      `  ${which}: performance ${lighthouse[which].map((r) => r.performance).join(', ')}; LCP ${lighthouse[which].map((r) => ms(r.lcp)).join(', ')}; TBT ${lighthouse[which].map((r) => ms(r.tbt)).join(', ')}; CLS ${lighthouse[which].map((r) => r.cls.toFixed(3)).join(', ')}; accessibility ${lighthouse[which].map((r) => r.accessibility).join(', ')}; best practices ${lighthouse[which].map((r) => r.bestPractices).join(', ')}`,
    );
  return lighthouse;
}

/** BENCH_ONLY=lighthouse: the medians of each, printed (no table written). */
async function lighthouseOnly() {
  const lh = await lighthouseAll();
  for (const which of ['app', 'lock', 'baseline']) {
    const med = (key) => median(lh[which].map((r) => r[key]));
    log(
      `  median ${which}: performance ${med('performance')}, LCP ${ms(med('lcp'))}, FCP ${ms(med('fcp'))}, TBT ${ms(med('tbt'))}, CLS ${med('cls').toFixed(3)}, accessibility ${med('accessibility')}, best practices ${med('bestPractices')}`,
    );
    const failed = [...new Set(lh[which].flatMap((r) => [...r.failedAccessibility, ...r.failedBestPractices]))];
    if (failed.length) log(`  ${which} audits below 1: ${failed.join(', ')}`);
  }
}

// ---- the table ---------------------------------------------------------------------------------

const rows = [];
const row = (measure, med, runs, range, baseline, r, target, ok) =>
  rows.push([measure, med, runs, range, baseline, r, target, verdict(ok)]);

const loadRatio = ratio(median(load.app), median(load.baseline));
row(
  '1. Cold offline load to the lock screen (set-up device, SW stopped, offline)',
  ms(median(load.app)),
  load.app.length,
  spread(load.app),
  `bare Vite + React page ${ms(median(load.baseline))} (${load.baseline.length}; ${spread(load.baseline)})`,
  x(loadRatio),
  '≤ 1.5x',
  loadRatio <= 1.5,
);

const phaseText = (which) => {
  const m = (k) => ms(median(phases[which].map((p) => p[k])));
  return `${which === 'app' ? 'app' : 'baseline'}: HTML ${m('html')}, last JS file ${m('js')}, DOMContentLoaded ${m('dcl')}, first paint ${m('fcp')}, heading ${m('at')}`;
};
row(
  '1. Cold offline load, where the time goes (medians, ms from navigation start)',
  '',
  '',
  '',
  `${phaseText('app')}; ${phaseText('baseline')}`,
  '',
  '',
  null,
);

const firstLoadNames = sizes.firstLoad.map((f) => f.file.replace(/^assets\//, '')).join(' + ');
row(
  `2. First-load JS, gzip (${firstLoadNames})`,
  kB(sizes.firstLoadGzip),
  `${sizes.firstLoad.length} file${sizes.firstLoad.length === 1 ? '' : 's'}`,
  `${kB(sizes.firstLoad.reduce((n, f) => n + f.raw, 0))} raw`,
  `budget 150.0 kB; baseline page ${kB(baselineSizes.firstLoadGzip)}`,
  x(sizes.firstLoadGzip / FIRST_LOAD_BUDGET),
  '≤ 150 kB',
  sizes.firstLoadGzip <= FIRST_LOAD_BUDGET,
);
const pdfChunk = sizes.lazy.find((c) => c.label.startsWith('PDF'));
if (!pdfChunk)
  row('2. Lazy: PDF chunk', 'not in the build', '', '', 'the app does not import src/pdf yet', '', 'lazy', null);
for (const c of sizes.lazy.filter((l) => l.label)) {
  row(
    `2. Lazy: ${c.label} (${c.file.replace(/^assets\//, '')})`,
    kB(c.gzip),
    '',
    `${kB(c.raw)} raw`,
    '',
    '',
    'lazy',
    null,
  );
}

const stepRatio = ratio(median(steps.step), median(steps.put));
row(
  '3. Persist one step (appendEvent: encrypt, snapshot, chained event, one transaction)',
  ms(median(steps.step)),
  steps.step.length,
  spread(steps.step),
  `plain Dexie write of the same ${steps.rows} rows (~${kB(steps.bytes)}), same tables: ${ms(median(steps.put))} (${steps.put.length})`,
  x(stepRatio),
  '≤ 3x',
  stepRatio <= 3,
);
row(
  '3. Persist one step, vs one put of one blob of the same size',
  ms(median(steps.step)),
  steps.step.length,
  '',
  `one Dexie put of ${kB(steps.bytes)}: ${ms(median(steps.blob))} (${steps.blob.length})`,
  x(ratio(median(steps.step), median(steps.blob))),
  '(info)',
  null,
);

const big = scale[LARGEST];
row(
  `4. Unlock, PBKDF2 600,000 iterations, ${fmtInt(LARGEST)} cases stored`,
  ms(median(big.unlock)),
  big.unlock.length,
  spread(big.unlock),
  `stored iterations ${fmtInt(big.iterations)}; bare WebCrypto PBKDF2 at that count ${ms(median(big.kdf))} (${big.kdf.length})`,
  x(ratio(median(big.unlock), median(big.kdf))),
  '≤ 1 s',
  median(big.unlock) <= 1000,
);
row(
  `4. quickVerify after unlock (${fmtInt(LARGEST)} cases; checkpoint current)`,
  ms(median(big.verify)),
  big.verify.length,
  spread(big.verify),
  `${fmtInt(big.verifyEvents)} new events checked each time; the first after seeding (every seeded event new): ${ms(big.firstVerify.ms)}, ${fmtInt(big.firstVerify.eventsChecked)} events`,
  '',
  '',
  null,
);

row(
  `4. Rotate the data key (remove a key holder), ${fmtInt(LARGEST)} cases`,
  ms(median(rotation.ms)),
  rotation.ms.length,
  spread(rotation.ms),
  `${fmtInt(rotation.caseKeys)} case keys wrapped again, log, index and settings re-keyed, device head recomputed, one transaction; phases: ${phaseMedians(rotation.phases)}`,
  '',
  '< 5 s',
  median(rotation.ms) < 5000,
);

const small = scale[SIZES[0]];
for (const size of SIZES) {
  const e = scale[size];
  const r = ratio(median(e.home), median(small.home));
  row(
    `5. Home screen open, ${fmtInt(size)} cases (listSummaries + render + paint; summary index in memory)`,
    ms(median(e.home)),
    e.home.length,
    spread(e.home),
    `listSummaries ${ms(median(e.list))}, render ${ms(median(e.render))}; every visit after the session's first. The first (index head and buckets read and decrypted, cases with later events checked): ${ms(median(e.first))}, listSummaries ${ms(median(e.firstList))} (next row)`,
    size === SIZES[0] ? '1x' : x(r),
    size === LARGEST ? `≤ 2x the ${fmtInt(SIZES[0])} figure` : '',
    size === LARGEST ? r <= 2 : null,
  );
}
for (const size of SIZES) {
  const e = scale[size];
  row(
    `5. Home screen, first open after unlock, ${fmtInt(size)} cases (summary index read and checked + render + paint)`,
    ms(median(e.first)),
    e.first.length,
    spread(e.first),
    `listSummaries ${ms(median(e.firstList))}: the index head and ${SUMMARY_BUCKETS} buckets read, decrypted and parsed (zod), the cases with events after the head checked against their own rows (none here); once per session`,
    size === SIZES[0] ? '1x' : x(ratio(median(e.first), median(small.first))),
    '(info)',
    null,
  );
}
for (const size of SIZES) {
  const e = scale[size];
  const r = ratio(median(e.filter), median(small.filter));
  row(
    `5. Search, matches() over ${fmtInt(size)} decrypted summaries, per query`,
    ms(median(e.filter)),
    e.filter.length,
    spread(e.filter),
    `${e.queries.length} queries, found ${e.queries.map((q) => fmtInt(q.found)).join('/')}; a linear scan of every summary, so it grows with the cases: the 3x target is measured where a person meets it, searching as typed (next rows)`,
    size === SIZES[0] ? '1x' : x(r),
    '(info)',
    null,
  );
}
for (const size of SIZES) {
  const e = scale[size];
  const r = ratio(median(e.ui), median(small.ui));
  row(
    `5. Search as typed on the home screen, ${fmtInt(size)} cases (input → "N cases found" painted)`,
    ms(median(e.ui)),
    e.ui.length,
    spread(e.ui),
    '',
    size === SIZES[0] ? '1x' : x(r),
    size === LARGEST ? `≤ 3x the ${fmtInt(SIZES[0])} figure` : '',
    size === LARGEST ? r <= 3 : null,
  );
}
row(
  `6. Peak JS heap, home screen open + search at ${fmtInt(LARGEST)} cases`,
  MB(big.heapPeak),
  `${big.home.length} opens`,
  '',
  `before: ${MB(big.heapBefore)}; after, GC'd, list held: ${MB(big.heapRetained)}; ${fmtInt(SIZES[0])} cases: peak ${MB(small.heapPeak)}`,
  '',
  '',
  null,
);
row(`6. Peak JS heap while seeding to ${fmtInt(LARGEST)} cases`, MB(seedPeak), '', '', '', '', '', null);

if (pdf.absent) {
  row('7. PDF export and sign, 10 and 100 events', `not measured: ${pdf.absent}`, '', '', '', '', '', null);
} else {
  for (const s of pdf.sizes) {
    row(
      `7. PDF export and sign, ${s.events} events (loadCase, model, render, PAdES sign)`,
      ms(median(s.ms)),
      s.ms.length,
      spread(s.ms),
      `${kB(s.bytes)} PDF; first export ${ms(s.firstMs)}${s === pdf.sizes[0] ? ` (fonts fetched); PDF code load ${ms(pdf.loadMs)}, RSA-2048 signer ${ms(pdf.signerMs)}` : ''}`,
      '',
      '',
      null,
    );
  }
}

// 9. Sync (Node, loopback pouchdb-server), after the browser has closed.
log(`sync: ${fmtInt(LARGEST)} cases on a loopback pouchdb-server (Node)`);
for (const r of syncRows(await measureSync({ cases: LARGEST, runs: QUICK ? 3 : 5, log }))) row(...r);

const info = [
  `Seeding ${fmtInt(LARGEST)} cases in Chromium through bulkSeedCases (real machine, encryption, chaining; 250 a transaction): ${ms(seedMs)} (${fmtInt(Math.round(LARGEST / (seedMs / 1000)))} cases/s).`,
  `First-run set-up (one DSL + recovery key: two PBKDF2 wraps, key pairs, one transaction): ${ms(setUpMs)}.`,
  `First-load CSS ${sizes.css.map((c) => kB(c.gzip)).join(' + ')} gzip (not counted in the JS budget).`,
];

const method = [
  "All figures from one `npm run bench`: the app built with its own vite.config.ts, the baseline and the harness built alongside, served by test/e2e/support/server.mjs on 127.0.0.1 with the app's security headers, in headless Debian Chromium with a persistent on-disk profile (IndexedDB and Cache Storage are real files). Medians; the range is min–max.",
  '1: each run on a fresh origin (new port). First visit online: for the app the harness sets up a device (one DSL), then the app installs its service worker (precache complete, page controlled). Then the worker is stopped (CDP ServiceWorker.stopAllWorkers), the context goes offline, and a new page navigates; the time is performance.now() in the animation frame after the <h1> ("YPSI Response is locked") has a layout box. The baseline (test/bench/baseline: React rendering a heading and a passphrase form, workbox-window registering a generateSW worker with the app\'s Workbox settings) is measured identically, runs alternating, one warm-up pair dropped. Each run checks that an uncached fetch fails and that the page came from the service worker.',
  "2: dist index.html's module script and modulepreload links plus their static imports, each gzipped with zlib (level 6); every other asset is lazy. kB = 1,000 bytes.",
  '3: test/bench/harness in the same Chromium: appendEvent (note.added) on one case of a 10-case database, one warm-up dropped; after each step the rows it wrote (captured by a Dexie middleware) are written by plain Dexie bulkPut in one transaction to a second database with the same schema; and as one blob of the same total size.',
  '4: storage.unlock with the stored PBKDF2-HMAC-SHA-256 parameters, each on a fresh session, then storage.quickVerify; the bare WebCrypto deriveBits at the same count is the floor.',
  '5: cases seeded with storage.bulkSeedCases (real machine, encryption, chaining); each open is a fresh unlock (untimed), then listSummaries and HomePage rendered (MemoryRouter) with flushSync, laid out and painted (rAF + task): first as the session\'s first open (the summary index read, decrypted and checked: its encrypted head names the device sequence number it is complete to and each bucket\'s IV; cases with later events are checked against their own rows, and every case is if the head or a bucket does not match), then, unmounted, again as every later visit in the session (the index in memory, kept current by each step); the target applies to the later visits, the first is shown in its own rows. Search: HomePage\'s matches() over all decrypted summaries for 4 queries (a surname, a full name, "SEED-" matching all, no match); and typing the same queries into the rendered search box until "N cases found" is painted.',
  '6: CDP Performance.getMetrics JSHeapUsedSize sampled every ~25 ms during the home opens and searches at the largest size; "after, GC\'d" after HeapProfiler.collectGarbage.',
  '7: loadCase, buildDocumentModel, renderSignedPdf (pdf-lib, fontkit, PAdES with a WebCrypto RSA-2048 self-signed certificate) for cases of 10 and 100 events (disclosure + notes); the first export of each case is dropped from the median (the very first one also fetches the fonts).',
  "9: test/bench/sync/syncBench.ts built for Node by Vite and run against pouchdb-server (in memory, 127.0.0.1, set up by scripts/sync-setup.mjs): tablets are the real storage layer on fake-indexeddb with the real sync engine, replication databases in PouchDB's memory adapter. Tablet A seeds the cases (bulkSeedCases) and pushes them; a new tablet's first pull (SyncEngine.pull: replicate.from, then every record checked against the server's rules, its own copies and the chain) alternates with PouchDB's replicate.from of the same database into a bare memory database. A step: appendEvent on A, A's push, B's pull. While a sync runs: appendEvent on A while a third tablet's engine pushes A's whole record, against appendEvent with nothing running.",
  "8: Lighthouse 12.2.3 (npm; 13 needs Node 22) driving the same Debian Chromium through chrome-launcher (CHROME_PATH, default /usr/bin/chromium; headless, background networking, component updates and sync off, everything not on loopback sent to a proxy that refuses it), after the Playwright browser has closed: the default mobile config (simulated slow 4G, 4x CPU slowdown), performance, accessibility and best practices; each run on a fresh origin served gzip-compressed with the app's security headers, storage reset first (a first visit: on a browser that never set up a device the first screen is set-up, which replaces the pre-rendered lock screen when storage answers); then again on a device set up by the harness (same origin, storage kept, the app's code never fetched before: the lock screen is where it ends). The baseline is test/bench/baseline measured the same way. Medians of three; the range is min–max.",
];

// 8. Lighthouse: a fresh browser (set-up is where it ends), and a set-up device (the lock screen).
for (const [which, scenario] of [
  ['app', 'first visit, fresh browser (ends on set-up)'],
  ['lock', 'first visit of the code, set-up device (ends on the lock screen)'],
]) {
  const lh = lighthouse[which];
  const base = lighthouse.baseline;
  const med = (list, key) => median(list.map((r) => r[key]));
  const scoreRange = (list, key) => `${Math.min(...list.map((r) => r[key]))}–${Math.max(...list.map((r) => r[key]))}`;
  const failed = (key) => [...new Set(lh.flatMap((r) => r[key]))].join(', ');
  const scoreRow = (name, key, target, failedKey) =>
    row(
      `8. Lighthouse ${name}, mobile, ${scenario}`,
      String(med(lh, key)),
      lh.length,
      scoreRange(lh, key),
      `bare Vite + React page ${med(base, key)} (${scoreRange(base, key)})${failedKey && failed(failedKey) ? `; audits below 1: ${failed(failedKey)}` : ''}`,
      '',
      target,
      med(lh, key) >= (target === '100' ? 100 : 98),
    );
  scoreRow('performance', 'performance', '≥ 98');
  row(
    `8. Lighthouse largest contentful paint, mobile, ${scenario}`,
    ms(med(lh, 'lcp')),
    lh.length,
    spread(lh.map((r) => r.lcp)),
    `bare page ${ms(med(base, 'lcp'))}; app FCP ${ms(med(lh, 'fcp'))}, TBT ${ms(med(lh, 'tbt'))}, CLS ${med(lh, 'cls').toFixed(3)}, speed index ${ms(med(lh, 'si'))} (bare page: FCP ${ms(med(base, 'fcp'))}, TBT ${ms(med(base, 'tbt'))}, CLS ${med(base, 'cls').toFixed(3)})`,
    x(ratio(med(lh, 'lcp'), med(base, 'lcp'))),
    '≤ 1.5 s',
    med(lh, 'lcp') <= 1500,
  );
  scoreRow('accessibility', 'accessibility', '100', 'failedAccessibility');
  scoreRow('best practices', 'bestPractices', '100', 'failedBestPractices');
}

const header = ['Measure', 'Median', 'Runs', 'Range (min–max)', 'Baseline / detail', 'Ratio', 'Target', 'Result'];
const table = markdownTable(header, rows);
const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.versions.node}, Chromium ${chromiumVersion} headless${QUICK ? ', BENCH_QUICK (reduced sizes and runs)' : ''}`;
const text = `<!-- npm run bench, ${when} -->\nBench (${when}; ${machine}):\n\n${table}\n\n${info.map((l) => `- ${l}`).join('\n')}\n\nHow each figure is measured:\n\n${method.map((l) => `- ${l}`).join('\n')}\n`;

console.log(`\n${text}`);
if (pageErrors.length > 0) console.error(`Page errors during the run:\n${[...new Set(pageErrors)].join('\n')}`);
// A BENCH_QUICK run does not replace the real figures.
const outFile = QUICK ? join(OUT_DIR, 'latest-quick.md') : join(BENCH_DIR, 'latest.md');
await mkdir(OUT_DIR, { recursive: true });
await writeFile(outFile, text);
log(`done; table written to ${outFile.slice(PROJECT_ROOT.length + 1)}`);
process.exit(0);
