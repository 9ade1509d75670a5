import { describe, expect, it } from 'vitest';
import { assessRoutes, type RouteAssessment, type RouteRecommendation } from './routes';
import type {
  IncidentFacts,
  Person,
  RiskLevel,
  RouteId,
  SocialCareInvolvement,
  Tri,
  Typology,
  WorksWithChildren,
} from '../types';
import { calmFacts, person } from '../../../test/builders/facts';
import {
  AGED_12,
  AGED_13,
  AGED_17,
  AGED_18,
  BORN_13_YEARS_BEFORE_TOMORROW,
  DISCLOSURE_DATE,
  UNKNOWN_AGE,
  YEAR_7,
  YEAR_8,
  type AgeCase,
} from '../../../test/builders/ages';

const TYPOLOGIES: Typology[] = ['aggravated', 'experimental'];

const assessed = (facts: IncidentFacts, typology: Typology): RouteAssessment =>
  assessRoutes(facts, typology, DISCLOSURE_DATE);
const route = (a: RouteAssessment, id: RouteId): RouteRecommendation | undefined =>
  a.routes.find((r) => r.route === id);
const routeIds = (a: RouteAssessment): string[] => a.routes.map((r) => `${r.route}:${r.strength}`);
const rulesOf = (a: RouteAssessment, id: RouteId): string[] => route(a, id)?.reasons.map((r) => r.rule) ?? [];
const readingsOf = (a: RouteAssessment, id: RouteId): string[] =>
  (route(a, id)
    ?.reasons.map((r) => r.reading)
    .filter(Boolean) as string[]) ?? [];
const tool = (level: RiskLevel): IncidentFacts['riskTool'] => ({ tool: 'WSCB Risk Assessment Matrix', level });

/** Two young people of the age the row gives, every question answered "no". */
function pair(age: Partial<Person>, overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return calmFacts({ persons: [person({ name: 'Jayden', ...age }), person({ name: 'Chloe', ...age })], ...overrides });
}

/** E3's shape: shared after an argument, with malice and without consent (aggravated). */
const aggravatedPair = (age: Partial<Person>, overrides: Partial<IncidentFacts> = {}) =>
  pair(age, { malice: 'yes', sharedWithoutConsent: 'yes', ...overrides });

/** Sam (15) and another person of the age the row gives. */
function samAnd(other: Partial<Person>, overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return calmFacts({
    persons: [person({ name: 'Sam', ageYears: 15 }), person({ name: 'Contact', atEstablishment: false, ...other })],
    ...overrides,
  });
}

describe('R6.1 an aggravated incident with a young person aged 12 or under', () => {
  it.each<[string, Tri, AgeCase]>([
    [AGED_12.label, 'yes', AGED_12],
    [YEAR_7.label, 'yes', YEAR_7],
    [BORN_13_YEARS_BEFORE_TOMORROW.label, 'yes', BORN_13_YEARS_BEFORE_TOMORROW],
    [AGED_13.label, 'no', AGED_13],
    [YEAR_8.label, 'unknown', YEAR_8],
  ])('when a young person is %s, the immediate referral is "%s"', (_label, expected, age) => {
    const a = assessed(
      calmFacts({
        persons: [person({ name: 'Ava', ...age.person }), person({ name: 'Peer', ageYears: 13 })],
        malice: 'yes',
        riskTool: tool('low'),
      }),
      'aggravated',
    );
    const seen = {
      immediateReferral: a.immediateReferral,
      referNow: route(a, 'mash-referral')?.strength === 'act-now' && rulesOf(a, 'mash-referral').includes('R6.1'),
      liaiseCitingR61: rulesOf(a, 'mash-advice').includes('R6.1') && rulesOf(a, 'mash-advice').includes('R7.4'),
      schoolOffered: route(a, 'school-manage') !== undefined,
    };
    expect(seen).toEqual({
      immediateReferral: expected,
      referNow: expected === 'yes',
      liaiseCitingR61: expected === 'unknown',
      schoolOffered: expected === 'no',
    });
  });
});

describe('R6.2 an adult is involved', () => {
  it.each(TYPOLOGIES)(
    'when the other person is 18, I am told to refer to the MASH now and tell the police (%s incident)',
    (typology) => {
      const a = assessed(samAnd(AGED_18.person), typology);
      expect(route(a, 'mash-referral')).toMatchObject({ strength: 'act-now' });
      expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining(['R6.2', 'R17.police']));
      expect(route(a, 'police')).toMatchObject({ strength: 'recommended', phone: '101' });
      expect(rulesOf(a, 'police')).toEqual(['UKCIS.adult', 'R10.2']);
      expect(readingsOf(a, 'mash-referral').includes('R6.7')).toBe(typology === 'experimental');
      expect(route(a, 'school-manage')).toBeUndefined();
    },
  );

  it('when the other person is 17, nothing about an adult is recommended', () => {
    const a = assessed(samAnd(AGED_17.person), 'experimental');
    expect(route(a, 'police')).toBeUndefined();
    expect(route(a, 'mash-referral')).toBeUndefined();
    expect(routeIds(a)).toEqual(['risk-assessment:recommended', 'school-manage:option']);
  });

  it.each(TYPOLOGIES)(
    'when an online contact is of unknown age, refer now because they may be an adult (E2, %s incident)',
    (typology) => {
      const a = assessed(samAnd({ ...UNKNOWN_AGE.person, onlineContact: true }), typology);
      expect(a.immediateReferral).toBe('unknown');
      expect(a.schoolMayManage).toBe(false);
      expect(route(a, 'school-manage')).toBeUndefined();
      const mash = route(a, 'mash-referral');
      expect(mash?.strength).toBe('act-now');
      expect(mash?.reasons.some((r) => r.rule === 'R6.2' && r.unknown && /may be an adult/.test(r.text))).toBe(true);
      expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining(['R17.protective', 'R17.police']));
      expect(readingsOf(a, 'mash-referral').includes('R6.7')).toBe(typology === 'experimental');
    },
  );

  it('when someone is in danger now and an adult is involved, the police are called on 999 now', () => {
    const a = assessed(samAnd(AGED_18.person, { dangerNow: 'yes' }), 'aggravated');
    expect(route(a, 'police')).toMatchObject({ strength: 'act-now', phone: '999' });
  });
});

describe('R6.3 an aggravated incident with young people aged 13-17: the local risk tool decides', () => {
  it.each<[string, AgeCase]>([
    [AGED_13.label, AGED_13],
    [AGED_17.label, AGED_17],
  ])(
    'when they are %s and the tool has not been applied, I am told to apply it now and may not yet manage it in school',
    (_label, age) => {
      const a = assessed(aggravatedPair(age.person), 'aggravated');
      expect(a.triggers.find((t) => t.id === 'R6.3')?.fires).toBe('unknown');
      expect(route(a, 'risk-assessment')).toMatchObject({ strength: 'act-now' });
      expect(rulesOf(a, 'risk-assessment')).toContain('R6.3');
      expect(a.schoolMayManage).toBe(false);
      expect(route(a, 'school-manage')).toBeUndefined();
    },
  );

  it.each<[string, AgeCase]>([
    [AGED_13.label, AGED_13],
    [AGED_17.label, AGED_17],
  ])('when they are %s and the tool says high risk, I am told to refer to the MASH now', (_label, age) => {
    const a = assessed(aggravatedPair(age.person, { riskTool: tool('high') }), 'aggravated');
    expect(a.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
    expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining(['R6.3', 'R17.police']));
    expect(route(a, 'school-manage')).toBeUndefined();
    expect(route(a, 'mash-advice')).toBeUndefined();
  });

  it.each<[string, 'low' | 'medium', AgeCase]>([
    [AGED_13.label, 'low', AGED_13],
    [AGED_13.label, 'medium', AGED_13],
    [AGED_17.label, 'low', AGED_17],
    [AGED_17.label, 'medium', AGED_17],
  ])(
    'when they are %s and the tool says %s risk, I see both readings: liaise with the MASH, or manage in school',
    (_label, level, age) => {
      const a = assessed(aggravatedPair(age.person, { riskTool: tool(level) }), 'aggravated');
      expect(a.immediateReferral).toBe('no');
      expect(route(a, 'mash-advice')?.strength).toBe('recommended');
      expect(readingsOf(a, 'mash-advice')).toContain('R17.conflict');
      expect(rulesOf(a, 'mash-advice')).toEqual(expect.arrayContaining(['R17.conflict', 'R7.3']));
      expect(route(a, 'school-manage')?.strength).toBe('option');
      expect(readingsOf(a, 'school-manage')).toContain('R17.conflict');
      expect(route(a, 'mash-referral')).toBeUndefined();
    },
  );
});

describe('R6.4 coercion, blackmail or capacity to consent: refer now, whatever the typology', () => {
  it.each<[string, Typology, Partial<IncidentFacts>]>(
    (
      [
        ['a young person was coerced or groomed', { coercionOrGrooming: 'yes' }],
        ['a young person is being blackmailed', { extortionOrBlackmail: 'yes' }],
        ['there is a concern about capacity to consent', { capacityConcern: 'yes' }],
      ] as [string, Partial<IncidentFacts>][]
    ).flatMap(([label, patch]) => TYPOLOGIES.map((t): [string, Typology, Partial<IncidentFacts>] => [label, t, patch])),
  )('when %s, I am told to refer to the MASH now (%s incident)', (_label, typology, patch) => {
    const a = assessed(calmFacts({ ...patch, riskTool: tool('low') }), typology);
    expect(a.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
    expect(rulesOf(a, 'mash-referral')).toContain('R6.4');
    expect(route(a, 'school-manage')).toBeUndefined();
  });

  it('when a young person has special educational needs and nothing else, I am prompted but not told to refer', () => {
    const a = assessed(
      calmFacts({
        persons: [person({ name: 'Maya', ageYears: 16, sen: 'yes' }), person({ name: 'Leo', ageYears: 16 })],
        riskTool: tool('low'),
      }),
      'experimental',
    );
    expect(a.immediateReferral).toBe('no');
    expect(route(a, 'mash-referral')).toBeUndefined();
    expect(route(a, 'school-manage')).toBeDefined();
    expect(a.triggers.find((t) => t.id === 'R6.4')?.reasons[0]?.text).toMatch(/prompt/);
  });
});

describe('R6.5 unusual or violent content, R6.6 immediate risk of harm, and danger now', () => {
  it.each(TYPOLOGIES)(
    'when the content is unusual for their stage or violent, I am told to refer now (%s incident)',
    (typology) => {
      const a = assessed(calmFacts({ unusualOrViolentContent: 'yes' }), typology);
      expect(a.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
      expect(rulesOf(a, 'mash-referral')).toContain('R6.5');
    },
  );

  it.each(TYPOLOGIES)(
    'when a young person is at immediate risk of harm, I am told to refer now, citing R4.5 (%s incident)',
    (typology) => {
      const a = assessed(calmFacts({ immediateRiskOfHarm: 'yes' }), typology);
      expect(a.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
      expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining(['R6.6', 'R4.5', 'R17.police']));
      expect(route(a, 'police')).toBeUndefined();
      expect(route(a, 'risk-assessment')).toBeUndefined();
    },
  );

  it.each(TYPOLOGIES)(
    'when someone is in danger right now, I am told to call 999 and refer now (%s incident)',
    (typology) => {
      const a = assessed(calmFacts({ dangerNow: 'yes' }), typology);
      expect(route(a, 'police')).toMatchObject({ strength: 'act-now', phone: '999' });
      expect(rulesOf(a, 'police')).toContain('R10.1');
      expect(route(a, 'mash-referral')).toMatchObject({ strength: 'act-now' });
      expect(rulesOf(a, 'mash-referral')).toContain('R6.6');
    },
  );

  it('when it is not yet known whether anyone is in danger, I am asked to consider 999 first', () => {
    const a = assessed(calmFacts({ dangerNow: 'unknown', immediateRiskOfHarm: 'unknown' }), 'experimental');
    expect(route(a, 'police')).toMatchObject({ strength: 'consider', phone: '999' });
    expect(route(a, 'school-manage')).toBeUndefined();
  });

  it('when nobody is at immediate risk, an unanswered "danger now" does not ask me to call 999', () => {
    const a = assessed(calmFacts({ dangerNow: 'unknown', immediateRiskOfHarm: 'no' }), 'experimental');
    expect(route(a, 'police')).toBeUndefined();
  });
});

describe("R10.3 children's social care is, may be or has been involved: contact them whatever the route", () => {
  const withCare = (socialCare: SocialCareInvolvement, overrides: Partial<IncidentFacts> = {}) =>
    calmFacts({
      persons: [person({ name: 'Maya', ageYears: 16, socialCare }), person({ name: 'Leo', ageYears: 16 })],
      riskTool: tool('low'),
      ...overrides,
    });

  it.each<[SocialCareInvolvement]>([['current'], ['past'], ['possible']])(
    'when involvement is "%s", contact is recommended even though the school may manage it',
    (care) => {
      const a = assessed(withCare(care), 'experimental');
      expect(route(a, 'social-care-contact')?.strength).toBe('recommended');
      expect(rulesOf(a, 'social-care-contact')).toContain('R10.3');
      expect(route(a, 'social-care-contact')?.reasons[0]?.text).toMatch(/Maya/);
      expect(route(a, 'school-manage')).toBeDefined();
    },
  );

  it.each<[SocialCareInvolvement]>([['current'], ['past'], ['possible']])(
    'when involvement is "%s" and the case is referred now, contact is still recommended',
    (care) => {
      const a = assessed(withCare(care, { immediateRiskOfHarm: 'yes' }), 'aggravated');
      expect(route(a, 'mash-referral')?.strength).toBe('act-now');
      expect(route(a, 'social-care-contact')?.strength).toBe('recommended');
    },
  );

  it('when involvement is "possible" on an aggravated incident at low risk, contact is recommended beside the school option', () => {
    const a = assessed(withCare('possible', { malice: 'yes' }), 'aggravated');
    expect(route(a, 'school-manage')).toBeDefined();
    expect(route(a, 'social-care-contact')?.strength).toBe('recommended');
  });

  it('when nobody is known to social care, no contact is suggested; when it is not known, I am asked to find out', () => {
    expect(route(assessed(withCare('none'), 'experimental'), 'social-care-contact')).toBeUndefined();
    const unknown = assessed(withCare('unknown'), 'experimental');
    expect(route(unknown, 'social-care-contact')).toMatchObject({ strength: 'consider' });
    expect(route(unknown, 'social-care-contact')?.reasons[0]?.unknown).toBe(true);
  });
});

describe('R10.4 wider concerns meeting the threshold', () => {
  it.each<[string, string, Tri, string | undefined]>([
    ['meet the threshold', 'I am told to refer to social care', 'yes', 'recommended'],
    ['do not meet the threshold', 'no social care referral is suggested', 'no', undefined],
    ['are not yet assessed', 'I am told it depends on that unknown', 'unknown', 'consider'],
  ])('when wider concerns %s, %s', (_when, _said, value, expected) => {
    const a = assessed(calmFacts({ widerConcernsMeetThreshold: value }), 'experimental');
    expect(route(a, 'social-care-referral')?.strength).toBe(expected);
    expect(rulesOf(a, 'social-care-referral')).toEqual(expected ? ['R10.4'] : []);
  });
});

describe('LADO: an adult involved who works or volunteers with children', () => {
  const withAdult = (worksWithChildren: WorksWithChildren, extra: Partial<Person> = {}) =>
    calmFacts({
      persons: [
        person({ name: 'Teaching assistant', ageYears: 22, adult: 'yes', worksWithChildren, ...extra }),
        person({ name: 'Ellie', ageYears: 15 }),
      ],
    });

  it.each<[string, WorksWithChildren]>([
    ['works here', 'staff'],
    ['volunteers here', 'volunteer'],
    ['works with children elsewhere', 'elsewhere'],
  ])('when the adult %s, I am told to tell the LADO today', (_label, works) => {
    const a = assessed(withAdult(works), 'aggravated');
    expect(route(a, 'lado')).toMatchObject({ strength: 'act-now', lead: 'lado' });
    expect(route(a, 'mash-referral')?.strength).toBe('act-now');
  });

  it('when the adult is the Headteacher, the chair of governors leads', () => {
    const a = assessed(withAdult('staff', { isHeadteacher: true }), 'aggravated');
    expect(route(a, 'lado')).toMatchObject({ strength: 'act-now', lead: 'chair-of-governors' });
    expect(route(a, 'lado')?.reasons[0]?.text).toMatch(/chair of governors leads/);
  });

  it('when it is not known whether the adult works with children, I am asked to find out', () => {
    const a = assessed(withAdult('unknown'), 'aggravated');
    expect(route(a, 'lado')).toMatchObject({ strength: 'consider' });
    expect(route(a, 'lado')?.reasons[0]?.unknown).toBe(true);
  });

  it('when the adult does not work with children, the LADO is not involved', () => {
    expect(route(assessed(withAdult('no'), 'aggravated'), 'lado')).toBeUndefined();
  });
});

describe('R17 under-13s in an experimental incident (reading)', () => {
  const u13 = (age: AgeCase, sexualActs: Tri) =>
    calmFacts({
      persons: [person({ name: 'Ava', ...age.person }), person({ name: 'Classmate', ...age.person })],
      sexualActs,
    });

  it.each<[string, AgeCase]>([
    [AGED_12.label, AGED_12],
    [YEAR_7.label, YEAR_7],
  ])('when a child is %s and the imagery involves sexual acts, I am told to refer to the MASH now', (_label, age) => {
    const a = assessed(u13(age, 'yes'), 'experimental');
    expect(a.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
    expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining(['R17.under13', 'R17.police']));
  });

  it.each<[string, AgeCase]>([
    [AGED_12.label, AGED_12],
    [YEAR_7.label, YEAR_7],
  ])(
    'when a child is %s and it is not known whether the imagery involves sexual acts, the school may not manage it',
    (_label, age) => {
      const a = assessed(u13(age, 'unknown'), 'experimental');
      expect(a.schoolMayManage).toBe(false);
      expect(route(a, 'school-manage')).toBeUndefined();
      expect(route(a, 'mash-advice')?.strength).toBe('recommended');
    },
  );

  it.each<[string, AgeCase]>([
    [AGED_12.label, AGED_12],
    [YEAR_7.label, YEAR_7],
  ])(
    'when a child is %s and the imagery involves no sexual acts, I am still told to liaise with the MASH, as under-13s cannot consent',
    (_label, age) => {
      const a = assessed(u13(age, 'no'), 'experimental');
      expect(route(a, 'mash-advice')?.strength).toBe('recommended');
      expect(rulesOf(a, 'mash-advice')).toEqual(expect.arrayContaining(['R17.under13', 'R3.1']));
      expect(route(a, 'mash-referral')).toBeUndefined();
    },
  );

  it('when the children are in Year 8 (12 or 13) and the imagery involves sexual acts, it is not ruled out: no school option', () => {
    const a = assessed(u13(YEAR_8, 'yes'), 'experimental');
    expect(a.immediateReferral).toBe('unknown');
    expect(route(a, 'school-manage')).toBeUndefined();
  });
});

describe('R17 the flowchart, branch by branch', () => {
  it('aggravated, adult involved: refer to the MASH (police will be informed)', () => {
    const a = assessed(samAnd(AGED_18.person, { malice: 'yes' }), 'aggravated');
    expect(routeIds(a)).toEqual(['mash-referral:act-now', 'police:recommended']);
    expect(rulesOf(a, 'mash-referral')).toEqual(['R6.2', 'R17.police', 'R10.2']);
  });

  it('aggravated, youth only, a young person 12 or under: refer to the MASH', () => {
    const a = assessed(aggravatedPair(AGED_12.person), 'aggravated');
    expect(routeIds(a)).toEqual(['mash-referral:act-now']);
    expect(rulesOf(a, 'mash-referral')).toEqual(['R6.1', 'R17.police', 'R10.2']);
  });

  it('aggravated, youth only, 13-17, tool not yet applied: apply the risk tools now', () => {
    const a = assessed(aggravatedPair({ ageYears: 14 }), 'aggravated');
    expect(routeIds(a)).toEqual(['risk-assessment:act-now', 'mash-advice:recommended']);
    expect(rulesOf(a, 'risk-assessment')).toEqual(['R6.3', 'R8']);
    expect(rulesOf(a, 'mash-advice')).toEqual(['R6.3', 'R7.4']);
  });

  it('aggravated, youth only, 13-17, high risk: refer to the MASH', () => {
    const a = assessed(aggravatedPair({ ageYears: 14 }, { riskTool: tool('high') }), 'aggravated');
    expect(routeIds(a)).toEqual(['mash-referral:act-now']);
    expect(rulesOf(a, 'mash-referral')).toEqual(['R6.3', 'R17.police', 'R10.2']);
  });

  it('aggravated, youth only, 13-17, low or medium risk: single agency or Early Help, with the R7.3 conflict shown', () => {
    const a = assessed(aggravatedPair({ ageYears: 14 }, { riskTool: tool('medium') }), 'aggravated');
    expect(routeIds(a)).toEqual(['mash-advice:recommended', 'risk-assessment:recommended', 'school-manage:option']);
    expect(rulesOf(a, 'mash-advice')).toEqual(['R17.conflict', 'R7.3']);
    expect(rulesOf(a, 'school-manage')).toEqual(['R17', 'R7.1', 'R14.3', 'R6.9']);
  });

  it('experimental, harmful, 13-17, tool not yet applied: apply the risk tools now (inferred branch)', () => {
    const a = assessed(pair({ ageYears: 15 }, { harmOrDistress: 'yes' }), 'experimental');
    expect(routeIds(a)).toEqual(['risk-assessment:act-now', 'mash-advice:recommended']);
    expect(rulesOf(a, 'risk-assessment')).toEqual(['R17', 'R8']);
    expect(rulesOf(a, 'mash-advice')).toEqual(['R17', 'R7.4']);
  });

  it('experimental, harmful, 13-17, high risk: refer to the MASH (inferred branch)', () => {
    const a = assessed(pair({ ageYears: 15 }, { harmOrDistress: 'yes', riskTool: tool('high') }), 'experimental');
    expect(routeIds(a)).toEqual(['mash-referral:act-now']);
    expect(rulesOf(a, 'mash-referral')).toEqual(['R17', 'R17.police', 'R10.2']);
  });

  it('experimental, harmful, 13-17, low risk: single agency or Early Help', () => {
    const a = assessed(pair({ ageYears: 15 }, { harmOrDistress: 'yes', riskTool: tool('low') }), 'experimental');
    expect(routeIds(a)).toEqual(['risk-assessment:recommended', 'school-manage:option']);
    expect(rulesOf(a, 'school-manage')).toEqual(['R17', 'R7.3', 'R7.1', 'R14.3', 'R6.9']);
  });

  it.each<[string, Partial<IncidentFacts>]>([
    ['harmful', { harmOrDistress: 'yes' }],
    ['shared without consent', { sharedWithoutConsent: 'yes' }],
    [
      'about a vulnerable child (a young carer)',
      {
        persons: [
          person({ name: 'Ava', ageYears: 11, otherVulnerabilities: 'Young carer' }),
          person({ name: 'Classmate', ageYears: 11 }),
        ],
      },
    ],
  ])('experimental but %s, a child 12 or under: refer to the MASH (inferred branch)', (_label, patch) => {
    const a = assessed(pair({ ageYears: 11 }, patch), 'experimental');
    expect(a.routes[0]).toMatchObject({ route: 'mash-referral', strength: 'act-now' });
    expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining(['R17', 'R17.police']));
    expect(route(a, 'school-manage')).toBeUndefined();
  });

  it('experimental, a child 12 or under, harm not yet known: the school may not manage it yet', () => {
    const a = assessed(pair({ ageYears: 11 }, { harmOrDistress: 'unknown', sexualActs: 'no' }), 'experimental');
    expect(a.immediateReferral).toBe('unknown');
    expect(route(a, 'school-manage')).toBeUndefined();
    expect(route(a, 'mash-advice')?.strength).toBe('recommended');
  });

  it('experimental, none of the harmful-box concerns, 13-17: single agency or Early Help, after a further risk assessment', () => {
    const a = assessed(calmFacts(), 'experimental');
    expect(routeIds(a)).toEqual(['risk-assessment:recommended', 'school-manage:option']);
    expect(rulesOf(a, 'risk-assessment')).toEqual(['R8']);
    expect(rulesOf(a, 'school-manage')).toEqual(['R17', 'R7.3', 'R7.1', 'R14.3', 'R6.9']);
  });

  it('experimental, none of the harmful-box concerns, a child 12 or under: "consent given" is not available, so liaise with the MASH', () => {
    const a = assessed(pair({ ageYears: 11 }), 'experimental');
    expect(routeIds(a)).toEqual(['mash-advice:recommended', 'risk-assessment:recommended', 'school-manage:option']);
    expect(rulesOf(a, 'mash-advice')).toEqual(['R17.under13', 'R3.1']);
  });

  it.each<[string, Partial<IncidentFacts>, string]>([
    ['coercion', { coercionOrGrooming: 'yes' }, 'R6.4'],
    ['unusual or violent content', { unusualOrViolentContent: 'yes' }, 'R6.5'],
    ['immediate risk of harm', { immediateRiskOfHarm: 'yes' }, 'R6.6'],
  ])(
    'the flowchart has no branch for %s: it overrides the flowchart, even for an experimental incident',
    (_label, patch, rule) => {
      const a = assessed(calmFacts(patch), 'experimental');
      expect(routeIds(a)).toEqual(['mash-referral:act-now']);
      expect(rulesOf(a, 'mash-referral')).toEqual(expect.arrayContaining([rule, 'R6.7', 'R17.police']));
    },
  );

  it('every MASH referral, whichever branch made it, says the police will be informed', () => {
    const cases: [IncidentFacts, Typology][] = [
      [samAnd(AGED_18.person), 'aggravated'],
      [aggravatedPair(AGED_12.person), 'aggravated'],
      [aggravatedPair({ ageYears: 14 }, { riskTool: tool('high') }), 'aggravated'],
      [calmFacts({ immediateRiskOfHarm: 'yes' }), 'experimental'],
      [samAnd({ ...UNKNOWN_AGE.person, onlineContact: true }), 'experimental'],
      [pair({ ageYears: 11 }, { sexualActs: 'yes' }), 'experimental'],
    ];
    for (const [facts, typology] of cases)
      expect(rulesOf(assessed(facts, typology), 'mash-referral')).toContain('R17.police');
  });
});
