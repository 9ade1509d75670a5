// What another tablet records reaches the screen a person has open (issue 13, "status always
// visible"), in Chromium, through the school's server only: tablet B has a case open, A records a
// step, and B's open page shows it without navigating ("Updated from another tablet, 10:42"),
// keeping what B was typing. And the inbox's two states of one disclosure on several tablets
// (docs/SYNC.md, "One disclosure, two tablets"): accepted on another tablet (with "Remove from this
// inbox"), and accepted on two tablets apart, so it became 2 cases; seen at both tablet sizes,
// with axe and 44 px targets.
import { ChronologyPage, NotePage } from './pages/CasePages.mjs';
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { createCaseWithNotes } from './support/device.mjs';
import { assert, saveScreenshot, test, VIEWPORTS } from './support/harness.mjs';
import { DEPUTY, offlineStatus, startTeam, syncNow, unlockAndSync, upToDate } from './support/team.mjs';

const UPDATED = /^Updated from another tablet, \d\d:\d\d$/;
const updatedNotice = (page) => page.locator('.app-case-updated');

async function openCase(page, reference) {
  const home = await new HomePage(page).visit('/');
  await home.caseLink(reference).click();
  return new CaseTaskListPage(page).waitUntilShown();
}

/** Tablet A adds a note from the case's note page, and is up to date (the note is on the server). */
async function noteOnA(page, caseId, text) {
  await (await new NotePage(page).visitCase(caseId)).add(text);
  await new CaseTaskListPage(page).waitUntilShown();
  await upToDate(page);
}

/** Nothing from the server refused on this tablet (the status line would name it). */
async function nothingRefused(page) {
  const refused = page.locator('.app-sync-status [role="alert"]');
  assert.equal(await refused.count(), 0, `nothing refused:\n${await refused.allInnerTexts()}`);
}

/** Both tablet sizes: axe, 44 px targets and a screenshot each. */
async function bothSizes(page, label, problems) {
  for (const [size, viewport] of [
    ['portrait', VIEWPORTS.portrait],
    ['landscape', VIEWPORTS.landscape],
  ]) {
    await page.setViewportSize(viewport);
    await checkScreen(page, `${label}-${size}`, problems, (l) => saveScreenshot(page, `sync-${l}`));
  }
  await page.setViewportSize(VIEWPORTS.portrait);
}

/** A member of staff seals a disclosure on `page`'s tablet (it locks), then `holder` unlocks it and it is sent. */
async function sealOn(page, holder, { writer, account, person }) {
  const staff = await new StaffDisclosurePage(page).open();
  await staff.start();
  await staff.answerWho({ disclosedBy: `${person}, Year 9`, disclosedTo: writer });
  await staff.answerWhat({ account });
  await staff.answerPeople([{ name: person, age: 14 }]);
  await staff.seal();
  await unlockAndSync(page, holder);
}

/** The inbox, once the disclosure from `writer` is in it: opened first, then synced, so the open screen follows the pull. */
async function inboxWith(page, writer) {
  const inbox = await new InboxPage(page).visit();
  if ((await inbox.item(writer).count()) === 0) await syncNow(page);
  await inbox.item(writer).waitFor({ timeout: 60_000 });
  return inbox;
}

export const tests = [
  test(
    'tablet B has a case open; A records a step; B’s open page shows it without navigating, says "Updated from another tablet", and keeps what B was typing',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: [{ name: 'brookfield-tablet-b', holder: DEPUTY }] });
      const problems = { axe: [], touch: [] };
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);
        const { caseId, reference } = await createCaseWithNotes(a, {
          name: 'Tegen Roskilly',
          notes: ['Before B opened it. NOTE-FIRST-5120'],
        });
        await upToDate(a);
        await unlockAndSync(b, DEPUTY);
        await openCase(b, reference);

        // B is typing a note when A's note arrives: B stays on its page, with what it typed.
        const noteB = await new NotePage(b).visitCase(caseId);
        await noteB.field('text').fill('Typed on B while A recorded. NOTE-TYPED-ON-B-6631');
        const at = b.url();
        assert.equal(await updatedNotice(b).innerText(), '', 'nothing said before anything arrives');
        await noteOnA(a, caseId, 'Recorded on A while B had it open. NOTE-ON-A-7742');
        // B pulls (its live feed may have done so already; a reconnection makes it certain): no navigation.
        await syncNow(b);
        await updatedNotice(b).filter({ hasText: UPDATED }).waitFor({ timeout: 60_000 });
        assert.equal(await updatedNotice(b).getAttribute('role'), 'status', 'a polite live region');
        assert.equal(b.url(), at, 'B is still on the page it had open');
        assert.equal(await noteB.field('text').inputValue(), 'Typed on B while A recorded. NOTE-TYPED-ON-B-6631');
        await bothSizes(b, 'case-updated-note', problems);

        // B records its note: it follows A's, one line of steps, nothing to merge.
        await noteB.button('Save the note').click();
        await new CaseTaskListPage(b).waitUntilShown();
        // B's note reaches A before A records again (else the two would be recorded apart: a fork).
        await syncNow(b);
        await syncNow(a);

        // B reads the chronology; A records another note; it appears in B's list where B is reading.
        const chronology = await new ChronologyPage(b).visitCase(caseId);
        const chronologyAt = b.url();
        await noteOnA(a, caseId, 'A second note from A. NOTE-SECOND-ON-A-8853');
        await b
          .locator('main .app-chronology__item', { hasText: 'NOTE-SECOND-ON-A-8853' })
          .waitFor({ timeout: 60_000 });
        assert.equal(b.url(), chronologyAt, 'B is still on the chronology');
        const texts = (await chronology.entries()).map((e) => e.text).join('\n');
        for (const note of ['NOTE-FIRST-5120', 'NOTE-ON-A-7742', 'NOTE-TYPED-ON-B-6631', 'NOTE-SECOND-ON-A-8853'])
          assert.equal(texts.split(note).length - 1, 1, `"${note}" once in B's chronology:\n${texts}`);
        assert.equal(await b.getByTestId('forked').count(), 0, 'not forked: each tablet saw the other’s step first');
        await nothingRefused(a);
        await nothingRefused(b);
        assertNoProblems(problems, 'The updated case screen has accessibility problems:');
      } catch (error) {
        await team.shootOnFailure('syncLive');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),

  test(
    'the inbox on several tablets: a disclosure accepted on another tablet says so with its case and can be removed here; one accepted on two tablets apart says it became 2 cases, naming both (axe, 44 px, both sizes)',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: [{ name: 'brookfield-tablet-b', holder: DEPUTY }] });
      const problems = { axe: [], touch: [] };
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);

        // Sealed on B; both inboxes hold it; A accepts it; B's inbox then says where it went.
        const first = {
          writer: 'Mr Hedley Carne',
          account: 'A photo went round. INBOX-ONE-3310',
          person: 'Lowenna Pascoe',
        };
        await sealOn(b, DEPUTY, first);
        await inboxWith(b, first.writer);
        const review = await (await inboxWith(a, first.writer)).openAsCase(first.writer);
        const acceptedCase = review.caseIdFromUrl();
        await upToDate(a);
        const inboxB = await new InboxPage(b).visit();
        await syncNow(b);
        const itemB = inboxB.item(first.writer);
        await itemB
          .getByText(/Accepted on another tablet into case YPSI-\d{4}-[A-Z0-9-]+, /)
          .waitFor({ timeout: 60_000 });
        assert.equal(await itemB.getByRole('button', { name: 'Open as a new case' }).count(), 0, 'not opened again');
        assert.equal(
          await itemB.getByRole('link', { name: /^Open case YPSI-/ }).getAttribute('href'),
          `/cases/${acceptedCase}`,
        );
        await bothSizes(b, 'inbox-accepted-elsewhere', problems);

        // Sealed on B again; both tablets accept it while neither can reach the server.
        const second = {
          writer: 'Ms Elowen Tregear',
          account: 'Shared in a group chat. INBOX-TWO-4421',
          person: 'Jory Angove',
        };
        await sealOn(b, DEPUTY, second);
        await inboxWith(a, second.writer);
        // The screens each tablet uses offline are loaded first (service workers are blocked here).
        await inboxWith(b, second.writer);
        await new CaseTaskListPage(b).visitCase(acceptedCase);
        await new InboxPage(b).visit();
        await Promise.all([team.a.context.setOffline(true), team.tablets[0].context.setOffline(true)]);
        await Promise.all([offlineStatus(a).first().waitFor(), offlineStatus(b).first().waitFor()]);
        await (await new InboxPage(a).visit()).openAsCase(second.writer);
        await (await new InboxPage(b).visit()).openAsCase(second.writer);
        await team.a.context.setOffline(false);
        await upToDate(a);
        await team.tablets[0].context.setOffline(false);
        await upToDate(b);
        await syncNow(a);

        await syncNow(b);
        for (const [page, label] of [
          [a, 'inbox-accepted-twice-on-a'],
          [b, 'inbox-accepted-twice-on-b'],
        ]) {
          await new InboxPage(page).visit();
          const banner = page.getByRole('region', { name: 'One disclosure accepted on two tablets' });
          await banner.waitFor({ timeout: 60_000 });
          const said = await banner.innerText();
          assert.match(said, /so it became\s+2 cases\. Both are kept/);
          assert.match(said, /\(on this tablet, /);
          assert.match(said, /\(on another tablet, /);
          assert.equal(
            await banner.getByRole('link', { name: /^Case YPSI-/ }).count(),
            2,
            `both cases linked:\n${said}`,
          );
          await bothSizes(page, label, problems);
          await nothingRefused(page);
        }

        // A key holder removes the first one from B's inbox: its words are in A's case, on B too.
        const inbox = await new InboxPage(b).visit();
        await inbox.item(first.writer).getByRole('button', { name: 'Remove from this inbox' }).click();
        await inbox.item(first.writer).waitFor({ state: 'detached', timeout: 30_000 });
        assertNoProblems(problems, 'The inbox with several tablets has accessibility problems:');
      } catch (error) {
        await team.shootOnFailure('syncInbox');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 240_000 },
  ),
];
