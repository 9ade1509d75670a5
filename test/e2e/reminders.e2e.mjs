// Reminders (issue 7), offline, with the page's clock ours to move: the DSL enters term dates
// (refused at the field when they overlap), records a referral on Monday 2 November 2026; it is
// waiting (due 5 school days later, the INSET day on Thursday not counted) and not overdue, on the
// reminders screen and in the home count. The clock moves past the due date; after a reload and
// unlock the same reminder is overdue, on the reminders screen, the home count, the navigation and
// the app badge. Recording the outcome ends it; locking clears the badge.
import { ReferralsPage } from './pages/CasePages.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { RemindersPage } from './pages/RemindersPage.mjs';
import { SettingsPage } from './pages/SettingsPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { assertNoProblems, checkScreen, watchContext } from './support/checks.mjs';
import { DSL, createCaseWithNotes, lockApp, setUpDevice, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

const MONDAY = new Date('2026-11-02T09:00:00');
const NEXT_WEDNESDAY = new Date('2026-11-11T09:00:00');

export const tests = [
  test(
    'a referral with no outcome waits, then shows as overdue once its date passes (clock moved), on the reminders screen, the home count and the badge; offline',
    async ({ context, page, baseURL }) => {
      const watch = await watchContext(context, page, baseURL);
      const problems = { axe: [], touch: [] };
      const screen = (name) => checkScreen(page, `reminders-${name}`, problems, (label) => shootBoth(page, label));
      // The Badging API has no visible effect in a headless browser: record what the app asks of it.
      await context.addInitScript(() => {
        const calls = [];
        Object.defineProperty(window, '__badgeCalls', { value: calls });
        navigator.setAppBadge = (n) => (calls.push(n), Promise.resolve());
        navigator.clearAppBadge = () => (calls.push(0), Promise.resolve());
      });
      const lastBadge = () => page.evaluate(() => window.__badgeCalls.at(-1));
      await page.clock.install({ time: MONDAY });

      // Set up online (the service worker takes control), then no network at all.
      const setup = await new SetupPage(page).open();
      await setup.waitForOfflineReady();
      await context.setOffline(true);
      assert.ok(await setup.fetchFails(`/not-cached-${Date.now()}.txt`), 'the network is really gone');
      await page.reload();
      await setup.waitUntilShown();
      await setUpDevice(page, { waitForServiceWorker: false });
      let home = await unlock(page, DSL);
      assert.match(await home.main.getByTestId('home-reminders').innerText(), /Reminders: nothing due/);
      assert.equal(await lastBadge(), 0, 'no badge with nothing due');

      // ---- Term dates: refused at the field when they overlap, then saved --------------------
      const settings = await new SettingsPage(page).visit();
      await settings.main.getByRole('heading', { name: 'School term dates', level: 2 }).waitFor();
      await settings.addTerm(1, [2, 9, 2026], [23, 10, 2026]);
      await settings.addTerm(2, [20, 10, 2026], [18, 12, 2026]);
      await settings.saveTermDates();
      assert.deepEqual(await settings.errors(), ['Term 2 overlaps term 1: terms cannot share days']);
      assert.match(await settings.term(2).innerText(), /Term 2 overlaps term 1/, 'the message is at the field');
      await screen('01-term-dates-error');
      await settings.term(2).getByRole('group', { name: 'First day' }).getByLabel('Day', { exact: true }).fill('2');
      await settings.term(2).getByRole('group', { name: 'First day' }).getByLabel('Month', { exact: true }).fill('11');
      await settings.setClosures(['5 11 2026']);
      await settings.saveTermDates();
      await settings.main.getByText('Term dates and reminder timings saved.').waitFor();

      // ---- A referral is recorded on Monday 2 November: waiting, not overdue ------------------
      const { caseId, reference } = await createCaseWithNotes(page, { name: 'Ferdinand Quillby' });
      const referrals = await new ReferralsPage(page).visitCase(caseId);
      await referrals.recordReferral({ to: 'Wolverhampton MASH' });

      let reminders = await new RemindersPage(page).visit();
      await reminders.waitForList();
      assert.equal(await reminders.groupHeading('overdue'), 'Overdue (0)');
      const waiting = reminders.reminder('waiting', 'Outcome of referral to Wolverhampton MASH');
      // Tue 3, Wed 4, (Thu 5 INSET), Fri 6, Mon 9, Tue 10 November.
      assert.match(
        await waiting.innerText(),
        new RegExp(
          `${reference}: Outcome of referral to Wolverhampton MASH[\\s\\S]*R14\\.2[\\s\\S]*Waiting[\\s\\S]*Due 10 November 2026`,
        ),
      );
      assert.equal(await waiting.locator('.app-tag--red').count(), 0, 'no red before it is overdue');
      assert.ok(await reminders.reminder('soon', 'Make the first backup').count(), 'no backup yet: due now');
      await screen('02-waiting');
      home = await new HomePage(page).visit('/');
      const homeCount = home.main.getByTestId('home-reminders');
      assert.equal((await homeCount.innerText()).trim(), 'Reminders: 1 due soon, 1 waiting');
      assert.equal(await homeCount.locator('.app-tag--red').count(), 0);
      assert.equal(await lastBadge(), 1, 'the badge counts what needs attention now (the backup)');

      // ---- Nine days later: overdue --------------------------------------------------------
      await page.clock.setSystemTime(NEXT_WEDNESDAY);
      await page.reload();
      home = await unlock(page, DSL);
      assert.equal((await homeCount.innerText()).trim(), 'Overdue Reminders: 1 overdue, 1 due soon');
      assert.equal(await homeCount.locator('.app-tag--red').innerText(), 'Overdue');
      assert.ok(await home.navLink('Reminders (2)').count(), 'the navigation shows the count');
      await page.waitForFunction(() => window.__badgeCalls.at(-1) === 2);
      await screen('03-home-overdue');
      await homeCount.getByRole('link').click();
      reminders = await new RemindersPage(page).waitUntilShown();
      await reminders.waitForList();
      assert.equal(await reminders.groupHeading('overdue'), 'Overdue (1)');
      const overdue = reminders.reminder('overdue', 'Outcome of referral to Wolverhampton MASH');
      assert.match(await overdue.innerText(), /Overdue[\s\S]*Was due 10 November 2026/);
      assert.equal(await overdue.locator('.app-tag--red').innerText(), 'Overdue');
      assert.equal(await reminders.groupHeading('waiting'), 'Waiting (0)');
      await screen('04-overdue');

      // ---- The outcome is recorded: the reminder ends ----------------------------------------
      await overdue.getByRole('link', { name: new RegExp(`^${reference}: Outcome`) }).click();
      await new ReferralsPage(page).waitUntilShown();
      // The Referrals screen says the same, where the outcome is recorded.
      const chase = page.getByRole('region', { name: 'Outcomes to chase' });
      assert.match(
        await chase.innerText(),
        /Outcome of referral to Wolverhampton MASH[\s\S]*Overdue[\s\S]*Was due 10 November 2026/,
      );
      assert.equal(await chase.locator('.app-tag--red').innerText(), 'Overdue');
      await screen('05-referrals-chase');
      await new ReferralsPage(page).recordOutcome({ outcome: 'MASH: no further action; the school monitors.' });
      reminders = await new RemindersPage(page).visit();
      await reminders.waitForList();
      assert.equal(await reminders.groupHeading('overdue'), 'Overdue (0)');
      assert.equal(await reminders.main.getByText('Outcome of referral').count(), 0);
      await page.waitForFunction(() => window.__badgeCalls.at(-1) === 1);

      // The backup reminder leads to the backup section of Settings, in view.
      await reminders
        .reminder('soon', 'Make the first backup')
        .getByRole('link', { name: 'Make the first backup of these records' })
        .click();
      const backupSettings = await new SettingsPage(page).waitUntilShown();
      await backupSettings.main.getByRole('heading', { name: 'Encrypted backup' }).waitFor();
      await page.waitForFunction(() => {
        const r = document.getElementById('backup')?.getBoundingClientRect();
        return !!r && r.top > -2 && r.top < window.innerHeight && document.activeElement?.id === 'backup';
      });

      // ---- Locking clears the badge: a locked tablet shows nothing derived from the records ----
      await lockApp(page);
      await new LockScreenPage(page).waitUntilShown();
      await page.waitForFunction(() => window.__badgeCalls.at(-1) === 0);

      assert.deepEqual(watch.foreign, [], 'nothing was sent anywhere');
      assertNoProblems(problems, 'Reminders screens');
    },
    { timeout: 120_000 },
  ),
];
