// What the school's server can do wrong, in Chromium (issue 13): the connection cut in the middle of
// a push (nothing lost, nothing duplicated), and a record edited on the server by its admin (each
// tablet refuses it and the status line names it). Two tablets: the DSL's A and the deputy's B.
import { CaseTaskListPage } from './pages/CasePage.mjs';
import { NotePage } from './pages/CasePages.mjs';
import { HomePage } from './pages/HomePage.mjs';
import { assertNoProblems, checkScreen } from './support/checks.mjs';
import { createCaseWithNotes, idb } from './support/device.mjs';
import { assert, saveScreenshot, test } from './support/harness.mjs';
import { DB, DEPUTY, offlineStatus, startTeam, syncNow, unlockAndSync, upToDate } from './support/team.mjs';

const TABLET_B = [{ name: 'brookfield-tablet-b', holder: DEPUTY }];

/** The case's chronology on a tablet: each entry's title and text. */
async function chronologyOf(page, reference) {
  const home = await new HomePage(page).visit('/');
  await home.caseLink(reference).click();
  const tasks = await new CaseTaskListPage(page).waitUntilShown();
  return (await tasks.openChronology()).entries();
}

/** The status line's alert naming the records refused from the server. */
const refusedAlert = (page) =>
  page
    .getByRole('alert')
    .filter({ hasText: /from the school server (was|were) refused/ })
    .first();

export const tests = [
  test(
    'the server cuts the connection in the middle of a push: the tablet says so, sends again, and the server holds each record once; the other tablet has the whole case',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: TABLET_B });
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);
        await unlockAndSync(b, DEPUTY);

        // A opens a case, then works offline: four notes wait to be sent, in one push.
        const notes = ['CUT-NOTE-1101', 'CUT-NOTE-2202', 'CUT-NOTE-3303', 'CUT-NOTE-4404', 'CUT-NOTE-5505'];
        const { caseId, reference } = await createCaseWithNotes(a, {
          name: 'Jowan Nancarrow',
          notes: notes.slice(0, 1),
        });
        await syncNow(a);
        await team.a.context.setOffline(true);
        await offlineStatus(a).first().waitFor();
        for (const text of notes.slice(1)) {
          await (await new NotePage(a).visitCase(caseId)).add(text);
          await new CaseTaskListPage(a).waitUntilShown();
        }
        await offlineStatus(a).filter({ hasText: '4 steps waiting to send.' }).first().waitFor();

        // The first push's request reaches the server only half-way: the server stores the first half
        // of the records, and the connection drops before the tablet hears back.
        const cut = { count: 0, sent: 0, stored: 0 };
        await team.a.context.route('**/db/*/_bulk_docs', async (route) => {
          if (cut.count > 0) return route.fallback();
          cut.count += 1;
          const body = JSON.parse(route.request().postData() ?? '{}');
          cut.sent = body.docs.length;
          const half = { ...body, docs: body.docs.slice(0, Math.ceil(body.docs.length / 2)) };
          const res = await team.server.adminFetch(`/${DB}/_bulk_docs`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: route.request().headers().authorization },
            body: JSON.stringify(half),
          });
          assert.equal(res.status, 201, `the server took the first half: ${await res.text()}`);
          cut.stored = half.docs.length;
          await route.abort('connectionreset');
        });
        await team.a.context.setOffline(false);
        // The tablet says it could not reach the server, with the steps still waiting, then tries again.
        await a
          .getByRole('status')
          .filter({ hasText: /^Could not reach the school server; trying again at \d\d:\d\d\. \d+ steps? waiting/ })
          .first()
          .waitFor({ timeout: 60_000 });
        await upToDate(a);
        assert.equal(cut.count, 1, 'one push was cut');
        assert.ok(
          cut.sent >= 2 && cut.stored < cut.sent,
          `the cut push carried ${cut.sent} records, ${cut.stored} stored`,
        );

        // The server holds each record once: one version each, no conflicting copy, every step of A's.
        const docs = await team.server.docs(DB);
        assert.equal(new Set(docs.map((d) => d._id)).size, docs.length);
        for (const d of docs) {
          assert.match(String(d._rev), /^1-/, `${d._id} was stored once, not again: ${d._rev}`);
          assert.equal(d._conflicts, undefined, `${d._id} has a second version`);
        }
        const steps = docs.filter((d) => d.type === 'event');
        assert.equal(steps.length, await idb(a, 'events', 'count'), 'every step A recorded is on the server');

        // B receives the whole case, each step once.
        await syncNow(b);
        const onB = await chronologyOf(b, reference);
        assert.equal(onB.length, steps.length, `B shows ${steps.length} steps:\n${onB.map((e) => e.title).join('\n')}`);
        for (const note of notes)
          assert.equal(onB.filter((e) => e.text.includes(note)).length, 1, `"${note}" once on B`);
        assert.deepEqual(
          onB.map((e) => e.title),
          (await chronologyOf(a, reference)).map((e) => e.title),
          'B shows the case as A does',
        );
      } catch (error) {
        await team.shootOnFailure('syncFaults-cut');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),

  test(
    'a record edited on the server by its admin is refused and named: by the tablet that made it, and by another tablet checking the chain, which keeps the steps before it',
    async (fixture) => {
      const team = await startTeam(fixture, { joined: TABLET_B });
      const problems = { axe: [], touch: [] };
      try {
        const a = team.a.page;
        const [b] = team.tablets.map((t) => t.page);
        // Steps 1 (opened), 2 (disclosure), 3, 4 and 5 (notes) reach the server; B is still locked.
        const { reference } = await createCaseWithNotes(a, {
          name: 'Tamsin Rowe',
          notes: ['EDIT-NOTE-3303', 'EDIT-NOTE-4404', 'EDIT-NOTE-5505'],
        });
        await syncNow(a);

        // The server's admin changes step 4: the rules are lifted, the record edited, the rules put back.
        const step4 = (await team.server.docs(DB)).find((d) => d.type === 'event' && d.seq === 4);
        assert.ok(step4, 'step 4 is on the server');
        const ddoc = await (await team.server.adminFetch(`/${DB}/_design/ypsi-sync`)).json();
        await team.server.adminFetch(`/${DB}/_design/ypsi-sync?rev=${ddoc._rev}`, { method: 'DELETE' });
        const put = await team.server.adminFetch(`/${DB}/${encodeURIComponent(step4._id)}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...step4, _conflicts: undefined, ct: `${step4.ct.slice(0, -8)}AAAAAAA=` }),
        });
        assert.equal(put.status, 201, await put.text());
        await team.server.rulesAgain(DB);

        // A (live) receives the edited record and refuses it: it differs from A's own.
        const alertA = refusedAlert(a);
        await alertA.waitFor({ timeout: 60_000 });
        assert.match(
          await alertA.innerText(),
          new RegExp(
            `step 4 of case ${reference}: It was altered on the server: it differs from this tablet’s own record`,
          ),
        );
        await checkScreen(a, 'sync-refused-on-a', problems, (label) => saveScreenshot(a, label));

        // B, unlocked now, checks A's chain as it arrives: step 4 no longer decrypts. Steps 1-3 are kept,
        // step 5 (after it) waits; nothing of step 4 or 5 shows.
        await unlockAndSync(b, DEPUTY);
        const alertB = refusedAlert(b);
        await alertB.waitFor();
        assert.match(
          await alertB.innerText(),
          new RegExp(`step 4 of case ${reference}: Its chain does not check out: step 4 has been altered`),
        );
        await checkScreen(b, 'sync-refused-on-b', problems, (label) => saveScreenshot(b, `${label}-portrait`));
        const onB = await chronologyOf(b, reference);
        const text = onB.map((e) => e.text).join('\n');
        assert.equal(onB.length, 3, `B keeps steps 1-3:\n${onB.map((e) => e.title).join('\n')}`);
        assert.ok(text.includes('EDIT-NOTE-3303'), 'the note before the edited step is on B');
        assert.ok(!text.includes('EDIT-NOTE-4404') && !text.includes('EDIT-NOTE-5505'), 'nothing from step 4 on');
        // The refusal stays named on B's every screen while the problem lasts.
        await refusedAlert(b).waitFor();
        assertNoProblems(problems, 'The refused-record alert has accessibility problems:');
      } catch (error) {
        await team.shootOnFailure('syncFaults-edited');
        throw error;
      } finally {
        await team.close();
      }
    },
    { contextOptions: { serviceWorkers: 'block' }, timeout: 180_000 },
  ),
];
