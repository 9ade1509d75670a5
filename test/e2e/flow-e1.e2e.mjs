// EXAMPLES.md E1, offline from start to end: a member of staff records a disclosure from the lock
// screen without unlocking (and cannot read it back); the DSL opens it from the inbox as a case,
// holds the initial review (experimental; risk assessment and "the school may manage this"),
// records the decision through "check your answers", the risk assessment and the parents of each
// young person; the Headteacher unlocks and signs off with a typed name and their passphrase (and
// cannot record a step); the DSL plans and confirms deletion per young person and closes the
// case; the chronology shows every step. Then docs/SECURITY.md test 1: a raw dump of everything the
// origin stores holds none of the names or notes typed, nor the recovery key or a passphrase.
// Every screen on the way: screenshots at both tablet sizes, axe and touch targets.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { ClosePage, DeletionPage, ParentsPage, RiskAssessmentPage, SignOffPage } from './pages/CasePages.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { assertNoProblems, checkScreen, softChecks, watchContext } from './support/checks.mjs';
import { DSL, HEAD, dumpIndexedDb, lockApp, setUpDevice, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

/** Everything typed about the incident: none of it may be stored or shown where it must not be. */
export const E1 = {
  writer: 'Ottoline Vexley',
  disclosedBy: 'Leofric Thistlewood, Year 11',
  maya: 'Mirabelle Quenby',
  leo: 'Leofric Thistlewood',
  account:
    'Mirabelle sent me a topless photo on Snapchat last night. Nobody else has seen it. I am worried about her. ZANZIBAR-PELICAN-7731',
  spread: 'Only Leofric has it, he says. MARZIPAN-OSPREY-3306',
  attendee: 'Marguerite Oyelaran, Head of Year 11',
  meeting: 'Both 16, a couple; no pressure, no adult. QUOKKA-LANTERN-5520',
  rationale: 'Experimental, consensual, contained: managed in school with a risk assessment. TAMARIND-FALCON-8814',
  risk: 'Shared within the relationship only. HALCYON-MARMOSET-9012',
  informedBy: 'Marguerite Oyelaran',
  place: 'Snapchat memories VESPERTINE-4471',
  how: 'Confirmed in person, including recently deleted. PERIWINKLE-BADGER-6610',
  closing: 'Both have deleted it; parents informed; support in place. OBSIDIAN-HERON-2208',
};

export const tests = [
  test(
    'E1, offline: staff disclosure from the lock screen, review, risk, parents, Headteacher sign-off, deletion, closed; nothing readable is stored',
    async ({ context, page, baseURL }) => {
      const watch = await watchContext(context, page, baseURL);
      const problems = { axe: [], touch: [] };
      const soft = softChecks();
      /** Screenshots at both sizes, axe and touch targets, for the page as it is now. */
      const screen = (name) => checkScreen(page, `e1-${name}`, problems, (label) => shootBoth(page, label));

      // First visit online (the service worker installs and takes control), then no network at all.
      const setup = await new SetupPage(page).open();
      await setup.waitForOfflineReady();
      await context.setOffline(true);
      assert.ok(await setup.fetchFails(`/not-cached-${Date.now()}.txt`), 'the network is really gone');
      await page.reload();
      await setup.waitUntilShown();
      await screen('01-setup');

      const { recoveryKey } = await setUpDevice(page, { waitForServiceWorker: false, shoot: screen });
      const lock = new LockScreenPage(page);
      await screen('02-lock-screen');

      // ---- A member of staff records the disclosure, without unlocking -----------------------
      await lock.recordDisclosureLink.click();
      const staff = await new StaffDisclosurePage(page).waitUntilShown();
      await staff.guidanceHeading.waitFor();
      assert.match(await staff.mainText(), /call 999/);
      assert.match(await staff.mainText(), new RegExp(`DSL: ${DSL.name}`));
      await screen('03-disclose-guidance');
      await staff.start();
      await screen('04-disclose-who');
      await staff.answerWho({ disclosedBy: E1.disclosedBy, disclosedTo: E1.writer });
      await screen('05-disclose-what');
      await staff.answerWhat({ account: E1.account, platforms: 'Snapchat', spread: E1.spread });
      await screen('06-disclose-people');
      await staff.answerPeople([
        { name: E1.maya, age: 16 },
        { name: E1.leo, age: 16 },
      ]);
      assert.match(await staff.mainText(), /ZANZIBAR-PELICAN-7731/, 'check your answers shows what was typed');
      await screen('07-disclose-check');
      await staff.seal();
      await screen('08-disclose-sealed');

      // docs/SECURITY.md test 4: the writer cannot read it back: nothing typed is on screen or in the
      // page, not after going back, not at any address, without unlocking.
      const typed = [E1.writer, E1.maya, E1.leo, 'ZANZIBAR-PELICAN-7731', 'MARZIPAN-OSPREY-3306'];
      const inPage = () =>
        page.evaluate(() =>
          [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].map((e) => e.value)].join(
            '\n',
          ),
        );
      for (const t of typed) assert.ok(!(await inPage()).includes(t), `"${t}" is still in the page after sealing`);
      await page.goBack();
      await page.waitForLoadState();
      for (const t of typed) assert.ok(!(await inPage()).includes(t), `"${t}" came back after going back`);
      for (const path of ['/disclose', '/inbox', '/', '/cases/anything', '/settings']) {
        await page.goto(path);
        await page.locator('main h1').first().waitFor();
        for (const t of typed) assert.ok(!(await inPage()).includes(t), `"${t}" is shown at ${path} without unlocking`);
      }
      await page.goto('/');
      await lock.waitUntilShown();

      // ---- The DSL unlocks and opens it from the inbox ---------------------------------------
      const home = await unlock(page, DSL);
      assert.match(await home.inboxLink.innerText(), /Disclosure inbox \(1 new\)/);
      await screen('09-home-with-inbox');
      await home.inboxLink.click();
      const inbox = await new InboxPage(page).waitUntilShown();
      assert.match(
        await inbox.item(E1.writer).innerText(),
        /ZANZIBAR-PELICAN-7731/,
        'the DSL reads the sealed disclosure',
      );
      await screen('10-inbox');
      const review = await inbox.openAsCase(E1.writer);
      const caseId = review.caseIdFromUrl();
      assert.ok(caseId, 'the disclosure became a case');

      // ---- Initial review meeting --------------------------------------------------------------
      await review.attendees([`${DSL.name}, DSL`, E1.attendee]);
      await review.person(1, {
        sen: 'no',
        socialCare: 'none',
        involvement: ['Pictured in the imagery', 'Shared or sent it'],
      });
      await review.person(2, {
        sen: 'no',
        socialCare: 'none',
        involvement: ['Received or saw it', 'Told us about it'],
      });
      await review.facts();
      await review.spread('contained', 'Snapchat');
      await review.meetingAnswers({ immediateRisk: E1.meeting, contactParents: 'Yes, both families today.' });
      await review.at('decision');
      assert.match(await review.typology.innerText(), /The app proposes experimental/);
      assert.equal(await review.route('risk-assessment').getAttribute('data-strength'), 'recommended');
      assert.ok(await review.route('school-manage').count(), 'the policy offers "the school may manage this"');
      assert.equal(await review.route('mash-referral').count(), 0, 'no referral is proposed for E1');
      assert.ok(await review.routeChoice('Assess the risks').isChecked(), 'the recommended route is ticked');
      await review.routeChoice('The school may manage this').check();
      await review.rationale(E1.rationale);
      await screen('11-review');
      const check = await review.continueToCheck();
      const answers = await check.answers();
      assert.equal(answers['The app proposed'], 'experimental');
      assert.match(answers['Your typology'], /^experimental/);
      assert.equal(answers['Your routes'], 'Assess the risks; The school may manage this');
      assert.match(answers['Attended'], /Marguerite Oyelaran/);
      assert.match(await check.mainText(), /will need the Headteacher’s sign-off/);
      await screen('12-review-check-answers');
      await check.record();
      let tasks = await new CaseTaskListPage(page).waitUntilShown();
      const reference = await tasks.reference();
      assert.match(reference, /^YPSI-\d{4}-\d{4}$/);
      assert.deepEqual(
        {
          disclosure: await tasks.status('disclosure'),
          review: await tasks.status('initial-review'),
          risk: await tasks.status('risk-assessment'),
          signOff: await tasks.status('sign-off'),
          close: await tasks.status('close'),
        },
        {
          disclosure: 'Completed',
          review: 'Completed',
          risk: 'Not started',
          signOff: 'Not started',
          close: 'Cannot start yet',
        },
      );
      // The domain marks tasks the decision does not need, and optional ones (src/domain/tasks.ts).
      await soft.check('task list: tasks not needed, and optional ones, say so', async () =>
        assert.deepEqual(
          {
            referrals: await tasks.status('referrals'),
            viewing: await tasks.status('viewing'),
            conversations: await tasks.status('conversations'),
          },
          { referrals: 'Not needed', viewing: 'Only if justified', conversations: 'Optional' },
        ),
      );
      await screen('13-task-list-after-review');

      // ---- Risk assessment, parents ------------------------------------------------------------
      const risk = await tasks.openTask('Risk assessment', RiskAssessmentPage);
      await screen('14-risk');
      tasks = await risk.record({ level: 'Low', answers: { why: E1.risk, pressure: 'No.' } });
      assert.equal(await tasks.status('risk-assessment'), 'Completed');
      for (const [i, who] of [E1.maya, E1.leo].entries()) {
        const parents = await tasks.openTask('Parents and carers', ParentsPage);
        if (i === 0) await screen('15-parents');
        tasks = await parents.recordInformed(who, E1.informedBy);
      }
      assert.equal(await tasks.status('parents'), 'Completed');
      await screen('16-task-list-awaiting-sign-off');

      // ---- The Headteacher signs off (and cannot record a step) -------------------------------
      await lockApp(page);
      assert.match(await lock.notice.innerText(), /Locked/);
      await screen('17-lock-screen-after-lock');
      // Locked, the case's own addresses show the lock screen and nothing of the case.
      for (const path of [`/cases/${caseId}`, `/cases/${caseId}/disclosure`, `/cases/${caseId}/chronology`]) {
        await page.goto(path);
        await lock.waitUntilShown();
        for (const t of typed) assert.ok(!(await inPage()).includes(t), `"${t}" is shown at ${path} while locked`);
      }
      await page.goto('/');
      await lock.waitUntilShown();
      let headHome = await unlock(page, HEAD);
      assert.match(await headHome.caseRow(reference).innerText(), /Decision not to refer awaits Headteacher sign-off/);
      await screen('18-home-headteacher');
      await headHome.caseLink(reference).click();
      tasks = await new CaseTaskListPage(page).waitUntilShown();
      // docs/SECURITY.md test 4: the Headteacher reads and signs off; recording a step is refused.
      const asHead = await tasks.openTask('Parents and carers', ParentsPage);
      await asHead.page.locator('[id="person-fieldset"]').getByRole('radio', { name: E1.maya, exact: true }).check();
      await asHead.main.getByRole('radio', { name: 'The young person will tell them, with our support' }).check();
      await asHead.button('Save').click();
      const refusal = (await asHead.errors()).join(' ');
      assert.match(refusal, /As Headteacher you cannot record parents and carers/);
      await screen('19-headteacher-refused');
      tasks = await asHead.toTaskList();
      const signOff = await tasks.openTask('Headteacher sign-off', SignOffPage);
      assert.match(await signOff.mainText(), /You are signed in as Helen Okafor \(Headteacher\)/);
      assert.match(
        await signOff.mainText(),
        /TAMARIND-FALCON-8814/,
        'the decision and its reasons are on the sign-off screen',
      );
      await screen('20-sign-off');
      await signOff.signTyped({ passphrase: HEAD.passphrase });
      tasks = await new CaseTaskListPage(page).waitUntilShown();
      assert.equal(await tasks.status('sign-off'), 'Completed');
      await screen('21-task-list-signed-off');
      await lockApp(page);

      // ---- The DSL: deletion, planned and confirmed per young person; then closed --------------
      const dslHome = await unlock(page, DSL);
      await dslHome.caseLink(reference).click();
      tasks = await new CaseTaskListPage(page).waitUntilShown();
      assert.equal(await tasks.status('deletion'), 'Not started');
      const deletion = await tasks.openTask('Deleting the imagery', DeletionPage);
      await screen('22-deletion-plan');
      const deadline = new Date(Date.now() + 7 * 86_400_000);
      const deadlineIso = `${deadline.getFullYear()}-${String(deadline.getMonth() + 1).padStart(2, '0')}-${String(deadline.getDate()).padStart(2, '0')}`;
      await deletion.plan({
        deadline,
        where: { [E1.maya]: ['Phone (camera roll)', E1.place], [E1.leo]: ['Phone (camera roll)'] },
      });
      await screen('23-deletion-planned');
      await deletion.confirm('Phone (camera roll)', E1.maya, E1.how);
      await deletion.confirm(E1.place, E1.maya, E1.how);
      await deletion.confirm('Phone (camera roll)', E1.leo, E1.how);
      assert.match(await deletion.mainText(), /All confirmed/);
      await screen('24-deletion-confirmed');
      tasks = await deletion.toTaskList();
      assert.equal(await tasks.status('deletion'), 'Completed');
      assert.equal(await tasks.status('close'), 'Not started');
      const close = await tasks.openTask('Close the case', ClosePage);
      await screen('25-close');
      tasks = await close.close(E1.closing);
      assert.equal(await tasks.status('close'), 'Completed');
      assert.equal(await tasks.stage(), 'Closed');
      await screen('26-task-list-closed');

      // ---- The chronology shows every step -----------------------------------------------------
      const chronology = await tasks.openChronology();
      const entries = await chronology.entries();
      const titles = entries.map((e) => e.title);
      for (const expected of [
        `Case ${reference} opened`,
        'Disclosure recorded',
        'Initial review decision: experimental',
        'Risk assessment: low risk (WSCB Risk Assessment Matrix)',
        `Parents and carers of ${E1.maya}: informed`,
        `Parents and carers of ${E1.leo}: informed`,
        `Decision signed off by ${HEAD.name}`,
        `Deletion planned, deadline ${deadlineIso}`,
        `Deletion confirmed: ${E1.maya}, Phone (camera roll)`,
        `Deletion confirmed: ${E1.maya}, ${E1.place}`,
        `Deletion confirmed: ${E1.leo}, Phone (camera roll)`,
        'Case closed',
      ]) {
        assert.equal(
          titles.filter((t) => t === expected).length,
          1,
          `the chronology shows "${expected}" once; it shows:\n${titles.join('\n')}`,
        );
      }
      assert.equal(titles.length, 12, `12 events, no more:\n${titles.join('\n')}`);
      assert.equal(titles.at(-1), 'Case closed');
      // "In the order things happened": each step here could only happen after the one before it.
      const inOrder = [
        `Case ${reference} opened`,
        'Initial review decision: experimental',
        'Risk assessment: low risk (WSCB Risk Assessment Matrix)',
        `Decision signed off by ${HEAD.name}`,
        `Deletion planned, deadline ${deadlineIso}`,
        `Deletion confirmed: ${E1.leo}, Phone (camera roll)`,
        'Case closed',
      ];
      await soft.check('chronology order', () =>
        assert.deepEqual(
          titles.filter((t) => inOrder.includes(t)),
          inOrder,
          'the chronology lists the steps in the order they happened (the sign-off before the deletion it allows)',
        ),
      );
      const whole = entries.map((e) => e.text).join('\n');
      for (const note of [
        'ZANZIBAR-PELICAN-7731',
        'TAMARIND-FALCON-8814',
        'HALCYON-MARMOSET-9012',
        'PERIWINKLE-BADGER-6610',
        'OBSIDIAN-HERON-2208',
      ]) {
        assert.ok(whole.includes(note), `the chronology shows "${note}"`);
      }
      assert.match(whole, new RegExp(`${HEAD.name} \\(Headteacher\\)`), 'who did each step is shown');
      await screen('27-chronology');

      // ---- docs/SECURITY.md test 1: nothing typed is stored readable anywhere ------------------------
      const stored = await dumpEverything(page);
      const secrets = [
        E1.writer,
        E1.maya,
        E1.leo,
        E1.attendee,
        ...Object.values(E1)
          .join(' ')
          .match(/[A-Z]+-[A-Z]+-\d{4}/g),
        'VESPERTINE-4471',
        recoveryKey,
        recoveryKey.replace(/[^0-9A-Z]/gi, ''),
        DSL.passphrase,
        HEAD.passphrase,
      ];
      const leaks = secrets.filter((s) => stored.toLowerCase().includes(s.toLowerCase()));
      assert.deepEqual(leaks, [], 'found in IndexedDB, localStorage, sessionStorage or Cache Storage');
      assert.ok(stored.includes('"ypsi-response"'), 'the dump did read the app’s database');
      assert.ok(stored.includes(HEAD.name), 'the dump includes the (public) key holders’ names, so it is not empty');

      // docs/SECURITY.md test 9, for this flow; and no CSP violation or console error on the way.
      // (Everything above passed: what is left are problems of the screens the flow went through.)
      assertNoProblems(
        {
          ...problems,
          csp: watch.csp,
          console: watch.console,
          'requests to other origins': watch.foreign,
          'other checks': soft.problems,
        },
        'The E1 flow went from disclosure to closed (every step above was checked); these problems were found on the way:',
      );
    },
    { timeout: 240_000 },
  ),
];

/** IndexedDB (every store), localStorage, sessionStorage and Cache Storage, as one text. */
async function dumpEverything(page) {
  const idb = await dumpIndexedDb(page);
  const web = await page.evaluate(async () => {
    const storage = (s) =>
      Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    const cached = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        cached.push(`${request.url}\n${response ? await response.text() : ''}`);
      }
    }
    return { local: storage(localStorage), session: storage(sessionStorage), caches: cached };
  });
  assert.ok(web.caches.length > 5, 'Cache Storage was read');
  return JSON.stringify({ idb: Object.keys(idb).length ? idb : null, ...web });
}
