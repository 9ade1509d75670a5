// Test data builders: facts and people for the worked examples (EXAMPLES.md) and rule tables.
import { emptyFacts, type IncidentFacts, type Person } from '../../src/domain/types';

let n = 0;
export function person(overrides: Partial<Person> = {}): Person {
  n += 1;
  return {
    id: `p${n}`,
    name: `Person ${n}`,
    atEstablishment: true,
    involvement: [],
    adult: 'no',
    worksWithChildren: 'no',
    sen: 'no',
    socialCare: 'none',
    ...overrides,
  };
}

/** A fully answered, experimental-looking set of facts: every question answered "no". */
export function calmFacts(overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    ...emptyFacts(),
    sexualAbuse: 'no',
    extortionOrBlackmail: 'no',
    threats: 'no',
    malice: 'no',
    sharedWithoutConsent: 'no',
    coercionOrGrooming: 'no',
    capacityConcern: 'no',
    unusualOrViolentContent: 'no',
    sexualActs: 'no',
    immediateRiskOfHarm: 'no',
    dangerNow: 'no',
    harmOrDistress: 'no',
    widerConcernsMeetThreshold: 'no',
    aiMadeOrAltered: 'no',
    sextortionDemands: 'no',
    spread: 'contained',
    persons: [person({ name: 'Maya', ageYears: 16 }), person({ name: 'Leo', ageYears: 16 })],
    ...overrides,
  };
}

export const E1 = (): IncidentFacts => calmFacts();

export const E2 = (): IncidentFacts =>
  calmFacts({
    persons: [
      person({ name: 'Sam', ageYears: 15, involvement: ['pictured', 'shared'] }),
      person({
        name: 'Gaming contact',
        atEstablishment: false,
        adult: 'unknown',
        worksWithChildren: 'unknown',
        onlineContact: true,
        involvement: ['requested', 'received'],
      }),
    ],
    coercionOrGrooming: 'unknown',
    spread: 'unknown',
  });

export const E3 = (level: 'low' | 'medium' | 'high' | null = null): IncidentFacts =>
  calmFacts({
    persons: [
      person({ name: 'Jayden', ageYears: 14, involvement: ['shared'] }),
      person({ name: 'Chloe', ageYears: 14, involvement: ['pictured'] }),
    ],
    sharedWithoutConsent: 'yes',
    malice: 'yes',
    harmOrDistress: 'yes',
    spread: 'wide',
    riskTool: level ? { tool: 'WSCB Risk Assessment Matrix', level } : null,
  });

export const E4 = (sexualActs: 'yes' | 'no' | 'unknown' = 'unknown'): IncidentFacts =>
  calmFacts({
    persons: [
      person({ name: 'Ava', ageYears: 11, involvement: ['pictured', 'shared'] }),
      person({ name: 'Classmate', ageYears: 11, involvement: ['requested'] }),
    ],
    sexualActs,
  });

export const E5 = (): IncidentFacts =>
  calmFacts({
    persons: [person({ name: 'Priya', ageYears: 15, involvement: ['pictured'] })],
    sharedWithoutConsent: 'yes',
    immediateRiskOfHarm: 'yes',
    harmOrDistress: 'yes',
    spread: 'wide',
  });

export const E6 = (isHeadteacher = false): IncidentFacts =>
  calmFacts({
    persons: [
      person({ name: 'Teaching assistant', ageYears: 22, adult: 'yes', worksWithChildren: 'staff', isHeadteacher }),
      person({ name: 'Ellie', ageYears: 15, involvement: ['requested'] }),
    ],
    coercionOrGrooming: 'yes',
  });
