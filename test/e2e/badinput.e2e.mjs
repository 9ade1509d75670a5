// Bad input through the real screens (issue 6 part 2): script and HTML, right-to-left and emoji
// names, a too-long answer, a future time and impossible ages, typed into "Record a disclosure"
// (from the lock screen) and the initial review. Each gets a clear message at its field and in
// the error summary; nothing typed becomes an element and the CSP sees no violation; once fixed,
// the case is saved with every name exactly as typed, and the chronology and the signed PDF show
// them. The PDF draws the Arabic and Hebrew names (shaped, right to left); its font cannot draw
// emoji: the export names each such text before signing and the PDF draws □ in its place.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChronologyPage } from './pages/CasePages.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { assertNoProblems, watchContext } from './support/checks.mjs';
import { eventRows, setUpDevice, shootBoth, unlock } from './support/device.mjs';
import { assert, test } from './support/harness.mjs';

/** Each would create an element with id="injected", or run script, if rendered as HTML. */
const MARKUP = {
  script: '<script id="injected">window.__pwned = 1</script>',
  img: '<img id="injected" src=x onerror="window.__pwned = 1">',
  bold: '"><b id="injected">bold</b>',
};
const ARABIC = 'مريم أحمد';
const HEBREW = 'נועה כהן';
const EMOJI = 'Zoë 🌈';

/** Nothing typed became an element, and no script ran. */
async function assertNothingInjected(page, where) {
  const found = await page.evaluate(() => ({
    injected: document.querySelectorAll('#injected').length,
    pwned: /** @type {any} */ (window).__pwned ?? null,
    scriptsInMain: document.querySelectorAll('main script, main img, main iframe').length,
  }));
  assert.deepEqual(
    found,
    { injected: 0, pwned: null, scriptsInMain: 0 },
    `${where}: typed markup created an element or ran`,
  );
}

/** The inline message at a field (its `<id>-error` paragraph). */
const inline = (page, id) => page.locator(`[id="${id}-error"]`).innerText();

/** 1 MB (1,048,576 characters) of words, as a long paste would be. */
const MEGABYTE = 'too long words '.repeat(Math.ceil(1_048_576 / 15)).slice(0, 1_048_576);

/** Sets a long value the way a paste does (typing a megabyte key by key would take minutes). */
async function paste(page, id, text) {
  const field = page.locator(`[id="${id}"]`);
  await field.fill(text);
  // The page stays usable: with dir="auto" on the field a megabyte took 8-30 s to lay out (Chromium's
  // plaintext bidi), so the field carries the direction worked out from its first letter instead.
  assert.notEqual(
    await field.getAttribute('dir'),
    'auto',
    `#${id} has dir="auto", which freezes the page on a long paste`,
  );
}

/** A datetime-local value `hours` from now, in the page's local time. */
const localIn = (page, hours) =>
  page.evaluate((h) => {
    const d = new Date(Date.now() + h * 3600_000);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, hours);

export const tests = [
  test(
    'script, HTML, right-to-left and emoji names and a 1 MB answer through the disclosure and the initial review: clear field messages, literal text, no CSP violation; saved exactly once fixed, and shown in the chronology and the PDF',
    async ({ context, page, baseURL }) => {
      const watched = await watchContext(context, page, baseURL);
      await setUpDevice(page, { waitForServiceWorker: false });

      // ---- "Record a disclosure" from the lock screen, without unlocking ----------------------
      const staff = await new StaffDisclosurePage(page).open();
      await staff.start();
      const by = `${ARABIC} ${MARKUP.img}`;
      await staff.field('disclosed-by').fill(by);
      await staff.main.getByRole('radio', { name: 'A friend or another young person' }).check();
      await staff.field('disclosed-to').fill(HEBREW);
      await staff.field('disclosed-at').fill(await localIn(page, 48));
      await staff.main.getByRole('radio', { name: 'In person' }).check();
      await staff.button('Continue').click();
      assert.deepEqual(await staff.errors(), ['The time you were told cannot be in the future']);
      assert.match(await inline(page, 'disclosed-at'), /The time you were told cannot be in the future/);
      assert.equal(await staff.field('disclosed-by').inputValue(), by, 'what was typed is still there');
      assert.equal(
        await staff.field('disclosed-by').getAttribute('dir'),
        'rtl',
        'an Arabic name is typed right to left',
      );
      await shootBoth(page, 'badinput-01-future-time');
      await staff.field('disclosed-at').fill(await localIn(page, -1));
      await staff.continue('What were you told?');

      await paste(page, 'account', MEGABYTE);
      await staff.field('spread-notes').fill(MARKUP.script);
      await staff.button('Continue').click();
      const tooLong = await staff.errors();
      assert.equal(tooLong.length, 1);
      assert.match(
        tooLong[0],
        /This answer is too long \(1,048,576 characters\): keep it to 20,000 characters or fewer/,
      );
      assert.match(await inline(page, 'account'), /too long/);
      await shootBoth(page, 'badinput-02-too-long');
      const account = `${EMOJI} told me: ${MARKUP.bold} and ${MARKUP.script}`;
      await staff.field('account').fill(account);
      await staff.continue('Who is involved?');

      await staff.field('person-1-name').fill(`${ARABIC} ${EMOJI}`);
      await staff.field('person-1-age').fill('34');
      await staff.button('Continue').click();
      assert.match((await staff.errors())[0], /A young person is 17 or under: check the age of person 1/);
      assert.match(await inline(page, 'person-1-age'), /17 or under/);
      await staff.field('person-1-age').fill('15');
      await staff.continue('Check your answers');
      const check = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('main .app-summary-list__row')].map((r) => [
            r.querySelector('dt')?.textContent,
            [r.querySelector('dd')?.textContent, r.querySelector('dd')?.getAttribute('dir')],
          ]),
        ),
      );
      assert.deepEqual(check['Who told you'], [by, 'auto']);
      assert.deepEqual(check['Who they told'], [HEBREW, 'auto']);
      assert.deepEqual(check['What they said'], [account, 'auto']);
      assert.deepEqual(check['Who else has it'], [MARKUP.script, 'auto']);
      await assertNothingInjected(page, 'check your answers');
      await shootBoth(page, 'badinput-03-check-answers');
      await staff.seal();

      // ---- The DSL opens it: every answer exactly as typed -------------------------------------
      await page.goto('/');
      await unlock(page);
      const inbox = await new InboxPage(page).visit();
      const item = inbox.item(HEBREW);
      assert.ok((await item.innerText()).includes(account), 'the sealed disclosure reads back literally');
      await assertNothingInjected(page, 'inbox');
      const review = await inbox.openAsCase(HEBREW);
      const caseId = review.caseIdFromUrl();

      // ---- Initial review: bad input at the fields, nothing recorded ---------------------------
      const before = (await eventRows(page, caseId)).length;
      await review.attendees([`Dana Shah (DSL)`, `${HEBREW} ${MARKUP.bold}`]);
      // The people's page will not go on with a pupil aged 40.
      await review.at('people');
      await review.field('person-1-age').fill('40');
      await review.button('Continue').click();
      const refusedAge = await review.errors();
      assert.ok(
        refusedAge.some((p) => /A young person is 17 or under: check the age of person 1/.test(p)),
        refusedAge.join('\n'),
      );
      assert.match(await inline(page, 'person-1-age'), /17 or under/);
      await review.field('person-1-age').fill('15');
      await review.facts();
      await review.meetingAnswers({ immediateRisk: MARKUP.img });
      // The decision's page will not go on with a 1 MB reason and a time in the future.
      await review.at('decision');
      await paste(page, 'rationale', MEGABYTE);
      await review.field('occurred-at').fill(await localIn(page, 30));
      await review.button('Continue to check your answers').click();
      const problems = await review.errors();
      assert.ok(
        problems.some((p) => /The time it happened cannot be in the future/.test(p)),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => /This answer is too long \(1,048,576 characters\)/.test(p)),
        problems.join('\n'),
      );
      assert.match(await inline(page, 'occurred-at'), /cannot be in the future/);
      assert.match(await inline(page, 'rationale'), /too long/);
      assert.equal((await eventRows(page, caseId)).length, before, 'nothing was recorded');
      await assertNothingInjected(page, 'initial review with errors');
      await shootBoth(page, 'badinput-04-review-errors');

      // Fixed: the decision is recorded.
      await review.rationale(`Consensual; ${ARABIC} is safe. ${MARKUP.script}`);
      await review.field('occurred-at').fill(await localIn(page, 0));
      const checkDecision = await review.continueToCheck();
      assert.equal((await checkDecision.answers())['People involved'], `${ARABIC} ${EMOJI}`);
      await checkDecision.record();
      await page.waitForURL(/\/cases\/[^/]+\/(referrals)?$/);
      assert.equal((await eventRows(page, caseId)).length, before + 1, 'the decision was recorded once fixed');

      // ---- The chronology shows every name literally, in its own direction ----------------------
      const chronology = await new ChronologyPage(page).visitCase(caseId);
      const text = await chronology.mainText();
      for (const s of [ARABIC, HEBREW, EMOJI, MARKUP.script, MARKUP.img])
        assert.ok(text.includes(s), `the chronology shows ${s}`);
      assert.ok(
        await page.locator('.app-chronology__body[dir="auto"]', { hasText: ARABIC }).count(),
        'names sit in dir="auto" text',
      );
      await assertNothingInjected(page, 'chronology');
      await shootBoth(page, 'badinput-05-chronology');

      // ---- The signed PDF: Arabic and Hebrew drawn; emoji named first and drawn as □ -----------
      await page.evaluate((to) => {
        window.history.pushState({}, '', to);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, `/cases/${caseId}/export`);
      await page.getByRole('heading', { name: 'Export the case record' }).waitFor();
      await page.locator('#to').fill(`${HEBREW}, MASH ${MARKUP.bold}`);
      await page.locator('#why').fill('Referral follow-up');
      await page.locator('#copy').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Some text uses letters the PDF').waitFor({ timeout: 30_000 });
      // The PDF's fonts (DejaVu Sans, subset) draw Arabic and Hebrew but no emoji: only the texts
      // holding the emoji are listed, each with the code points it cannot draw, before anything is signed.
      const listed = await page.locator('main li').allInnerTexts();
      assert.ok(
        listed.some((t) => t.includes('🌈') && t.includes('U+1F308')),
        'the export names the emoji as text the PDF cannot draw',
      );
      for (const t of listed) {
        assert.ok(!/U\+0[56][0-9A-F]{2}/.test(t), `no Arabic or Hebrew letter is listed as undrawable: ${t}`);
        assert.ok(!t.includes(HEBREW), `a Hebrew-only text is not listed: ${t}`);
      }
      await shootBoth(page, 'badinput-06-pdf-undrawable');
      await page.getByRole('checkbox', { name: 'I understand this text will show as □ in the PDF' }).check();
      await page.getByRole('button', { name: 'Create and sign the PDF' }).click();
      await page.getByText('The signed PDF is ready').waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Save .*\.pdf$/ }).click(),
      ]);
      const file = join(mkdtempSync(join(tmpdir(), 'ypsi-badinput-')), 'record.pdf');
      await download.saveAs(file);
      // pdftotext puts each right-to-left run back in logical order inside U+202B...U+202C marks.
      const pdfText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
        .normalize('NFC')
        .replace(/[\u202a-\u202e]/g, '');
      // The names are drawn, not □: found whole, in logical order, as letters.
      for (const s of [ARABIC, HEBREW]) assert.ok(pdfText.includes(s), `the PDF has ${s}`);
      assert.ok(!/□\s*□/.test(pdfText), 'no run of □ where a name was');
      // Never silently dropped: the emoji the font cannot draw is a visible □ in its place.
      assert.ok(pdfText.includes('Zoë □'), 'the emoji after Zoë is □ in the PDF');
      assert.ok(pdfText.includes('Zoë'), 'the PDF has Zoë');
      assert.ok(pdfText.includes(MARKUP.script.slice(0, 20)), 'the markup is in the PDF as text');

      assertNoProblems(
        { csp: watched.csp, console: watched.console, foreign: watched.foreign },
        'Bad input broke the page:',
      );
    },
    { timeout: 240_000, contextOptions: { acceptDownloads: true } },
  ),
];
