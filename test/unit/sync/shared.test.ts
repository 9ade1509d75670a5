// Several tablets, one case (docs/SYNC.md): a case made on one tablet appears on another; steps
// recorded on two tablets at once show as two branches until a key holder merges them; two
// decisions made apart need a new decision (R7.2); a step edited, moved or reordered on the server
// is refused and named. The "server" here is a PouchDB in memory (engine.test.ts covers HTTP).
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, createCase, listSummaries, loadCase } from '../../../src/storage/cases';
import { owedToPolicy } from '../../../src/domain/owed';
import { explainEvent } from '../../../src/domain/machine';
import type { CaseEvent } from '../../../src/domain/events';
import type { PouchDatabase, PouchDoc } from '../../../src/storage/sync/pouch';
import { PASSPHRASES, setUpDevice, type Device } from '../storage/harness';
import { closedCasePastReview, disclosureDraft, noteDraft, reviewDraft } from '../storage/flows';
import { destroyCase } from '../../../src/storage/destroy';
import { db } from '../../../src/storage/db';
import { saveSyncServer } from '../../../src/storage/sync/config';
import { CaseDestroyedError, CaseNotFoundError } from '../../../src/storage/errors';
import { checkPulled } from '../../../src/storage/sync/inbox';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { type Tablet, newTablet, on, pullFrom, pushTo } from './tablets';
import { pouch } from './tablet';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('sync-shared');
});

let servers = 0;
async function memoryServer(): Promise<PouchDatabase> {
  const Pouch = await pouch();
  return new Pouch(`shared-server-${++servers}`, { adapter: 'memory' });
}

/** A case opened on A, with its disclosure, on every tablet given. */
async function sharedCase(server: PouchDatabase, a: Tablet, others: Tablet[]) {
  const s = on(a);
  const c = await createCase(s);
  await appendEvent(s, c.caseId, disclosureDraft(s));
  await pushTo(a, server);
  for (const t of others) await pullFrom(t, server);
  return c;
}

const ids = (events: readonly CaseEvent[]) => events.map((e) => e.id);

describe('a case made on one tablet', () => {
  it('appears on another, which adds to it; both then hold the same case in the same order', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const sa = on(a);
    const c = await createCase(sa);
    await appendEvent(sa, c.caseId, disclosureDraft(sa));
    await appendEvent(sa, c.caseId, noteDraft(sa, 'Spoke to the form tutor.'));
    await pushTo(a, server);

    const pulled = await pullFrom(b, server);
    // The pull names the case it moved on, so a screen showing it there shows the new steps.
    expect(pulled).toMatchObject({ applied: 3, refused: [], changedCases: [c.caseId] });
    const listed = await listSummaries(b.session);
    expect(listed.summaries.map((x) => x.reference)).toContain(c.reference);
    const onB = await loadCase(b.session, c.caseId);
    expect(onB.events.map((e) => e.type)).toEqual(['case.opened', 'disclosure.recorded', 'note.added']);
    expect(onB.snapshot.value).toBe('initialReview');
    // The tablet's own integrity checks still pass with another tablet's case on it.
    expect(await quickVerify(b.session)).toMatchObject({ ok: true });
    expect(await fullVerify(b.session)).toMatchObject({ ok: true });

    const sb = on(b);
    // Tablet B is set up for sync: its steps carry its name on the server, for the branches page.
    await saveSyncServer(sb, {
      url: 'https://sync.example.sch.uk/ypsi',
      username: 'hillside-tablet-b',
      password: 'pw',
    });
    await appendEvent(sb, c.caseId, noteDraft(sb, 'Added on tablet B.'));
    await pushTo(b, server);
    expect(await pullFrom(a, server)).toMatchObject({ applied: 1, refused: [], changedCases: [c.caseId] });
    const onA = await loadCase(a.session, c.caseId);
    on(b);
    const again = await loadCase(b.session, c.caseId);
    expect(ids(onA.events)).toEqual(ids(again.events));
    expect(await fullVerify(b.session)).toMatchObject({ ok: true });
    on(a);
    expect(await fullVerify(a.session)).toMatchObject({ ok: true });
    expect(onA.events.at(-1)).toMatchObject({
      type: 'note.added',
      text: 'Added on tablet B.',
      device: b.device,
      tablet: 'hillside-tablet-b',
    });
    // One line of steps, one after another: nothing to merge.
    expect(onA.snapshot.context.branches).toMatchObject({ forked: false, devices: [a.device, b.device] });
    expect(owedToPolicy(onA.snapshot.context).some((x) => x.kind === 'merge')).toBe(false);
  });
});

describe('steps pulled while they cannot be applied', () => {
  it('are applied at the next pull, though nothing new came (pulled while locked)', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const s = on(a);
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    await pushTo(a, server);
    on(b);
    await b.local.replicate.from(server);
    // The tablet locked during the pull: nothing can be opened, so nothing is applied.
    expect(await checkPulled(b.local, null)).toMatchObject({ applied: 0, refused: [], changedCases: [] });
    await expect(loadCase(b.session, c.caseId)).rejects.toBeInstanceOf(CaseNotFoundError);
    expect(await pullFrom(b, server)).toMatchObject({ applied: 2, refused: [] });
    expect((await loadCase(b.session, c.caseId)).events).toHaveLength(2);
  });
});

describe('steps that arrive before what they need', () => {
  it('wait, unrefused, for their case’s key and for the steps before them', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const s = on(a);
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    await appendEvent(s, c.caseId, noteDraft(s, 'Third step.'));
    await pushTo(a, server);
    const steps = (await server.allDocs({ include_docs: true, startkey: 'event:', endkey: 'event:\ufff0' })).rows
      .map((r) => r.doc!)
      .filter((d) => d.chain === c.caseId)
      .sort((x, y) => (x.seq as number) - (y.seq as number));
    // Steps 1 and 3 without the case's key; then the key; then step 2.
    const [one, two, three] = steps as [PouchDoc, PouchDoc, PouchDoc];
    expect(await pullFrom(b, server, [one._id, three._id])).toMatchObject({ applied: 0, refused: [] });
    expect(await pullFrom(b, server, [`key:case:${c.caseId}`])).toMatchObject({ applied: 1, refused: [] });
    expect(await pullFrom(b, server, [two._id])).toMatchObject({ applied: 3, refused: [] });
    expect((await loadCase(b.session, c.caseId)).events).toHaveLength(3);
  });
});

describe('two tablets adding to a case at once', () => {
  it('shows both branches, who recorded each step and where, until a key holder merges them', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const c = await sharedCase(server, a, [b]);
    const sa = on(a);
    const fromA = await appendEvent(sa, c.caseId, noteDraft(sa, 'Recorded on A while offline.'));
    const sb = on(b);
    const fromB = await appendEvent(sb, c.caseId, noteDraft(sb, 'Recorded on B while offline.'));
    await pushTo(a, server);
    await pushTo(b, server);
    await pullFrom(a, server);
    await pullFrom(b, server);

    const onA = await loadCase(a.session, c.caseId);
    on(b);
    const onB = await loadCase(b.session, c.caseId);
    expect(ids(onA.events)).toEqual(ids(onB.events));
    const branches = onA.snapshot.context.branches!;
    expect(branches.forked).toBe(true);
    expect(new Set(branches.heads)).toEqual(new Set([fromA.event.id, fromB.event.id]));
    expect(branches.branches.map((x) => x.steps.map((s) => [s.eventId, s.device, s.by.name]))).toEqual(
      expect.arrayContaining([[[fromA.event.id, a.device, 'Dana Shah']], [[fromB.event.id, b.device, 'Dana Shah']]]),
    );
    expect(onB.snapshot.context.branches).toEqual(branches);
    const owed = owedToPolicy(onA.snapshot.context);
    expect(owed.find((x) => x.kind === 'merge')).toMatchObject({
      rule: 'R14.2',
      step: 'branches',
      text: expect.stringContaining('Recorded on two tablets at once'),
    });

    // A merge must name every head and say how the two were reconciled.
    const s = on(a);
    const blank = {
      type: 'branches.merged' as const,
      actor: s.actor,
      occurredAt: new Date().toISOString(),
      heads: branches.heads,
      reconciliation: ' ',
    };
    await expect(appendEvent(s, c.caseId, blank)).rejects.toThrow(/Say in words how the steps/);
    const merged = await appendEvent(s, c.caseId, {
      ...blank,
      reconciliation: 'Both notes stand: they record two conversations on the same morning.',
    });
    expect(merged.event.parents).toEqual(expect.arrayContaining(branches.heads));
    await pushTo(a, server);
    await pullFrom(b, server);
    const afterB = await loadCase(b.session, c.caseId);
    on(a);
    const afterA = await loadCase(a.session, c.caseId);
    for (const x of [afterA, afterB]) {
      expect(x.snapshot.context.branches).toMatchObject({ forked: false, heads: [merged.event.id] });
      expect(owedToPolicy(x.snapshot.context).some((o) => o.kind === 'merge')).toBe(false);
      expect(x.snapshot.context.merges).toEqual([
        expect.objectContaining({ reconciliation: expect.stringContaining('Both notes stand') }),
      ]);
    }
    expect(ids(afterA.events)).toEqual(ids(afterB.events));
  });

  it('two different decisions made apart need a new decision (R7.2), even after the merge', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const c = await sharedCase(server, a, [b]);
    const sa = on(a);
    const draft = reviewDraft(sa);
    await appendEvent(sa, c.caseId, draft);
    const sb = on(b);
    const other = reviewDraft(sb);
    if (other.type !== 'review.decided') throw new Error('a decision');
    const routes = other.decision.routes.includes('mash-advice')
      ? other.decision.routes.filter((r) => r !== 'mash-advice')
      : [...other.decision.routes, 'mash-advice' as const];
    await appendEvent(sb, c.caseId, {
      ...other,
      decision: { ...other.decision, decisionId: 'd-b', routes, routeReason: 'Decided on tablet B.' },
    });
    await pushTo(a, server);
    await pushTo(b, server);
    await pullFrom(a, server);
    const onA = await loadCase(a.session, c.caseId);
    const owed = owedToPolicy(onA.snapshot.context);
    expect(owed.find((x) => x.kind === 'new-decision')).toMatchObject({
      rule: 'R7.2',
      text: expect.stringContaining('Two different decisions were made apart'),
      blocks: expect.arrayContaining(['close', 'delete']),
    });
    const s = on(a);
    const merge = {
      type: 'branches.merged' as const,
      actor: s.actor,
      occurredAt: new Date().toISOString(),
      heads: onA.snapshot.context.branches!.heads,
      reconciliation: 'The two decisions differ: the DSL makes a new one today.',
    };
    const merged = await appendEvent(s, c.caseId, merge);
    expect(owedToPolicy(merged.snapshot.context).find((x) => x.kind === 'new-decision')?.rule).toBe('R7.2');
    if (draft.type !== 'review.decided') throw new Error('a decision');
    const decided = await appendEvent(s, c.caseId, {
      ...draft,
      decision: { ...draft.decision, decisionId: 'd-2' },
      occurredAt: new Date().toISOString(),
    });
    expect(decided.snapshot.context.branches?.decisionsMadeApart).toEqual([]);
    expect(owedToPolicy(decided.snapshot.context).some((x) => x.rule === 'R7.2' && x.kind === 'new-decision')).toBe(
      false,
    );
    // The merge is gone from what may be recorded: nothing is forked now.
    expect(explainEvent(decided.snapshot, { ...merge, id: 'x', recordedAt: merge.occurredAt }).allowed).toBe(false);
  });
});

describe('a shared case destroyed on a tablet', () => {
  it('takes the other tablets’ steps with it: no ciphertext of theirs stays on this tablet', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const sa = on(a);
    const caseId = await closedCasePastReview(sa, {
      userId: device.users.deputy,
      passphrase: PASSPHRASES.deputy,
      ownPassphrase: PASSPHRASES.dsl,
    });
    await pushTo(a, server);
    await pullFrom(b, server);
    const sb = on(b);
    await appendEvent(sb, caseId, noteDraft(sb, 'Read on tablet B before the review.'));
    await pushTo(b, server);
    expect(await pullFrom(a, server)).toMatchObject({ applied: 1 });
    expect(await db().peerEvents.where('caseId').equals(caseId).count()).toBe(1);

    await destroyCase(on(a), caseId, {
      reason: 'Retention review: the period has ended.',
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: PASSPHRASES.deputy,
    });
    expect(await db().peerEvents.where('caseId').equals(caseId).count()).toBe(0);
    expect(await db().peerHeads.where('caseId').equals(caseId).count()).toBe(0);
    await expect(loadCase(a.session, caseId)).rejects.toBeInstanceOf(CaseDestroyedError);
  });
});

describe('another tablet’s step altered on this tablet', () => {
  it('is named by the full integrity check and when the case is opened', async () => {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const c = await sharedCase(server, a, [b]);
    const sb = on(b);
    await appendEvent(sb, c.caseId, noteDraft(sb, 'On B.'));
    await pushTo(b, server);
    await pullFrom(a, server);
    on(a);
    expect(await fullVerify(a.session)).toMatchObject({ ok: true });
    await db()
      .peerEvents.where('caseId')
      .equals(c.caseId)
      .modify((r) => {
        r.enc = { ...r.enc, ct: `${r.enc.ct.slice(0, -8)}AAAAAAA=` };
      });
    const report = await fullVerify(a.session);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        scope: 'case',
        kind: 'edited',
        caseId: c.caseId,
        message: expect.stringMatching(
          /^Event 1 of case YPSI-\d{4}-\d{4} recorded on tablet [0-9a-f]{8} has been altered/,
        ),
      }),
    ]);
    await expect(loadCase(a.session, c.caseId)).rejects.toThrow(/recorded on tablet [0-9a-f]{8} has been altered/);
  });
});

describe('a step changed on the server', () => {
  async function caseOnServer(steps: number) {
    const server = await memoryServer();
    const a = await newTablet(device, 'a');
    const b = await newTablet(device, 'b');
    const s = on(a);
    const c = await createCase(s);
    await appendEvent(s, c.caseId, disclosureDraft(s));
    for (let i = 2; i < steps; i++) await appendEvent(s, c.caseId, noteDraft(s, `Note ${i}.`));
    await pushTo(a, server);
    const docs = (await server.allDocs({ include_docs: true, startkey: 'event:', endkey: 'event:\ufff0' })).rows
      .map((r) => r.doc!)
      .filter((d) => d.chain === c.caseId)
      .sort((x, y) => (x.seq as number) - (y.seq as number));
    return { server, a, b, c, docs };
  }

  it('is refused and named when edited: the steps before it are applied, the ones after it wait', async () => {
    const { server, b, c, docs } = await caseOnServer(5);
    const third = docs[2]!;
    await server.put({ ...third, ct: `${String(third.ct).slice(0, -8)}AAAAAAA=` });
    const report = await pullFrom(b, server);
    expect(report.refused).toEqual([
      {
        docId: third._id,
        label: `step 3 of case ${c.reference}`,
        reason: 'Its chain does not check out: step 3 has been altered (it no longer decrypts).',
      },
    ]);
    expect(report.applied).toBe(2);
    const onB = await loadCase(b.session, c.caseId);
    expect(onB.events.map((e) => e.type)).toEqual(['case.opened', 'disclosure.recorded']);
  });

  it('is refused and named when put out of order', async () => {
    const { server, b, c, docs } = await caseOnServer(5);
    const [third, fourth] = [docs[2]!, docs[3]!];
    await server.put({ ...third, seq: 4 });
    await server.put({ ...fourth, seq: 3 });
    const report = await pullFrom(b, server);
    expect(report.refused).toEqual([
      {
        docId: fourth._id,
        label: `step 3 of case ${c.reference}`,
        reason: 'Its chain does not check out: step 3 is out of order: it was recorded as event 4.',
      },
    ]);
    expect(report.applied).toBe(2);
  });

  it('is refused and named when filed under another tablet than the one that recorded it', async () => {
    const { server, b, c, docs } = await caseOnServer(3);
    const other = await newTablet(device, 'other');
    // The server files the whole chain of A's steps under another tablet's id.
    for (const d of docs) await server.put({ ...d, dev: other.device });
    const report = await pullFrom(b, server);
    expect(report.refused).toEqual([
      {
        docId: docs[0]!._id,
        // Nothing of the case checked out, so this tablet cannot read its reference: its opaque id names it.
        label: `step 1 of case ${c.caseId.slice(0, 8)}`,
        reason: 'It names another tablet than the one whose steps it was filed under on the server.',
      },
    ]);
    expect(report.applied).toBe(0);
  });
});
