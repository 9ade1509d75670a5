// R4.5 (issue 11, item 4): harm already done or threatened is an immediate-referral trigger in its
// own right, at any stage and whatever the typology or the risk tool says. Unknown is never no.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessRoutes, type RouteAssessment, type RouteRecommendation } from './routes';
import { evaluateTriggers } from './triggers';
import type { IncidentFacts, RiskLevel, RouteId, Tri, Typology } from '../types';
import { calmFacts, person } from '../../../test/builders/facts';
import { facts as anyFacts, typology as anyTypology } from '../../../test/builders/arbitraries';
import { DISCLOSURE_DATE } from '../../../test/builders/ages';

const TYPOLOGIES: Typology[] = ['aggravated', 'experimental'];
const assessed = (f: IncidentFacts, t: Typology): RouteAssessment => assessRoutes(f, t, DISCLOSURE_DATE);
const route = (a: RouteAssessment, id: RouteId): RouteRecommendation | undefined =>
  a.routes.find((r) => r.route === id);
const tool = (level: RiskLevel): IncidentFacts['riskTool'] => ({ tool: 'WSCB Risk Assessment Matrix', level });

/** The case: two 14-year-olds, the local risk tool applied, every other question "no". */
const fourteens = (overrides: Partial<IncidentFacts> = {}, level: RiskLevel = 'low'): IncidentFacts =>
  calmFacts({
    persons: [person({ name: 'Jayden', ageYears: 14 }), person({ name: 'Chloe', ageYears: 14 })],
    riskTool: tool(level),
    ...overrides,
  });

describe('R4.5 harm already done or threatened: refer immediately, whatever the typology and risk score', () => {
  it('sexual abuse recorded as yes, two 14-year-olds, low risk score: an immediate referral, and "the school may manage this" is not offered', () => {
    const a = assessed(fourteens({ sexualAbuse: 'yes' }), 'aggravated');
    expect({
      immediateReferral: a.immediateReferral,
      referNow: route(a, 'mash-referral')?.strength,
      citesR45: route(a, 'mash-referral')?.reasons.some((r) => r.rule === 'R4.5' && /sexual abuse/i.test(r.text)),
      schoolMayManage: a.schoolMayManage,
      schoolOffered: route(a, 'school-manage') !== undefined,
    }).toEqual({
      immediateReferral: 'yes',
      referNow: 'act-now',
      citesR45: true,
      schoolMayManage: false,
      schoolOffered: false,
    });
  });

  it.each<[string, Partial<IncidentFacts>, RiskLevel, Typology, string]>([
    ['sexual abuse, medium risk, aggravated', { sexualAbuse: 'yes' }, 'medium', 'aggravated', 'sexual abuse'],
    ['sexual abuse, the DSL judged it experimental', { sexualAbuse: 'yes' }, 'low', 'experimental', 'sexual abuse'],
    ['threats, low risk, aggravated', { threats: 'yes' }, 'low', 'aggravated', 'threat'],
    ['threats, the DSL judged it experimental', { threats: 'yes' }, 'low', 'experimental', 'threat'],
  ])('%s: the R4.5 trigger fires and the MASH referral is "act now"', (_label, overrides, level, typology, words) => {
    const a = assessed(fourteens(overrides, level), typology);
    const r45 = a.triggers.find((t) => t.id === 'R4.5');
    expect(r45).toMatchObject({ applies: true, value: 'yes', fires: 'yes' });
    expect(route(a, 'mash-referral')?.strength).toBe('act-now');
    expect(
      route(a, 'mash-referral')
        ?.reasons.filter((r) => r.rule === 'R4.5')
        .map((r) => r.text.toLowerCase().includes(words)),
    ).toContain(true);
    expect(route(a, 'school-manage')).toBeUndefined();
  });

  it('threats count as a risk of harm under a labelled protective reading (R18.5); sexual abuse is harm in R4.5’s own words', () => {
    const threats = evaluateTriggers(fourteens({ threats: 'yes' }), 'aggravated', DISCLOSURE_DATE).find(
      (t) => t.id === 'R4.5',
    );
    expect(threats?.reasons.map((r) => r.reading)).toContain('R18.5');
    const abuse = evaluateTriggers(fourteens({ sexualAbuse: 'yes' }), 'aggravated', DISCLOSURE_DATE).find(
      (t) => t.id === 'R4.5',
    );
    expect(abuse?.reasons.filter((r) => r.rule === 'R4.5').every((r) => r.reading === undefined)).toBe(true);
  });

  it.each<[string, Partial<IncidentFacts>, string]>([
    ['sexual abuse not known yet', { sexualAbuse: 'unknown' }, 'sexual abuse'],
    ['threats not known yet', { threats: 'unknown' }, 'threats'],
  ])('%s: the school may not manage it, and the reason says what is not known', (_label, overrides, words) => {
    for (const t of TYPOLOGIES) {
      const a = assessed(fourteens(overrides), t);
      expect(a.immediateReferral).toBe('unknown');
      expect(a.schoolMayManage).toBe(false);
      expect(route(a, 'school-manage')).toBeUndefined();
      const said = route(a, 'mash-advice')?.reasons.filter((r) => r.rule === 'R4.5' && r.unknown) ?? [];
      expect(said.map((r) => r.text.toLowerCase().includes(words))).toEqual([true]);
    }
  });

  it('with both answered "no", R4.5 does not fire and E1-like facts still allow the school to manage', () => {
    const a = assessed(calmFacts(), 'experimental');
    expect(a.triggers.find((t) => t.id === 'R4.5')).toMatchObject({ value: 'no', fires: 'no', reasons: [] });
    expect(route(a, 'school-manage')).toBeDefined();
  });

  it('property: no facts with an R4.5 fact "yes" or "not known" ever offer the school to manage it', () => {
    // Any facts, and facts otherwise calm (teenagers, every other answer "no", the risk tool low or
    // medium), where only the R4.5 fact stands between the school and managing it alone.
    const calmOtherwise = fc
      .record({
        n: fc.integer({ min: 1, max: 4 }),
        age: fc.integer({ min: 13, max: 17 }),
        level: fc.constantFrom<RiskLevel>('low', 'medium'),
      })
      .map(({ n, age, level }) =>
        calmFacts({
          persons: Array.from({ length: n }, (_, i) => person({ name: `Young person ${i + 1}`, ageYears: age })),
          riskTool: tool(level),
        }),
      );
    fc.assert(
      fc.property(
        fc.oneof(anyFacts, calmOtherwise),
        anyTypology,
        fc.constantFrom<'sexualAbuse' | 'threats'>('sexualAbuse', 'threats'),
        fc.constantFrom<Tri>('yes', 'unknown'),
        (f, t, key, v) => {
          const a = assessRoutes({ ...f, [key]: v }, t, DISCLOSURE_DATE);
          expect({
            schoolMayManage: a.schoolMayManage,
            offered: a.routes.some((r) => r.route === 'school-manage'),
          }).toEqual({ schoolMayManage: false, offered: false });
        },
      ),
      { numRuns: 200, seed: 20261203 },
    );
  });
});
