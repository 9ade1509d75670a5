// The app is installable (manifest, icons, Chromium's own verdict) and the service worker
// precaches every file the build produced, so nothing is missing offline.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { FRESH_ROUTES, openRoute } from './routes.mjs';
import { assert, DIST_DIR, test } from './support/harness.mjs';

async function builtFiles(dir = DIST_DIR) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await builtFiles(path)));
    else files.push(`/${relative(DIST_DIR, path).split(sep).join('/')}`);
  }
  return files;
}

export const tests = [
  test('the manifest is valid and Chromium says the app is installable', async ({ context, page, baseURL }) => {
    const app = await openRoute(page, FRESH_ROUTES[0]);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    assert.ok(href, 'index.html links the manifest');
    const response = await page.request.get(new URL(href, baseURL).href);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^application\/manifest\+json/);

    const manifest = await response.json();
    assert.equal(manifest.name, 'YPSI Response');
    assert.ok(manifest.short_name, 'short_name');
    assert.equal(manifest.start_url, '/');
    assert.equal(manifest.display, 'standalone');
    for (const size of [192, 512]) {
      const icon = manifest.icons.find(
        (i) => i.sizes === `${size}x${size}` && (i.purpose ?? 'any').split(' ').includes('any'),
      );
      assert.ok(icon, `a ${size}x${size} icon for any purpose`);
      // Loaded by the page itself, under its CSP.
      const natural = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      }, icon.src);
      assert.deepEqual(natural, [size, size], `${icon.src} is ${size}x${size}`);
    }

    await app.waitForOfflineReady();
    const cdp = await context.newCDPSession(page);
    const { errors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(errors, [], 'Chromium parsed the manifest without errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Test contexts are incognito, where Chromium never installs anything: not the app's doing.
    const appErrors = installabilityErrors.filter((error) => error.errorId !== 'in-incognito');
    assert.deepEqual(appErrors, [], 'Chromium found nothing preventing installation');
  }),

  test('the service worker precaches every file the build produced', async ({ page }) => {
    const app = await openRoute(page, FRESH_ROUTES[0]);
    await app.waitForOfflineReady();
    const cached = new Set(await app.cachedPaths());
    // The worker and its Workbox runtime are the service worker itself, not precache entries.
    const expected = (await builtFiles()).filter(
      (path) => path !== '/sw.js' && !/^\/workbox-[\w-]+\.js$/.test(path) && !path.endsWith('.map'),
    );
    assert.ok(expected.includes('/index.html'));
    assert.deepEqual(
      expected.filter((path) => !cached.has(path)),
      [],
      'built files missing from the precache (check workbox.globPatterns and maximumFileSizeToCacheInBytes)',
    );
  }),
];
