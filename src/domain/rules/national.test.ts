// Issue 11, item 7: national guidance that post-dates the source (UKCIS 2024), labelled as national
// guidance and mapped onto the source's rules. Imagery made or altered with an app or AI is made
// without the pictured young person's knowledge or will (aggravated, R2.1); demands for money,
// gifts or more images are blackmail (R6.4): police now, do not pay, Report Remove.
import { describe, expect, it } from 'vitest';
import { assessRoutes, type RouteAssessment, type RouteRecommendation } from './routes';
import { proposeTypology } from './typology';
import { RULES } from './catalogue';
import { applyEvent, emptyCase } from '../case';
import { emptyFacts, TRI_FACT_KEYS, withFactDefaults, type IncidentFacts, type RouteId, type Typology } from '../types';
import { calmFacts, E1, person } from '../../../test/builders/facts';
import { DISCLOSURE_DATE } from '../../../test/builders/ages';
import { decision, ev, resetBuilders } from '../../../test/builders/events';

const assessed = (f: IncidentFacts, t: Typology): RouteAssessment => assessRoutes(f, t, DISCLOSURE_DATE);
const route = (a: RouteAssessment, id: RouteId): RouteRecommendation | undefined =>
  a.routes.find((r) => r.route === id);
const fifteen = (overrides: Partial<IncidentFacts> = {}) =>
  calmFacts({ persons: [person({ name: 'Sam', ageYears: 15 }), person({ name: 'Leo', ageYears: 15 })], ...overrides });

describe('imagery made or altered with an app or AI ("nudified" or generated)', () => {
  it('when yes, the app proposes aggravated: made without the knowledge or will of the young person pictured (R2.1), citing the national guidance', () => {
    const p = proposeTypology(fifteen({ aiMadeOrAltered: 'yes' }), DISCLOSURE_DATE);
    expect(p).toMatchObject({ typology: 'aggravated', basis: 'facts' });
    expect(p.reasons.map((r) => r.rule)).toEqual(['R2.1', 'UKCIS.ai']);
    expect(p.reasons[0]!.text).toMatch(/app or AI/);
    expect(p.reasons[1]!.quoteFrom).toBe('national');
  });

  it('when not known, the proposal stays aggravated until it is answered, and says what is not known', () => {
    const p = proposeTypology(fifteen({ aiMadeOrAltered: 'unknown' }), DISCLOSURE_DATE);
    expect(p).toMatchObject({ typology: 'aggravated', basis: 'unknowns' });
    expect(p.reasons[0]!.text).toMatch(/made or altered with an app or AI/);
  });

  it('when no, E1 is still experimental and the school may manage it', () => {
    expect(proposeTypology(E1(), DISCLOSURE_DATE).typology).toBe('experimental');
    expect(route(assessed(E1(), 'experimental'), 'school-manage')).toBeDefined();
  });
});

describe('financially motivated sexual extortion: someone demanded money, gifts or more images', () => {
  it.each<Typology>(['aggravated', 'experimental'])(
    'when yes (%s): R6.4 fires, refer to the MASH now and tell the police now; do not pay; Report Remove',
    (t) => {
      const a = assessed(fifteen({ sextortionDemands: 'yes' }), t);
      expect(a.triggers.find((x) => x.id === 'R6.4')).toMatchObject({ fires: 'yes' });
      expect(route(a, 'mash-referral')?.strength).toBe('act-now');
      expect(
        route(a, 'mash-referral')?.reasons.some((r) => r.rule === 'R6.4' && /money, gifts or more images/.test(r.text)),
      ).toBe(true);
      const police = route(a, 'police');
      expect(police).toMatchObject({ strength: 'act-now', phone: '101' });
      const said = police!.reasons.find((r) => r.rule === 'UKCIS.sextortion');
      expect(said?.quoteFrom).toBe('national');
      expect(said?.text).toMatch(/not to pay/);
      expect(said?.text).toMatch(/Report Remove/);
      expect(route(a, 'school-manage')).toBeUndefined();
    },
  );

  it('when yes and someone is in danger now, the police number is 999', () => {
    expect(
      route(assessed(fifteen({ sextortionDemands: 'yes', dangerNow: 'yes' }), 'aggravated'), 'police')?.phone,
    ).toBe('999');
  });

  it('the proposal is aggravated: extortion is an aggravating element (R2.1)', () => {
    const p = proposeTypology(fifteen({ sextortionDemands: 'yes' }), DISCLOSURE_DATE);
    expect(p).toMatchObject({ typology: 'aggravated', basis: 'facts' });
    expect(p.reasons.map((r) => r.rule)).toEqual(['R2.1', 'UKCIS.sextortion']);
  });

  it.each<Typology>(['aggravated', 'experimental'])(
    'when not known (%s): the school may not manage it, and the reason says what is not known',
    (t) => {
      const a = assessed(
        fifteen({ sextortionDemands: 'unknown', riskTool: { tool: 'WSCB Risk Assessment Matrix', level: 'low' } }),
        t,
      );
      expect(a.triggers.find((x) => x.id === 'R6.4')).toMatchObject({ fires: 'unknown' });
      expect(a.schoolMayManage).toBe(false);
      expect(
        route(a, 'mash-advice')?.reasons.some(
          (r) => r.rule === 'R6.4' && r.unknown && /money, gifts or more images/.test(r.text),
        ),
      ).toBe(true);
    },
  );
});

describe('labelled as national guidance, never as the establishment’s policy', () => {
  it.each(['UKCIS.ai', 'UKCIS.sextortion'] as const)('%s', (id) => {
    expect(RULES[id].quoteFrom).toBe('national');
    expect(RULES[id].quote).toMatch(/\(UKCIS 2024/);
  });
});

describe('older records, made before these questions were asked, read "not known yet"', () => {
  it('the new facts are tri facts, "not known yet" in empty facts', () => {
    expect(TRI_FACT_KEYS).toEqual(expect.arrayContaining(['aiMadeOrAltered', 'sextortionDemands']));
    expect(emptyFacts()).toMatchObject({ aiMadeOrAltered: 'unknown', sextortionDemands: 'unknown' });
  });

  it('facts recorded without them are read with them "not known yet", and every other answer kept', () => {
    const { aiMadeOrAltered: _a, sextortionDemands: _s, ...old } = calmFacts();
    const read = withFactDefaults(old);
    expect(read).toMatchObject({
      aiMadeOrAltered: 'unknown',
      sextortionDemands: 'unknown',
      sexualAbuse: 'no',
      spread: 'contained',
    });
  });

  it('a decision recorded before them replays with them "not known yet"', () => {
    resetBuilders();
    const { aiMadeOrAltered: _a, sextortionDemands: _s, ...old } = calmFacts();
    const e = ev('review.decided', {
      facts: old as IncidentFacts,
      decision: decision(old as IncidentFacts, 'experimental', ['risk-assessment', 'school-manage']),
    });
    const c = applyEvent(emptyCase(), e);
    expect(c.facts).toMatchObject({ aiMadeOrAltered: 'unknown', sextortionDemands: 'unknown', threats: 'no' });
  });
});
