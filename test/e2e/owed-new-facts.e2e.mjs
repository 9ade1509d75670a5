// Issue 11, offline: the policy holds after the decision. A case referred to the MASH, with the
// referral's outcome and the parents recorded, looks done (the close task is ready). New facts then
// say a young person is at immediate risk of harm: the task list says "A new decision is needed" at
// once, the close task cannot start, and the close screen lists what is owed and where, with its
// button refusing. Screenshots at both tablet sizes, axe and touch targets on the new screens.
import { ClosePage, FactsPage, ParentsPage, ReferralsPage } from './pages/CasePages.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { assertNoProblems, checkScreen, watchContext } from './support/checks.mjs';
import { DSL, setUpDevice, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

const CASE = {
  pupil: 'Rosalind Achterberg',
  account: 'She sent a picture to her boyfriend and is worried it was shared. HIBISCUS-LANTERN-3391',
  rationale: 'Contained, but we refer to the MASH to be safe. MANDOLIN-OTTER-2284',
  outcome: 'The MASH leads; no further action for the school. CORMORANT-VIOLET-6610',
  newFacts: 'Her tutor says she told friends she wants to hurt herself. BASALT-PLOVER-4471',
};

export const tests = [
  test(
    'issue 11, offline: a case that looks done, whose facts then change, says "A new decision is needed" on the task list and refuses to close',
    async ({ context, page, baseURL }) => {
      const watch = await watchContext(context, page, baseURL);
      const problems = { axe: [], touch: [] };
      const screen = (name) => checkScreen(page, `owed-${name}`, problems, (label) => shootBoth(page, label));

      const setup = await new SetupPage(page).open();
      await setup.waitForOfflineReady();
      await context.setOffline(true);
      assert.ok(await setup.fetchFails(`/not-cached-${Date.now()}.txt`), 'the network is really gone');
      await setUpDevice(page, { waitForServiceWorker: false });
      const home = await unlock(page, DSL);

      // The disclosure and a decision that refers to the MASH.
      const disclosure = await home.startNewCase();
      const review = await disclosure.record({
        disclosedBy: `${CASE.pupil}, Year 10`,
        relation: 'The young person it is about',
        account: CASE.account,
        people: [{ name: CASE.pupil, age: 15 }],
      });
      const caseId = review.caseIdFromUrl();
      await review.attendees([`${DSL.name}, DSL`]);
      await review.person(1, { sen: 'no', socialCare: 'none' });
      await review.facts();
      await review.spread('contained', 'Snapchat');
      await review.at('decision');
      await review.routeChoice('Refer to the MASH now').check();
      await review.rationale(CASE.rationale);
      const check = await review.continueToCheck();
      await check.record();

      // The referral, its outcome and the parents: the case looks done.
      const referrals = await new ReferralsPage(page).waitUntilShown();
      // The referral and its outcome on one visit to Referrals.
      await referrals.recordReferral({ reference: 'MASH-2026-55120' });
      await referrals.recordOutcome({ outcome: CASE.outcome, next: 'The agency leads; the school supports' });
      let tasks = await referrals.toTaskList();
      const parents = await tasks.openTask('Parents and carers', ParentsPage);
      tasks = await parents.recordInformed(CASE.pupil, DSL.name);
      assert.equal(await tasks.status('close'), 'Not started', 'before the new facts, the case could be closed');
      assert.equal(await tasks.status('initial-review'), 'Completed');
      await screen('01-task-list-looks-done');

      // New facts: an immediate risk of harm.
      const facts = await new FactsPage(page).visitCase(caseId);
      await facts.field('fact-immediateRiskOfHarm').check();
      await facts.field('text').fill(CASE.newFacts);
      tasks = await facts.saveAndReturn('Save the new facts');

      // At once, on the task list: a new decision is needed, and the case cannot close.
      const banner = tasks.main
        .locator('.app-notification-banner--urgent')
        .filter({ hasText: 'A new decision is needed' });
      await banner.waitFor();
      assert.match(await banner.innerText(), /R6\.6/, 'the banner says what changed, with its rule');
      assert.ok(
        await banner.getByRole('link', { name: 'Record a new decision' }).count(),
        'the banner links to the decision',
      );
      assert.equal(await tasks.status('initial-review'), 'Act now');
      assert.equal(await tasks.status('close'), 'Cannot start yet');
      assert.match(await tasks.mainText(), /A new decision is needed/);
      await screen('02-task-list-new-decision-needed');

      // The close screen lists what is owed and where; its button refuses.
      // A task that cannot start is not a link: the close screen is reached by its address.
      const close = await new ClosePage(page).visitCase(caseId);
      const blockers = (await close.blockers()).join('\n');
      assert.match(blockers, /A new decision is needed/);
      assert.match(blockers, /Refer to the MASH: act now/, 'the earlier referral does not answer the new trigger');
      assert.ok(
        await close.main.getByRole('link', { name: 'Record a new decision' }).count(),
        'each blocker links to where it is done',
      );
      assert.ok(await close.button('Close the case').isDisabled(), 'the case cannot be closed');
      await screen('03-close-refused');

      assertNoProblems(
        { ...problems, csp: watch.csp, console: watch.console, 'requests to other origins': watch.foreign },
        'The case was refused closing after its facts changed (every step above was checked); these problems were found on the way:',
      );
    },
    { timeout: 180_000 },
  ),
];
