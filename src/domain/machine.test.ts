import { beforeEach, describe, expect, it } from 'vitest';
import { initialSnapshot, persist, replay, restore, step, stageOf, explainEvent, RejectedEventError } from './machine';
import { experimentalFlow, referralFlow, run } from '../../test/builders/flows';
import { DSL, STAFF, ev, resetBuilders } from '../../test/builders/events';

const experimentalCase = experimentalFlow;
const referralCase = referralFlow;

beforeEach(() => resetBuilders());

describe('the case machine', () => {
  it('walks an experimental case managed in school from disclosure to closed', () => {
    const events = experimentalCase();
    const stages: string[] = [];
    let s = initialSnapshot();
    for (const e of events) {
      s = step(s, e);
      stages.push(stageOf(s));
    }
    expect(stages).toEqual([
      'disclosure',
      'initialReview',
      'riskAssessment',
      'response',
      'response',
      'response',
      'response',
      'response',
      'response',
      'response',
      'closed',
    ]);
    expect(s.context.eventCount).toBe(events.length);
  });

  it('walks an immediate-referral case to closed without any Headteacher sign-off', () => {
    const s = run(referralCase());
    expect(stageOf(s)).toBe('closed');
    expect(s.context.signOffs).toHaveLength(0);
  });

  it('refuses to close a case not to refer until the Headteacher has signed off (R14.3)', () => {
    const events = experimentalCase().filter(
      (e) => e.type !== 'signoff.signed' && e.type !== 'deletion.planned' && e.type !== 'deletion.confirmed',
    );
    const close = events.pop()!;
    const s = run(events);
    expect(s.can(close)).toBe(false);
    const why = explainEvent(s, close);
    expect(why.reasons.map((r) => r.rule)).toContain('R14.3');
  });

  it('refuses deletion before the decision not to refer is signed off (R12.1)', () => {
    const events = experimentalCase();
    const upToRisk = events.slice(0, 4);
    const plan = events.find((e) => e.type === 'deletion.planned')!;
    const s = run(upToRisk);
    expect(() => step(s, plan)).toThrow(RejectedEventError);
    expect(explainEvent(s, plan).reasons.some((r) => r.rule === 'R14.3')).toBe(true);
  });

  it('escalates to referral when new facts meet a trigger after a decision not to refer (R6.9, R4.5)', () => {
    const events = experimentalCase().slice(0, 5);
    const s = run(events);
    expect(stageOf(s)).toBe('response');
    const harm = ev('facts.updated', { facts: { immediateRiskOfHarm: 'yes' }, source: 'new-information' });
    const after = step(s, harm);
    expect(stageOf(after)).toBe('referral');
  });

  it('lets a member of staff record nothing but a disclosure', () => {
    const s = run(experimentalCase().slice(0, 3));
    const note = ev('note.added', { text: 'I want to read it back' }, STAFF);
    expect(s.can(note)).toBe(false);
    expect(explainEvent(s, note).reasons[0]?.text).toMatch(/cannot/);
  });

  it('reopens a closed case with a reason', () => {
    const s = run(experimentalCase());
    const s2 = step(s, ev('case.reopened', { reason: 'New information from a parent.' }));
    expect(stageOf(s2)).toBe('response');
  });

  it('restores exactly from a persisted snapshot through JSON', () => {
    const s = run(experimentalCase().slice(0, 6));
    const json = JSON.stringify(persist(s));
    const back = restore(JSON.parse(json));
    expect(back.value).toEqual(s.value);
    expect(back.context).toEqual(s.context);
    const next = ev('parents.recorded', { personId: s.context.facts.persons[1]!.id, decision: 'informed' });
    expect(step(back, next).context).toEqual(step(s, next).context);
  });

  it('steps without changing the snapshot it is given, so an earlier state can be stepped again (a pure transition)', () => {
    const flow = experimentalCase();
    const s = run(flow.slice(0, 2));
    const before = JSON.stringify(persist(s));
    const decided = flow[2]!;
    const a = step(s, decided);
    expect(JSON.stringify(persist(s))).toBe(before);
    expect(stageOf(s)).toBe('initialReview');
    expect(stageOf(a)).toBe('riskAssessment');
    expect(step(s, decided).context).toEqual(a.context);
  });

  it('rebuilds the same snapshot by replaying the events from the start', () => {
    for (const events of [experimentalCase(), referralCase()]) {
      const s = run(events);
      const r = replay(events);
      expect(r.value).toEqual(s.value);
      expect(r.context).toEqual(s.context);
    }
  });

  it('answers every refusal with reasons that cite a rule', () => {
    const s = initialSnapshot();
    const e = ev('case.closed', { summary: 'x' }, DSL);
    const why = explainEvent(s, e);
    expect(why.allowed).toBe(false);
    expect(why.reasons.length).toBeGreaterThan(0);
  });
});
