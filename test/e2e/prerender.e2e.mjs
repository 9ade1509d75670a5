// The first screen paints before the app's script runs (issue 14 item 6): the lock screen's heading
// and form are in the HTML the server sends (pre-rendered at build time into index.html), they show
// with JavaScript turned off; a fresh device's first frame is set-up (also in the HTML); and when
// React takes over it adopts the same elements where they are: nothing moves (no layout shift).
import { setUpDevice } from './support/device.mjs';
import { VIEWPORTS, assert, saveScreenshot, test } from './support/harness.mjs';

const HEADING = 'YPSI Response is locked';

/**
 * Boxes of what the lock screen shows first, by a name for each, in CSS pixels from the top left
 * of <div id="root"> (without script, index.html's <noscript> message sits above it).
 */
function lockScreenBoxes() {
  const root = document.getElementById('root').getBoundingClientRect();
  const pick = {
    heading: () => document.querySelector('h1'),
    disclosure: () => [...document.querySelectorAll('a')].find((a) => a.textContent === 'Record a disclosure'),
    passphrase: () => document.getElementById('passphrase'),
    unlock: () => [...document.querySelectorAll('button[type=submit]')].find((b) => b.textContent === 'Unlock'),
    navigation: () => document.querySelector('nav[aria-label="Main"]'),
  };
  return Object.fromEntries(
    Object.entries(pick).map(([name, find]) => {
      const r = find()?.getBoundingClientRect();
      return [name, r ? { x: r.x - root.x, y: r.y - root.y, width: r.width, height: r.height } : null];
    }),
  );
}

/** Boxes of what set-up shows first, as lockScreenBoxes does for the lock screen. */
function setUpBoxes() {
  const root = document.getElementById('root').getBoundingClientRect();
  const pick = {
    heading: () => document.querySelector('h1'),
    firstField: () => document.querySelector('main input'),
    navigation: () => document.querySelector('nav[aria-label="Main"]'),
  };
  return Object.fromEntries(
    Object.entries(pick).map(([name, find]) => {
      const r = find()?.getBoundingClientRect();
      return [name, r ? { x: r.x - root.x, y: r.y - root.y, width: r.width, height: r.height } : null];
    }),
  );
}

/**
 * Runs in the page before its scripts: keeps the parser's <h1> and the layout shifts, and in the
 * first animation frame after React has attached itself to that <h1> (hydrated it) notes the
 * boxes, whether the <h1> is still the parser's element, and the layout shift so far.
 */
function watchTakeOver(boxesSource) {
  const boxes = new Function(`return (${boxesSource})()`);
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) shifts.push({ value: e.value, at: e.startTime, recent: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
  window.__shifts = shifts;
  let parsersHeading = null;
  const reactOwns = (el) => Object.keys(el).some((k) => k.startsWith('__reactFiber'));
  const check = () => {
    if (!parsersHeading) {
      // The first frame: what the HTML (and main.tsx's choice of first screen) put on the screen.
      parsersHeading = document.querySelector('h1');
      window.__firstFrame = { heading: parsersHeading?.textContent ?? null, boxes: boxes() };
    }
    const now = document.querySelector('h1');
    if (now && reactOwns(now)) {
      window.__takeOver = { sameHeading: now === parsersHeading, boxes: boxes(), shifts: shifts.map((s) => s.value) };
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

export const tests = [
  test('the lock screen’s heading and form are in the HTML the server sends, and show with JavaScript turned off', async ({
    browser,
    page,
    baseURL,
  }) => {
    // What any client gets, before a line of script: the served index.html itself.
    const html = await (await page.request.get(`${baseURL}/`)).text();
    assert.match(
      html,
      new RegExp(`<h1 class="app-heading-xl">${HEADING}</h1>`),
      'the served HTML has the lock screen heading',
    );
    assert.match(
      html,
      /<form method="dialog">[\s\S]*<label class="app-label" for="passphrase">Passphrase<\/label>[\s\S]*>Unlock<\/button>(<\/div>)*<\/form>/,
      'the served HTML has the unlock form',
    );
    assert.match(
      html,
      />Record a disclosure<\/a>/,
      'the served HTML has the way to record a disclosure without unlocking',
    );
    // (Playwright's "JavaScript off" leaves the browser's scripting flag on, so <noscript> is checked here.)
    assert.match(
      html,
      /<noscript><p class="app-noscript">YPSI Response needs JavaScript to run/,
      'without script the page says it needs JavaScript',
    );

    // Painted from the HTML and the stylesheet alone.
    const off = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: VIEWPORTS.portrait });
    try {
      const still = await off.newPage();
      await still.goto('/');
      await still.getByRole('heading', { level: 1, name: HEADING }).waitFor({ timeout: 5000 });
      assert.ok(await still.getByLabel('Passphrase').isVisible(), 'the passphrase field shows');
      assert.ok(await still.getByRole('button', { name: 'Unlock' }).isVisible(), 'the Unlock button shows');
      // Styled: the stylesheet applies to the pre-rendered markup (the header is the brand colour).
      const header = await still.locator('header.app-header').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(header, 'rgba(0, 0, 0, 0)', 'the header is styled by the stylesheet');
      // A passphrase typed and submitted before the script runs goes nowhere: not into the address.
      await still.getByLabel('Passphrase').fill('copper kettle marching lantern');
      await still.getByLabel('Passphrase').press('Enter');
      await still.getByRole('button', { name: 'Unlock' }).click();
      assert.equal(new URL(still.url()).search, '', 'the passphrase is not put in the address');
      await saveScreenshot(still, 'lock-screen-without-javascript-portrait');
    } finally {
      await off.close();
    }
  }),

  test('on a fresh device set-up is the first screen painted, from the HTML before React, and React adopts it without moving it', async ({
    page,
  }) => {
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(watchTakeOver, setUpBoxes.toString());
    await page.goto('/');
    const takeOver = await (await page.waitForFunction(() => window.__takeOver, null, { timeout: 10_000 })).jsonValue();
    const first = await page.evaluate(() => window.__firstFrame);
    assert.equal(first.heading, 'Set up YPSI Response', 'the first frame shows set-up, not a lock screen');
    assert.ok(takeOver.sameHeading, 'React adopted the pre-rendered set-up heading instead of replacing it');
    assert.deepEqual(takeOver.boxes, first.boxes, 'everything is where the first frame put it');
    assert.deepEqual(takeOver.shifts, [], 'no layout shift before React took over');
    // Storage then confirms a fresh device: set-up stays, and nothing has moved since the first paint.
    await page.getByRole('button', { name: 'Restore from a backup instead' }).click();
    const cls = await page.evaluate(() =>
      window.__shifts.filter((s) => !s.recent).reduce((sum, s) => sum + s.value, 0),
    );
    assert.equal(cls, 0, 'cumulative layout shift 0 from the first paint to set-up in use');
    assert.deepEqual(errors, [], 'no errors in the console (React adopted the markup as it was)');
  }),

  test('what is typed and pressed on the pre-rendered set-up screen before React takes over is kept, and counts', async ({
    page,
  }) => {
    // The app's code is held back until the name has been typed, as on a slow first visit.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/\/assets\/boot-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Set up YPSI Response' }).waitFor({ timeout: 10_000 });
    const name = page.locator('#establishment-name');
    await name.fill('Brookfield Academy');
    const reactOwnsHeading = () => Object.keys(document.querySelector('h1')).some((k) => k.startsWith('__reactFiber'));
    // Finishing with the rest empty, before the app's code has run: pressed once, answered once it has.
    await page.getByRole('button', { name: 'Finish set-up' }).click();
    assert.equal(await page.evaluate(reactOwnsHeading), false, 'React had not taken over when it was pressed');
    release();
    await page.waitForFunction(reactOwnsHeading, null, { timeout: 15_000 });
    // Every other field is asked for; the typed name is not.
    const summary = page.locator('.app-error-summary');
    await summary.waitFor({ timeout: 10_000 });
    assert.match(await summary.innerText(), /name of key holder 1/, 'the empty fields are asked for');
    assert.doesNotMatch(
      await summary.innerText(),
      /name of your school/,
      'the name typed before React took over is React’s answer too',
    );
    assert.equal(await name.inputValue(), 'Brookfield Academy', 'the typed name is still in its field');
  }),

  test('on a set-up device React takes over the pre-rendered lock screen without moving it', async ({
    browser,
    page,
    baseURL,
  }) => {
    await setUpDevice(page, { waitForServiceWorker: false });
    await page.addInitScript(watchTakeOver, lockScreenBoxes.toString());
    const before = await staticBoxes(browser, baseURL, page.viewportSize());
    await page.goto('/');
    const takeOver = await (await page.waitForFunction(() => window.__takeOver, null, { timeout: 10_000 })).jsonValue();
    assert.ok(takeOver.sameHeading, 'React adopted the pre-rendered heading instead of replacing it');
    assert.deepEqual(takeOver.boxes, before, 'everything is where the HTML alone put it');
    assert.deepEqual(takeOver.shifts, [], 'no layout shift before React took over');
    // Then the key holders are read and listed.
    await page.getByRole('group', { name: 'Who are you?' }).waitFor({ timeout: 10_000 });
  }),
];

/** The boxes with JavaScript off, at the page's size: where the HTML and the stylesheet alone put things. */
async function staticBoxes(browser, baseURL, viewport) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport });
  try {
    const still = await context.newPage();
    await still.goto('/');
    await still.getByRole('heading', { level: 1, name: HEADING }).waitFor({ timeout: 5000 });
    return await still.evaluate(lockScreenBoxes);
  } finally {
    await context.close();
  }
}
