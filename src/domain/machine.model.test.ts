import { beforeAll, describe, expect, it } from 'vitest';
import { getShortestPaths } from '@xstate/graph';
import { caseMachine, explainEvent, replay, stageOf, type CaseSnapshot } from './machine';
import { EVENT_LABELS } from './gates';
import { RULES } from './rules/catalogue';
import { STAGES, STAGE_ACCEPTS } from './stages';
import type { CaseEvent, CaseEventType } from './events';
import type { Role } from './types';
import { ACTORS, lastRole, modelKey, sampleEvents } from '../../test/builders/samples';

// Explore the machine from its start. A state is its stage, a role marker and the closing
// checklist (modelKey), never the whole context, so the exploration stays small and bounded.
// Every edge the exploration walks (from key -> to key) is recorded as it serializes each state.
const edges = new Map<string, Set<string>>();
const keyOf = new WeakMap<object, string>();
const key = (s: CaseSnapshot): string => {
  let k = keyOf.get(s);
  if (k === undefined) keyOf.set(s, (k = modelKey(s)));
  return k;
};
type Reached = { key: string; state: CaseSnapshot; events: CaseEvent[] };
let paths: ReturnType<typeof explore> = [];
let reached: Reached[] = [];

function explore() {
  return getShortestPaths(caseMachine, {
    events: (state) => sampleEvents(state),
    serializeState: (s, _event, prev) => {
      const k = key(s);
      if (prev) {
        const from = key(prev);
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(k);
      }
      return k;
    },
    limit: 50_000,
  });
}

beforeAll(() => {
  paths = explore();
  // Each path's own end state, rebuilt by replaying its events (the library keeps one snapshot per key).
  reached = paths.map((p) => {
    const events = p.steps.slice(1).map((st) => st.event as CaseEvent);
    return { key: key(p.state), state: replay(events), events };
  });
  // A limit, not a measure: the exploration is exhaustive, and a shared test machine can be slow.
}, 120_000);

describe('the case machine, explored from its start with sample events for every role', () => {
  it('stays small enough to explore exhaustively', () => {
    expect(paths.length).toBeGreaterThan(STAGES.length);
    expect(paths.length).toBeLessThan(1_000);
  });

  it('reaches every stage of the response', () => {
    expect([...new Set(reached.map((r) => stageOf(r.state)))].sort()).toEqual([...STAGES].sort());
  });

  it('each shortest path is a sequence of events the machine accepts, ending in the state it names', () => {
    for (const r of reached) expect(key(r.state)).toBe(r.key);
  });

  it('reaches states left by each role: DSL, deputy, Headteacher and staff', () => {
    const roles = new Set(reached.map((r) => lastRole(r.state)));
    for (const role of ['dsl', 'deputy-dsl', 'headteacher', 'staff'] satisfies Role[]) expect(roles).toContain(role);
  });

  it('in every state it reaches, each sample event is either accepted, or refused with reasons that cite the policy', () => {
    const problems: string[] = [];
    const accepted = new Set<CaseEventType>();
    const refusedByRole = new Map<Role, number>(ACTORS.map((a) => [a.role, 0]));
    for (const { state } of reached) {
      for (const e of sampleEvents(state)) {
        const can = state.can(e);
        const why = explainEvent(state, e);
        const where = `${stageOf(state)}: ${e.actor.role} ${e.type} (${e.id})`;
        if (can !== why.allowed)
          problems.push(`${where}: the machine says ${can}, the explanation says ${why.allowed}`);
        if (why.reasons.length === 0) problems.push(`${where}: no reason given`);
        for (const r of why.reasons)
          if (!(r.rule in RULES)) problems.push(`${where}: cites ${r.rule}, which is not a rule`);
        if (why.allowed && !STAGE_ACCEPTS[stageOf(state)].includes(e.type))
          problems.push(`${where}: allowed at a stage that does not accept it`);
        if (can) accepted.add(e.type);
        else refusedByRole.set(e.actor.role, (refusedByRole.get(e.actor.role) ?? 0) + 1);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // The sample events are meant to be valid somewhere: every kind of event is accepted at least once.
    expect(Object.keys(EVENT_LABELS).filter((t) => !accepted.has(t as CaseEventType))).toEqual([]);
    expect([...refusedByRole].filter(([, n]) => n === 0).map(([role]) => role)).toEqual([]);
  });

  it('closes both a case managed in school (signed off) and a case referred to the MASH', () => {
    const closed = reached.filter((r) => stageOf(r.state) === 'closed').map((r) => r.state.context);
    expect(closed.some((c) => c.decisions.at(-1)?.routes.includes('mash-referral') && c.referrals.length > 0)).toBe(
      true,
    );
    expect(
      closed.some(
        (c) => c.decisions.at(-1)?.routes.includes('school-manage') && c.signOffs.length > 0 && c.deletion !== null,
      ),
    ).toBe(true);
  });

  it('never leaves a case stuck: from every state it reaches, the case can still be closed', () => {
    const canClose = new Set(paths.map((p) => key(p.state)).filter((k) => k.startsWith('closed')));
    let grew = true;
    while (grew) {
      grew = false;
      for (const [from, tos] of edges) {
        if (!canClose.has(from) && [...tos].some((t) => canClose.has(t))) {
          canClose.add(from);
          grew = true;
        }
      }
    }
    const stuck = paths.map((p) => key(p.state)).filter((k) => !canClose.has(k));
    expect(stuck.slice(0, 10)).toEqual([]);
  });

  it('explores a case escalated before its disclosure was recorded, which can then record it (R4.5, R14.1)', () => {
    const early = reached.filter((r) =>
      r.events.some(
        (e, i) => e.type === 'escalated' && !r.events.slice(0, i).some((x) => x.type === 'disclosure.recorded'),
      ),
    );
    expect(early.some((r) => r.state.context.disclosure !== null && stageOf(r.state) === 'referral')).toBe(true);
  });
});
