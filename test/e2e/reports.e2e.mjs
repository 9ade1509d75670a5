// Issue 7 in the browser: the report for a period. A case with a distinctive name and note; the
// report for the current school year on screen (axe, 44 px targets, both tablet sizes); a custom
// range checked at its fields; the signed PDF valid in pdfsig and in the app's verifier; the PDF
// text and the CSV hold no name or note of the case.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { createCaseWithNotes, setUpAndUnlock, shootBoth } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';
import { ReportsPage } from './pages/ReportsPage.mjs';
import { VerifyPage } from './pages/VerifyPage.mjs';

const NAME = 'Zofia Quillfeather';
const NOTE = 'Lighthouse-orchid-7731 was mentioned';

export const tests = [
  test(
    'the report for a period shows figures only, checks dates at the field, and exports a signed PDF and a CSV with no name or note',
    async ({ page }) => {
      const problems = { axe: [], touch: [] };
      await setUpAndUnlock(page);
      // Three cases, so the report has a breakdown to chart (fewer than 3 would withhold it).
      await createCaseWithNotes(page, { name: NAME, notes: [NOTE] });
      await createCaseWithNotes(page, { name: 'Ottoline Brackwater' });
      await createCaseWithNotes(page, { name: 'Marisol Vantongeren' });

      const reports = await new ReportsPage(page).visit();
      await checkScreen(page, 'reports', problems, (l) => shootBoth(page, l));
      await reports.showDates({ day: '31', month: '2', year: '2026' }, { day: '1', month: '3', year: '2026' });
      await reports.errorSummary.waitFor();
      assert.match(
        await page.locator('#from-fieldset, #from').first().innerText(),
        /Enter the first day as a real date/,
      );
      await checkScreen(page, 'reports-dates-errors', problems, (l) => shootBoth(page, l));

      await reports.showSchoolYear();
      const shown = await reports.main.innerText();
      assert.match(shown, /Cases\s+3\n/);
      assert.match(shown, /No decision yet\s+3/);
      assert.equal(await page.getByRole('img', { name: /Cases by typology: bar chart/ }).count(), 1);
      assert.doesNotMatch(shown, /Zofia|Quillfeather|Lighthouse|Ottoline|Marisol/);
      await checkScreen(page, 'reports-school-year', problems, (l) => shootBoth(page, l));

      await page.locator('#recipient').fill('Governing board, annual safeguarding report');
      await reports.button('Create and sign the PDF').click();
      await page.getByText('The signed PDF is ready').waitFor({ timeout: 60_000 });
      const dir = mkdtempSync(join(tmpdir(), 'ypsi-report-'));
      const [pdfDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Save .*\.pdf$/ }).click(),
      ]);
      const pdfFile = join(dir, 'report.pdf');
      await pdfDownload.saveAs(pdfFile);
      await reports.button('Create the CSV').click();
      await page.getByText('The CSV is ready').waitFor({ timeout: 30_000 });
      await checkScreen(page, 'reports-exported', problems, (l) => shootBoth(page, l));
      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Save .*\.csv$/ }).click(),
      ]);
      const csvFile = join(dir, 'report.csv');
      await csvDownload.saveAs(csvFile);

      const sig = execFileSync('pdfsig', [pdfFile], { encoding: 'utf8' });
      assert.match(sig, /Signature is Valid/);
      assert.match(sig, /Total document signed/);
      const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
      assert.match(text, /Cases by typology/);
      assert.doesNotMatch(text, /Zofia|Quillfeather|Lighthouse/);
      const csv = readFileSync(csvFile, 'utf8');
      assert.match(csv, /^section,measure,category,value\r\n/);
      assert.match(csv, /cases,cases,,3\r\n/);
      assert.doesNotMatch(csv, /Zofia|Quillfeather|Lighthouse/);

      const verify = await new VerifyPage(page).visit();
      await page.locator('#pdf-file').setInputFiles(pdfFile);
      await page.locator('#verify-result', { hasText: 'report.pdf' }).waitFor({ timeout: 30_000 });
      const checked = await verify.main.innerText();
      assert.match(checked, /The signature is valid and covers the whole file/);
      assert.match(checked, /A report for a period\s+Yes: exported from this tablet/);
      await shootBoth(page, 'reports-pdf-verified');
      assertNoProblems(problems, 'report screens; problems found:');
    },
    { timeout: 180_000, contextOptions: { acceptDownloads: true } },
  ),
];
