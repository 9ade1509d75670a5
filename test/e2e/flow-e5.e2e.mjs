// EXAMPLES.md E5, offline from start to end: an image of a pupil went round her year group and
// she has told her tutor she is self-harming. Immediate risk of harm: the app says "act now" and
// "refer to the MASH now" whatever the typology (R6.6, R4.5); the DSL records the referral with
// its reference number and then its outcome, the parents, and closes the case with no
// Headteacher sign-off (a referral needs none, R14.3). Every screen on the way: screenshots at
// both tablet sizes, axe and touch targets.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { ClosePage, ParentsPage, ReferralsPage, SignOffPage } from './pages/CasePages.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { assertNoProblems, checkScreen, softChecks, watchContext } from './support/checks.mjs';
import { DSL, ESTABLISHMENT, setUpDevice, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

const E5 = {
  priya: 'Priyanka Vellacott',
  disclosedBy: 'Priyanka Vellacott, Year 10',
  account: 'Everyone in my year has seen the picture. I have been cutting myself since. CINNABAR-GECKO-4410',
  attendee: 'Tobias Wrenfield, pastoral lead',
  rationale: 'Immediate risk of harm: referred to the MASH at once. LABRADOR-SEXTANT-1187',
  reference: 'MASH-2026-118834',
  outcome: 'Strategy discussion held; social worker allocated; the MASH leads. ARGONAUT-TULIP-5093',
  closing: 'Referred; the MASH leads; parents informed; school support plan in place. QUINCE-MERIDIAN-7765',
};

export const tests = [
  test(
    'E5, offline: immediate risk of harm says "act now", the MASH referral and its outcome are recorded, parents, closed with no sign-off',
    async ({ context, page, baseURL }) => {
      const watch = await watchContext(context, page, baseURL);
      const problems = { axe: [], touch: [] };
      const soft = softChecks();
      const screen = (name) => checkScreen(page, `e5-${name}`, problems, (label) => shootBoth(page, label));

      const setup = await new SetupPage(page).open();
      await setup.waitForOfflineReady();
      await context.setOffline(true);
      assert.ok(await setup.fetchFails(`/not-cached-${Date.now()}.txt`), 'the network is really gone');
      await setUpDevice(page, { waitForServiceWorker: false });
      const home = await unlock(page, DSL);
      assert.match(await home.mainText(), /No cases yet/);
      await screen('01-home-empty');

      // The DSL was told directly and records the disclosure in the case.
      const disclosure = await home.startNewCase();
      await screen('02-disclosure-form');
      const review = await disclosure.record({
        disclosedBy: E5.disclosedBy,
        relation: 'The young person it is about',
        account: E5.account,
        platforms: 'Snapchat, WhatsApp',
        spread: 'Her whole year group.',
        people: [{ name: E5.priya, age: 15, involvement: ['Pictured in the imagery', 'Told us about it'] }],
      });
      const caseId = review.caseIdFromUrl();

      // Initial review: immediate risk of harm.
      await review.attendees([`${DSL.name}, DSL`, E5.attendee]);
      await review.person(1, { sen: 'no', socialCare: 'none' });
      await review.facts({ immediateRiskOfHarm: 'yes', sharedWithoutConsent: 'yes', harmOrDistress: 'yes' });
      await review.spread('wide', 'Snapchat, WhatsApp');
      const mash = review.route('mash-referral');
      assert.equal(await mash.getAttribute('data-strength'), 'act-now', 'the MASH referral is "act now"');
      const mashCard = await mash.innerText();
      assert.match(mashCard, /Act now/);
      assert.match(mashCard, /Refer to the MASH now/);
      assert.match(mashCard, /R6\.6/, 'the rule that fired is shown');
      assert.match(mashCard, new RegExp(ESTABLISHMENT.mashPhone), 'the MASH phone number from settings');
      assert.equal(await review.route('school-manage').count(), 0, '"the school may manage this" is not offered');
      await review.at('decision');
      assert.ok(await review.routeChoice('Refer to the MASH now').isChecked(), 'the MASH referral is ticked');
      await review.rationale(E5.rationale);
      await screen('03-review-act-now');
      const check = await review.continueToCheck();
      assert.match((await check.answers())['Your routes'], /Refer to the MASH now/);
      assert.doesNotMatch(await check.mainText(), /Headteacher’s sign-off/, 'a referral needs no sign-off');
      await screen('04-review-check-answers');
      await check.record();

      // A referral decision goes straight to Referrals.
      let referrals = await new ReferralsPage(page).waitUntilShown();
      assert.equal(new URL(page.url()).pathname, `/cases/${caseId}/referrals`);
      assert.match(await referrals.mainText(), /Police will be informed/);
      assert.ok(
        await referrals.main.locator(`a[href^="tel:"]`, { hasText: ESTABLISHMENT.mashPhone }).count(),
        'the MASH number is a tap to call',
      );
      await screen('05-referrals');
      let tasks = await referrals.toTaskList();
      assert.match(await tasks.urgentBanner.innerText(), /refer to the MASH now/);
      assert.equal(await tasks.status('referrals'), 'Act now');
      await soft.check('task list: a referral decision needs no sign-off', async () =>
        assert.equal(await tasks.status('sign-off'), 'Not needed'),
      );
      await screen('06-task-list-act-now');

      // The case list says so too, in words: "Act now", never "Due" and "Open" (R6.6, from the domain's owed answer).
      await home.visit();
      const row = home.caseRow(E5.priya);
      assert.equal((await row.locator('.app-case-row__status').innerText()).trim(), 'Act now');
      assert.match(await row.innerText(), /Act now\s+Refer to the MASH: act now/);
      assert.doesNotMatch(await row.innerText(), /\bDue\b|\bOpen\b/, 'not "Due", not "Open"');
      await screen('06b-home-act-now');
      tasks = await new CaseTaskListPage(page).visitCase(caseId);

      // The referral, with its reference number; then its outcome.
      referrals = await tasks.openTask('Referrals (MASH, police, LADO)', ReferralsPage);
      await referrals.recordReferral({
        phone: ESTABLISHMENT.mashPhone,
        reference: E5.reference,
        note: 'Told them about the self-harm and the spread.',
      });
      tasks = await referrals.toTaskList();
      assert.equal(await tasks.status('referrals'), 'In progress');
      assert.equal(await tasks.urgentBanner.count(), 0, 'the "refer now" banner has gone');
      await screen('07-task-list-referred');
      referrals = await tasks.openTask('Referrals (MASH, police, LADO)', ReferralsPage);
      assert.match(await referrals.mainText(), new RegExp(`Reference ${E5.reference}`));
      await screen('08-referral-outcome');
      await referrals.recordOutcome({ outcome: E5.outcome, next: 'The agency leads; the school supports' });
      tasks = await referrals.toTaskList();
      assert.equal(await tasks.status('referrals'), 'Completed');

      // Parents, then close: no sign-off was ever needed.
      const parents = await tasks.openTask('Parents and carers', ParentsPage);
      await screen('09-parents');
      tasks = await parents.recordInformed(E5.priya, DSL.name);
      assert.equal(await tasks.status('parents'), 'Completed');
      // The sign-off screen says why there is nothing to sign.
      const signOff = await new SignOffPage(page).visitCase(caseId);
      assert.match(await signOff.mainText(), /There is nothing to sign off here/);
      assert.match(await signOff.mainText(), /This decision refers the case, so it needs no Headteacher sign-off/);
      await screen('10-sign-off-not-needed');
      tasks = await signOff.toTaskList();
      assert.equal(await tasks.status('close'), 'Not started', 'the case can be closed without a sign-off');
      const close = await tasks.openTask('Close the case', ClosePage);
      assert.match(await close.mainText(), /Everything the policy asks for is recorded/);
      await screen('11-close');
      tasks = await close.close(E5.closing);
      assert.equal(await tasks.stage(), 'Closed');
      await screen('12-task-list-closed');

      const chronology = await tasks.openChronology();
      const entries = await chronology.entries();
      const titles = entries.map((e) => e.title);
      for (const expected of [
        'Disclosure recorded',
        'Initial review decision: aggravated',
        'Referral to the MASH',
        'Referral outcome',
        `Parents and carers of ${E5.priya}: informed`,
        'Case closed',
      ]) {
        assert.equal(
          titles.filter((t) => t === expected).length,
          1,
          `the chronology shows "${expected}" once; it shows:\n${titles.join('\n')}`,
        );
      }
      assert.equal(titles.length, 7, `7 events (with the case opened), no more:\n${titles.join('\n')}`);
      assert.ok(!titles.some((t) => /signed off/.test(t)), 'no sign-off was recorded');
      const whole = entries.map((e) => e.text).join('\n');
      for (const text of [E5.reference, 'ARGONAUT-TULIP-5093', 'LABRADOR-SEXTANT-1187', 'QUINCE-MERIDIAN-7765'])
        assert.ok(whole.includes(text), `the chronology shows "${text}"`);
      await screen('13-chronology');

      assertNoProblems(
        {
          ...problems,
          csp: watch.csp,
          console: watch.console,
          'requests to other origins': watch.foreign,
          'other checks': soft.problems,
        },
        'The E5 flow went from disclosure to closed (every step above was checked); these problems were found on the way:',
      );
    },
    { timeout: 180_000 },
  ),
];
