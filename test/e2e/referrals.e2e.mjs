// Referrals without leaving the page: two referrals (the MASH, then the police) and both their
// outcomes recorded on one visit. After each save the page stays, says what was saved (focus moves
// there), lists the referral, and offers "Record the outcome" under it and "Record another
// referral" below. Axe and 44 px targets on each state; screenshots at both tablet sizes.
import { ReferralsPage } from './pages/CasePages.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { createCaseWithNotes, eventRows, setUpAndUnlock, shootBoth } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

const MASH_REF = 'MASH-2026-77310';
const POLICE_REF = 'CAD-4471-26';

export const tests = [
  test(
    'two referrals and both outcomes recorded on one visit to Referrals, each listed as it is saved',
    async ({ page }) => {
      const problems = { axe: [], touch: [] };
      const screen = (name) => checkScreen(page, `referrals-${name}`, problems, (label) => shootBoth(page, label));
      await setUpAndUnlock(page, { waitForServiceWorker: false });
      const { caseId } = await createCaseWithNotes(page, { name: 'Tamsin Pengelly' });
      const before = (await eventRows(page, caseId)).length;
      const referrals = await new ReferralsPage(page).visitCase(caseId);
      const here = `/cases/${caseId}/referrals`;
      const stillHere = () => assert.equal(new URL(page.url()).pathname, here, 'still on Referrals');
      assert.equal(await referrals.referralsMade.count(), 0);
      await screen('01-first');

      // The MASH: saved, listed, the confirmation has focus; the form has closed.
      await referrals.recordReferral({ agency: 'The MASH', reference: MASH_REF });
      stillHere();
      assert.match(await referrals.saved.innerText(), /The referral to .+ is saved/);
      assert.ok(
        await page.evaluate(() => document.activeElement?.querySelector('.app-notification-banner--success') != null),
        'focus moved to the confirmation',
      );
      assert.equal(await referrals.field('to').count(), 0, 'the form closed once saved');
      assert.match(await referrals.referralsMade.nth(0).innerText(), new RegExp(`Reference\\s*${MASH_REF}`));
      assert.ok(await referrals.button('Record another referral').isVisible());
      await screen('02-after-first');

      // "Record another referral": the police, the form opened again, empty, focus on its heading.
      await referrals.button('Record another referral').click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-referral-heading');
      assert.equal(await referrals.field('reference').inputValue(), '', 'a fresh form');
      await referrals.recordReferral({ agency: 'The police', to: 'Police', reference: POLICE_REF });
      stillHere();
      assert.equal(await referrals.referralsMade.count(), 2);
      assert.match(await referrals.main.getByRole('heading', { name: /Referrals made/ }).innerText(), /\(2\)/);
      await screen('03-two-referrals');

      // Both outcomes, each under its own referral.
      await referrals.main.getByRole('button', { name: /^Record the outcome of the referral to Police/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'outcome', 'focus on the outcome');
      await screen('04-outcome-form');
      await referrals.field('outcome').fill('Police: no crime recorded; words of advice. OSPREY-3321');
      await referrals.main.getByRole('radio', { name: 'No further action by the agency' }).check();
      await referrals.button('Save the outcome').click();
      await referrals.saved.filter({ hasText: 'The outcome of the referral to Police is saved.' }).waitFor();
      stillHere();
      await referrals.recordOutcome({ outcome: 'The MASH leads; strategy meeting Friday. PLOVER-1180' });
      stillHere();
      const listed = await referrals.main.locator('.app-referrals').innerText();
      assert.match(listed, /OSPREY-3321 \(No further action by the agency\)/);
      assert.match(listed, /PLOVER-1180 \(The agency leads; the school supports\)/);
      assert.equal(await referrals.main.getByText('Not recorded yet').count(), 0, 'no outcome is outstanding');
      assert.equal(
        await referrals.main.getByRole('button', { name: /^Record the outcome/ }).count(),
        0,
        'nothing left to record an outcome for',
      );
      await screen('05-both-outcomes');

      const events = (await eventRows(page, caseId)).length;
      assert.equal(events, before + 4, 'two referrals and two outcomes, each recorded once');
      const tasks = await referrals.toTaskList();
      assert.equal(await tasks.status('referrals'), 'Completed');
      assertNoProblems(problems, 'The Referrals page has problems:');
    },
    { timeout: 120_000 },
  ),
];
