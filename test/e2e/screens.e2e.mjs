// The screen tour: every screen of routes.mjs, at both tablet sizes (768x1024 portrait, 1280x800
// landscape), in one browser context per size that walks the device through its life: fresh
// (set-up), set up and locked (lock screen, a staff disclosure), unlocked (home, inbox, settings,
// a case and each of its screens). On every screen: axe finds no WCAG 2.2 AA or best-practice
// problem, every control is at least 44x44 px, the page has a title of its own, and (landscape)
// the screen runs no script while nobody touches it; over the whole
// tour: no CSP violation, no console error, no request to any other origin (docs/SECURITY.md test 9).
// Screenshots of every screen land in test-results/screenshots/screen-<name>-<size>.png.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import {
  CASE_ROUTES,
  FRESH_ROUTES,
  LOCKED_ROUTES,
  openRoute,
  PUBLIC_ROUTES,
  TOUR_DISCLOSURE,
  UNLOCKED_ROUTES,
  visitRoute,
} from './routes.mjs';
import { assertNoProblems, checkScreen, idleWork, watchContext } from './support/checks.mjs';
import { DSL, ESTABLISHMENT, HEAD, lockApp, unlock } from './support/device.mjs';
import { assert, saveScreenshot, test, VIEWPORTS } from './support/harness.mjs';

export const tests = Object.entries(VIEWPORTS).map(([orientation, viewport]) =>
  test(
    `every screen (${orientation} ${viewport.width}x${viewport.height}): axe, 44 px targets, page titles, idle, no CSP violation, no console error, same-origin requests only`,
    async ({ context, page, baseURL }) => {
      const watch = await watchContext(context, page, baseURL);
      const problems = { axe: [], touch: [], titles: [], 'busy while idle': [] };
      // A render loop shows at any size: measured in landscape only, to keep the run short.
      const measureIdle = orientation === 'landscape';
      const visited = [];
      const check = async (name) => {
        visited.push(name);
        const title = await page.title();
        if (!title || /^YPSI Response - YPSI Response$/.test(title)) {
          problems.titles.push(
            `${name}: the page title "${title}" does not say which screen this is (WCAG 2.4.2); h1 is "${(await page.locator('main h1').first().innerText()).trim()}"`,
          );
        }
        await checkScreen(page, name, problems, (label) => saveScreenshot(page, `screen-${label}-${orientation}`));
        if (measureIdle) {
          const busy = await idleWork(page);
          if (busy.commits > 0 || busy.timers > 0) {
            problems['busy while idle'].push(
              `${name}: ${busy.commits} React commits and ${busy.timers} short timers in 10 frames with nothing happening (a render loop or a busy timer?)`,
            );
          }
        }
      };

      // ---- A fresh device ---------------------------------------------------------------------
      const first = await new SetupPage(page).open();
      await first.waitForOfflineReady();
      for (const route of [...FRESH_ROUTES, ...PUBLIC_ROUTES]) {
        await openRoute(page, route);
        await check(`fresh-${route.name}`);
      }

      // ---- Set up (the set-up screens after "Finish set-up"), then locked ---------------------
      const setup = await new SetupPage(page).open();
      const recovery = await setup.setUp({ ...ESTABLISHMENT, holders: [DSL, HEAD] });
      await check('setup-recovery-key');
      const complete = await recovery.confirmKeptSafe();
      await check('setup-complete');
      await complete.lockScreenLink.click();
      await new LockScreenPage(page).waitUntilShown();
      for (const route of [...LOCKED_ROUTES, ...PUBLIC_ROUTES]) {
        await openRoute(page, route);
        await check(`locked-${route.name}`);
      }

      // ---- Unlocked ------------------------------------------------------------------------------
      await page.goto('/');
      const home = await unlock(page, DSL);
      assert.match(await home.inboxLink.innerText(), /\(1 new\)/, 'the sealed disclosure is waiting');
      for (const route of UNLOCKED_ROUTES.filter((r) => r.name === 'home' || r.name === 'inbox')) {
        await visitRoute(page, route);
        await check(`unlocked-${route.name}-with-disclosure`);
      }
      // The disclosure becomes a case; its initial review, empty, with errors, and checked.
      const review = await new InboxPage(page).openAsCase(TOUR_DISCLOSURE.writer);
      const caseId = review.caseIdFromUrl();
      await check('case-review-empty');
      await review.button('Continue').click();
      await review.errorSummary.waitFor();
      await check('case-review-errors');
      await review.attendees([`${DSL.name}, DSL`]);
      await review.person(1, { sen: 'no', socialCare: 'none' });
      await review.person(2, { sen: 'no', socialCare: 'none' });
      await check('case-review-people');
      await review.facts();
      await review.spread('contained');
      await check('case-review-facts');
      await review.at('questions');
      await check('case-review-questions');
      await review.at('decision');
      await check('case-review-decision');
      await review.routeChoice('The school may manage this').check();
      await review.rationale('Experimental and contained.');
      const checkAnswers = await review.continueToCheck();
      await check('case-review-check-answers');
      await checkAnswers.record();
      await new CaseTaskListPage(page).waitUntilShown();

      // Every screen of the case, past its initial review.
      for (const route of CASE_ROUTES) {
        await visitRoute(page, route, caseId);
        await check(route.name);
      }
      // A case the DSL opens directly: its disclosure form, and with errors.
      const fresh = await new HomePage(page).visit('/');
      const form = await fresh.startNewCase();
      await check('case-disclosure-form');
      await form.button('Save and go to the initial review').click();
      await form.errorSummary.waitFor();
      await check('case-disclosure-form-errors');
      for (const route of UNLOCKED_ROUTES) {
        await visitRoute(page, route);
        await check(`unlocked-${route.name}`);
      }
      // Lock on demand: the lock screen says why.
      await lockApp(page);
      await check('locked-after-lock');

      assert.ok(visited.length > 50, `the tour visited ${visited.length} screens`);
      assertNoProblems(
        { ...problems, csp: watch.csp, console: watch.console, 'requests to other origins': watch.foreign },
        `${visited.length} screens checked at ${viewport.width}x${viewport.height}; problems found:`,
      );
    },
    // Five minutes: the initial review's five pages are each checked too.
    { viewport, timeout: 300_000 },
  ),
);
