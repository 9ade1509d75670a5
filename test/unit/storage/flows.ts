// Case flows for storage tests: drafts as the UI would hand them over, with distinctive names that must never show in raw storage.
import { type EventDraft, appendEvent, createCase } from '../../../src/storage/cases';
import { setReviewDate } from '../../../src/storage/summary-index/reviewDate';
import type { Session } from '../../../src/storage/keys/session';
import { unlock } from '../../../src/storage/keys/keyring';
import { PASSPHRASES, type Device } from './harness';
import { calmFacts, person } from '../../builders/facts';
import type { IncidentFacts } from '../../../src/domain/types';
import { assess } from '../../../src/domain/rules/assess';

export const SECRET_WORDS = [
  'Zebedee',
  'Quillfeather',
  'Marisol',
  'Vantongeren',
  'Lighthouse-orchid-7731',
  'Snapchat-handle-qx99',
];

export function distinctiveFacts(): IncidentFacts {
  return calmFacts({
    persons: [
      person({
        id: 'p-zeb',
        name: 'Zebedee Quillfeather',
        ageYears: 15,
        involvement: ['pictured'],
        dateOfBirth: '2010-05-04',
      }),
      person({ id: 'p-mar', name: 'Marisol Vantongeren', ageYears: 15, involvement: ['received'] }),
    ],
  });
}

let minute = 0;
function at(): string {
  minute += 1;
  return new Date(Date.UTC(2026, 2, 2, 9, minute)).toISOString();
}

/** The disclosure, as the DSL records it. */
export function disclosureDraft(session: Session, facts: IncidentFacts = distinctiveFacts()): EventDraft {
  return {
    type: 'disclosure.recorded',
    actor: session.actor,
    occurredAt: at(),
    disclosure: {
      disclosedBy: 'Zebedee Quillfeather, Year 10',
      discloserRelation: 'young-person',
      disclosedTo: 'Ms Teacher',
      disclosedAt: '2026-03-02T08:45:00.000Z',
      channel: 'in-person',
      account: 'Zebedee said Marisol Vantongeren sent a picture via Snapchat-handle-qx99.',
      platforms: ['Snapchat'],
      spreadNotes: 'Marisol says nobody else has it.',
      imageryDescription: 'A photograph.',
      actionsTaken: 'Told the DSL in person.',
    },
    persons: facts.persons,
  };
}

/** The initial review decision, taking the policy's own proposal (asked of the domain, never restated here). */
export function reviewDraft(session: Session, facts: IncidentFacts = distinctiveFacts()): EventDraft {
  const a = assess(facts, { referenceDate: '2026-03-02' });
  const recommended = a.routes.routes
    .filter((r) => r.strength === 'act-now' || r.strength === 'recommended')
    .map((r) => r.route);
  return {
    type: 'review.decided',
    actor: session.actor,
    occurredAt: at(),
    decision: {
      decisionId: 'd-1',
      attendees: ['Dana Shah (DSL)'],
      answers: { immediateRisk: 'No immediate risk.' },
      proposedTypology: a.proposed.typology,
      typology: a.proposed.typology,
      recommendedRoutes: recommended,
      routes: recommended,
      rationale: 'Decided in the initial review meeting.',
    },
    facts,
  };
}

export function noteDraft(session: Session, text = 'Lighthouse-orchid-7731: spoke to Zebedee again.'): EventDraft {
  return { type: 'note.added', actor: session.actor, occurredAt: at(), text };
}

/** A step the machine refuses at the disclosure stage (closing a case that has barely begun). */
export function refusedDraft(session: Session): EventDraft {
  return { type: 'case.closed', actor: session.actor, occurredAt: at(), summary: 'Too soon.' };
}

/**
 * Every step from the disclosure to a closed case (decided, assessed, signed off in place of the
 * Headteacher by the deputy, parents told), with notes that name the young people. The deputy signs:
 * whoever made a decision never signs it off (R14.3).
 */
export function closingDrafts(session: Session, signer: Session): EventDraft[] {
  const facts = distinctiveFacts();
  const t = (m: number) => new Date(Date.UTC(2026, 2, 3, 10, m)).toISOString();
  return [
    disclosureDraft(session, facts),
    reviewDraft(session, facts),
    {
      type: 'risk.assessed',
      actor: session.actor,
      occurredAt: t(1),
      tool: 'WSCB Risk Assessment Matrix',
      level: 'low',
      answers: { why: 'Quillfeather is supported.' },
      facts: {},
    },
    {
      type: 'signoff.signed',
      actor: signer.actor,
      occurredAt: t(2),
      decisionId: 'd-1',
      signature: { kind: 'typed', name: signer.actor.name },
      inPlaceOfHeadteacher: 'The Headteacher is away this week.',
    },
    {
      type: 'parents.recorded',
      actor: session.actor,
      occurredAt: t(3),
      personId: 'p-zeb',
      decision: 'informed',
      informedBy: 'Dana Shah',
    },
    {
      type: 'parents.recorded',
      actor: session.actor,
      occurredAt: t(4),
      personId: 'p-mar',
      decision: 'informed',
      informedBy: 'Dana Shah',
    },
    noteDraft(session),
    {
      type: 'case.closed',
      actor: session.actor,
      occurredAt: t(5),
      summary: 'Managed in school; Zebedee and Marisol supported.',
    },
  ];
}

/**
 * Records the closing steps on the case (the first `steps` of them, or all): the DSL's with the
 * device's session, the sign-off with the deputy's, unlocked for this (on the database in use now).
 */
export async function appendClosing(device: Device, caseId: string, steps?: number): Promise<void> {
  await appendClosingWith(device.session, await unlock(device.users.deputy, PASSPHRASES.deputy), caseId, steps);
}

/** The closing steps, the sign-off by `signer`: whoever made a decision never signs it off (R14.3). */
async function appendClosingWith(
  session: Session,
  signer: Session,
  caseId: string,
  steps?: number,
  from = 0,
): Promise<void> {
  for (const d of closingDrafts(session, signer).slice(from, steps))
    await appendEvent(d.actor.userId === signer.actor.userId ? signer : session, caseId, d);
}

/**
 * A closed case whose retention review date (3 March 2026) has passed: ready to be destroyed (SEC.13).
 * The date is brought forward by the signed-in DSL and the deputy, each with their passphrase (issue 15).
 */
export async function closedCasePastReview(
  session: Session,
  second: { userId: string; passphrase: string; ownPassphrase: string },
  /** A case already opened (a disclosure accepted from the inbox); by default a new one. */
  opened?: string,
): Promise<string> {
  const c = { caseId: opened ?? (await createCase(session)).caseId };
  // The second key holder also signs off the decision in the Headteacher's place.
  // A case opened from a disclosure has it already: its closing steps start at the review.
  await appendClosingWith(session, await unlock(second.userId, second.passphrase), c.caseId, undefined, opened ? 1 : 0);
  const occurredAt = new Date(Date.UTC(2026, 2, 3, 10, 6)).toISOString();
  await setReviewDate(session, c.caseId, {
    kind: 'date-set',
    date: '2026-03-03',
    reason: 'Test: the review date has passed.',
    occurredAt,
    passphrase: second.ownPassphrase,
    secondUserId: second.userId,
    secondPassphrase: second.passphrase,
  });
  return c.caseId;
}
