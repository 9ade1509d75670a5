// One staff disclosure accepted on two tablets apart became two cases (docs/SYNC.md): a key holder
// records, in both, that they are the same incident (R14.1, reading SYNC.same). The case closed that
// way owes nothing further and says where the incident is carried on; the other names it; two such
// steps made apart in opposite directions are flagged and need a new decision; nothing else can be
// closed this way.
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialSnapshot, step, stageOf, explainEvent, type CaseSnapshot } from './machine';
import type { CaseEvent, CaseEventOf } from './events';
import type { Actor } from './types';
import { owedToPolicy } from './owed';
import { dueItems, summarise } from './summary';
import { describeEvent } from './describe';
import { alsoRecordedAsText, closedAsSameIncident, sameIncidentOf, sameIncidentStatus } from './sameIncident';
import { explainSameIncidentNow, sameIncidentPlan, type SameIncidentDraft } from './sameIncidentGates';
import { caseTasks } from './tasks';
import { explainDestruction } from './retentionGates';
import { reportRowOf } from './report/row';
import { E1 } from '../../test/builders/facts';
import { DEPUTY, DSL, HEAD, decision, disclosure, ev, resetBuilders } from '../../test/builders/events';
import { CURRENT_POLICY_VERSION } from './types';

beforeEach(() => resetBuilders());

const writer = (disclosureId: string): Actor => ({ userId: `staff/${disclosureId}`, role: 'staff', name: 'Sam Tutor' });

type Twin = { s: CaseSnapshot; events: CaseEvent[]; facts?: ReturnType<typeof E1> };

/** A case made of staff disclosure `disclosureId`, accepted into `caseId`. */
function accepted(caseId: string, reference: string, disclosureId = 'disc-1'): Twin {
  const facts = E1();
  const events: CaseEvent[] = [
    ev('case.opened', { caseId, reference, policyVersion: CURRENT_POLICY_VERSION }),
    ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }, writer(disclosureId)),
  ];
  let s = initialSnapshot();
  for (const e of events) s = step(s, e);
  return { s, events, facts };
}

function record(t: Twin, e: CaseEvent): Twin {
  return { s: step(t.s, e), events: [...t.events, e], ...(t.facts && { facts: t.facts }) };
}

let n = 0;
/** A drafted step as storage would stamp it. */
function stamped(d: SameIncidentDraft, actor: Actor = DSL): CaseEventOf<'same-incident.recorded'> {
  n += 1;
  return { ...d, id: `si${n}`, actor, recordedAt: d.occurredAt } as CaseEventOf<'same-incident.recorded'>;
}

/** Records `closed` as the same incident as `kept`, as the screen does: the case carried on first. */
function closeInto(closed: Twin, kept: Twin, actor: Actor = DSL, carriedOver = ''): [Twin, Twin] {
  const plan = sameIncidentPlan({ record: closed.s.context, events: closed.events }, kept.s.context, {
    reason: 'Accepted on both tablets on the same morning.',
    carriedOver,
    occurredAt: '2026-03-02T12:00:00.000Z',
  });
  const k = plan.kept ? stamped(plan.kept, actor) : null;
  expect(k ? explainSameIncidentNow(kept.s.context, closed.s.context, k, kept.events).allowed : true).toBe(true);
  const nextKept = k ? record(kept, k) : kept;
  const c = stamped(plan.closed, actor);
  const why = explainSameIncidentNow(closed.s.context, nextKept.s.context, c, closed.events);
  expect(why.reasons.map((r) => r.text)).toEqual([expect.any(String)]);
  expect(why.allowed).toBe(true);
  return [record(closed, c), nextKept];
}

describe('closing one of two cases of one disclosure as the same incident (R14.1)', () => {
  it('the case closed owes nothing further, says where the incident is carried on, and is listed as closed', () => {
    const [a, b] = closeInto(accepted('case-a', 'YPSI-2026-A-0001'), accepted('case-b', 'YPSI-2026-B-0001'));
    expect(owedToPolicy(b.s.context).length).toBeGreaterThan(0);
    expect(owedToPolicy(a.s.context)).toEqual([]);
    expect(dueItems(a.s.context)).toEqual([]);
    expect(closedAsSameIncident(a.s.context)).toEqual({ caseId: 'case-b', reference: 'YPSI-2026-B-0001' });
    expect(sameIncidentStatus(a.s.context)).toBe('Closed: same incident as YPSI-2026-B-0001');
    expect(summarise(a.s)).toMatchObject({
      closed: true,
      due: [],
      sameIncidentAs: { caseId: 'case-b', reference: 'YPSI-2026-B-0001' },
    });
    // The case carried on is open, owes what it owed, and names the other.
    expect(summarise(b.s)).toMatchObject({
      closed: false,
      alsoRecordedAs: [{ caseId: 'case-a', reference: 'YPSI-2026-A-0001' }],
    });
    expect(sameIncidentStatus(b.s.context)).toBeNull();
    expect(alsoRecordedAsText(sameIncidentOf(b.s.context).alsoRecordedAs[0]!)).toBe(
      'Also recorded as YPSI-2026-A-0001 (closed as the same incident)',
    );
    // Nothing recorded is changed: both records still hold the disclosure, whole.
    expect(a.s.context.disclosure?.account).toBe(disclosure().account);
    expect(a.events.map((e) => e.type)).toEqual(['case.opened', 'disclosure.recorded', 'same-incident.recorded']);
    // The chronology reads it from each side.
    const [inA] = a.events.slice(-1);
    const [inB] = b.events.slice(-1);
    expect(describeEvent(inA!, [], 'case-a').title).toBe(
      'Same incident as case YPSI-2026-B-0001: recorded in that case from here on',
    );
    expect(describeEvent(inB!, [], 'case-b').title).toBe(
      'Also recorded as YPSI-2026-A-0001 (closed as the same incident)',
    );
  });

  it('the case closed records nothing more of the response, citing R14.1; notes and keeping still go in', () => {
    const [a] = closeInto(accepted('case-a', 'YPSI-A'), accepted('case-b', 'YPSI-B'));
    const facts = a.s.context.facts;
    const refused = explainEvent(
      a.s,
      ev('review.decided', { decision: decision(facts, 'experimental', ['school-manage']), facts }),
    );
    expect(refused.allowed).toBe(false);
    expect(refused.reasons[0]).toMatchObject({ rule: 'R14.1', reading: 'SYNC.same' });
    expect(refused.reasons[0]!.text).toContain('closed as the same incident as YPSI-B');
    expect(explainEvent(a.s, ev('note.added', { text: 'Checked both records.' })).allowed).toBe(true);
    expect(caseTasks(a.s.context, stageOf(a.s), '2026-03-03').flatMap((t) => t.owed ?? [])).toEqual([]);
  });

  it('is closed for keeping: destroyed like a closed case after its review date (SEC.13); its twin stays open', () => {
    const [a, b] = closeInto(accepted('case-a', 'YPSI-A'), accepted('case-b', 'YPSI-B'));
    const req = { today: '2070-01-01', by: DSL, second: DEPUTY, reason: 'Past its review date.' };
    expect(explainDestruction(a.s.context, stageOf(a.s), req).allowed).toBe(true);
    expect(explainDestruction(b.s.context, stageOf(b.s), req).reasons.map((r) => r.text)).toContain(
      'The case is open. Only a closed case can be destroyed.',
    );
    expect(summarise(a.s).retention).toMatchObject({ closed: true, closedAt: '2026-03-02T12:00:00.000Z' });
  });

  it('is counted once in the establishment’s reports: in the case carried on', () => {
    const [a, b] = closeInto(accepted('case-a', 'YPSI-A'), accepted('case-b', 'YPSI-B'));
    expect(reportRowOf(a.s.context, stageOf(a.s))).toBeNull();
    expect(reportRowOf(b.s.context, stageOf(b.s))).not.toBeNull();
  });

  it('any key holder may record it (the permission table); staff may not', () => {
    const [, b] = closeInto(accepted('case-a', 'YPSI-A'), accepted('case-b', 'YPSI-B'), HEAD);
    expect(sameIncidentOf(b.s.context).alsoRecordedAs[0]?.step.by.role).toBe('headteacher');
    const [a2] = closeInto(accepted('case-c', 'YPSI-C'), accepted('case-d', 'YPSI-D'), DEPUTY);
    expect(closedAsSameIncident(a2.s.context)?.reference).toBe('YPSI-D');
    const c = accepted('case-e', 'YPSI-E');
    const plan = sameIncidentPlan({ record: c.s.context, events: c.events }, accepted('case-f', 'YPSI-F').s.context, {
      reason: 'Same.',
      carriedOver: '',
      occurredAt: '2026-03-02T12:00:00.000Z',
    });
    const byStaff = stamped(plan.closed, writer('disc-1'));
    expect(explainEvent(c.s, byStaff)).toMatchObject({ allowed: false, reasons: [{ rule: 'R4.1' }] });
  });

  it('only for two cases of the same staff disclosure: never a way to close any case', () => {
    const a = accepted('case-a', 'YPSI-A', 'disc-1');
    const other = accepted('case-b', 'YPSI-B', 'disc-2');
    const plan = sameIncidentPlan({ record: a.s.context, events: a.events }, other.s.context, {
      reason: 'Looks the same.',
      carriedOver: '',
      occurredAt: '2026-03-02T12:00:00.000Z',
    });
    const why = explainSameIncidentNow(a.s.context, other.s.context, stamped(plan.closed), a.events);
    expect(why.allowed).toBe(false);
    expect(why.reasons[0]).toMatchObject({ rule: 'R14.1' });
    expect(why.reasons[0]!.text).toContain('Only two cases made of one staff disclosure');
    // A disclosure the DSL recorded (not a member of staff's) is no twin of anything.
    let own = initialSnapshot();
    for (const e of [
      ev('case.opened', { caseId: 'case-c', reference: 'YPSI-C', policyVersion: CURRENT_POLICY_VERSION }),
      ev('disclosure.recorded', { disclosure: disclosure(), persons: E1().persons }),
    ])
      own = step(own, e);
    const forged = stamped({ ...plan.closed, closed: { caseId: 'case-c', reference: 'YPSI-C' } });
    expect(explainEvent(own, forged).allowed).toBe(false);
    // Without words it is refused at the field.
    const b = accepted('case-d', 'YPSI-D', 'disc-1');
    const blank = stamped({ ...plan.closed, kept: { caseId: 'case-d', reference: 'YPSI-D' }, reason: ' ' });
    expect(explainSameIncidentNow(a.s.context, b.s.context, blank, a.events).reasons[0]).toMatchObject({
      field: 'reason',
    });
  });

  it('steps recorded in the duplicate beyond its disclosure are listed, stay in its record, and what carries over is said in words', () => {
    const a0 = accepted('case-a', 'YPSI-A');
    const facts = a0.facts!;
    const withDecision = record(
      a0,
      ev('review.decided', { decision: decision(facts, 'experimental', ['risk-assessment', 'school-manage']), facts }),
    );
    const kept = accepted('case-b', 'YPSI-B');
    const plan = sameIncidentPlan({ record: withDecision.s.context, events: withDecision.events }, kept.s.context, {
      reason: 'Same disclosure.',
      carriedOver: '',
      occurredAt: '2026-03-02T12:00:00.000Z',
    });
    expect(plan.closed.laterSteps).toEqual([{ eventId: withDecision.events[2]!.id, type: 'review.decided' }]);
    const why = explainSameIncidentNow(
      withDecision.s.context,
      kept.s.context,
      stamped(plan.closed),
      withDecision.events,
    );
    expect(why.allowed).toBe(false);
    expect(why.reasons[0]).toMatchObject({ rule: 'R14.1', field: 'carriedOver', reading: 'SYNC.same' });
    const [a, b] = closeInto(
      withDecision,
      kept,
      DSL,
      'The decision (managed in school) is to be recorded again in YPSI-B.',
    );
    // The decision stays in A's record; B owes its own.
    expect(a.s.context.decisions).toHaveLength(1);
    expect(owedToPolicy(b.s.context).some((x) => x.kind === 'decision')).toBe(true);
    const d = describeEvent(b.events.at(-1)!, [], 'case-b');
    expect(d.lines.join(' ')).toContain('kept in its record: Record the initial review decision');
    expect(d.lines.join(' ')).toContain('Carried over into YPSI-B: The decision (managed in school)');
  });

  it('refuses to record it twice, or to close a case into one itself closed', () => {
    const [a, b] = closeInto(accepted('case-a', 'YPSI-A'), accepted('case-b', 'YPSI-B'));
    const again = sameIncidentPlan({ record: b.s.context, events: b.events }, a.s.context, {
      reason: 'Again.',
      carriedOver: '',
      occurredAt: '2026-03-02T13:00:00.000Z',
    });
    const why = explainSameIncidentNow(b.s.context, a.s.context, stamped(again.closed), b.events);
    expect(why.allowed).toBe(false);
    expect(why.reasons.map((r) => r.text).join(' ')).toContain('already recorded');
    const c = accepted('case-c', 'YPSI-C');
    const chain = sameIncidentPlan({ record: c.s.context, events: c.events }, a.s.context, {
      reason: 'Third tablet.',
      carriedOver: '',
      occurredAt: '2026-03-02T13:00:00.000Z',
    });
    const chained = explainSameIncidentNow(c.s.context, a.s.context, stamped(chain.closed), c.events);
    expect(chained.reasons.map((r) => r.text).join(' ')).toContain(
      'YPSI-A is itself closed as the same incident as YPSI-B',
    );
  });

  it('an interrupted recording is finished, not doubled: the case carried on is not written again', () => {
    const a = accepted('case-a', 'YPSI-A');
    const b = accepted('case-b', 'YPSI-B');
    const words = { reason: 'Same.', carriedOver: '', occurredAt: '2026-03-02T12:00:00.000Z' };
    const first = sameIncidentPlan({ record: a.s.context, events: a.events }, b.s.context, words);
    const b2 = record(b, stamped(first.kept!));
    const resumed = sameIncidentPlan({ record: a.s.context, events: a.events }, b2.s.context, words);
    expect(resumed.kept).toBeNull();
    expect(explainSameIncidentNow(a.s.context, b2.s.context, stamped(resumed.closed), a.events).allowed).toBe(true);
  });
});

describe('each case closed into the other, on two tablets apart', () => {
  /** Tablet 1 closes A into B; tablet 2, apart, closes B into A; then each case holds both steps. */
  function mutual(): [Twin, Twin] {
    const a0 = accepted('case-a', 'YPSI-A');
    const b0 = accepted('case-b', 'YPSI-B');
    const [a1, b1] = closeInto(a0, b0); // tablet 1
    const [b2, a2] = closeInto(b0, a0); // tablet 2, apart
    // After sync each case holds both tablets' steps (neither followed the other).
    return [record(a1, a2.events.at(-1)!), record(b1, b2.events.at(-1)!)];
  }

  it('is flagged in both: neither is carried on, neither is closed, and a new decision is owed', () => {
    for (const t of mutual()) {
      const view = sameIncidentOf(t.s.context);
      expect(view.closedInto).toBeNull();
      expect(view.conflict?.text).toContain('neither is carried on');
      expect(closedAsSameIncident(t.s.context)).toBeNull();
      const owed = owedToPolicy(t.s.context);
      expect(owed[0]).toMatchObject({ kind: 'same-incident', rule: 'R14.1', blocks: ['close', 'delete'] });
      expect(summarise(t.s)).toMatchObject({ closed: false, sameIncidentConflict: true });
      expect(dueItems(t.s.context).some((d) => d.label.startsWith('Decide which of two cases'))).toBe(true);
    }
  });

  it('a new decision, made knowing both, replaces them and settles it', () => {
    const [a, b] = mutual();
    const [a2, b2] = closeInto(a, b);
    expect(a2.events.at(-1)).toMatchObject({ replaces: sameIncidentOf(a.s.context).conflict!.steps });
    expect(closedAsSameIncident(a2.s.context)?.reference).toBe('YPSI-B');
    expect(sameIncidentOf(b2.s.context)).toMatchObject({ conflict: null, closedInto: null });
    expect(sameIncidentOf(b2.s.context).alsoRecordedAs.map((x) => x.reference)).toEqual(['YPSI-A']);
  });
});

describe('property: over any order of same-incident steps and other steps (bounded, seeded)', () => {
  type Op = { kind: 'close-here' | 'keep-here' | 'note' | 'decide'; replace: boolean };
  const op = fc.record({
    kind: fc.constantFrom<Op['kind']>('close-here', 'keep-here', 'note', 'decide'),
    replace: fc.boolean(),
  });
  it('a case closed as the same incident owes nothing; one closed into a case that is also closed into it is flagged', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (ops) => {
        resetBuilders();
        let t = accepted('case-a', 'YPSI-A');
        const a = { caseId: 'case-a', reference: 'YPSI-A' };
        const b = { caseId: 'case-b', reference: 'YPSI-B' };
        for (const o of ops) {
          let e: CaseEvent;
          if (o.kind === 'note') e = ev('note.added', { text: 'A note.' });
          else if (o.kind === 'decide') {
            const facts = t.facts!;
            e = ev('review.decided', {
              decision: decision(facts, 'experimental', ['risk-assessment', 'school-manage']),
              facts,
            });
          } else {
            const [closed, kept] = o.kind === 'close-here' ? [a, b] : [b, a];
            // A step made knowing the ones before it replaces them; one made apart replaces none.
            const replaces = o.replace ? (t.s.context.sameIncident ?? []).map((s) => s.eventId) : [];
            e = ev('same-incident.recorded', {
              disclosureId: 'disc-1',
              closed,
              kept,
              reason: 'Same.',
              carriedOver: 'What applies is recorded in the other.',
              laterSteps: [],
              replaces,
            });
          }
          if (t.s.can(e)) t = record(t, e);
        }
        const c = t.s.context;
        const view = sameIncidentOf(c);
        const summary = summarise(t.s);
        const owed = owedToPolicy(c);
        const replaced = new Set((c.sameIncident ?? []).flatMap((s) => s.replaces));
        const live = (c.sameIncident ?? []).filter((s) => !replaced.has(s.eventId));
        const bothWays = live.some((s) => s.closed.caseId === 'case-a') && live.some((s) => s.kept.caseId === 'case-a');
        const closedDup = !!closedAsSameIncident(c);
        expect({
          // A case closed as the same incident owes nothing, is due nothing, and is listed as closed.
          owesNothing: !closedDup || (owed.length === 0 && dueItems(c).length === 0 && summary.closed),
          // Closed into the other while the other is closed into it: flagged, not closed, a decision owed (R14.1).
          mutualFlagged:
            !bothWays ||
            (view.conflict !== null &&
              view.closedInto === null &&
              owed.some((x) => x.kind === 'same-incident' && x.rule === 'R14.1') &&
              summary.closed === c.closed),
          neverBoth: !(view.closedInto && view.conflict),
        }).toEqual({ owesNothing: true, mutualFlagged: true, neverBoth: true });
      }),
      { numRuns: 40, seed: 20261203 },
    );
  });
});
