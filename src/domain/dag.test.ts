// A case as a DAG (src/domain/dag.ts): one replay order whatever order the events arrived in, a
// fork while two heads stand, a merge naming both, waiting for a missing parent, and two decisions
// made apart needing a new one (R7.2). Bounded, seeded property over random DAGs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type DagNode, branchState, parentsForNew, replayOrder } from './dag';
import { replayCase } from './replayDag';
import { owedToPolicy } from './owed';
import { explainEvent, persist } from './machine';
import type { CaseEvent } from './events';
import { person } from '../../test/builders/facts';
import { DSL, DEPUTY, decision, disclosure, ev, resetBuilders } from '../../test/builders/events';

const hex = (n: number) => n.toString(16).padStart(64, '0');
function node(
  event: CaseEvent,
  parents: string[],
  device: string,
  tie = hex(parseInt(event.id.replace(/\D/g, '') || '0', 10)),
): DagNode {
  return { event: { ...event, parents, device }, parents, tie, device };
}

/** A case opened and disclosed on tablet A, then `extra` nodes. */
function base() {
  resetBuilders();
  const o = node(
    ev('case.opened', { caseId: 'c1', reference: 'YPSI-2026-001', policyVersion: 'wscb-ypsi-2016' }),
    [],
    'A',
    hex(1),
  );
  const d = node(
    ev('disclosure.recorded', { disclosure: disclosure(), persons: [person({ id: 'p1', name: 'Leo', ageYears: 15 })] }),
    [o.event.id],
    'A',
    hex(2),
  );
  return { o, d };
}

describe('replay order', () => {
  it('is topological, ties broken by digest, and waits for a parent it does not have', () => {
    const { o, d } = base();
    const a = node(ev('note.added', { text: 'On A.' }), [d.event.id], 'A', hex(9));
    const b = node(ev('note.added', { text: 'On B.' }), [d.event.id], 'B', hex(5));
    const orphan = node(ev('note.added', { text: 'After one not here.' }), ['missing'], 'C', hex(3));
    const { order, waiting } = replayOrder([a, orphan, b, d, o]);
    expect(order.map((n) => n.event.id)).toEqual([o, d, b, a].map((n) => n.event.id));
    expect(waiting.map((n) => n.event.id)).toEqual([orphan.event.id]);
  });

  it('is the same for any order the same events arrive in (property)', () => {
    // Random DAGs over three tablets: each new event follows one or two earlier ones.
    const dag = fc.array(fc.tuple(fc.nat(2), fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(dag, fc.nat(), (spec, seed) => {
        const { o, d } = base();
        const nodes = [o, d];
        spec.forEach(([t, p1, p2, two], i) => {
          const first = nodes[p1 % nodes.length]!.event.id;
          const second = nodes[p2 % nodes.length]!.event.id;
          const parents = two && first !== second ? [first, second] : [first];
          const text = `Step ${i}`;
          nodes.push(node(ev('note.added', { text }), parents, 'ABC'[t]!, hex(1000 + ((i * 7919 + seed) % 997))));
        });
        const shuffled = [...nodes].sort(
          (x, y) => ((x.tie.charCodeAt(60) * 31 + seed) % 17) - ((y.tie.charCodeAt(60) * 31 + seed) % 17),
        );
        const one = replayCase(nodes);
        const two = replayCase(shuffled.reverse());
        expect(two.order.map((n) => n.event.id)).toEqual(one.order.map((n) => n.event.id));
        expect(persist(two.snapshot)).toEqual(persist(one.snapshot));
        // Every event comes after all it followed.
        const at = new Map(one.order.map((n, i) => [n.event.id, i]));
        for (const n of one.order) for (const p of n.parents) expect(at.get(p)!).toBeLessThan(at.get(n.event.id)!);
      }),
      { numRuns: 40, seed: 20261213 },
    );
  });
});

describe('a fork', () => {
  it('stands while two heads stand, lists each branch with who and which tablet, and ends with a merge naming both', () => {
    const { o, d } = base();
    const a = node(ev('note.added', { text: 'On A.' }), [d.event.id], 'A', hex(9));
    const b = node(ev('note.added', { text: 'On B.' }, DEPUTY), [d.event.id], 'B', hex(5));
    const forked = replayCase([o, d, a, b]);
    const state = forked.state;
    expect(state).toMatchObject({ forked: true, devices: ['A', 'B'] });
    expect(new Set(state.heads)).toEqual(new Set([a.event.id, b.event.id]));
    expect(state.branches.map((x) => x.steps.map((s) => [s.device, s.by.name]))).toEqual(
      expect.arrayContaining([[['A', 'Dana Shah']], [['B', 'Dev Patel']]]),
    );
    expect(owedToPolicy(forked.snapshot.context).find((x) => x.kind === 'merge')).toMatchObject({
      rule: 'R14.2',
      blocks: ['close', 'delete'],
    });
    // A new step on A continues A's branch; a merge names both heads.
    expect(parentsForNew(state, null, 'A', false)).toEqual([a.event.id]);
    expect(parentsForNew(state, null, 'A', true).sort()).toEqual(state.heads.slice().sort());

    const blank = ev('branches.merged', { heads: state.heads, reconciliation: '' });
    expect(explainEvent(forked.snapshot, blank)).toMatchObject({ allowed: false });
    const partial = ev('branches.merged', { heads: [a.event.id, 'other'], reconciliation: 'Both stand.' });
    expect(explainEvent(forked.snapshot, partial).allowed).toBe(false);
    const m = node(
      ev('branches.merged', { heads: state.heads, reconciliation: 'Both notes stand.' }),
      state.heads,
      'A',
      hex(20),
    );
    expect(explainEvent(forked.snapshot, m.event).allowed).toBe(true);
    const merged = replayCase([o, d, a, b, m]);
    expect(merged.state).toMatchObject({ forked: false, heads: [m.event.id] });
    expect(owedToPolicy(merged.snapshot.context).some((x) => x.kind === 'merge')).toBe(false);
  });

  it('keeps a step the merged order cannot apply, and says why', () => {
    const { o, d } = base();
    const a = node(ev('case.discarded', { reason: 'Opened by mistake on A.' }), [o.event.id], 'A', hex(9));
    const r = replayCase([o, d, a]);
    expect(r.state.notApplied).toEqual([
      expect.objectContaining({ eventId: a.event.id, type: 'case.discarded', reasons: expect.any(Array) }),
    ]);
    expect(r.snapshot.context.branches?.forked).toBe(true);
  });

  it('two different decisions made apart need a new decision (R7.2); the same decision twice does not', () => {
    const { o, d } = base();
    const facts = replayCase([o, d]).snapshot.context.facts;
    const onA = node(
      ev('review.decided', { decision: decision(facts, 'experimental', ['school-manage']), facts }),
      [d.event.id],
      'A',
      hex(9),
    );
    const same = node(
      ev('review.decided', { decision: decision(facts, 'experimental', ['school-manage']), facts }),
      [d.event.id],
      'B',
      hex(5),
    );
    const other = node(
      ev('review.decided', { decision: decision(facts, 'aggravated', ['mash-referral']), facts }, DSL),
      [d.event.id],
      'B',
      hex(6),
    );
    expect(branchState(replayCase([o, d, onA, same]).order).decisionsMadeApart).toEqual([]);
    const apart = replayCase([o, d, onA, other]);
    expect(apart.state.decisionsMadeApart.sort()).toEqual([onA.event.id, other.event.id].sort());
    expect(owedToPolicy(apart.snapshot.context).find((x) => x.kind === 'new-decision')).toMatchObject({ rule: 'R7.2' });
    const m = node(
      ev('branches.merged', { heads: apart.state.heads, reconciliation: 'They differ.' }),
      apart.state.heads,
      'A',
      hex(30),
    );
    const again = node(
      ev('review.decided', {
        decision: { ...decision(facts, 'aggravated', ['mash-referral']), decisionId: 'd-new' },
        facts,
      }),
      [m.event.id],
      'A',
      hex(31),
    );
    expect(replayCase([o, d, onA, other, m]).state.decisionsMadeApart).toHaveLength(2);
    expect(replayCase([o, d, onA, other, m, again]).state.decisionsMadeApart).toEqual([]);
  });
});
