// Issue 13 "done when": a team of three tablets runs both worked case types of EXAMPLES.md end to
// end with no file carried between them, only through the school's server (pouchdb-server here).
// Tablet A is the DSL's, B the deputy's, C the staff room's (the Headteacher joined it). Each hand
// over is what a team does: the tablet that recorded syncs, the next one syncs, and carries on.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import {
  ClosePage,
  DeletionPage,
  ParentsPage,
  ReferralsPage,
  RiskAssessmentPage,
  SignOffPage,
} from './pages/CasePages.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { E1 } from './flow-e1.e2e.mjs';
import { ESTABLISHMENT } from './support/device.mjs';
import { assert, saveScreenshot, test } from './support/harness.mjs';
import { DB, DEPUTY, DSL, HEAD, startTeam, syncNow, unlockAndSync } from './support/team.mjs';

/** EXAMPLES.md E5: an image went round her year group and she is self-harming. */
const E5 = {
  priya: 'Priyanka Vellacott',
  disclosedBy: 'Priyanka Vellacott, Year 10',
  account: 'Everyone in my year has seen the picture. I have been cutting myself since. CINNABAR-GECKO-4410',
  rationale: 'Immediate risk of harm: referred to the MASH at once. LABRADOR-SEXTANT-1187',
  reference: 'MASH-2026-118834',
  outcome: 'Strategy discussion held; social worker allocated; the MASH leads. ARGONAUT-TULIP-5093',
  closing: 'Referred; the MASH leads; parents informed; school support plan in place. QUINCE-MERIDIAN-7765',
};

const TABLETS = [
  { name: 'brookfield-tablet-b', holder: DEPUTY },
  { name: 'brookfield-tablet-c', holder: HEAD },
];

/** Opens the case from a tablet's home screen; resolves with its task list. */
async function openCase(page, reference, { closed = false } = {}) {
  const home = await new HomePage(page).visit('/');
  if (closed) await home.showClosedCases();
  await home.caseLink(reference).click();
  return new CaseTaskListPage(page).waitUntilShown();
}

/** The case as each tablet shows it: its stage and its chronology's titles, in order. */
async function caseAsShown(page, reference) {
  const tasks = await openCase(page, reference, { closed: true });
  const stage = await tasks.stage();
  const chronology = await tasks.openChronology();
  return { stage, titles: (await chronology.entries()).map((e) => e.title) };
}

/** Every typed word of a case is absent from what the server holds. */
async function assertServerHoldsNone(server, words) {
  const dump = JSON.stringify(await server.docs(DB));
  for (const word of words) assert.ok(!dump.includes(word), `the server holds "${word}"`);
}

export const tests = [
  test(
    'E1 on three tablets: sealed in the staff room (C), accepted and reviewed by the DSL (A), the deputy continues (B), the Headteacher signs off (C), deletion and closing (A); every tablet shows the same closed case',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: TABLETS });
      try {
        const a = team.a.page;
        const [b, c] = team.tablets.map((t) => t.page);

        // C, in the staff room: a member of staff seals the disclosure without unlocking.
        const staff = await new StaffDisclosurePage(c).open();
        await staff.start();
        await staff.answerWho({ disclosedBy: E1.disclosedBy, disclosedTo: E1.writer });
        await staff.answerWhat({ account: E1.account, platforms: 'Snapchat', spread: E1.spread });
        await staff.answerPeople([
          { name: E1.maya, age: 16 },
          { name: E1.leo, age: 16 },
        ]);
        await staff.seal();
        // The Headteacher unlocks C later: it sends the sealed disclosure.
        await unlockAndSync(c, HEAD);

        // A: the DSL's inbox has it (the live feed brings it), and she opens it as a case.
        const homeA = await new HomePage(a).visit('/');
        await homeA.inboxLink.filter({ hasText: '(1 new)' }).waitFor({ timeout: 60_000 });
        await homeA.inboxLink.click();
        const inbox = await new InboxPage(a).waitUntilShown();
        assert.match(await inbox.item(E1.writer).innerText(), /ZANZIBAR-PELICAN-7731/);
        const review = await inbox.openAsCase(E1.writer);
        await review.attendees([`${DSL.name}, DSL`, E1.attendee]);
        await review.person(1, { sen: 'no', socialCare: 'none', involvement: ['Pictured in the imagery'] });
        await review.person(2, { sen: 'no', socialCare: 'none', involvement: ['Received or saw it'] });
        await review.facts();
        await review.spread('contained', 'Snapchat');
        await review.meetingAnswers({ immediateRisk: E1.meeting, contactParents: 'Yes, both families today.' });
        await review.at('decision');
        await review.routeChoice('The school may manage this').check();
        await review.rationale(E1.rationale);
        await (await review.continueToCheck()).record();
        let tasks = await new CaseTaskListPage(a).waitUntilShown();
        const reference = await tasks.reference();
        await syncNow(a);

        // B: the deputy unlocks her own tablet, finds the case, assesses the risk and tells the parents.
        const homeB = await unlockAndSync(b, DEPUTY);
        assert.match(await homeB.caseRow(reference).innerText(), /Decision not to refer awaits Headteacher sign-off/);
        tasks = await openCase(b, reference);
        assert.equal(await tasks.status('initial-review'), 'Completed', 'the review recorded on A shows on B');
        tasks = await (
          await tasks.openTask('Risk assessment', RiskAssessmentPage)
        ).record({
          level: 'Low',
          answers: { why: E1.risk, pressure: 'No.' },
        });
        for (const who of [E1.maya, E1.leo])
          tasks = await (await tasks.openTask('Parents and carers', ParentsPage)).recordInformed(who, E1.informedBy);
        assert.equal(await tasks.status('parents'), 'Completed');
        await syncNow(b);

        // C: the Headteacher (unlocked since she sent the disclosure) signs off what A and B recorded.
        await syncNow(c);
        tasks = await openCase(c, reference);
        assert.equal(await tasks.status('risk-assessment'), 'Completed', 'B’s risk assessment shows on C');
        const signOff = await tasks.openTask('Headteacher sign-off', SignOffPage);
        assert.match(await signOff.mainText(), /TAMARIND-FALCON-8814/, 'the decision made on A is on C');
        await signOff.signTyped({ passphrase: HEAD.passphrase });
        tasks = await new CaseTaskListPage(c).waitUntilShown();
        assert.equal(await tasks.status('sign-off'), 'Completed');
        await syncNow(c);

        // A: the DSL plans and confirms the deletion, and closes the case.
        await syncNow(a);
        tasks = await openCase(a, reference);
        assert.equal(await tasks.status('sign-off'), 'Completed', 'the sign-off on C shows on A');
        const deletion = await tasks.openTask('Deleting the imagery', DeletionPage);
        await deletion.plan({
          deadline: new Date(Date.now() + 7 * 86_400_000),
          where: { [E1.maya]: ['Phone (camera roll)'], [E1.leo]: ['Phone (camera roll)'] },
        });
        await deletion.confirm('Phone (camera roll)', E1.maya, E1.how);
        await deletion.confirm('Phone (camera roll)', E1.leo, E1.how);
        tasks = await (await (await deletion.toTaskList()).openTask('Close the case', ClosePage)).close(E1.closing);
        assert.equal(await tasks.stage(), 'Closed');
        await syncNow(a);

        // Every tablet shows the same closed case, each step once, in the same order.
        await Promise.all([syncNow(b), syncNow(c)]);
        const [onA, onB, onC] = await Promise.all([a, b, c].map((page) => caseAsShown(page, reference)));
        for (const [page, name] of [
          [a, 'a'],
          [b, 'b'],
          [c, 'c'],
        ])
          await saveScreenshot(page, `sync-e1-chronology-on-tablet-${name}`);
        assert.equal(onA.stage, 'Closed');
        assert.deepEqual(onB, onA, 'B shows the case as A does');
        assert.deepEqual(onC, onA, 'C shows the case as A does');
        for (const expected of [
          `Case ${reference} opened`,
          'Initial review decision: experimental',
          'Risk assessment: low risk (WSCB Risk Assessment Matrix)',
          `Parents and carers of ${E1.maya}: informed`,
          `Parents and carers of ${E1.leo}: informed`,
          `Decision signed off by ${HEAD.name}`,
          `Deletion confirmed: ${E1.leo}, Phone (camera roll)`,
          'Case closed',
        ])
          assert.equal(
            onA.titles.filter((t) => t === expected).length,
            1,
            `"${expected}" once:\n${onA.titles.join('\n')}`,
          );
        assert.equal(onA.titles.at(-1), 'Case closed');

        await assertServerHoldsNone(team.server, [
          E1.writer,
          E1.maya,
          E1.leo,
          E1.attendee,
          'ZANZIBAR-PELICAN-7731',
          'TAMARIND-FALCON-8814',
          'OBSIDIAN-HERON-2208',
          DEPUTY.name,
          reference,
        ]);
      } catch (error) {
        await team.shootOnFailure('syncTeam-e1');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 240_000 },
  ),
  test(
    'E5 on three tablets: the DSL reviews on A and the app says "act now", the deputy on B sees it, makes the MASH referral and records its outcome, the DSL closes it on the staff-room tablet C; every tablet shows the same closed case',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: TABLETS });
      try {
        const a = team.a.page;
        const [b, c] = team.tablets.map((t) => t.page);

        // A: the DSL was told directly; immediate risk of harm.
        const disclosure = await (await new HomePage(a).visit('/')).startNewCase();
        const review = await disclosure.record({
          disclosedBy: E5.disclosedBy,
          relation: 'The young person it is about',
          account: E5.account,
          platforms: 'Snapchat, WhatsApp',
          spread: 'Her whole year group.',
          people: [{ name: E5.priya, age: 15, involvement: ['Pictured in the imagery', 'Told us about it'] }],
        });
        await review.attendees([`${DSL.name}, DSL`]);
        await review.person(1, { sen: 'no', socialCare: 'none' });
        await review.facts({ immediateRiskOfHarm: 'yes', sharedWithoutConsent: 'yes', harmOrDistress: 'yes' });
        await review.spread('wide', 'Snapchat, WhatsApp');
        assert.equal(await review.route('mash-referral').getAttribute('data-strength'), 'act-now');
        await review.at('decision');
        await review.rationale(E5.rationale);
        await (await review.continueToCheck()).record();
        await new ReferralsPage(a).waitUntilShown();
        const reference = await new ReferralsPage(a).reference();
        await syncNow(a);

        // B: the deputy's tablet says "act now" too, and she makes the referral, then records its outcome.
        const homeB = await unlockAndSync(b, DEPUTY);
        assert.match(await homeB.caseRow(reference).innerText(), /Refer to the MASH: act now/);
        let tasks = await openCase(b, reference);
        assert.match(await tasks.urgentBanner.innerText(), /refer to the MASH now/, 'the act-now banner shows on B');
        let referrals = await tasks.openTask('Referrals (MASH, police, LADO)', ReferralsPage);
        await referrals.recordReferral({
          phone: ESTABLISHMENT.mashPhone,
          reference: E5.reference,
          note: 'Told them about the self-harm and the spread.',
        });
        await referrals.recordOutcome({ outcome: E5.outcome, next: 'The agency leads; the school supports' });
        tasks = await referrals.toTaskList();
        assert.equal(await tasks.status('referrals'), 'Completed');
        await syncNow(b);

        // C, the staff-room tablet: the DSL unlocks it, tells the parents and closes the case.
        await unlockAndSync(c, DSL);
        tasks = await openCase(c, reference);
        assert.equal(await tasks.status('referrals'), 'Completed', 'the referral made on B shows on C');
        assert.equal(await tasks.urgentBanner.count(), 0, 'and the "refer now" banner has gone');
        tasks = await (await tasks.openTask('Parents and carers', ParentsPage)).recordInformed(E5.priya, DSL.name);
        tasks = await (await tasks.openTask('Close the case', ClosePage)).close(E5.closing);
        assert.equal(await tasks.stage(), 'Closed');
        await syncNow(c);

        await Promise.all([syncNow(a), syncNow(b)]);
        const [onA, onB, onC] = await Promise.all([a, b, c].map((page) => caseAsShown(page, reference)));
        assert.equal(onA.stage, 'Closed');
        assert.deepEqual(onB, onA, 'B shows the case as A does');
        assert.deepEqual(onC, onA, 'C shows the case as A does');
        assert.deepEqual(
          onA.titles.filter((t) => t !== `Case ${reference} opened`),
          [
            'Disclosure recorded',
            'Initial review decision: aggravated',
            'Referral to the MASH',
            'Referral outcome',
            `Parents and carers of ${E5.priya}: informed`,
            'Case closed',
          ],
          'each step once, in the order it happened, and no sign-off',
        );
        await assertServerHoldsNone(team.server, [
          E5.priya,
          E5.reference,
          'CINNABAR-GECKO-4410',
          'ARGONAUT-TULIP-5093',
        ]);
      } catch (error) {
        await team.shootOnFailure('syncTeam-e5');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 240_000 },
  ),
];
