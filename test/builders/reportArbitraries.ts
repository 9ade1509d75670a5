// fast-check arbitraries for the period report: random cases and random, distinctive names, dates
// of birth and notes that no report output may contain.
import fc from 'fast-check';
import { buildReport, type Report } from '../../src/domain/report/build';
import { schoolYearPeriod } from '../../src/domain/report/period';
import { reportRowOf } from '../../src/domain/report/row';
import type { ReferralAgency, ReferralNextStep } from '../../src/domain/events';
import type { Sex } from '../../src/domain/types';
import { seedRecord, type SeedCase, type SeedText } from './reportCases';

// Words no label of the report could hold by chance (a name like "Cases" would be a false alarm).
const word = fc.stringMatching(/^[A-Z][a-z]{4,9}$/).map((w) => `Zq${w.toLowerCase()}`);
export const name = fc.tuple(word, word).map(([a, b]) => `${a} ${b}`);
export const free = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.'’!?-]{11,40}[a-z0-9]$/);
// Aged 13 to 16 on every disclosure date the cases use (25 August 2025 to 5 September 2026): an
// under-13 (R6.1) would make a "managed" case a referral, now that a date of birth decides the age.
export const dob = fc
  .integer({ min: Date.UTC(2009, 8, 6), max: Date.UTC(2012, 7, 25) })
  .map((t) => new Date(t).toISOString().slice(0, 10));
export const text: fc.Arbitrary<SeedText> = fc.record({
  names: fc.array(name, { minLength: 3, maxLength: 3 }),
  free,
  dateOfBirth: dob,
});

export const seedCase: fc.Arbitrary<SeedCase> = fc.record({
  disclosedAt: fc
    .integer({ min: Date.parse('2025-08-25T08:00:00Z'), max: Date.parse('2026-09-05T08:00:00Z') })
    .map((t) => new Date(t).toISOString()),
  people: fc.array(
    fc.record({
      yearGroup: fc.option(fc.integer({ min: 7, max: 13 }), { nil: undefined }),
      sex: fc.option(fc.constantFrom<Sex>('female', 'male', 'other', 'not-known', 'not-recorded'), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  reviewAfter: fc.option(fc.integer({ min: 5, max: 6000 }), { nil: undefined }),
  kind: fc.constantFrom<'managed' | 'referred'>('managed', 'referred'),
  signed: fc.boolean(),
  referral: fc.option(
    fc.record({
      agency: fc.constantFrom<ReferralAgency>('mash', 'police', 'social-care', 'lado'),
      after: fc.integer({ min: 1, max: 3000 }),
      outcome: fc.option(fc.constantFrom<ReferralNextStep>('agency-leads', 'return-to-school', 'no-further-action'), {
        nil: undefined,
      }),
    }),
    { nil: undefined },
  ),
});

export function secretsOf(texts: readonly SeedText[]): string[] {
  return texts.flatMap((t) => [...t.names, ...t.names.flatMap((n) => n.split(' ')), t.free, t.dateOfBirth!]);
}

export function reportOf(specs: readonly SeedCase[], texts: readonly SeedText[]): Report {
  const rows = specs.map((spec, i) => {
    const { record, stage } = seedRecord(spec, texts[i % texts.length]!, `case-${i}`);
    return reportRowOf(record, stage)!;
  });
  return buildReport(rows, schoolYearPeriod(2025), '2026-09-10');
}
