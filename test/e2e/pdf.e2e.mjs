// Issue 5 in the browser: export a case as a signed PDF (full record), check it with poppler's
// pdfsig, check it in the app's own verifier, and see a flipped byte and appended bytes rejected
// (docs/SECURITY.md test 6); then sign with a local authority's .p12 instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaseWithNotes, setUpAndUnlock, shootBoth } from './support/device.mjs';
import { assert, PROJECT_ROOT, test } from './support/harness.mjs';

const pushTo = (page, to) =>
  page.evaluate((path) => {
    window.history.pushState({}, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, to);

async function verifyInApp(page, file) {
  await pushTo(page, '/verify');
  await page.getByRole('heading', { name: 'Check a PDF case record' }).waitFor();
  await page.locator('#pdf-file').setInputFiles(file);
  // The result for this file (not a previous one): its heading is the file's name.
  await page.locator('#verify-result', { hasText: file.split('/').pop() }).waitFor({ timeout: 30_000 });
  return page.locator('main').innerText();
}

export const tests = [
  test(
    'a case exported as a signed PDF is valid in pdfsig and in the app; a flipped byte or appended bytes make it invalid; a .p12 can sign instead',
    async ({ page }) => {
      await setUpAndUnlock(page);
      const { caseId } = await createCaseWithNotes(page, {
        name: 'Zofia Łukasiewicz',
        notes: ['Ελένη and Дмитрий were told. ŽLUŤOUČKÝ-KŮŇ-2261'],
      });
      await pushTo(page, `/cases/${caseId}/export`);
      await page.getByRole('heading', { name: 'Export the case record' }).waitFor();
      await page.locator('#to').fill('Wolverhampton MASH, duty social worker');
      await page.locator('#why').fill('Referral follow-up');
      await page.locator('#copy').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Every name and note can be drawn in the PDF.').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Create and sign the PDF' }).click();
      await page.getByText('The signed PDF is ready').waitFor({ timeout: 60_000 });
      await shootBoth(page, 'pdf-01-exported');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Save .*\.pdf$/ }).click(),
      ]);
      const dir = mkdtempSync(join(tmpdir(), 'ypsi-pdf-'));
      const file = join(dir, 'record.pdf');
      await download.saveAs(file);

      const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      assert.match(sig, /Signature is Valid/);
      assert.match(sig, /Total document signed/);
      assert.match(sig, /ETSI\.CAdES\.detached/);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      assert.match(text, /Zofia Łukasiewicz/);
      assert.match(text, /ŽLUŤOUČKÝ-KŮŇ-2261/);
      assert.match(text, /Page 1 of \d+/);

      const valid = await verifyInApp(page, file);
      assert.match(valid, /The signature is valid and covers the whole file/);
      assert.match(valid, /Yes: this is a record exported from this case/);
      await shootBoth(page, 'pdf-02-verified');

      const bytes = readFileSync(file);
      const flipped = Buffer.from(bytes);
      const at = bytes.indexOf(Buffer.from('Zofia')) > 0 ? Math.floor(bytes.length / 3) : 200;
      flipped[at] ^= 0x01;
      const flippedFile = join(dir, 'flipped.pdf');
      writeFileSync(flippedFile, flipped);
      let pdfsigFlipped = '';
      try {
        pdfsigFlipped = execFileSync('pdfsig', [flippedFile], { encoding: 'utf8' });
      } catch (e) {
        pdfsigFlipped = String(e.stdout ?? '');
      }
      assert.match(pdfsigFlipped, /Digest Mismatch|not valid|invalid/i);
      assert.match(await verifyInApp(page, flippedFile), /signature is not valid/);

      const appendedFile = join(dir, 'appended.pdf');
      writeFileSync(appendedFile, Buffer.concat([bytes, Buffer.from('\n% appended after signing\n')]));
      const appended = await verifyInApp(page, appendedFile);
      assert.match(appended, /signature is not valid/);
      assert.match(appended, /No: bytes were added after signing/);
      await shootBoth(page, 'pdf-03-appended-rejected');

      await pushTo(page, '/settings');
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.locator('#p12-file').setInputFiles(join(PROJECT_ROOT, 'test/unit/pdf/fixtures/la-aes.p12'));
      await page.locator('#p12-password').fill('correct horse');
      await page.getByRole('button', { name: 'Use this certificate' }).click();
      await page.getByText(/From now on, records are signed with/).waitFor({ timeout: 30_000 });
      assert.match(await page.locator('main').innerText(), /imported from a \.p12 file/);
    },
    { timeout: 180_000, contextOptions: { acceptDownloads: true } },
  ),
];
