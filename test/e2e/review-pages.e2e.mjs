// The initial review as question pages, on a 10-inch tablet both ways round: the policy panel
// beside the questions in landscape, a bar with the app's proposal so far (and its rules) in
// portrait; each page's "Continue" refuses its own problems in an error summary that links to the
// field, moves focus to the next page's heading, and keeps the answers as an encrypted draft; then
// "check your answers" and the decision recorded. Axe and 44 px targets on every page.
import { join } from 'node:path';
import { InitialReviewPage } from './pages/CasePages.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { DSL, dumpIndexedDb, idb, lockApp, setUpAndUnlock, unlock } from './support/device.mjs';
import { assert, saveScreenshot, SCREENSHOTS_DIR, test } from './support/harness.mjs';

const TABLET = { landscape: { width: 1280, height: 800 }, portrait: { width: 800, height: 1280 } };
const ATTENDEE = 'Tobias Wrenfield, pastoral lead HAWTHORN-2231';

/**
 * Screenshots of a 10-inch tablet: landscape as the screen shows it (1280x800; a whole-page shot
 * would stretch the viewport into portrait and move the panel below), portrait as the whole page.
 */
async function shootTablet(page, name) {
  const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle();
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-landscape.png`) });
  await page.setViewportSize(TABLET.portrait);
  await settle();
  await saveScreenshot(page, `${name}-portrait`);
  await page.setViewportSize(TABLET.landscape);
}

/** Where the questions and the panel sit: their boxes, and whether the bar shows. */
async function layout(page) {
  const box = async (selector) => page.locator(selector).first().boundingBox();
  return {
    questions: await box('.app-split > div:first-child'),
    panel: await box('.app-split__aside'),
    barShown: await page.getByRole('region', { name: 'The app’s proposal so far' }).isVisible(),
  };
}

export const tests = [
  test(
    'the initial review, page by page: panel beside in landscape, the proposal bar in portrait, errors linked, focus on each heading, answers kept as a draft, then checked and recorded',
    async ({ page }) => {
      const problems = { axe: [], touch: [] };
      const screen = (name) => checkScreen(page, `review-${name}`, problems, (label) => shootTablet(page, label));
      await page.setViewportSize(TABLET.landscape);
      const { home } = await setUpAndUnlock(page, { waitForServiceWorker: false });
      const disclosure = await home.startNewCase();
      /** @type {InitialReviewPage} */
      let review = await disclosure.record({
        disclosedBy: 'Ines Carvalho, Year 9',
        relation: 'The young person it is about',
        account: 'A picture of me was sent round after I asked him to delete it.',
        people: [
          { name: 'Ines Carvalho', age: 14, involvement: ['Pictured in the imagery', 'Told us about it'] },
          { name: 'Rory Pellow', age: 15, involvement: ['Shared or sent it'] },
        ],
      });
      const caseId = review.caseIdFromUrl();
      assert.equal(await review.shown(), 'meeting');

      // Landscape: the panel is beside the questions, the bar is not needed.
      let at = await layout(page);
      assert.ok(at.panel && at.questions, 'the questions and the panel are on the page');
      assert.ok(at.panel.x >= at.questions.x + at.questions.width - 1, 'the panel is to the right of the questions');
      assert.ok(at.panel.y < at.questions.y + 200, 'beside them, not below');
      assert.equal(at.barShown, false, 'no summary bar in landscape');
      await screen('01-meeting');

      // Continue with nobody named: the summary takes focus and links to the field.
      await review.button('Continue').click();
      await review.errorSummary.waitFor();
      assert.match(await review.errorSummary.innerText(), /Record who attended the initial review meeting\. \(R4\.2\)/);
      assert.ok(
        await page.evaluate(() => document.activeElement?.closest('.app-error-summary') != null),
        'focus moved to the error summary',
      );
      await screen('02-meeting-error');
      await review.errorSummary.getByRole('link', { name: /Record who attended/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'attendees', 'the link goes to the field');
      assert.equal(await review.shown(), 'meeting', 'nothing moved on');

      // Answered: on to the people, focus on the new page's heading; the answers kept, encrypted.
      await review.attendees([`${DSL.name}, DSL`, ATTENDEE]);
      await review.at('people');
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('data-review-page')),
        'people',
        'focus is on the new page’s heading',
      );
      assert.match(await review.heading.innerText(), /part 2 of 5\s*The people involved/);
      assert.ok((await idb(page, 'drafts', 'count')) >= 1, 'the answers so far are kept as a draft');
      assert.ok(!JSON.stringify(await dumpIndexedDb(page)).includes('HAWTHORN-2231'), 'the draft is encrypted');
      await review.person(1, { sen: 'no', socialCare: 'none' });
      await review.person(2, { sen: 'no', socialCare: 'none' });
      await screen('03-people');

      // Locked and unlocked between pages: the answers come back.
      await lockApp(page);
      await unlock(page, DSL);
      review = await new InitialReviewPage(page).visitCase(caseId);
      await page.getByText('Your answers so far have been restored.').waitFor();
      assert.equal(await review.field('attendees').inputValue(), `${DSL.name}, DSL\n${ATTENDEE}`);

      // What is known: shared without consent, and she is self-harming since (R6.6).
      await review.facts({ sharedWithoutConsent: 'yes', harmOrDistress: 'yes', immediateRiskOfHarm: 'yes' });
      await review.spread('limited', 'Snapchat');
      assert.equal(await review.route('mash-referral').getAttribute('data-strength'), 'act-now');
      await screen('04-facts');

      // Portrait: the bar shows the proposal so far with its rules; the panel is below the questions.
      await page.setViewportSize(TABLET.portrait);
      at = await layout(page);
      assert.ok(at.barShown, 'the summary bar shows in portrait');
      assert.ok(at.panel && at.questions && at.panel.y >= at.questions.y + at.questions.height - 1, 'panel below');
      const bar = await review.proposalBar.innerText();
      assert.match(bar, /The app proposes aggravated \(R[\d.]+\)/);
      assert.match(bar, /Immediate referral needed \(R[\d.]+\): refer to the MASH now/);
      await page.setViewportSize(TABLET.landscape);

      await review.meetingAnswers({ contactParents: 'Yes, both families today.' });
      await screen('05-questions');
      await review.at('decision');
      assert.match(await review.typology.innerText(), /The app proposes aggravated/);
      assert.ok(await review.routeChoice('Refer to the MASH now').isChecked(), 'the recommended referral is ticked');
      await review.rationale('Shared without consent and she is at risk of harm: refer to the MASH now.');
      await screen('06-decision');

      const check = await review.continueToCheck();
      const answers = await check.answers();
      assert.match(answers['Attended'], /HAWTHORN-2231/);
      assert.equal(answers['The app proposed'], 'aggravated');
      assert.match(answers['Your routes'], /Refer to the MASH now/);
      assert.ok(await check.link(/Change\s+who attended/).count(), 'each answer links back to its page');
      await screen('07-check');
      await check.record();
      await page.waitForURL(new RegExp(`/cases/${caseId}/referrals$`));
      assert.equal(await idb(page, 'drafts', 'count'), 0, 'the draft is gone once the decision is recorded');
      assertNoProblems(problems, 'The review pages have problems:');
    },
    { timeout: 150_000 },
  ),
];
