// fast-check arbitraries for the rules engine: people of any recorded age (or none), and every
// answer the facts can hold, unknowns included.
import fc from 'fast-check';
import {
  TRI_FACT_KEYS,
  type IncidentFacts,
  type Person,
  type RiskLevel,
  type SocialCareInvolvement,
  type Tri,
  type TriFactKey,
  type Typology,
  type WorksWithChildren,
} from '../../src/domain/types';

export const tri = fc.constantFrom<Tri>('yes', 'no', 'unknown');
export const typology = fc.constantFrom<Typology>('aggravated', 'experimental');

const isoDate = fc
  .record({
    y: fc.integer({ min: 1950, max: 2026 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** A person as a DSL might record them: an age 0-120 or none, a date of birth, a year group, or only "adult?". */
export const person: fc.Arbitrary<Omit<Person, 'id'>> = fc.record({
  name: fc.constantFrom('Maya', 'Leo', 'Sam', 'Ava', 'Contact', ''),
  atEstablishment: fc.boolean(),
  involvement: fc.constant([]),
  ageYears: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
  dateOfBirth: fc.option(isoDate, { nil: undefined, freq: 4 }),
  yearGroup: fc.option(fc.integer({ min: 0, max: 13 }), { nil: undefined }),
  adult: tri,
  worksWithChildren: fc.constantFrom<WorksWithChildren>('staff', 'volunteer', 'elsewhere', 'no', 'unknown'),
  isHeadteacher: fc.boolean(),
  onlineContact: fc.boolean(),
  sen: fc.option(tri, { nil: undefined }),
  otherVulnerabilities: fc.constantFrom(undefined, '', 'Young carer'),
  socialCare: fc.constantFrom<SocialCareInvolvement | undefined>(
    'current',
    'past',
    'possible',
    'none',
    'unknown',
    undefined,
  ),
});

const triFacts = fc.record(
  Object.fromEntries(TRI_FACT_KEYS.map((k) => [k, tri])) as Record<TriFactKey, fc.Arbitrary<Tri>>,
);

export const riskTool = fc.option(
  fc.constantFrom<RiskLevel>('low', 'medium', 'high').map((level) => ({ tool: 'WSCB Risk Assessment Matrix', level })),
  { nil: null },
);

/** Incident facts: one to four people, every question yes, no or unknown, the risk tool applied or not. */
export const facts: fc.Arbitrary<IncidentFacts> = fc
  .record({
    persons: fc.array(person, { minLength: 1, maxLength: 4 }),
    tris: triFacts,
    riskTool,
    spread: fc.constantFrom('contained', 'limited', 'wide', 'unknown' as const),
  })
  .map(({ persons, tris, riskTool: tool, spread }) => ({
    ...tris,
    persons: persons.map((p, i) => ({ ...p, id: `p${i + 1}` })),
    riskTool: tool,
    spread,
    platforms: [],
  }));
