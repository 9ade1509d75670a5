// The checks every screen must pass, shared by the screen tour and the full flows: axe (WCAG 2.2
// AA and best practice), touch targets of at least 44x44 px, and, over a whole test, no CSP
// violation, no console error and no request to another origin.
import { AxeBuilder } from '@axe-core/playwright';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's violations on the page as it is now, one line (and a few nodes) each. */
export async function axeProblems(page, label) {
  // Legacy mode runs axe in the page itself; the default opens a second page per analysis,
  // which is slower and buys nothing here (the app has no iframes).
  // resultTypes: collect details of violations only, not of every pass (much faster on long pages).
  const { violations } = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  return violations.map(
    (v) =>
      `${label}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join('; ')}`)
        .join('\n    ')}`,
  );
}

/**
 * Every interactive element smaller than `min` px in either direction (UX.md; WCAG 2.5.5). A link
 * inside a sentence is exempt, as WCAG exempts inline targets.
 */
export async function smallTargets(page, label, min = 44) {
  const small = await page.evaluate((MIN) => {
    const INTERACTIVE =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
    // In a sentence: an inline link whose nearest block (paragraph, list item, inset...) says
    // more than the link itself. A link alone in its paragraph is a stand-alone target.
    const inSentence = (el) => {
      if (getComputedStyle(el).display !== 'inline') return false;
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const words = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return block !== null && words(block) !== words(el);
    };
    const before = document.activeElement;
    const out = [];
    for (const el of document.querySelectorAll(INTERACTIVE)) {
      if (el.matches(':disabled') || (el.tagName === 'A' && inSentence(el))) continue;
      // Some targets (the skip link) only appear when focused, as a keyboard user meets them.
      el.focus({ preventScroll: true });
      const { width, height } = el.getBoundingClientRect();
      if (width === 0 && height === 0) continue; // not rendered
      if (width < MIN - 0.5 || height < MIN - 0.5) {
        const name = (el.getAttribute('aria-label') || el.textContent || el.id || '')
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 50);
        const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
        out.push(`${what} "${name}" is ${Math.round(width)}x${Math.round(height)}`);
      }
    }
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    if (before instanceof HTMLElement && before !== document.body) before.focus({ preventScroll: true });
    return out;
  }, min);
  return small.map((p) => `${label}: ${p}`);
}

/**
 * Watches a context for the whole test: CSP violations (reported from every document), console
 * errors, uncaught exceptions are the runner's, requests to any origin but the app's, and the
 * counters `idleWork` reads.
 * Install before the first page load.
 */
export async function watchContext(context, page, baseURL) {
  const found = { csp: [], console: [], foreign: [] };
  await watchIdle(context);
  await context.exposeBinding('__e2eReportViolation', (_source, violation) => {
    found.csp.push(`CSP violation: ${JSON.stringify(violation)}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      /** @type {any} */ (window).__e2eReportViolation({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
      });
    });
  });
  const onConsole = (message) => {
    // The tests' own proof that the network is gone (fetchFails) logs a failed load: not the app's.
    if (message.type() === 'error' && /\/not-cached-\d+\.txt/.test(message.location()?.url ?? '')) return;
    if (message.type() === 'error')
      found.console.push(`console error on ${message.location()?.url ?? '?'}: ${message.text()}`);
  };
  page.on('console', onConsole);
  context.on('page', (p) => p.on('console', onConsole));
  context.on('request', (request) => {
    const url = request.url();
    if (/^(data|blob|about|chrome-extension):/.test(url)) return;
    if (new URL(url).origin !== baseURL) found.foreign.push(url);
  });
  return found;
}

/**
 * Runs axe and the touch-target check on the page as it is, adds what they find to `problems`,
 * and (if given) takes its screenshots.
 * @param {{ axe: string[], touch: string[] }} problems
 */
export async function checkScreen(page, label, problems, shoot) {
  problems.axe.push(...(await axeProblems(page, label)));
  problems.touch.push(...(await smallTargets(page, label)));
  if (shoot) await shoot(label);
}

/** One message listing every problem found, by kind; empty string when there are none. */
export function describeProblems(kinds) {
  return Object.entries(kinds)
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]) => `${kind} (${list.length}):\n  ${list.join('\n  ')}`)
    .join('\n');
}

/**
 * Collects failed checks instead of stopping at the first, for checks the rest of a test does not
 * depend on: `soft.check(() => assert...)`; the test ends with `soft.problems` in its assertion.
 */
export function softChecks() {
  const problems = [];
  return {
    problems,
    async check(label, fn) {
      try {
        await fn();
      } catch (error) {
        problems.push(
          `${label}: ${String(error?.message ?? error)
            .split('\n')
            .join('\n    ')}`,
        );
      }
    },
  };
}

/** Fails with every problem listed by kind, readably, unless there are none. */
export function assertNoProblems(kinds, intro) {
  const text = describeProblems(kinds);
  if (text) throw new Error(`${intro}\n${text}`);
}

/**
 * Counts, in every document of `context`, React commits (through the hook React DevTools uses,
 * which production builds also call) and timer callbacks due in under a second. Install before
 * the first page load; `idleWork` reads the counts.
 */
export async function watchIdle(context) {
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__e2eIdle = { commits: 0, timers: 0 };
    if (!w.__REACT_DEVTOOLS_GLOBAL_HOOK__) {
      w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
        isDisabled: false,
        supportsFiber: true,
        renderers: new Map(),
        inject: () => 1,
        onCommitFiberRoot: () => {
          w.__e2eIdle.commits += 1;
        },
        onPostCommitFiberRoot: () => {},
        onCommitFiberUnmount: () => {},
        checkDCE: () => {},
      };
    }
    const counted = (original) =>
      function (callback, delay, ...rest) {
        if (typeof callback === 'function' && !(Number(delay) >= 1000)) {
          const inner = callback;
          callback = function (...args) {
            w.__e2eIdle.timers += 1;
            return inner.apply(this, args);
          };
        }
        return original.call(this, callback, delay, ...rest);
      };
    w.setTimeout = counted(w.setTimeout);
    w.setInterval = counted(w.setInterval);
  });
}

/**
 * What the page does over `frames` animation frames while nobody touches it (after 3 frames to
 * settle): React commits and short timers fired. A screen waiting for input does neither; any is a
 * render loop or a busy timer, which drains a tablet's battery (it works in a second window too, where
 * a one-shot timer left by what came before does not). Counted in frames, never timed
 * (a render loop commits on every frame, so a few frames find it).
 * Needs `watchIdle` on the context.
 */
export async function idleWork(page, frames = 10) {
  return page.evaluate(async (count) => {
    const w = /** @type {any} */ (window);
    if (!w.__e2eIdle) throw new Error('idleWork needs watchIdle(context) before the page loads');
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    for (let i = 0; i < 3; i++) await frame();
    const measure = async () => {
      const before = { ...w.__e2eIdle };
      for (let i = 0; i < count; i++) await frame();
      return { commits: w.__e2eIdle.commits - before.commits, timers: w.__e2eIdle.timers - before.timers };
    };
    // A loop or a busy timer works in every window; a one-shot left by what came before (a draft
    // saved once typing paused) fires once. So work in the first window is looked at again.
    const first = await measure();
    return first.commits > 0 || first.timers > 0 ? measure() : first;
  }, frames);
}
