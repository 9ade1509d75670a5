// Ages on the incident date (issue 11 item 6, issue 15 item 2): every age rule is tested on the day
// the imagery was made or shared where it is known; a date of birth gives the age on that day.
import { beforeEach, describe, expect, it } from 'vitest';
import { applyEvent, emptyCase, referenceDate, type CaseRecord } from '../case';
import type { CaseEvent } from '../events';
import type { Person } from '../types';
import { calmFacts, person } from '../../../test/builders/facts';
import { disclosure, ev, opened, resetBuilders } from '../../../test/builders/events';
import { ageRange, describeAge, isAdult, isTwelveOrUnder, type AgeDates } from './age';
import { evaluateTriggers } from './triggers';
import { assess } from './assess';

const INCIDENT = '2026-01-15';
const DISCLOSED = '2026-03-02';
const dates: AgeDates = { on: INCIDENT, basis: 'incident', toldOn: DISCLOSED };

const born = (dateOfBirth: string, more: Partial<Person> = {}) =>
  person({ name: 'Maya', dateOfBirth, adult: 'unknown', ...more });

describe('a date of birth gives the age on the incident date, at the 12/13 boundary (R6.1, R17)', () => {
  it.each([
    ['13th birthday the day before the incident', '2013-01-14', 13, 'no'],
    ['13th birthday on the incident date', '2013-01-15', 13, 'no'],
    ['13th birthday the day after the incident', '2013-01-16', 12, 'yes'],
  ] as const)('%s: aged %s, 12 or under is %s', (_label, dob, age, twelveOrUnder) => {
    const p = born(dob);
    expect(ageRange(p, dates)).toEqual({ min: age, max: age });
    expect(isTwelveOrUnder(p, dates)).toBe(twelveOrUnder);
  });

  it('a pupil who was 12 at the incident is under 13 for R6.1 although 13 at the disclosure', () => {
    const p = born('2013-02-01');
    expect(isTwelveOrUnder(p, DISCLOSED)).toBe('no');
    expect(isTwelveOrUnder(p, dates)).toBe('yes');
    const facts = calmFacts({ persons: [p, person({ name: 'Leo', ageYears: 14 })], malice: 'yes' });
    const r61 = evaluateTriggers(facts, 'aggravated', dates).find((t) => t.id === 'R6.1')!;
    expect(r61.fires).toBe('yes');
    expect(r61.reasons.map((r) => r.text).join(' ')).toContain(
      'Maya is aged 12 on 15 January 2026, the day the imagery was made or shared (from the date of birth)',
    );
  });
});

describe('a date of birth gives the age on the incident date, at the 17/18 boundary (R1.1, R6.2)', () => {
  it.each([
    ['18th birthday the day before the incident', '2008-01-14', 18, 'yes'],
    ['18th birthday on the incident date', '2008-01-15', 18, 'yes'],
    ['18th birthday the day after the incident', '2008-01-16', 17, 'no'],
  ] as const)('%s: aged %s, an adult is %s', (_label, dob, age, adult) => {
    const p = born(dob);
    expect(ageRange(p, dates)).toEqual({ min: age, max: age });
    expect(isAdult(p, dates)).toBe(adult);
  });

  it('someone who was 17 at the incident is a young person then, though 18 at the disclosure: no adult involvement', () => {
    const p = born('2008-02-01');
    expect(isAdult(p, DISCLOSED)).toBe('yes');
    expect(isAdult(p, dates)).toBe('no');
    const facts = calmFacts({ persons: [p, person({ name: 'Leo', ageYears: 16 })] });
    expect(evaluateTriggers(facts, 'experimental', dates).find((t) => t.id === 'R6.2')!.value).toBe('no');
  });
});

describe('an age or year group as told is moved to the incident date', () => {
  it('13 when told, with the incident six weeks earlier: 12 or 13 then, so R6.1 is not known (never "no")', () => {
    const p = person({ name: 'Leo', ageYears: 13 });
    expect(ageRange(p, dates)).toEqual({ min: 12, max: 13 });
    expect(isTwelveOrUnder(p, dates)).toBe('unknown');
    expect(isTwelveOrUnder(p, DISCLOSED)).toBe('no');
    expect(describeAge(p, dates)).toBe(
      'aged 12 or 13 on 15 January 2026, the day the imagery was made or shared (from the age as told)',
    );
  });

  it('18 when told, with an earlier incident: may have been 17 then, so adulthood is not known', () => {
    const p = person({ name: 'Sam', ageYears: 18, adult: 'yes', atEstablishment: false });
    expect(isAdult(p, dates)).toBe('unknown');
  });

  it('a year group told in one school year, with the incident in the school year before, is a year younger', () => {
    const p = person({ name: 'Ava', yearGroup: 8 });
    // Year 8 in 2025-26: born 1 Sept 2012 to 31 Aug 2013. On 15 June 2025 that is 11 or 12.
    expect(ageRange(p, { on: '2025-06-15', basis: 'incident', toldOn: DISCLOSED })).toEqual({ min: 11, max: 12 });
    expect(ageRange(p, DISCLOSED)).toEqual({ min: 12, max: 13 });
  });

  it('the date of birth is trusted before an age as told', () => {
    expect(ageRange(born('2013-02-01', { ageYears: 13 }), dates)).toEqual({ min: 12, max: 12 });
  });
});

describe('the case says which day the ages are worked out on', () => {
  beforeEach(() => resetBuilders());
  const build = (events: CaseEvent[]): CaseRecord => events.reduce(applyEvent, emptyCase());

  it('the incident date from the disclosure, then from a facts update', () => {
    const c = build([
      opened(),
      ev('disclosure.recorded', {
        disclosure: disclosure({ incidentDate: '2026-02-20' }),
        persons: [born('2013-02-25')],
      }),
    ]);
    expect(referenceDate(c)).toEqual({ on: '2026-02-20', basis: 'incident', toldOn: DISCLOSED });
    expect(describeAge(c.facts.persons[0]!, referenceDate(c))).toBe(
      'aged 12 on 20 February 2026, the day the imagery was made or shared (from the date of birth)',
    );
    const later = applyEvent(
      c,
      ev('facts.updated', { facts: { incidentDate: '2026-02-26' }, source: 'new-information' }),
    );
    expect(referenceDate(later)?.on).toBe('2026-02-26');
    expect(isTwelveOrUnder(later.facts.persons[0]!, referenceDate(later))).toBe('no');
  });

  it('without an incident date ("not known", or an older record), the disclosure date, and the reasons say so', () => {
    for (const incidentDate of ['unknown', undefined]) {
      const c = build([
        opened(),
        ev('disclosure.recorded', { disclosure: disclosure({ incidentDate }), persons: [born('2013-02-25')] }),
      ]);
      expect(referenceDate(c)).toEqual({ on: DISCLOSED, basis: 'disclosure', toldOn: DISCLOSED });
      expect(describeAge(c.facts.persons[0]!, referenceDate(c))).toBe(
        'aged 13 on 2 March 2026, the day of the disclosure (the incident date is not recorded) (from the date of birth)',
      );
    }
  });

  it('the review decision proposes from the incident date: R6.1 fires for a pupil 12 then and 13 now', () => {
    const c = build([
      opened(),
      ev('disclosure.recorded', {
        disclosure: disclosure({ incidentDate: '2026-02-20' }),
        persons: [born('2013-02-25'), person({ name: 'Leo', ageYears: 14 })],
      }),
    ]);
    const a = assess(
      { ...c.facts, malice: 'yes' },
      { confirmedTypology: 'aggravated', referenceDate: referenceDate(c) },
    );
    expect(a.routes.immediateReferral).toBe('yes');
  });
});
