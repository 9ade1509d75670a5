// One staff disclosure, two tablets apart (docs/SYNC.md, "One disclosure, two tablets"), in Chromium:
// a member of staff seals a disclosure on the deputy's tablet B; both tablets hold it; both lose the
// network and each accepts it, so it becomes two cases. Back online, the DSL on A opens her case,
// sees the other named, records that they are the same incident (a calm confirm screen says what
// happens: axe and 44 px targets at both tablet sizes), and her case is closed into B's. B then shows
// its case as the one carried on, naming A's.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { InboxPage } from './pages/InboxPage.mjs';
import { StaffDisclosurePage } from './pages/StaffDisclosurePage.mjs';
import { E1 } from './flow-e1.e2e.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { assert, saveScreenshot, test, VIEWPORTS } from './support/harness.mjs';
import { DEPUTY, offlineStatus, startTeam, syncNow, unlockAndSync, upToDate } from './support/team.mjs';

/** Accepts the waiting disclosure as a case on this tablet; resolves with the new case's id. */
async function accept(page) {
  const inbox = await new InboxPage(page).visit('/inbox');
  await inbox.openAsCase(E1.writer);
  return /\/cases\/([^/]+)/.exec(page.url())[1];
}

/** The case's task list, opened afresh from the home screen (so it is read as it now stands). */
async function overview(page, caseId) {
  await new HomePage(page).visit('/');
  return (await new CaseTaskListPage(page).visitCase(caseId)).waitUntilShown();
}

export const tests = [
  test(
    'accepted on two tablets apart, then recorded as the same incident: a calm confirm screen, the duplicate closed, the other names it on both tablets',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: [{ name: 'brookfield-tablet-b', holder: DEPUTY }] });
      const problems = { axe: [], touch: [] };
      try {
        const a = team.a.page;
        const b = team.tablets[0].page;
        // B, in the staff room: a member of staff seals the disclosure without unlocking.
        const staff = await new StaffDisclosurePage(b).open();
        await staff.start();
        await staff.answerWho({ disclosedBy: E1.disclosedBy, disclosedTo: E1.writer });
        await staff.answerWhat({ account: E1.account, platforms: 'Snapchat', spread: E1.spread });
        await staff.answerPeople([{ name: E1.maya, age: 16 }]);
        await staff.seal();
        await unlockAndSync(b, DEPUTY);
        await syncNow(a);
        const home = await new HomePage(a).visit('/');
        await home.inboxLink.filter({ hasText: '(1 new)' }).waitFor({ timeout: 60_000 });

        // The inbox's and the case screens' code is loaded while online (these contexts run without
        // the service worker, which would otherwise serve it offline).
        for (const p of [a, b]) {
          await new InboxPage(p).visit('/inbox');
          await p.evaluate(() => {
            window.history.pushState({}, '', '/cases/not-a-case');
            window.dispatchEvent(new PopStateEvent('popstate'));
          });
          await p.locator('main h1').first().waitFor();
        }
        // Neither can reach the server: each accepts it.
        await Promise.all([team.a.context.setOffline(true), team.tablets[0].context.setOffline(true)]);
        await Promise.all([offlineStatus(a).first().waitFor(), offlineStatus(b).first().waitFor()]);
        const caseA = await accept(a);
        const caseB = await accept(b);
        await team.tablets[0].context.setOffline(false);
        await upToDate(b);
        await team.a.context.setOffline(false);
        await upToDate(a);
        await syncNow(b);

        // A: her case names the other, and she records that they are the same incident.
        const tasks = await overview(a, caseA);
        const refA = await tasks.reference();
        const banner = a.getByRole('region', { name: 'The same disclosure is also another case' });
        await banner.waitFor({ timeout: 30_000 });
        await banner.getByRole('link', { name: 'Record that they are the same incident' }).click();
        await a.locator('main h1', { hasText: 'Same incident as another case' }).waitFor();
        await a.getByRole('radio', { name: /^Carry on in .*: close this case/ }).check();
        await a
          .locator('[id="reason"]')
          .fill('Accepted on the DSL’s and the deputy’s tablets the same morning; the deputy carries on in hers.');
        await a.getByRole('button', { name: 'Continue' }).click();
        await a.locator('main h1', { hasText: 'Check before you record it' }).waitFor();
        const happens = await a.getByTestId('what-happens').innerText();
        assert.match(happens, new RegExp(`Same incident as case .*: recorded in that case from here on`));
        assert.match(happens, /Nothing recorded in either case is changed or deleted/);
        for (const [size, viewport] of [
          ['portrait', VIEWPORTS.portrait],
          ['landscape', VIEWPORTS.landscape],
        ]) {
          await a.setViewportSize(viewport);
          await checkScreen(a, `same-incident-confirm-${size}`, problems, (label) => saveScreenshot(a, label));
        }
        await a.getByRole('button', { name: `Confirm: close ${refA} as the same incident` }).click();
        await new CaseTaskListPage(a).waitUntilShown();
        const closed = a.getByRole('region', { name: 'Closed as the same incident' });
        await closed.waitFor();
        assert.match(await closed.innerText(), /Closed: same incident as /);
        await checkScreen(a, 'same-incident-closed', problems, (label) => saveScreenshot(a, label));

        // B: its case is carried on and names A's; A's is closed there too.
        await syncNow(a);
        await syncNow(b);
        await overview(b, caseB);
        const also = b.getByTestId('also-recorded-as');
        await also.waitFor({ timeout: 30_000 });
        assert.match(await also.innerText(), new RegExp(`Also recorded as ${refA} \\(closed as the same incident\\)`));
        await overview(b, caseA);
        await b.getByRole('region', { name: 'Closed as the same incident' }).waitFor();
        assertNoProblems(problems, 'The same-incident screens have accessibility problems:');
      } catch (error) {
        await team.shootOnFailure('syncSameIncident');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),
];
