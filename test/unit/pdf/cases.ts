// Test data for the PDF record: a full case replayed through the domain, with names in Polish,
// Czech, Greek and Cyrillic, drawn signatures, an amendment, a referral and a 5,000-character note.
import type { CaseEvent, Signature } from '../../../src/domain/events';
import { replay } from '../../../src/domain/machine';
import type { DocumentInput } from '../../../src/pdf';
import { DSL, HEAD, STAFF, decision, disclosure, ev, opened, resetBuilders } from '../../builders/events';
import { calmFacts, person } from '../../builders/facts';
import { allSafeguards } from '../../builders/flows';

export const NAMES = {
  zofia: 'Zofia Wiśniewska-Łukasiewicz',
  tomas: 'Tomáš Dvořák',
  alena: 'Алёна Кузнецова',
  alexandros: 'Αλέξανδρος Παπαδόπουλος',
  headOfYear: 'Ms Ďurčeková',
} as const;

/** A signature drawn on a 600 x 200 canvas: a looping scrawl, a second stroke and a dot. */
export function drawnSignature(name: string, seed = 1): Signature {
  const loop = Array.from({ length: 80 }, (_, i) => ({
    x: 40 + i * 6,
    y: 110 + Math.sin((i + seed) / 4) * 45 - Math.cos(i / 9) * 15,
    t: i * 12,
  }));
  const bar = Array.from({ length: 20 }, (_, i) => ({ x: 120 + i * 14, y: 60 + i * 1.5, t: 1200 + i * 10 }));
  return { kind: 'drawn', name, strokes: [loop, bar, [{ x: 540, y: 150, t: 1600 }]], width: 600, height: 200 };
}

/** Roughly 5,000 characters of prose, with a 200-character "word" (a pasted link) in the middle. */
export function longNote(): string {
  const sentence = `Spoke again with ${NAMES.zofia} and her form tutor about how she is coping; she says the worst has passed but she does not want to walk past the lockers at break. `;
  const link = `https://example.invalid/${'a1b2c3d4e5'.repeat(20)}`;
  let text = '';
  while (text.length < 2_400) text += sentence;
  text += `\n\nShe showed the report reference: ${link}\n\n`;
  while (text.length < 5_000) text += sentence;
  return text.slice(0, 5_000);
}

export const LONG_NOTE_END = 'END-OF-LONG-NOTE';

/** The full case: experimental, managed in school, every stage recorded, closed. */
export function fullCase(extraNotes = 0): {
  events: CaseEvent[];
  ids: Record<'zofia' | 'tomas' | 'alena' | 'alexandros', string>;
} {
  resetBuilders();
  const zofia = person({
    name: NAMES.zofia,
    ageYears: 16,
    involvement: ['pictured'],
    otherVulnerabilities: 'Young carer for her mother.',
  });
  const tomas = person({ name: NAMES.tomas, ageYears: 16, involvement: ['received'] });
  const alena = person({ name: NAMES.alena, ageYears: 15, involvement: ['disclosed'] });
  const alexandros = person({ name: NAMES.alexandros, ageYears: 15, yearGroup: 10, involvement: ['other'] });
  const facts = calmFacts({
    persons: [zofia, tomas, alena, alexandros],
    riskTool: { tool: 'WSCB Risk Assessment Matrix', level: 'low' },
  });
  const d = decision(facts, 'experimental', ['risk-assessment', 'school-manage'], {
    attendees: ['Dana Shah (DSL)', 'Helen Okafor (Headteacher)', `${NAMES.headOfYear} (Head of Year 11)`],
    answers: {
      immediateRisk: 'No immediate risk: both are in school and supported.',
      referral: 'No referral: experimental, both 16, no aggravating factors.',
      viewingNeeded: 'Only to report it for removal.',
      furtherInformation: 'Whether anyone else received it.',
      spread: 'Snapchat only, as far as we know.',
      immediateDeletion: 'After sign-off.',
      relevantFacts: `${NAMES.zofia} is a young carer.`,
      contactOthers: 'No.',
      contactParents: 'Yes, both families.',
    },
    rationale: `Experimental: a picture sent within a relationship between ${NAMES.zofia} and ${NAMES.tomas}, both 16.`,
  });
  const openedEvent = opened('YPSI-2026-014');
  const disclosed = ev(
    'disclosure.recorded',
    {
      disclosure: disclosure({
        disclosedBy: `${NAMES.alena} (Year 11)`,
        disclosedTo: NAMES.headOfYear,
        account: `${NAMES.alena} said: "Tomáš showed me a photo Zofia had sent him. ${NAMES.alexandros} heard about it at lunch." Αλέξανδρος has not seen it.`,
        spreadNotes: 'Nobody else has seen it.',
      }),
      persons: facts.persons,
    },
    STAFF,
  );
  const events: CaseEvent[] = [
    openedEvent,
    disclosed,
    ev('answer.amended', {
      targetEventId: disclosed.id,
      field: 'disclosure.spreadNotes',
      before: 'Nobody else has seen it.',
      after: 'Shown to Алёна once.',
      reason: 'Corrected after talking to Tomáš.',
    }),
    ev('device.secured', {
      deviceId: 'dev1',
      description: 'Black Samsung phone',
      ownerPersonId: tomas.id,
      switchedOff: true,
      lockedAway: true,
      where: 'Safe in the DSL office',
    }),
    ev('review.decided', { decision: d, facts }),
    ev('risk.assessed', {
      tool: 'WSCB Risk Assessment Matrix',
      level: 'low',
      answers: { relationship: 'In a relationship of six months.', pressure: 'None described.' },
      facts: {},
    }),
    ev('referral.made', {
      referralId: 'r1',
      agency: 'mash',
      to: 'Wolverhampton MASH',
      phone: '01902 555392',
      reference: 'MASH/2026/0457',
      note: 'For advice only.',
    }),
    ev('referral.outcome', {
      referralId: 'r1',
      outcome: 'Advice: the school manages it; no further action by the MASH.',
      nextStep: 'no-further-action',
    }),
    ev('viewing.justified', {
      viewingId: 'v1',
      grounds: ['report-takedown'],
      reason: 'To report it to Snapchat for removal.',
      safeguards: allSafeguards(),
    }),
    ev('viewing.recorded', {
      viewingId: 'v1',
      unavoidable: false,
      viewer: 'Dana Shah',
      witness: 'Helen Okafor',
      present: ['Dana Shah', 'Helen Okafor'],
      why: 'To report it for removal.',
      actions: 'Reported through Report Remove.',
      viewerSignature: drawnSignature('Dana Shah', 1),
      witnessSignature: drawnSignature('Helen Okafor', 7),
    }),
    ev('support.offered', { to: 'Dana Shah', note: 'Time with the school counsellor.' }),
    ev('removal.reported', { service: 'report-remove', note: 'Helped Zofia use Report Remove.' }),
    ev('conversation.recorded', {
      personId: zofia.id,
      conductedBy: 'Dana Shah',
      summary: 'Talked through consent, trust and who to go to.',
    }),
    ev('signoff.signed', { decisionId: d.decisionId, signature: drawnSignature('Helen Okafor', 3) }, HEAD),
    ev('parents.recorded', { personId: zofia.id, decision: 'informed', informedBy: 'Dana Shah' }),
    ev('parents.recorded', {
      personId: tomas.id,
      decision: 'young-person-will-tell',
      reason: 'He asked to tell them himself.',
    }),
    ev('parents.recorded', { personId: alena.id, decision: 'informed', informedBy: NAMES.headOfYear }),
    ev('parents.recorded', { personId: alexandros.id, decision: 'informed', informedBy: NAMES.headOfYear }),
    ev('device.collected', { deviceId: 'dev1', collectedBy: 'PC Nowak', reference: 'CRIME-77' }),
    ev('deletion.planned', {
      deadline: '2026-03-09',
      items: [
        { personId: zofia.id, where: 'Phone' },
        { personId: tomas.id, where: 'Snapchat' },
      ],
      illegalityReminderGiven: true,
    }),
    ev('deletion.confirmed', { personId: zofia.id, where: 'Phone', how: 'Confirmed in person.' }),
    ev('deletion.confirmed', { personId: tomas.id, where: 'Snapchat', how: 'Showed me the empty chat.' }),
    ev('note.added', { text: `${longNote()} ${LONG_NOTE_END}` }),
    ...Array.from({ length: extraNotes }, (_, i) =>
      ev('note.added', { text: `Follow-up ${i + 1}: checked in with ${NAMES.zofia}; nothing new.` }),
    ),
    ev('case.closed', { summary: 'Managed in school; everyone supported; imagery deleted.' }),
  ];
  // Replay through the machine: the case is one the app itself would accept.
  replay(events);
  return { events, ids: { zofia: zofia.id, tomas: tomas.id, alena: alena.id, alexandros: alexandros.id } };
}

export const CHAIN_HEAD = 'c0ffee'.repeat(10) + 'abcd';

export function inputFor(
  events: readonly CaseEvent[],
  fingerprint: string,
  extra: Partial<DocumentInput> = {},
): DocumentInput {
  return {
    establishment: { name: 'Świętokrzyska Academy', type: 'Secondary academy' },
    events,
    chainHead: CHAIN_HEAD,
    certificateFingerprint: fingerprint,
    generatedAt: '2026-03-10T15:30:00Z',
    generatedBy: { name: DSL.name, role: DSL.role },
    ...extra,
  };
}
