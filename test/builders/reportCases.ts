// Seeded cases for the period report (issue 7): a known set with known answers, each case built
// through the real machine, with names and free text that the report must never show.
import type { CaseEvent, ReferralAgency, ReferralNextStep } from '../../src/domain/events';
import type { CaseRecord } from '../../src/domain/case';
import { stageOf } from '../../src/domain/machine';
import type { Stage } from '../../src/domain/stages';
import type { Sex } from '../../src/domain/types';
import { calmFacts, person } from './facts';
import { DSL, HEAD, decision, disclosure, typedSignature } from './events';
import { run } from './flows';

export interface SeedPerson {
  yearGroup?: number;
  sex?: Sex;
}

export interface SeedCase {
  /** When it was told (ISO). */
  disclosedAt: string;
  people: SeedPerson[];
  /** Minutes from disclosure to the initial review decision; absent: no decision yet. */
  reviewAfter?: number;
  /** 'managed' decides experimental, school manages (not a referral; may be signed off); 'referred' decides aggravated, MASH referral (may have a referral). */
  kind?: 'managed' | 'referred';
  signed?: boolean;
  referral?: { agency: ReferralAgency; after: number; outcome?: ReferralNextStep };
  /** Devices held for the police and not yet collected (each an item still to do). */
  devices?: number;
  /** New information escalates the case to referral (R6.9) and no referral decision follows yet. */
  escalated?: boolean;
}

/** What a case's people are called and what is written about it (free text). */
export interface SeedText {
  names: string[];
  free: string;
  /** A date of birth for every young person ('YYYY-MM-DD'), when given. */
  dateOfBirth?: string;
}

const plain = (i: number): SeedText => ({
  names: [`Pupil ${i}a`, `Pupil ${i}b`, `Pupil ${i}c`],
  free: `Case ${i} notes.`,
});

function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** The events of one seeded case; every name and free-text field is taken from `text`. */
export function seedEvents(spec: SeedCase, text: SeedText, caseId = 'case'): CaseEvent[] {
  let n = 0;
  const make = <T extends CaseEvent['type']>(type: T, at: string, payload: object, actor = DSL): CaseEvent =>
    ({ id: `${caseId}-e${++n}`, type, actor, occurredAt: at, recordedAt: at, ...payload }) as CaseEvent;
  const name = (k: number) => text.names[k % text.names.length] ?? 'x';
  const persons = spec.people.map((p, k) =>
    person({
      id: `${caseId}-p${k}`,
      name: name(k),
      ageYears: 14,
      dateOfBirth: text.dateOfBirth,
      yearGroup: p.yearGroup,
      sex: p.sex,
      otherVulnerabilities: text.free,
    }),
  );
  const referred = spec.kind === 'referred';
  const facts = calmFacts(
    referred
      ? {
          persons,
          sharedWithoutConsent: 'yes',
          immediateRiskOfHarm: 'yes',
          harmOrDistress: 'yes',
          spread: 'wide',
          platforms: [text.free],
        }
      : { persons, platforms: [text.free] },
  );
  const t0 = spec.disclosedAt;
  const events: CaseEvent[] = [
    make('case.opened', addMinutes(t0, 1), { caseId, reference: `REF-${caseId}`, policyVersion: 'wscb-ypsi-2016' }),
    make('disclosure.recorded', addMinutes(t0, 2), {
      disclosure: disclosure({
        disclosedAt: t0,
        disclosedBy: name(0),
        disclosedTo: name(1),
        account: text.free,
        spreadNotes: text.free,
        imageryDescription: text.free,
        actionsTaken: text.free,
        platforms: [text.free],
      }),
      persons,
    }),
  ];
  if (spec.reviewAfter === undefined) return events;
  const reviewAt = addMinutes(t0, spec.reviewAfter);
  const d = decision(
    facts,
    referred ? 'aggravated' : 'experimental',
    referred ? ['mash-referral', 'risk-assessment'] : ['risk-assessment', 'school-manage'],
    {
      decisionId: `${caseId}-d1`,
      attendees: [name(0), name(1)],
      answers: { immediateRisk: text.free, relevantFacts: text.free },
      rationale: text.free,
      routeReason: text.free,
      typologyReason: text.free,
    },
  );
  events.push(make('review.decided', reviewAt, { decision: d, facts }));
  if (spec.signed && !referred)
    events.push(
      make(
        'signoff.signed',
        addMinutes(reviewAt, 5),
        { decisionId: d.decisionId, signature: typedSignature(name(2)) },
        HEAD,
      ),
    );
  if (spec.referral && referred) {
    const at = addMinutes(reviewAt, spec.referral.after);
    events.push(
      make('referral.made', at, {
        referralId: `${caseId}-r1`,
        agency: spec.referral.agency,
        to: text.free,
        phone: '01902 555392',
        reference: text.free,
        note: text.free,
      }),
    );
    if (spec.referral.outcome)
      events.push(
        make('referral.outcome', addMinutes(at, 60), {
          referralId: `${caseId}-r1`,
          outcome: text.free,
          nextStep: spec.referral.outcome,
        }),
      );
  }
  for (let k = 0; k < (spec.devices ?? 0); k++) {
    events.push(
      make('device.secured', addMinutes(reviewAt, 100 + k), {
        deviceId: `${caseId}-dev${k}`,
        description: text.free,
        ownerPersonId: persons[0]?.id,
        switchedOff: true,
        lockedAway: true,
        where: text.free,
      }),
    );
  }
  if (spec.escalated) events.push(make('escalated', addMinutes(reviewAt, 150), { reason: text.free }));
  events.push(make('note.added', addMinutes(reviewAt, 200), { text: text.free }));
  return events;
}

export function seedRecord(
  spec: SeedCase,
  text: SeedText,
  caseId = 'case',
): { record: CaseRecord; stage: Stage; events: CaseEvent[] } {
  const events = seedEvents(spec, text, caseId);
  const snapshot = run(events);
  return { record: snapshot.context, stage: stageOf(snapshot), events };
}

/**
 * The known set: nine cases in the school year 2025 to 2026 (case 9 is told at 00:30 UK time on
 * 1 September 2025, 23:30 UTC the day before), and two outside it. Answers in report.test.ts.
 */
export const KNOWN_CASES: readonly SeedCase[] = [
  {
    disclosedAt: '2025-10-06T09:00:00Z',
    people: [
      { yearGroup: 9, sex: 'female' },
      { yearGroup: 9, sex: 'male' },
    ],
    reviewAfter: 60,
    kind: 'managed',
    signed: true,
  },
  {
    disclosedAt: '2025-11-10T10:00:00Z',
    people: [
      { yearGroup: 9, sex: 'female' },
      { yearGroup: 10, sex: 'female' },
    ],
    reviewAfter: 120,
    kind: 'managed',
    signed: true,
  },
  {
    disclosedAt: '2026-01-12T11:00:00Z',
    people: [{ yearGroup: 10, sex: 'male' }],
    reviewAfter: 30,
    kind: 'managed',
    signed: false,
    escalated: true,
  },
  {
    disclosedAt: '2026-02-02T12:00:00Z',
    people: [{ yearGroup: 10, sex: 'female' }],
    reviewAfter: 240,
    kind: 'managed',
    signed: true,
  },
  {
    disclosedAt: '2026-03-02T09:00:00Z',
    people: [{ yearGroup: 11, sex: 'female' }],
    reviewAfter: 45,
    kind: 'referred',
    referral: { agency: 'mash', after: 15, outcome: 'agency-leads' },
    devices: 1,
  },
  {
    disclosedAt: '2026-04-20T09:00:00Z',
    people: [{ yearGroup: 11, sex: 'male' }],
    reviewAfter: 90,
    kind: 'referred',
    referral: { agency: 'mash', after: 60, outcome: 'return-to-school' },
    devices: 1,
  },
  {
    disclosedAt: '2026-05-11T09:00:00Z',
    people: [{ yearGroup: 11, sex: 'female' }],
    reviewAfter: 20,
    kind: 'referred',
    referral: { agency: 'police', after: 30 },
    devices: 2,
  },
  { disclosedAt: '2026-06-15T09:00:00Z', people: [{ yearGroup: 8 }] },
  {
    disclosedAt: '2025-08-31T23:30:00Z',
    people: [{ yearGroup: 9, sex: 'female' }],
    reviewAfter: 600,
    kind: 'managed',
    signed: true,
  },
  // Outside: 23:30 UK time on 31 August 2025, and 1 September 2026.
  {
    disclosedAt: '2025-08-31T22:30:00Z',
    people: [{ yearGroup: 7, sex: 'male' }],
    reviewAfter: 60,
    kind: 'managed',
    signed: false,
  },
  {
    disclosedAt: '2026-09-01T10:00:00Z',
    people: [{ yearGroup: 12, sex: 'other' }],
    reviewAfter: 60,
    kind: 'referred',
    referral: { agency: 'lado', after: 10 },
  },
];

export function knownRecords(
  texts: (i: number) => SeedText = plain,
): { record: CaseRecord; stage: Stage; events: CaseEvent[] }[] {
  return KNOWN_CASES.map((spec, i) => seedRecord(spec, texts(i), `case-${i + 1}`));
}
