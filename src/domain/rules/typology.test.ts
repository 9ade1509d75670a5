import { describe, expect, it } from 'vitest';
import { needsNoConsentReconsideration, proposeTypology } from './typology';
import type { IncidentFacts, Person, Tri } from '../types';
import { calmFacts, person } from '../../../test/builders/facts';
import {
  AGED_17,
  AGED_18,
  BORN_18_YEARS_BEFORE,
  BORN_18_YEARS_BEFORE_TOMORROW,
  DISCLOSURE_DATE,
  SOME_CHILD,
  UNKNOWN_AGE,
  YEAR_13,
  type AgeCase,
} from '../../../test/builders/ages';

/** Maya (16) and someone else, whose age is recorded as the row says; everything else answered "no". */
function withOther(other: Partial<Person>, overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return calmFacts({
    persons: [person({ name: 'Maya', ageYears: 16 }), person({ name: 'Other', ...other })],
    ...overrides,
  });
}

type AggravatingFact =
  | 'sexualAbuse'
  | 'extortionOrBlackmail'
  | 'threats'
  | 'coercionOrGrooming'
  | 'malice'
  | 'sharedWithoutConsent';

describe('R2.1 aggravated: each aggravating element on its own makes the incident aggravated', () => {
  it.each<[string, AggravatingFact, string]>([
    ['there was sexual abuse', 'sexualAbuse', 'R2.1'],
    ['a young person is being extorted or blackmailed', 'extortionOrBlackmail', 'R2.1'],
    ['there were threats', 'threats', 'R2.1'],
    ['a young person was coerced or groomed', 'coercionOrGrooming', 'R2.1'],
    ['it was shared with malice', 'malice', 'R2.1'],
    ['it was shared without the pictured young person knowing or willing it', 'sharedWithoutConsent', 'R2.4'],
  ])('when %s, and nothing else, I am told it is aggravated on the facts', (_label, key, rule) => {
    const p = proposeTypology(calmFacts({ [key]: 'yes' }));
    expect(p.typology).toBe('aggravated');
    expect(p.basis).toBe('facts');
    expect(p.reasons.map((r) => r.rule)).toEqual([rule]);
  });

  it.each<[string, 'aggravated' | 'experimental', AgeCase]>([
    [AGED_18.label, 'aggravated', AGED_18],
    [AGED_17.label, 'experimental', AGED_17],
  ])('when the other person is %s I am told the incident is %s', (_label, expected, age) => {
    const p = proposeTypology(withOther(age.person));
    expect(p.typology).toBe(expected);
    expect(p.basis).toBe('facts');
    expect(p.reasons[0]!.rule).toBe(expected === 'aggravated' ? 'R2.1' : 'R2.2');
    expect(/an adult is involved/.test(p.reasons[0]!.text)).toBe(expected === 'aggravated');
  });

  it('when the other person turned 18 on the disclosure date I am told an adult is involved, but not the day before', () => {
    expect(proposeTypology(withOther(BORN_18_YEARS_BEFORE.person), DISCLOSURE_DATE).typology).toBe('aggravated');
    expect(proposeTypology(withOther(BORN_18_YEARS_BEFORE_TOMORROW.person), DISCLOSURE_DATE).typology).toBe(
      'experimental',
    );
  });

  it('when several elements are present every one is given as a reason', () => {
    const p = proposeTypology(calmFacts({ malice: 'yes', threats: 'yes', sharedWithoutConsent: 'yes' }));
    expect(p.reasons.map((r) => r.rule).sort()).toEqual(['R2.1', 'R2.1', 'R2.4']);
  });

  it.each<[string, keyof IncidentFacts]>([
    ['a concern about capacity to consent', 'capacityConcern'],
    ['unusual or violent content', 'unusualOrViolentContent'],
    ['an immediate risk of harm', 'immediateRiskOfHarm'],
    ['distress', 'harmOrDistress'],
  ])('%s on its own does not change the typology (it is a trigger, not an aggravating element)', (_label, key) => {
    expect(proposeTypology(calmFacts({ [key]: 'yes' })).typology).toBe('experimental');
  });
});

describe('R2.2 experimental: only when every aggravating question is answered "no"', () => {
  it('when every question is answered no I am told it is experimental on the facts, citing R2.2', () => {
    const p = proposeTypology(calmFacts());
    expect(p).toMatchObject({ typology: 'experimental', basis: 'facts' });
    expect(p.reasons.map((r) => r.rule)).toEqual(['R2.2']);
  });

  it('when the other person is known to be a child but not their age, it can still be experimental', () => {
    expect(proposeTypology(withOther(SOME_CHILD.person)).typology).toBe('experimental');
  });
});

describe('R17 protective reading: an unknown aggravating element proposes aggravated until it is answered', () => {
  it.each<[string, Partial<IncidentFacts>, RegExp]>([
    ['whether there was sexual abuse', { sexualAbuse: 'unknown' }, /sexual abuse/],
    ['whether there was extortion or blackmail', { extortionOrBlackmail: 'unknown' }, /extortion or blackmail/],
    ['whether there were threats', { threats: 'unknown' }, /threats/],
    ['whether anyone was coerced or groomed', { coercionOrGrooming: 'unknown' }, /coerced or groomed/],
    ['whether there was malice', { malice: 'unknown' }, /malice/],
    [
      'whether the pictured young person knew and was willing',
      { sharedWithoutConsent: 'unknown' },
      /without the knowledge/,
    ],
  ])('when I do not yet know %s I am told aggravated, as the protective reading', (_label, patch, pattern) => {
    const p = proposeTypology(calmFacts(patch));
    expect(p.typology).toBe('aggravated');
    expect(p.basis).toBe('unknowns');
    expect(p.reasons).toHaveLength(1);
    expect(p.reasons[0]).toMatchObject({ rule: 'R17.protective', reading: 'R17.protective', unknown: true });
    expect(p.reasons[0]!.text).toMatch(pattern);
  });

  it.each<[string, AgeCase]>([UNKNOWN_AGE, YEAR_13].map((a) => [a.label, a]))(
    'when the other person is %s, an adult cannot be ruled out: aggravated on unknowns',
    (_label, age) => {
      const p = proposeTypology(withOther(age.person));
      expect(p).toMatchObject({ typology: 'aggravated', basis: 'unknowns' });
      expect(p.reasons[0]).toMatchObject({ rule: 'R17.protective', reading: 'R17.protective' });
      expect(p.reasons[0]!.text).toMatch(/an adult is involved/);
    },
  );

  it('a date of birth is only used with the disclosure date: without it the age is unknown', () => {
    expect(proposeTypology(withOther(BORN_18_YEARS_BEFORE_TOMORROW.person)).basis).toBe('unknowns');
    expect(proposeTypology(withOther(BORN_18_YEARS_BEFORE_TOMORROW.person), DISCLOSURE_DATE).basis).toBe('facts');
  });

  it('a known aggravating element wins over unknowns: aggravated on the facts', () => {
    const p = proposeTypology(calmFacts({ malice: 'yes', threats: 'unknown' }));
    expect(p).toMatchObject({ typology: 'aggravated', basis: 'facts' });
    expect(p.reasons.map((r) => r.rule)).toEqual(['R2.1']);
  });

  it('answering "no" to every unknown makes it experimental', () => {
    const open = calmFacts({ malice: 'unknown', threats: 'unknown' });
    expect(proposeTypology(open).basis).toBe('unknowns');
    expect(proposeTypology({ ...open, malice: 'no', threats: 'no' }).typology).toBe('experimental');
  });
});

describe('R2.4 sharing without consent: aggravated under the reading, and a reconsideration when I judge it experimental', () => {
  it('when sharing without consent is the only element, the reason says the R2.4 reading made the difference', () => {
    const p = proposeTypology(calmFacts({ sharedWithoutConsent: 'yes' }));
    expect(p.reasons).toEqual([expect.objectContaining({ rule: 'R2.4', reading: 'R2.4' })]);
    expect(p.reasons[0]!.text).toMatch(/R7\.3/);
  });

  it('when there is also malice, the reading did not make the difference and is not flagged', () => {
    const p = proposeTypology(calmFacts({ sharedWithoutConsent: 'yes', malice: 'yes' }));
    const r24 = p.reasons.find((r) => r.rule === 'R2.4');
    expect(r24).toBeDefined();
    expect(r24!.reading).toBeUndefined();
  });

  it.each<[string, Tri, 'experimental' | 'aggravated', boolean]>([
    [
      'when it was shared without consent and I record experimental, I am asked to reconsider',
      'yes',
      'experimental',
      true,
    ],
    ['when it was shared without consent and I record aggravated, I am not asked', 'yes', 'aggravated', false],
    ['when consent is not yet known and I record experimental, I am not asked yet', 'unknown', 'experimental', false],
    ['when the pictured young person knew and was willing, I am not asked', 'no', 'experimental', false],
  ])('%s', (_label, shared, typology, asked) => {
    expect(needsNoConsentReconsideration(calmFacts({ sharedWithoutConsent: shared }), typology)).toBe(asked);
  });
});
