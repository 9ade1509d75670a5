// Retention in the browser (SECURITY.md item 13): a case's retention page (legal hold set and
// lifted, review date set by hand), the retention list, and the destroy flow refusing an open case
// with the domain's reason. Every screen passes axe and the 44 px touch-target check at both sizes.
import { CaseRetentionPage, DestroyPage, RetentionPage } from './pages/RetentionPage.mjs';
import { createCaseWithNotes, setUpAndUnlock, shootBoth } from './support/device.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { assert, test } from './support/harness.mjs';

export const tests = [
  test('retention: a legal hold is set and lifted, a review date set by hand, the list shows them, and an open case cannot be destroyed', async ({ page }) => {
    const problems = { axe: [], touch: [] };
    const shoot = (name) => shootBoth(page, name);
    await setUpAndUnlock(page);
    const { caseId, reference } = await createCaseWithNotes(page, { name: 'Wren Aldous', notes: [] });

    const retention = await new CaseRetentionPage(page).visitCase(caseId);
    // Wren is 15 at the disclosure: the review date is worked out from her age, as a labelled reading.
    const reviewRow = retention.main.locator('.app-summary-list__row', { hasText: 'Review date' }).first();
    assert.match(await reviewRow.innerText(), /\d{4}/, 'a review date from the age');
    assert.match(await retention.main.innerText(), /Reading: the policy is unclear here/, 'the age-based date is labelled as a reading');
    await checkScreen(page, 'case-retention', problems, shoot);

    // A hold without a reason is refused with the domain's reason; with one it stands.
    await retention.button('Put the case on legal hold').click();
    await retention.errorSummary.waitFor();
    assert.match(await retention.errorSummary.innerText(), /Record why the case is on legal hold/);
    await retention.setHold('Police investigation, ref 44/2026.');
    await checkScreen(page, 'case-retention-on-hold', problems, shoot);

    const list = await new RetentionPage(page).visit();
    await list.section('On legal hold');
    assert.match(await list.main.innerText(), new RegExp(`${reference}[\\s\\S]*Police investigation, ref 44/2026`), 'the held case is listed with its reason');
    assert.match(await list.main.innerText(), /Older backups and exported PDFs still hold it|older backups and exported PDFs still hold it/i);
    await checkScreen(page, 'retention-list', problems, shoot);

    const back = await new CaseRetentionPage(page).visitCase(caseId);
    await back.liftHold('The police closed their investigation.');
    await back.setReviewDate({ day: '1', month: '9', year: '2041' }, 'The local authority asked us to keep it longer.');
    await back.main.locator('.app-summary-list__row', { hasText: 'Review date' }).first().filter({ hasText: '2041' }).waitFor();

    const destroy = await new DestroyPage(page).visitCase(caseId);
    assert.equal((await destroy.heading.innerText()).trim(), 'This case cannot be destroyed now');
    assert.match(await destroy.main.innerText(), /The case is open\. Only a closed case can be destroyed\./);
    await checkScreen(page, 'case-destroy-refused', problems, shoot);

    assertNoProblems(problems, 'The retention screens have accessibility or touch-target problems:');
  }),
];
