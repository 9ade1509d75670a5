// Concurrent work is never silently merged (issue 13 item 4), in Chromium: the DSL's tablet A and
// the deputy's tablet B both lose the network, both add a step to the same case, and come back.
// Both then say "Recorded on two tablets at once"; the branches page lists both tablets' steps
// (seen at both tablet sizes, axe and 44 px targets); closing is refused until a key holder
// records the merge (R14.2); the merge reaches the other tablet and the tag goes on both.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { ClosePage, NotePage } from './pages/CasePages.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { createCaseWithNotes } from './support/device.mjs';
import { assert, saveScreenshot, test, VIEWPORTS } from './support/harness.mjs';
import { DEPUTY, DSL, offlineStatus, startTeam, syncNow, unlockAndSync, upToDate } from './support/team.mjs';

const FORK = 'Recorded on two tablets at once';

async function openCase(page, reference) {
  const home = await new HomePage(page).visit('/');
  await home.caseLink(reference).click();
  return new CaseTaskListPage(page).waitUntilShown();
}

/** The case header's tag (a link to the branches page), while the case is forked. */
const forkTag = (page) => page.getByTestId('forked');

async function addNote(page, caseId, text) {
  await (await new NotePage(page).visitCase(caseId)).add(text);
  await new CaseTaskListPage(page).waitUntilShown();
}

export const tests = [
  test(
    'both tablets add a step offline: both say "Recorded on two tablets at once", the branches page lists both, closing is refused until a key holder records the merge, and the tag goes on both tablets',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: [{ name: 'brookfield-tablet-b', holder: DEPUTY }] });
      const problems = { axe: [], touch: [] };
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);
        const { caseId, reference } = await createCaseWithNotes(a, {
          name: 'Kerensa Trevithick',
          notes: ['Before the fork. NOTE-BEFORE-1180'],
        });
        await syncNow(a);
        await unlockAndSync(b, DEPUTY);
        await openCase(b, reference);

        // Both lose the network and each adds a note to the same case.
        await Promise.all([team.a.context.setOffline(true), team.tablets[0].context.setOffline(true)]);
        await Promise.all([offlineStatus(a).first().waitFor(), offlineStatus(b).first().waitFor()]);
        await addNote(a, caseId, 'Added on A while offline. NOTE-ON-A-2291');
        await addNote(b, caseId, 'Added on B while offline. NOTE-ON-B-3302');
        await offlineStatus(a).filter({ hasText: '1 step waiting to send.' }).first().waitFor();

        // B comes back first (sends its note), then A (receives B's, sends its own); then B receives A's.
        await team.tablets[0].context.setOffline(false);
        await upToDate(b);
        await team.a.context.setOffline(false);
        await upToDate(a);
        await syncNow(b);

        for (const page of [a, b]) {
          const tasks = await openCase(page, reference);
          await forkTag(page).waitFor();
          assert.equal((await forkTag(page).innerText()).trim(), FORK);
          assert.match(
            await tasks.mainText(),
            /Steps were added to this case on 2 tablets while they could not see each other/,
          );
        }

        // Closing is refused while it is forked (R14.2): the close page lists the merge it waits for.
        const close = await new ClosePage(a).visitCase(caseId);
        assert.equal(await close.button('Close the case').isDisabled(), true);
        const blockers = (await close.blockers()).join('\n');
        assert.match(
          blockers,
          /Recorded on two tablets at once: a key holder records how the steps on the two tablets were reconciled/,
        );
        await close.toTaskList();

        // The branches page on A: both tablets' steps, who recorded each and on which tablet.
        await forkTag(a).click();
        await a.locator('main h1', { hasText: FORK }).waitFor();
        const branches = await a.locator('main').innerText();
        for (const text of [
          'Branch 1',
          'Branch 2',
          `${DSL.name} (Designated Safeguarding Lead), on brookfield-tablet-a`,
          `${DEPUTY.name} (Deputy DSL), on brookfield-tablet-b`,
          // What each step says, so the two can be read before they are merged.
          'Added on A while offline. NOTE-ON-A-2291',
          'Added on B while offline. NOTE-ON-B-3302',
        ])
          assert.ok(branches.includes(text), `the branches page shows "${text}":\n${branches}`);
        assert.equal(await a.getByTestId('branch-1').locator('li').count(), 1, 'one step on each branch');
        assert.equal(await a.getByTestId('branch-2').locator('li').count(), 1, 'one step on each branch');
        for (const [size, viewport] of [
          ['portrait', VIEWPORTS.portrait],
          ['landscape', VIEWPORTS.landscape],
        ]) {
          await a.setViewportSize(viewport);
          await checkScreen(a, `branches-${size}`, problems, (label) => saveScreenshot(a, `sync-${label}`));
        }
        // The deputy's tablet shows the same two branches.
        await forkTag(b).click();
        await b.locator('main h1', { hasText: FORK }).waitFor();
        await checkScreen(b, 'branches-on-b', problems, (label) => saveScreenshot(b, `sync-${label}-portrait`));
        assert.equal(await b.getByTestId('branch-1').innerText(), await a.getByTestId('branch-1').innerText());

        // The DSL records the merge on A, in words.
        await a.locator('[id="reconciliation"]').fill('Both notes stand: each was made apart. NOTE-MERGE-4413');
        await a.getByRole('button', { name: 'Record the merge' }).click();
        await new CaseTaskListPage(a).waitUntilShown();
        assert.equal(await forkTag(a).count(), 0, 'the tag has gone on A');
        const closeAfter = await new ClosePage(a).visitCase(caseId);
        assert.doesNotMatch(
          (await closeAfter.blockers()).join('\n'),
          /two tablets at once/,
          'closing no longer waits for a merge',
        );
        await syncNow(a);
        await syncNow(b);
        const tasksB = await openCase(b, reference);
        assert.equal(await forkTag(b).count(), 0, 'the tag has gone on B');
        const chronology = await tasksB.openChronology();
        const entries = await chronology.entries();
        const titles = entries.map((e) => e.title);
        assert.equal(titles.filter((t) => t === 'Two tablets’ steps merged').length, 1, `the merge once:\n${titles}`);
        for (const note of ['NOTE-BEFORE-1180', 'NOTE-ON-A-2291', 'NOTE-ON-B-3302', 'NOTE-MERGE-4413'])
          assert.equal(entries.filter((e) => e.text.includes(note)).length, 1, `"${note}" once on B`);
        assertNoProblems(problems, 'The branches page has accessibility problems:');
      } catch (error) {
        await team.shootOnFailure('syncFork');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),
];
