#!/usr/bin/env node
// Browser tests against the production build: serves dist/ with the app's security headers,
// drives ONE Debian Chromium through playwright-core, runs every test/e2e/*.e2e.mjs (each test in
// a fresh context) and ends with "N passed, N failed". Run after `vite build`:
//   node test/e2e/run.mjs [filter ...]   (a filter matches a spec file or test name)
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import {
  DIST_DIR,
  FAILURES_DIR,
  PROJECT_ROOT,
  SCREENSHOTS_DIR,
  saveScreenshot,
  VIEWPORTS,
  chromiumOptions,
} from './support/harness.mjs';
import { loadSecurityHeaders, startStaticServer } from './support/server.mjs';
import { CHROMIUM_SERVICE_HOSTS, hostOf, startTrapProxy } from './support/trapProxy.mjs';

const E2E_DIR = join(PROJECT_ROOT, 'test', 'e2e');
const DEFAULT_TIMEOUT_MS = 30_000;
// Tests run in separate contexts of the one browser, so a few can overlap. E2E_WORKERS=1 runs
// them one by one (easier to read when debugging).
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS) || Math.min(4, availableParallelism()));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);

if (!existsSync(join(DIST_DIR, 'index.html'))) {
  console.error('dist/index.html is missing: run `npx vite build` first (npm run test:e2e does both).');
  process.exit(2);
}

const started = performance.now();
await rm(SCREENSHOTS_DIR, { recursive: true, force: true });
await rm(FAILURES_DIR, { recursive: true, force: true });
await mkdir(SCREENSHOTS_DIR, { recursive: true });

const securityHeaders = await loadSecurityHeaders(join(PROJECT_ROOT, 'src', 'pwa', 'security-headers.json'));
const server = await startStaticServer({ root: DIST_DIR, securityHeaders });
const trap = await startTrapProxy();
const baseURL = server.origin;

// Everything not on loopback goes to the trap proxy, which records and refuses it.
const browser = await chromium.launch(chromiumOptions(trap.url));

/** Requests pages and workers made to any origin but the app's own, across the whole run. */
const foreignRequests = [];

async function runTest(spec, { name, fn, options }) {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? VIEWPORTS.landscape,
    ...options.contextOptions,
  });
  context.on('request', (request) => {
    const url = request.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== baseURL) foreignRequests.push(`${url} (${spec}: ${name})`);
  });
  const pageErrors = [];
  context.on('weberror', (error) => pageErrors.push(String(error.error()?.stack ?? error.error())));
  const page = await context.newPage();
  const fixture = {
    browser,
    context,
    page,
    baseURL,
    pageErrors,
    screenshot: (shotName, target = page) => saveScreenshot(target, shotName),
  };

  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  let timer;
  try {
    await Promise.race([
      fn(fixture),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms`)), timeout);
      }),
    ]);
    if (!options.allowPageErrors && pageErrors.length > 0) {
      throw new Error(`Uncaught exception in the page:\n${pageErrors.join('\n')}`);
    }
  } catch (error) {
    await saveScreenshot(page, `${spec}-${name}`, FAILURES_DIR).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
  }
}

let passed = 0;
let failed = 0;
/** Tests that failed once and passed on their second try: printed at the end with the first failure. */
const secondTries = [];

function report(name, ms, error) {
  const time = paint(2, `(${Math.round(ms)} ms)`);
  if (!error) {
    passed += 1;
    console.log(`  ${paint(32, 'PASS')} ${name} ${time}`);
    return;
  }
  failed += 1;
  console.log(`  ${paint(31, 'FAIL')} ${name} ${time}`);
  const detail = String(error?.stack ?? error)
    .split('\n')
    .slice(0, 40)
    .join('\n');
  console.log(detail.replace(/^/gm, '       '));
}

/** docs/SECURITY.md test 9 over the whole run: page and worker requests, and what the proxy caught. */
function reportRequestsLeavingTheOrigin() {
  const browserOwn = trap.hits.filter((hit) => CHROMIUM_SERVICE_HOSTS.has(hostOf(hit)));
  const leaks = [
    ...new Set([
      ...foreignRequests,
      ...trap.hits.filter((hit) => !browserOwn.includes(hit)).map((hit) => `${hit} (seen by the proxy)`),
    ]),
  ];
  report(
    'whole run › the app made no request to any other origin',
    0,
    leaks.length > 0 ? new Error(`Requests to other origins:\n${leaks.join('\n')}`) : undefined,
  );
  if (browserOwn.length > 0) {
    const hosts = [...new Set(browserOwn.map(hostOf))].join(', ');
    console.log(paint(2, `       note: Chromium's own services were called and refused (not the app): ${hosts}`));
  }
}

try {
  const queue = [];
  const specFiles = (await readdir(E2E_DIR)).filter((file) => file.endsWith('.e2e.mjs')).sort();
  for (const file of specFiles) {
    const spec = file.replace(/\.e2e\.mjs$/, '');
    const { tests } = await import(pathToFileURL(join(E2E_DIR, file)).href);
    if (!Array.isArray(tests)) throw new Error(`${file} must export \`tests\`, an array of test(...)`);
    for (const t of tests) {
      if (filters.length === 0 || filters.some((f) => file.includes(f) || t.name.includes(f))) queue.push({ spec, t });
    }
  }
  console.log(`${queue.length} tests, ${WORKERS} at a time, against ${baseURL}`);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { spec, t } = next;
      const testStart = performance.now();
      try {
        await runTest(spec, t);
        report(`${spec} › ${t.name}`, performance.now() - testStart);
      } catch (error) {
        // One more try in a fresh context, for a click that timed out while the two cores were
        // busy with another test's browser. A failure that repeats fails; one that does not is
        // still printed in full and listed at the end, so it is seen and not forgotten.
        try {
          await runTest(spec, t);
          report(`${spec} › ${t.name}`, performance.now() - testStart);
          secondTries.push({ name: `${spec} › ${t.name}`, error });
        } catch (again) {
          report(`${spec} › ${t.name}`, performance.now() - testStart, again);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  if (filters.length === 0) reportRequestsLeavingTheOrigin();
} catch (error) {
  report('the test run itself', 0, error);
} finally {
  await browser.close().catch(() => {});
  await server.close();
  await trap.close();
}

for (const { name, error } of secondTries) {
  console.log(paint(33, `  PASSED ON A SECOND TRY: ${name}; the first try failed with:`));
  console.log(
    String(error?.stack ?? error)
      .split('\n')
      .slice(0, 20)
      .join('\n')
      .replace(/^/gm, '       '),
  );
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(paint(2, `\n${seconds} s; screenshots in ${SCREENSHOTS_DIR.replace(`${PROJECT_ROOT}/`, '')}/`));
console.log(
  `${passed} passed, ${failed} failed${secondTries.length > 0 ? `, ${secondTries.length} on a second try` : ''}`,
);
process.exitCode = failed > 0 ? 1 : 0;
