import { describe, expect, it } from 'vitest';
import { evaluateTriggers, type TriggerId, type TriggerResult } from './triggers';
import type { IncidentFacts, Person, Tri, Typology } from '../types';
import { calmFacts, person } from '../../../test/builders/facts';
import {
  AGED_12,
  AGED_13,
  AGED_17,
  AGED_18,
  BORN_13_YEARS_BEFORE,
  BORN_13_YEARS_BEFORE_TOMORROW,
  BORN_18_YEARS_BEFORE,
  BORN_18_YEARS_BEFORE_TOMORROW,
  DISCLOSURE_DATE,
  SOME_CHILD,
  UNKNOWN_AGE,
  YEAR_13,
  YEAR_7,
  YEAR_8,
  type AgeCase,
} from '../../../test/builders/ages';

const TYPOLOGIES: Typology[] = ['aggravated', 'experimental'];

function trigger(
  facts: IncidentFacts,
  typology: Typology,
  id: TriggerId,
  referenceDate = DISCLOSURE_DATE,
): TriggerResult {
  const t = evaluateTriggers(facts, typology, referenceDate).find((x) => x.id === id);
  if (!t) throw new Error(`no trigger ${id}`);
  return t;
}

const rules = (t: TriggerResult) => t.reasons.map((r) => r.rule);
const readings = (t: TriggerResult) => t.reasons.map((r) => r.reading).filter(Boolean);

/** A young person whose age is recorded as the row says, beside a peer aged 14. */
function childAnd(age: Partial<Person>, overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return calmFacts({
    persons: [person({ name: 'Ava', ...age }), person({ name: 'Peer', ageYears: 14 })],
    ...overrides,
  });
}

/** Sam (15) and another person whose age is recorded as the row says. */
function samAnd(other: Partial<Person>, overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return calmFacts({
    persons: [person({ name: 'Sam', ageYears: 15 }), person({ name: 'Contact', atEstablishment: false, ...other })],
    ...overrides,
  });
}

const ageRows = (...rows: [AgeCase, Tri][]): [string, Tri, AgeCase][] => rows.map(([a, t]) => [a.label, t, a]);

describe('R6.1 a young person aged 12 or under in an aggravated incident', () => {
  it.each(
    ageRows(
      [AGED_12, 'yes'],
      [AGED_13, 'no'],
      [YEAR_7, 'yes'],
      [YEAR_8, 'unknown'],
      [UNKNOWN_AGE, 'unknown'],
      [SOME_CHILD, 'unknown'],
      [BORN_13_YEARS_BEFORE_TOMORROW, 'yes'],
      [BORN_13_YEARS_BEFORE, 'no'],
    ),
  )('when a young person is %s, R6.1 fires "%s"', (_label, fires, age) => {
    const t = trigger(childAnd(age.person, { malice: 'yes' }), 'aggravated', 'R6.1');
    expect(t.applies).toBe(true);
    expect(t.fires).toBe(fires);
    const said = t.reasons.map((r) => ({ rule: r.rule, unknown: Boolean(r.unknown), namesAva: /Ava/.test(r.text) }));
    expect(said).toEqual(fires === 'no' ? [] : [{ rule: 'R6.1', unknown: fires === 'unknown', namesAva: true }]);
  });

  it.each(ageRows([AGED_12, 'yes'], [YEAR_7, 'yes'], [YEAR_8, 'unknown']))(
    'when a young person is %s in an experimental incident, R6.1 does not apply (the R17 under-13 reading does instead)',
    (_label, value, age) => {
      const t = trigger(childAnd(age.person), 'experimental', 'R6.1');
      expect(t).toMatchObject({ applies: false, value, fires: 'no' });
    },
  );

  it('an adult aged 12 or under is impossible, and adults are never counted as young people for R6.1', () => {
    const t = trigger(
      calmFacts({
        persons: [person({ name: 'Adult', ageYears: 30, adult: 'yes' }), person({ name: 'Maya', ageYears: 15 })],
        malice: 'yes',
      }),
      'aggravated',
      'R6.1',
    );
    expect(t.fires).toBe('no');
  });

  it('the date of birth counts on the disclosure date, not later: 12 then is 12 for R6.1', () => {
    const facts = childAnd(BORN_13_YEARS_BEFORE_TOMORROW.person, { malice: 'yes' });
    expect(trigger(facts, 'aggravated', 'R6.1', '2026-03-02').fires).toBe('yes');
    expect(trigger(facts, 'aggravated', 'R6.1', '2026-03-03').fires).toBe('no');
  });
});

describe('R6.2 an adult (18 or over) is involved: a trigger on its own (R6.7)', () => {
  it.each(
    ageRows(
      [AGED_18, 'yes'],
      [AGED_17, 'no'],
      [YEAR_13, 'unknown'],
      [UNKNOWN_AGE, 'unknown'],
      [BORN_18_YEARS_BEFORE, 'yes'],
      [BORN_18_YEARS_BEFORE_TOMORROW, 'no'],
    ).flatMap(([label, fires, age]) => TYPOLOGIES.map((t): [string, Tri, Typology, AgeCase] => [label, fires, t, age])),
  )('when the other person is %s, R6.2 fires "%s" (%s incident)', (_label, fires, typology, age) => {
    const t = trigger(samAnd(age.person), typology, 'R6.2');
    expect(t.applies).toBe(true);
    expect(t.fires).toBe(fires);
    const said = t.reasons
      .filter((r) => r.rule === 'R6.2')
      .map((r) => ({
        unknown: Boolean(r.unknown),
        isAdult: /Contact is an adult/.test(r.text),
        mayBeAdult: /may be an adult/.test(r.text),
      }));
    expect(said).toEqual(
      fires === 'no'
        ? []
        : [{ unknown: fires === 'unknown', isAdult: fires === 'yes', mayBeAdult: fires === 'unknown' }],
    );
    expect(t.reasons.length > 0).toBe(fires !== 'no');
    // R6.7: in an experimental incident the reason says the reading, not the letter, made it a trigger.
    expect(readings(t).includes('R6.7')).toBe(typology === 'experimental' && fires !== 'no');
  });

  it('an online contact of unknown age may be an adult, whatever they said their age was', () => {
    const t = trigger(samAnd({ ...UNKNOWN_AGE.person, onlineContact: true }), 'experimental', 'R6.2');
    expect(t.fires).toBe('unknown');
    expect(t.reasons[0]!.text).toMatch(/met online and their age is unknown: they may be an adult/);
    expect(rules(t)).toEqual(['R6.2', 'R6.7']);
  });

  it('an online contact who says they are 16 may still be an adult: a claimed age cannot be checked (E2)', () => {
    const t = trigger(samAnd({ ...UNKNOWN_AGE.person, onlineContact: true, ageYears: 16 }), 'aggravated', 'R6.2');
    expect(t.fires).toBe('unknown');
    expect(t.reasons[0]!.text).toMatch(/says they are 16, which cannot be checked: they may be an adult/);
  });
});

describe('R6.3 young people aged 13-17 and a high risk result: a trigger for aggravated incidents', () => {
  it.each<[string, Tri, 'low' | 'medium' | 'high' | null]>([
    ['has not been applied', 'unknown', null],
    ['says low risk', 'no', 'low'],
    ['says medium risk', 'no', 'medium'],
    ['says high risk', 'yes', 'high'],
  ])('when the local risk tool %s, R6.3 fires "%s"', (_label, fires, level) => {
    for (const age of [AGED_13, AGED_17]) {
      const t = trigger(
        calmFacts({
          persons: [person({ name: 'Jayden', ...age.person }), person({ name: 'Chloe', ...age.person })],
          malice: 'yes',
          riskTool: level ? { tool: 'WSCB Risk Assessment Matrix', level } : null,
        }),
        'aggravated',
        'R6.3',
      );
      expect(t.applies).toBe(true);
      expect(t.fires).toBe(fires);
      expect(rules(t)).toEqual(['R6.3']);
    }
  });

  it.each(ageRows([AGED_12, 'no'], [YEAR_7, 'no']))(
    'when every young person is %s, R6.3 does not apply (R6.1 does)',
    (_label, _fires, age) => {
      const t = trigger(
        calmFacts({
          persons: [person({ name: 'Ava', ...age.person }), person({ name: 'Bo', ...age.person })],
          malice: 'yes',
        }),
        'aggravated',
        'R6.3',
      );
      expect(t).toMatchObject({ applies: false, fires: 'no' });
    },
  );

  it('when the only other person is 18, the young person aged 13-17 still needs the risk tool', () => {
    const t = trigger(samAnd(AGED_18.person), 'aggravated', 'R6.3');
    expect(t).toMatchObject({ applies: true, fires: 'unknown' });
  });

  it('in an experimental incident with no harm, vulnerability or lack of consent, R6.3 does not apply', () => {
    const t = trigger(calmFacts(), 'experimental', 'R6.3');
    expect(t).toMatchObject({ applies: false, fires: 'no' });
  });

  it.each<[string, Partial<IncidentFacts>]>([
    ['there is harm or distress', { harmOrDistress: 'yes' }],
    ['it was shared without consent', { sharedWithoutConsent: 'yes' }],
    ['there is a concern about capacity to consent', { capacityConcern: 'yes' }],
    [
      'a young person has another vulnerability',
      {
        persons: [
          person({ name: 'Maya', ageYears: 16, otherVulnerabilities: 'Looked after' }),
          person({ name: 'Leo', ageYears: 16 }),
        ],
      },
    ],
    [
      'social care is currently involved with a young person',
      {
        persons: [person({ name: 'Maya', ageYears: 16, socialCare: 'current' }), person({ name: 'Leo', ageYears: 16 })],
      },
    ],
    ['harm is not yet known', { harmOrDistress: 'unknown' }],
  ])(
    'in an experimental incident where %s, the R17 harmful box applies the risk tool to 13-17 year olds',
    (_label, patch) => {
      const t = trigger(calmFacts(patch), 'experimental', 'R6.3');
      expect(t).toMatchObject({ applies: true, fires: 'unknown' });
      expect(rules(t)).toEqual(['R17']);
      expect(
        trigger(
          calmFacts({ ...patch, riskTool: { tool: 'Brook Traffic Light', level: 'high' } }),
          'experimental',
          'R6.3',
        ).fires,
      ).toBe('yes');
    },
  );
});

describe('R6.4 coercion, blackmail, grooming or capacity to consent: a trigger on its own (R6.7)', () => {
  it.each<[string, Tri, Typology, Partial<IncidentFacts>]>(
    (
      [
        ['a young person was coerced, pressured or groomed', 'yes', { coercionOrGrooming: 'yes' }],
        ['a young person is being blackmailed', 'yes', { extortionOrBlackmail: 'yes' }],
        ['there is a concern about capacity to consent', 'yes', { capacityConcern: 'yes' }],
        ['coercion is not yet known', 'unknown', { coercionOrGrooming: 'unknown' }],
        ['blackmail is not yet known', 'unknown', { extortionOrBlackmail: 'unknown' }],
        ['capacity to consent is not yet known', 'unknown', { capacityConcern: 'unknown' }],
        ['none of these is the case', 'no', {}],
      ] as [string, Tri, Partial<IncidentFacts>][]
    ).flatMap(([label, fires, patch]) =>
      TYPOLOGIES.map((t): [string, Tri, Typology, Partial<IncidentFacts>] => [label, fires, t, patch]),
    ),
  )('when %s, R6.4 fires "%s" (%s incident)', (_label, fires, typology, patch) => {
    const t = trigger(calmFacts(patch), typology, 'R6.4');
    expect(t.applies).toBe(true);
    expect(t.fires).toBe(fires);
    expect(rules(t)[0]).toBe(fires === 'no' ? undefined : 'R6.4');
    expect(readings(t).includes('R6.7')).toBe(typology === 'experimental' && fires !== 'no');
  });

  it.each(TYPOLOGIES)(
    'special educational needs alone are a prompt about capacity to consent, never a trigger (%s incident)',
    (typology) => {
      const facts = calmFacts({
        persons: [person({ name: 'Maya', ageYears: 16, sen: 'yes' }), person({ name: 'Leo', ageYears: 16 })],
      });
      const t = trigger(facts, typology, 'R6.4');
      expect(t.fires).toBe('no');
      expect(t.reasons).toHaveLength(1);
      expect(t.reasons[0]).toMatchObject({
        rule: 'R6.4',
        text: expect.stringMatching(/Maya has special educational needs.*not a trigger/),
      });
      expect(t.reasons[0]!.unknown).toBeUndefined();
    },
  );

  it('once capacity to consent is a concern, the SEN prompt gives way to the trigger itself', () => {
    const t = trigger(
      calmFacts({ capacityConcern: 'yes', persons: [person({ name: 'Maya', ageYears: 16, sen: 'yes' })] }),
      'aggravated',
      'R6.4',
    );
    expect(t.fires).toBe('yes');
    expect(t.reasons.map((r) => r.text).join(' ')).not.toMatch(/prompt/);
  });
});

describe('R6.5 unusual or violent content, and R6.6 immediate risk of harm: triggers on their own (R6.7)', () => {
  it.each<[string, Tri, Typology]>(
    (['yes', 'unknown', 'no'] as Tri[]).flatMap((v) => TYPOLOGIES.map((t): [string, Tri, Typology] => [v, v, t])),
  )('when unusual or violent content is "%s", R6.5 fires "%s" (%s incident)', (_label, value, typology) => {
    const t = trigger(calmFacts({ unusualOrViolentContent: value }), typology, 'R6.5');
    expect(t.fires).toBe(value);
    expect(rules(t)[0]).toBe(value === 'no' ? undefined : 'R6.5');
    expect(/without looking/.test(t.reasons[0]?.text ?? '')).toBe(value === 'unknown');
    expect(readings(t).includes('R6.7')).toBe(typology === 'experimental' && value !== 'no');
  });

  it.each<[string, Tri, Partial<IncidentFacts>]>([
    ['a young person is at immediate risk of harm', 'yes', { immediateRiskOfHarm: 'yes' }],
    [
      'someone is in danger right now, even if the risk question says no',
      'yes',
      { immediateRiskOfHarm: 'no', dangerNow: 'yes' },
    ],
    ['immediate risk is not yet known', 'unknown', { immediateRiskOfHarm: 'unknown' }],
    ['there is no immediate risk and no danger now', 'no', {}],
  ])('when %s, R6.6 fires "%s" in either typology', (_label, fires, patch) => {
    for (const typology of TYPOLOGIES) {
      const t = trigger(calmFacts(patch), typology, 'R6.6');
      expect(t.fires).toBe(fires);
      expect(rules(t).includes('R6.6')).toBe(fires !== 'no');
      expect(rules(t).includes('R4.5')).toBe(fires === 'yes');
    }
  });
});

describe('R17 under-13s in an experimental incident (reading)', () => {
  it.each<[string, Tri, Tri, AgeCase]>([
    ['a child is aged 12 and the imagery involves sexual acts', 'yes', 'yes', AGED_12],
    ['a child is in Year 7 and the imagery involves sexual acts', 'yes', 'yes', YEAR_7],
    [
      'a child was 12 on the disclosure date and the imagery involves sexual acts',
      'yes',
      'yes',
      BORN_13_YEARS_BEFORE_TOMORROW,
    ],
    ['a child is aged 12 and sexual acts are not yet known', 'unknown', 'unknown', AGED_12],
    ['a child is aged 12 and the imagery involves no sexual acts', 'no', 'no', AGED_12],
    ['a child is in Year 8 (12 or 13) and the imagery involves sexual acts', 'yes', 'unknown', YEAR_8],
    ['a child is in Year 8 and the imagery involves no sexual acts', 'no', 'no', YEAR_8],
  ])('when %s, the under-13 reading fires "%s"', (_label, sexualActs, fires, age) => {
    const t = trigger(childAnd(age.person, { sexualActs }), 'experimental', 'R17.under13');
    expect(t).toMatchObject({ applies: true, fires });
    expect(t.reasons).toEqual([expect.objectContaining({ rule: 'R17.under13', reading: 'R17.under13' })]);
    expect(Boolean(t.reasons[0]!.unknown)).toBe(fires === 'unknown');
  });

  it.each(ageRows([AGED_13, 'no'], [AGED_17, 'no']))(
    'when the youngest is %s, the under-13 reading does not apply',
    (_label, fires, age) => {
      const t = trigger(
        calmFacts({
          persons: [person({ name: 'A', ...age.person }), person({ name: 'B', ...age.person })],
          sexualActs: 'yes',
        }),
        'experimental',
        'R17.under13',
      );
      expect(t).toMatchObject({ applies: false, fires });
    },
  );

  it.each<[string, Tri, Partial<IncidentFacts>]>([
    ['the incident is harmful', 'yes', { harmOrDistress: 'yes' }],
    ['it was shared without consent', 'yes', { sharedWithoutConsent: 'yes' }],
    [
      'a child is known to social care now',
      'yes',
      { persons: [person({ name: 'Ava', ageYears: 11, socialCare: 'current' })] },
    ],
    ['harm is not yet known', 'unknown', { harmOrDistress: 'unknown' }],
  ])(
    'when a child 12 or under is involved and %s, the flowchart\'s inferred branch fires "%s" even without sexual acts',
    (_label, fires, patch) => {
      const t = trigger(childAnd(AGED_12.person, { sexualActs: 'no', ...patch }), 'experimental', 'R17.under13');
      expect(t.fires).toBe(fires);
      const branch = t.reasons.find((r) => r.rule === 'R17');
      expect(branch).toMatchObject({ reading: 'R17.protective', text: expect.stringMatching(/inferred branch/) });
      expect(Boolean(branch!.unknown)).toBe(fires === 'unknown');
    },
  );

  it('in an aggravated incident the under-13 reading gives way to R6.1', () => {
    const facts = childAnd(AGED_12.person, { malice: 'yes', sexualActs: 'yes' });
    expect(trigger(facts, 'aggravated', 'R17.under13')).toMatchObject({ applies: false, fires: 'no' });
    expect(trigger(facts, 'aggravated', 'R6.1').fires).toBe('yes');
  });
});
