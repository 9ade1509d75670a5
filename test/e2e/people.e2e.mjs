// Issue 15 and issue 11 item 6 in the browser, offline: a member of staff records when the imagery
// was made or shared, and each young person's date of birth (or "not known") and sex as the school
// records it; the DSL corrects one at the initial review (a date of birth that does not fit the
// age given is refused at the field, saying which to correct) and sees the ages worked out on the
// incident date (a pupil 12 then and 13 now is under 13 for R6.1). The fields are in the case, in
// the signed PDF record (pdftotext) and in the report's counts by sex.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { CaseDisclosurePage } from './pages/CasePages.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { LockScreenPage } from './pages/LockScreenPage.mjs';
import { ReportsPage } from './pages/ReportsPage.mjs';
import { SetupPage } from './pages/SetupPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { setUpDevice, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY = 86_400_000;
/** A UTC day `days` from today and `years` back, as the form's parts and in words. */
function day(days, years = 0) {
  const t = new Date(Date.now() + days * DAY);
  const d = new Date(Date.UTC(t.getUTCFullYear() - years, t.getUTCMonth(), t.getUTCDate()));
  return {
    day: String(d.getUTCDate()),
    month: String(d.getUTCMonth() + 1),
    year: String(d.getUTCFullYear()),
    words: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
  };
}

const pushTo = (page, to) =>
  page.evaluate((path) => {
    window.history.pushState({}, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, to);

const P = { ada: 'Adaeze Pemberton-Quill', bea: 'Beatrix Holloway-Snell', cy: 'Cyrene Abernathy-Vole' };

export const tests = [
  test(
    'people, offline: the incident date, dates of birth and sex recorded at the disclosure and the review, checked at the field, in the case, the PDF and the report',
    async ({ context, page }) => {
      const problems = { axe: [], touch: [] };
      const screen = (name) => checkScreen(page, `people-${name}`, problems, (label) => shootBoth(page, label));
      const setup = await new SetupPage(page).open();
      await setup.waitForOfflineReady();
      await context.setOffline(true);
      await page.reload();
      await setup.waitUntilShown();
      await setUpDevice(page, { waitForServiceWorker: false });

      // Made or shared 30 days ago. Adaeze turns 13 the day after it: 12 then, 13 now.
      const incident = day(-30);
      const adaDob = day(-29, 13);
      // ---- A member of staff records it from the lock screen ------------------------------------
      const lock = new LockScreenPage(page);
      await lock.recordDisclosureLink.click();
      const staff = await new StaffDisclosurePage(page).waitUntilShown();
      await staff.start();
      await staff.answerWho({ disclosedBy: 'Beatrix Holloway-Snell, Year 8', disclosedTo: 'Morwenna Eldridge' });
      await staff.answerWhat({
        account: 'Adaeze was pressured into sending a photo; it was passed on to be mean.',
        incidentDate: incident,
      });
      await screen('01-disclose-what');
      await staff.answerPeople([
        { name: P.ada, dob: adaDob, sex: 'Female' },
        { name: P.bea, age: 13 },
        { name: P.cy, dob: 'not known', sex: 'Female' },
      ]);
      const checkText = await staff.mainText();
      assert.match(checkText, new RegExp(`When the image or video was made or shared\\s*${incident.words}`));
      assert.match(checkText, new RegExp(`${P.ada}, a pupil here; date of birth ${adaDob.words}; sex female`));
      assert.match(checkText, new RegExp(`${P.cy}, a pupil here; date of birth not known; sex female`));
      await screen('02-disclose-check');
      await staff.seal();
      await page.goto('/');
      await lock.waitUntilShown();

      // ---- The DSL opens it as a case: the review shows ages on the incident date --------------
      const home = await unlock(page);
      await home.inboxLink.click();
      const review = await (await new InboxPage(page).waitUntilShown()).openAsCase('Morwenna Eldridge');
      const caseId = review.caseIdFromUrl();
      await review.attendees(['Dana Shah, DSL']);
      // A date of birth that does not fit the age given is refused at the field, saying which to correct.
      const wrong = day(-10, 14);
      await review.person(2, { dob: wrong, sex: 'Female', sen: 'no', socialCare: 'none' });
      await review.person(1, { sen: 'no', socialCare: 'none' });
      await review.person(3, { sen: 'no', socialCare: 'none' });
      await review.button('Continue').click();
      await review.errorSummary.waitFor();
      const wrongText = `The date of birth of person 2 makes them 14 on ${day(0).words}, but their age is given as 13: correct the age or the date of birth`;
      assert.match(await review.errorSummary.innerText(), new RegExp(wrongText));
      assert.match(
        await review.field('person-2-dob-date').innerText(),
        new RegExp(wrongText),
        'the message is at the date of birth',
      );
      await screen('03-review-dob-refused');
      const beaDob = day(-10, 13);
      await review.person(2, { dob: beaDob });
      await review.facts({ malice: 'yes' });
      await review.spread('limited', 'Snapchat');
      // R6.1 on the incident date: Adaeze was 12 then (13 now), from her date of birth.
      const panel = await review.policySays.innerText();
      assert.match(
        panel,
        new RegExp(
          `${P.ada} is aged 12 on ${incident.words}, the day the imagery was made or shared \\(from the date of birth\\)`,
        ),
      );
      assert.equal(await review.route('mash-referral').getAttribute('data-strength'), 'act-now');
      await screen('04-review-ages-on-incident-date');
      await review.rationale('Aggravated: passed on to be mean; Adaeze was 12.');
      await (await review.continueToCheck()).record();
      await page.waitForURL(/\/referrals$/);

      // ---- In the case: the disclosure as recorded ---------------------------------------------
      const disclosure = await new CaseDisclosurePage(page).visitCase(caseId);
      const recorded = await disclosure.main.innerText();
      assert.match(recorded, new RegExp(`When the imagery was made or shared, as told\\s*${incident.words}`));
      assert.match(recorded, new RegExp(`${P.ada} \\(date of birth ${adaDob.words}; sex female\\)`));
      assert.match(
        recorded,
        new RegExp(`${P.bea} \\(date of birth not recorded; sex not recorded\\)`),
        'what staff did not record reads "not recorded"',
      );
      await screen('05-case-disclosure');

      // ---- The signed PDF record ---------------------------------------------------------------
      await pushTo(page, `/cases/${caseId}/export`);
      await page.getByRole('heading', { name: 'Export the case record' }).waitFor();
      await page.locator('#to').fill('Wolverhampton MASH, duty social worker');
      await page.locator('#why').fill('Referral');
      await page.locator('#copy').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Create and sign the PDF' }).click();
      await page.getByText('The signed PDF is ready').waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Save .*\.pdf$/ }).click(),
      ]);
      const file = join(mkdtempSync(join(tmpdir(), 'ypsi-people-')), 'record.pdf');
      await download.saveAs(file);
      const pdf = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      assert.match(pdf, new RegExp(`Date of birth ${adaDob.words}`));
      assert.match(pdf, new RegExp(`Date of birth ${beaDob.words}`));
      assert.match(pdf, /Date of birth not known/);
      assert.match(pdf, /Sex, as the school records it female/);
      assert.match(
        pdf,
        new RegExp(`aged 12 on ${incident.words}, the day the imagery was made or shared \\(from the date of birth\\)`),
      );
      // The incident date in the facts (its label wraps in the table, so the words are checked apart).
      assert.match(pdf, /\(ages are worked out on this date\)/);
      assert.match(pdf, new RegExp(`When the imagery was made or shared: ${incident.words}`));

      // ---- The report counts the young people by the sex recorded -----------------------------
      const reports = await new ReportsPage(page).visit();
      await reports.showSchoolYear();
      const sexTable = await reports.main
        .locator('section.app-report-block', { has: page.getByRole('heading', { name: 'Young people by sex' }) })
        .innerText();
      assert.match(sexTable, /Female\s+3/);
      assert.match(sexTable, /Not recorded\s+0/);
      await screen('06-report-by-sex');
      assertNoProblems(problems, 'The people screens have accessibility or touch-target problems:');
      await new CaseTaskListPage(page).visitCase(caseId);
    },
    { timeout: 240_000 },
  ),
];
