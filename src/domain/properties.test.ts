import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessRoutes } from './rules/routes';
import { proposeTypology } from './rules/typology';
import { RULES, type RuleEntry } from './rules/catalogue';
import { TRI_FACT_KEYS, type IncidentFacts, type Tri, type TriFactKey } from './types';
import { initialSnapshot, persist, replay, restore, step, type CaseSnapshot } from './machine';
import type { CaseEvent } from './events';
import { facts, tri, typology } from '../../test/builders/arbitraries';
import { experimentalFlow, referralFlow } from '../../test/builders/flows';
import { resetBuilders } from '../../test/builders/events';
import { DISCLOSURE_DATE } from '../../test/builders/ages';

const RUNS = { numRuns: 300, seed: 20260302 } as const;
const RANK: Record<Tri, number> = { no: 0, unknown: 1, yes: 2 };

beforeEach(() => resetBuilders());

describe('properties of the rules engine, for any facts and either typology', () => {
  it('the school is never offered to manage alone while any immediate-referral trigger fires or could fire', () => {
    fc.assert(
      fc.property(facts, typology, (f, t) => {
        const a = assessRoutes(f, t, DISCLOSURE_DATE);
        const offered = a.schoolMayManage || a.routes.some((r) => r.route === 'school-manage');
        // Which triggers fire or could fire while the school is offered: there must be none.
        expect(offered ? a.triggers.filter((x) => x.fires !== 'no').map((x) => `${x.id} ${x.fires}`) : []).toEqual([]);
      }),
      RUNS,
    );
  });

  it('every route recommended cites at least one rule of the policy, and only rules of the policy', () => {
    fc.assert(
      fc.property(facts, typology, (f, t) => {
        for (const r of assessRoutes(f, t, DISCLOSURE_DATE).routes) {
          expect(r.reasons.filter((why) => why.rule in RULES).length).toBeGreaterThan(0);
          expect(r.reasons.filter((why) => !(why.rule in RULES)).map((why) => why.rule)).toEqual([]);
          expect(
            r.reasons
              .filter((why) => why.reading && !(RULES[why.reading] as RuleEntry).reading)
              .map((why) => why.reading),
          ).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('when any trigger fires "yes", a MASH referral is to be made now', () => {
    fc.assert(
      fc.property(facts, typology, (f, t) => {
        const a = assessRoutes(f, t, DISCLOSURE_DATE);
        const fires = a.triggers.some((x) => x.fires === 'yes');
        // E2: an online contact who may be an adult is referred now too (R6.2 unknown, protective reading).
        const onlineMaybeAdult =
          a.triggers.some((x) => x.id === 'R6.2' && x.fires === 'unknown') &&
          f.persons.some((p) => p.onlineContact && p.adult !== 'no');
        expect(a.immediateReferral === 'yes').toBe(fires);
        const actNow = a.routes.some((r) => r.route === 'mash-referral' && r.strength === 'act-now');
        expect(actNow).toBe(fires || onlineMaybeAdult);
      }),
      RUNS,
    );
  });

  const AGGRAVATING = [
    'sexualAbuse',
    'extortionOrBlackmail',
    'threats',
    'coercionOrGrooming',
    'malice',
    'sharedWithoutConsent',
  ] as const;

  it('adding a "yes" to an aggravating fact, or an adult, never turns aggravated into experimental', () => {
    const change = fc.oneof(fc.constantFrom(...AGGRAVATING), fc.constant('adult' as const));
    fc.assert(
      fc.property(facts, change, (f, key) => {
        const before = proposeTypology(f, DISCLOSURE_DATE);
        const after: IncidentFacts =
          key === 'adult'
            ? {
                ...f,
                persons: [
                  ...f.persons,
                  {
                    id: 'grown-up',
                    name: 'Adult',
                    atEstablishment: false,
                    involvement: [],
                    ageYears: 30,
                    adult: 'yes',
                    worksWithChildren: 'no',
                  },
                ],
              }
            : { ...f, [key]: 'yes' };
        const now = proposeTypology(after, DISCLOSURE_DATE);
        expect([before.typology, now.typology]).not.toEqual(['aggravated', 'experimental']);
        expect(now).toMatchObject({ typology: 'aggravated', basis: 'facts' });
      }),
      RUNS,
    );
  });

  it('moving any answer towards "yes" (no to unknown, unknown to yes) never makes an immediate referral less likely', () => {
    fc.assert(
      fc.property(facts, typology, fc.constantFrom<TriFactKey>(...TRI_FACT_KEYS), tri, (f, t, key, to) => {
        fc.pre(RANK[to] > RANK[f[key]]);
        const before = assessRoutes(f, t, DISCLOSURE_DATE).immediateReferral;
        const after = assessRoutes({ ...f, [key]: to }, t, DISCLOSURE_DATE).immediateReferral;
        expect(RANK[after]).toBeGreaterThanOrEqual(RANK[before]);
      }),
      RUNS,
    );
  });
});

describe('properties of the case record: replay and persistence', () => {
  /** Apply events, skipping any the machine refuses, so the sequence kept is valid by construction. */
  function validPrefix(
    flow: readonly CaseEvent[],
    keep: readonly boolean[],
    length: number,
  ): { events: CaseEvent[]; snapshot: CaseSnapshot } {
    let s = initialSnapshot();
    const events: CaseEvent[] = [];
    flow.slice(0, length).forEach((e, i) => {
      if (keep[i] === false || !s.can(e)) return;
      s = step(s, e);
      events.push(e);
    });
    return { events, snapshot: s };
  }

  const flows = { experimental: experimentalFlow(), referral: referralFlow() };
  const scenario = fc
    .record({
      which: fc.constantFrom<keyof typeof flows>('experimental', 'referral'),
      keep: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      length: fc.integer({ min: 0, max: 12 }),
    })
    .map(({ which, keep, length }) => ({ flow: flows[which], keep: keep.map((k, i) => k || i < 2), length }));

  it('replaying the recorded events from the start reproduces the snapshot', () => {
    fc.assert(
      fc.property(scenario, ({ flow, keep, length }) => {
        const { events, snapshot } = validPrefix(flow, keep, length);
        const again = replay(events);
        expect(again.value).toEqual(snapshot.value);
        expect(again.context).toEqual(snapshot.context);
        expect(persist(again)).toEqual(persist(snapshot));
      }),
      RUNS,
    );
  });

  it('persisting to JSON and restoring gives back exactly the same case, which then behaves the same', () => {
    fc.assert(
      fc.property(scenario, ({ flow, keep, length }) => {
        const { snapshot } = validPrefix(flow, keep, length);
        const back = restore(JSON.parse(JSON.stringify(persist(snapshot))));
        expect(back.value).toEqual(snapshot.value);
        expect(back.context).toEqual(snapshot.context);
        expect(back.status).toBe(snapshot.status);
        expect(persist(back)).toEqual(persist(snapshot));
        for (const e of flow.slice(length)) {
          const can = snapshot.can(e);
          expect(back.can(e)).toBe(can);
          expect(can ? step(back, e).context : null).toEqual(can ? step(snapshot, e).context : null);
        }
      }),
      RUNS,
    );
  });
});
