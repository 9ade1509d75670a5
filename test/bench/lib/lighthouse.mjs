// Lighthouse (npm `lighthouse`, pinned to 12.2.3: 13 needs Node 22) in the bench: mobile (the
// default config: Moto G Power screen, simulated slow 4G, 4x CPU slowdown), first visit (storage
// and caches reset before each run, and each run on a fresh origin), against the local static
// server only. Debian Chromium (CHROME_PATH, default /usr/bin/chromium) is started by
// chrome-launcher with the browser tests' flags: background networking, component updates and
// sync off, and every request not on loopback sent to the trap proxy, which refuses it.
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumOptions } from '../../e2e/support/harness.mjs';
import { startStaticServer } from '../../e2e/support/server.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/**
 * Runs Lighthouse `runs` times on `root` served with `securityHeaders` (gzip, as a host would),
 * each on a new port. Resolves to one entry per run: the category scores (0-100), LCP, FCP, TBT,
 * CLS, and the ids of audits that failed in accessibility and best practices.
 * With `setUpDevice`, the bench harness under /__bench/ (same origin) first sets up a device (one
 * DSL) and Lighthouse keeps that storage: the app's code is still fetched for the first time (a
 * new origin, nothing cached, no service worker), and the lock screen is the screen it ends on.
 */
export async function lighthouseRuns({
  root,
  securityHeaders,
  proxyUrl,
  runs,
  path = '/',
  setUpDevice = false,
  label = 'run',
}) {
  const chromePath = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const userDataDir = await mkdtemp(join(tmpdir(), 'ypsi-lighthouse-profile-'));
  // The same switches as the browser tests, less the ones chrome-launcher adds itself.
  const flags = chromiumOptions(proxyUrl).args.filter((a) => a !== '--headless' && a !== '--no-first-run');
  const chrome = await chromeLauncher.launch({
    chromePath,
    userDataDir,
    chromeFlags: ['--headless=new', ...flags],
    logLevel: 'silent',
  });
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const server = await startStaticServer({ root, securityHeaders, gzip: true });
      try {
        if (setUpDevice) {
          const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
          try {
            const page = await browser.contexts()[0].newPage();
            await page.goto(`${server.origin}/__bench/`);
            await page.waitForFunction(() => !!window.__bench);
            await page.evaluate(() => window.__bench.setUp());
            await page.close();
          } finally {
            await browser.close();
          }
        }
        const out = await lighthouse(
          `${server.origin}${path}`,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
          // The default config is the mobile one; first visit: storage reset before the run (kept
          // when a device was set up for it: the origin is new, so no code is cached).
          { extends: 'lighthouse:default', settings: { disableStorageReset: setUpDevice, formFactor: 'mobile' } },
        );
        const lhr = out?.lhr;
        if (process.env.LIGHTHOUSE_JSON)
          await (
            await import('node:fs/promises')
          ).writeFile(`${process.env.LIGHTHOUSE_JSON}-${label}-${i}.json`, JSON.stringify(lhr));
        if (!lhr) throw new Error('Lighthouse returned no result');
        if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const score = (id) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
        const num = (id) => lhr.audits[id]?.numericValue ?? NaN;
        const failed = (cat) =>
          lhr.categories[cat].auditRefs
            .filter((r) => r.weight > 0 && lhr.audits[r.id]?.score !== null && lhr.audits[r.id]?.score < 1)
            .map((r) => r.id);
        results.push({
          performance: score('performance'),
          accessibility: score('accessibility'),
          bestPractices: score('best-practices'),
          lcp: num('largest-contentful-paint'),
          fcp: num('first-contentful-paint'),
          tbt: num('total-blocking-time'),
          cls: num('cumulative-layout-shift'),
          si: num('speed-index'),
          lcpElement: JSON.stringify(lhr.audits['largest-contentful-paint-element']?.details ?? null).slice(0, 600),
          failedAccessibility: failed('accessibility'),
          failedBestPractices: failed('best-practices'),
          warnings: lhr.runWarnings ?? [],
        });
      } finally {
        await server.close();
      }
    }
  } finally {
    chrome.kill();
    await rm(userDataDir, { recursive: true, force: true });
  }
  return results;
}
