// The domain's input rules, as properties (bounded, seeded): ages per kind of person (R1.1),
// dates of birth, when a step happened, and answer lengths. Every refusal names the field and says
// what to do; everything in range, in any script, is accepted as typed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { person } from '../../test/builders/arbitraries';
import type { Person } from './types';
import { dayInWords } from './days';
import {
  ADULT_AGE,
  incidentDateProblem,
  MAX_AGE,
  personProblems,
  SHORT_TEXT_LIMIT,
  TEXT_LIMIT,
  textProblems,
  textTooLong,
  whenProblem,
} from './validation';

const RUNS = { numRuns: 100, seed: 20261125 } as const;
const NOW = new Date('2026-03-14T10:00:00Z');

/** Names as typed in a school: Arabic, Hebrew, Urdu, emoji (incl. ZWJ sequences), markup. */
const awkwardName = fc.constantFrom(
  'مريم أحمد',
  'נועה כהן',
  'عائشہ خان',
  'Zoë 🌈',
  '👩🏽‍🦱 Amara',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><b>bold</b>',
  'Ms O’Brien-Smith',
);

const youngPerson = (p: Omit<Person, 'id'>, ageYears: number | undefined): Person => ({
  ...p,
  id: 'p',
  name: p.name || 'Maya',
  onlineContact: false,
  adult: 'no',
  ageYears,
  dateOfBirth: undefined,
});
const adult = (p: Omit<Person, 'id'>, ageYears: number | undefined): Person => ({
  ...p,
  id: 'p',
  name: p.name || 'Mr Hale',
  onlineContact: false,
  adult: 'yes',
  ageYears,
  dateOfBirth: undefined,
});

describe('ages (R1.1: a young person is 17 or under)', () => {
  it('accepts a young person aged 0-17 and an adult aged 18-120, with names in any script', () => {
    fc.assert(
      fc.property(
        person,
        awkwardName,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: ADULT_AGE, max: MAX_AGE }),
        (p, name, child, grown) => {
          expect(personProblems({ ...youngPerson(p, child), name }, 'person 1', { now: NOW })).toEqual([]);
          expect(personProblems({ ...adult(p, grown), name }, 'person 1', { now: NOW })).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('refuses a young person aged 18 or over, and an adult under 18, at the age field', () => {
    fc.assert(
      fc.property(
        person,
        fc.integer({ min: ADULT_AGE, max: MAX_AGE }),
        fc.integer({ min: 0, max: 17 }),
        (p, grown, child) => {
          const yp = personProblems(youngPerson(p, grown), 'person 2', { now: NOW });
          expect(yp).toEqual([
            { field: 'age', text: expect.stringMatching(/^A young person is 17 or under: check the age of person 2/) },
          ]);
          const ad = personProblems(adult(p, child), 'person 2', { now: NOW });
          expect(ad).toEqual([{ field: 'age', text: 'An adult is 18 or over: check the age of person 2' }]);
        },
      ),
      RUNS,
    );
  });

  it('refuses any age outside 0-120, or not a whole number, for anyone', () => {
    const bad = fc.oneof(
      fc.integer({ min: MAX_AGE + 1, max: 100_000 }),
      fc.integer({ min: -100_000, max: -1 }),
      fc.double({ min: 0.01, max: 119.99, noInteger: true }),
      fc.constantFrom(Number.NaN, Infinity),
    );
    fc.assert(
      fc.property(person, bad, (p, age) => {
        const problems = personProblems(
          { ...p, id: 'p', name: 'Sam', ageYears: age, dateOfBirth: undefined },
          'person 1',
          { now: NOW },
        );
        expect(problems).toEqual([{ field: 'age', text: `Enter an age from 0 to ${MAX_AGE} for person 1` }]);
      }),
      RUNS,
    );
  });

  it('lets someone met online claim any age from 0 to 120 (their age cannot be checked, E2)', () => {
    fc.assert(
      fc.property(
        person,
        fc.integer({ min: 0, max: MAX_AGE }),
        fc.constantFrom<Person['adult']>('yes', 'no', 'unknown'),
        (p, age, adultAnswer) => {
          expect(
            personProblems(
              {
                ...p,
                id: 'p',
                name: 'sk8r_boi',
                onlineContact: true,
                adult: adultAnswer,
                ageYears: age,
                dateOfBirth: undefined,
              },
              'person 1',
              { now: NOW },
            ),
          ).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('asks for a name, and refuses one longer than a line', () => {
    fc.assert(
      fc.property(
        person,
        fc.constantFrom('', '   ', '\n\t'),
        fc.integer({ min: SHORT_TEXT_LIMIT + 1, max: 5_000 }),
        (p, blank, long) => {
          expect(personProblems({ ...youngPerson(p, 12), name: blank }, 'person 3', { now: NOW })).toEqual([
            { field: 'name', text: 'Enter a name or description for person 3' },
          ]);
          expect(
            personProblems({ ...youngPerson(p, 12), name: 'ب'.repeat(long) }, 'person 3', { now: NOW })[0]?.field,
          ).toBe('name');
        },
      ),
      RUNS,
    );
  });
});

describe('dates of birth', () => {
  const day = fc
    .date({ min: new Date('1950-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('refuses a date of birth in the future or after the incident, and accepts one before both', () => {
    fc.assert(
      fc.property(day, day, (dob, incident) => {
        const p: Person = {
          id: 'p',
          name: 'Maya',
          atEstablishment: true,
          involvement: [],
          adult: 'unknown',
          worksWithChildren: 'no',
          dateOfBirth: dob,
        };
        const problems = personProblems(p, 'person 1', { now: NOW, referenceDate: incident });
        const today = NOW.toISOString().slice(0, 10);
        const expected =
          dob > today
            ? [{ field: 'dateOfBirth', text: 'The date of birth of person 1 cannot be in the future' }]
            : dob > incident
              ? [
                  {
                    field: 'dateOfBirth',
                    text: `The date of birth of person 1 is after the incident (${dayInWords(incident)}): check it`,
                  },
                ]
              : [];
        expect(problems).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('refuses a date of birth that is not a real day', () => {
    for (const dob of ['2012-02-30', '2012-13-01', 'yesterday', '<b>2012</b>']) {
      const p: Person = {
        id: 'p',
        name: 'Maya',
        atEstablishment: true,
        involvement: [],
        adult: 'unknown',
        worksWithChildren: 'no',
        dateOfBirth: dob,
      };
      expect(personProblems(p, 'person 1', { now: NOW })).toEqual([
        { field: 'dateOfBirth', text: 'Enter the date of birth of person 1 as a real date, for example 27 3 2012' },
      ]);
    }
  });
});

describe('when a step happened', () => {
  const instant = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });

  it('refuses the future (beyond five minutes of clock drift), before 2000, and before the disclosure; accepts the rest', () => {
    const disclosed = new Date('2026-03-10T09:15:00Z');
    fc.assert(
      fc.property(instant, (t) => {
        const got = whenProblem(t.toISOString(), {
          now: NOW,
          notBefore: { iso: disclosed.toISOString(), what: 'the disclosure' },
        });
        const expected =
          t.getTime() > NOW.getTime() + 5 * 60_000
            ? 'The time it happened cannot be in the future'
            : t < new Date('2000-01-01')
              ? 'Enter a date after 1 January 2000'
              : t < disclosed
                ? 'The time it happened cannot be before the disclosure'
                : null;
        expect(got).toBe(expected);
      }),
      RUNS,
    );
  });

  it('asks for a date and time when the field is empty or not a date', () => {
    for (const v of [null, '', 'not a date', '<script>1</script>'])
      expect(whenProblem(v, { now: NOW })).toMatch(/^Enter the date and time it happened/);
  });
});

describe('answer lengths', () => {
  it('accepts any text up to the limit exactly as typed, and names every field over it', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), awkwardName);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('account', 'notes', 'reason'), text),
        fc.constantFrom('account', 'notes', 'reason'),
        fc.integer({ min: 1, max: 1_000 }),
        (fields, longField, over) => {
          expect(textProblems(fields)).toEqual([]);
          const problems = textProblems({ ...fields, [longField]: 'x'.repeat(TEXT_LIMIT + over) });
          expect(problems).toEqual([
            {
              field: longField,
              text: expect.stringMatching(
                /^This answer is too long \([\d,]+ characters\): keep it to 20,000 characters or fewer$/,
              ),
            },
          ]);
        },
      ),
      RUNS,
    );
  });

  it('names a 1 MB answer as too long, with its size', () => {
    expect(textTooLong('a'.repeat(1_048_576))).toBe(
      'This answer is too long (1,048,576 characters): keep it to 20,000 characters or fewer',
    );
    expect(textTooLong('a'.repeat(TEXT_LIMIT))).toBeNull();
  });
});

describe('a date of birth agrees with the age, year group and kind of person (issue 15)', () => {
  const ref = { on: '2026-01-15', basis: 'incident' as const, toldOn: '2026-03-02' };
  const pupil = (more: Partial<Person>): Person => ({
    id: 'p',
    name: 'Maya',
    atEstablishment: true,
    involvement: [],
    adult: 'no',
    worksWithChildren: 'no',
    ...more,
  });
  const dobText = (p: Person) =>
    personProblems(p, 'person 1', { now: NOW, referenceDate: ref }).find((x) => x.field === 'dateOfBirth')?.text;

  it('"not known" is an answer', () => {
    expect(
      personProblems(pupil({ dateOfBirth: 'unknown', ageYears: 13, yearGroup: 8 }), 'person 1', {
        now: NOW,
        referenceDate: ref,
      }),
    ).toEqual([]);
  });

  it('an age as told on the disclosure date that the date of birth does not give: correct the age or the date of birth', () => {
    expect(dobText(pupil({ dateOfBirth: '2013-02-01', ageYears: 13 }))).toBeUndefined();
    expect(dobText(pupil({ dateOfBirth: '2013-02-01', ageYears: 14 }))).toBe(
      'The date of birth of person 1 makes them 13 on 2 March 2026, but their age is given as 14: correct the age or the date of birth',
    );
  });

  it('a year group the date of birth does not fit: correct the year group or the date of birth', () => {
    expect(dobText(pupil({ dateOfBirth: '2012-09-01', yearGroup: 8 }))).toBeUndefined();
    expect(dobText(pupil({ dateOfBirth: '2013-08-31', yearGroup: 8 }))).toBeUndefined();
    expect(dobText(pupil({ dateOfBirth: '2013-09-01', yearGroup: 8 }))).toBe(
      'The date of birth of person 1 does not fit Year 8 (born 1 September 2012 to 31 August 2013): correct the year group or the date of birth, or choose “Not known” for the year group if they are taught out of their age group',
    );
  });

  it('a young person whose date of birth makes them an adult on the incident date, and the reverse', () => {
    expect(dobText(pupil({ dateOfBirth: '2007-06-01' }))).toBe(
      'The date of birth of person 1 makes them 18 on 15 January 2026, an adult: correct the date of birth, or mark them as an adult',
    );
    expect(dobText(pupil({ dateOfBirth: '2010-06-01', adult: 'yes', atEstablishment: false }))).toBe(
      'The date of birth of person 1 makes them 15 on 15 January 2026, a young person: correct the date of birth, or who they are',
    );
  });

  it('a date of birth after the incident, though before the disclosure, is refused', () => {
    expect(dobText(pupil({ dateOfBirth: '2026-02-01' }))).toBe(
      'The date of birth of person 1 is after the incident (15 January 2026): check it',
    );
  });

  it('sex is one of the school’s answers', () => {
    for (const sex of ['female', 'male', 'other', 'not-known', 'not-recorded'] as const)
      expect(personProblems(pupil({ sex }), 'person 1', { now: NOW })).toEqual([]);
    expect(personProblems(pupil({ sex: 'Maya' as never }), 'person 1', { now: NOW })).toEqual([
      { field: 'sex', text: 'Choose the sex of person 1 as the school records it, or “Not known”' },
    ]);
  });
});

describe('the incident date (issue 11 item 6)', () => {
  it('not known, or not answered, is an answer', () => {
    for (const v of [undefined, '', 'unknown'])
      expect(incidentDateProblem(v, { now: NOW, disclosedAt: '2026-03-02T09:00:00Z' })).toBeNull();
  });
  it('a real day, not in the future, not before 2000, not after the disclosure', () => {
    const opts = { now: NOW, disclosedAt: '2026-03-02T09:00:00Z' };
    expect(incidentDateProblem('2026-03-02', opts)).toBeNull();
    expect(incidentDateProblem('2026-02-30', opts)).toMatch(
      /^Enter the date the imagery was made or shared as a real date/,
    );
    expect(incidentDateProblem('2026-03-03', opts)).toBe(
      'The imagery was made or shared before it was disclosed (2 March 2026): check the date',
    );
    expect(incidentDateProblem('2099-01-01', opts)).toBe(
      'The date the imagery was made or shared cannot be in the future',
    );
    expect(incidentDateProblem('1999-12-31', opts)).toBe('Enter a date after 1 January 2000');
  });
});
