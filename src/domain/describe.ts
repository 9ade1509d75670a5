// Every event in plain English, for the chronology on screen and in the PDF: what happened and why.
import type { CaseEvent } from './events';
import { sexOf, type Person } from './types';
import { ROLE_LABELS } from './stages';
import { factLine, knownDateText, routeName, SEX_WORDS } from './describeWords';
import { amendedFieldLabel, answerLine, REVIEW_QUESTIONS, RISK_QUESTIONS } from './questions';
import { describeSameIncident } from './sameIncident';

/** A date that may be known, not known, or not recorded (date of birth, incident date), in words. */
export { knownDateText } from './describeWords';

/** "date of birth 7 March 2012; sex female" (issue 15): what the school records of a person. */
export function personDetails(p: Person): string {
  return `date of birth ${knownDateText(p.dateOfBirth)}; sex ${SEX_WORDS[sexOf(p)]}`;
}

export interface DescribedEvent {
  title: string;
  /** Detail lines, as recorded. */
  lines: string[];
  /** The reason given, where the event carries one. */
  why?: string;
}

const AGENCY: Record<string, string> = {
  mash: 'the MASH',
  police: 'the police',
  'social-care': "children's social care",
  lado: 'the LADO',
  'chair-of-governors': 'the chair of governors',
};

export function personName(persons: readonly Person[], id: string): string {
  return persons.find((p) => p.id === id)?.name || 'a young person';
}

/** `caseId`: the case the event is read in, where the words depend on it (a same-incident step). */
export function describeEvent(e: CaseEvent, persons: readonly Person[] = [], caseId?: string): DescribedEvent {
  const who = (id: string) => personName(persons, id);
  switch (e.type) {
    case 'case.opened':
      return { title: `Case ${e.reference} opened`, lines: [`Handled under policy ${e.policyVersion}.`] };
    case 'disclosure.recorded':
      return {
        title: 'Disclosure recorded',
        lines: [
          `${e.disclosure.disclosedBy} told ${e.disclosure.disclosedTo} (${e.disclosure.channel.replace('-', ' ')}).`,
          `In their words: ${e.disclosure.account}`,
          ...(e.disclosure.imageryDescription
            ? [`What the imagery shows, as described: ${e.disclosure.imageryDescription}`]
            : []),
          ...(e.disclosure.platforms.length ? [`Platforms: ${e.disclosure.platforms.join(', ')}`] : []),
          ...(e.disclosure.spreadNotes ? [`How far it spread: ${e.disclosure.spreadNotes}`] : []),
          ...(e.disclosure.actionsTaken ? [`Actions taken: ${e.disclosure.actionsTaken}`] : []),
          `When the imagery was made or shared: ${knownDateText(e.disclosure.incidentDate)}`,
          `People involved: ${e.persons.map((p) => `${p.name || 'unnamed'} (${personDetails(p)})`).join(', ')}`,
        ],
      };
    case 'facts.updated':
      return {
        title: 'New facts recorded',
        lines: Object.entries(e.facts)
          .filter(([k, v]) => k !== 'persons' && v !== undefined)
          .map(([k, v]) => factLine(k, v)),
        ...(e.note && { why: e.note }),
      };
    case 'review.decided': {
      const d = e.decision;
      return {
        title: `Initial review decision: ${d.typology}`,
        lines: [
          `Attended by: ${d.attendees.join(', ')}`,
          `The app proposed ${d.proposedTypology}; decided ${d.typology}.${d.typologyReason ? ` Why: ${d.typologyReason}` : ''}`,
          ...(d.noConsentReconsidered ? [`Reconsidered (shared without consent): ${d.noConsentReconsidered}`] : []),
          `Recommended: ${d.recommendedRoutes.map(routeName).join('; ') || 'none'}`,
          `Chosen: ${d.routes.map(routeName).join('; ')}`,
          ...(d.routeReason ? [`Why this differs from the recommendation: ${d.routeReason}`] : []),
          ...(d.consultation
            ? [
                `Override, consulted: ${d.consultation.who} at ${d.consultation.agency === 'mash' ? 'the MASH' : 'the police'} on ${d.consultation.at.slice(0, 16).replace('T', ' ')}. They advised: ${d.consultation.advice}`,
              ]
            : []),
          ...(e.changeReason ? [`Why earlier answers were changed: ${e.changeReason}`] : []),
          // The national-guidance questions (UKCIS 2024), answered at the meeting; absent in older records.
          ...(['sextortionDemands', 'aiMadeOrAltered'] as const).map((k) => factLine(k, e.facts[k] ?? 'unknown')),
          // Each answer under its question's words (R5), never the field's name.
          ...Object.entries(d.answers)
            .filter(([, v]) => v)
            .map(([k, v]) => answerLine(REVIEW_QUESTIONS, k, v)),
        ],
        why: d.rationale,
      };
    }
    case 'referral.made':
      return {
        title: `Referral to ${AGENCY[e.agency] ?? e.agency}`,
        lines: [
          `To: ${e.to}${e.phone ? ` (${e.phone})` : ''}`,
          ...(e.reference ? [`Reference: ${e.reference}`] : []),
          ...(e.note ? [e.note] : []),
        ],
      };
    case 'referral.outcome':
      return { title: 'Referral outcome', lines: [e.outcome, `Next: ${e.nextStep.replace(/-/g, ' ')}`] };
    case 'risk.assessed':
      return {
        title: `Risk assessment: ${e.level} risk (${e.tool})`,
        lines: [
          ...Object.entries(e.answers)
            .filter(([, v]) => v)
            .map(([k, v]) => answerLine(RISK_QUESTIONS, k, v)),
          ...(e.changeReason ? [`Why earlier answers were changed: ${e.changeReason}`] : []),
        ],
      };
    case 'advice.sought':
      return {
        title: `Advice from ${AGENCY[e.agency] ?? e.agency}`,
        lines: [`Spoke to: ${e.who}`, `They advised: ${e.advice}`],
      };
    case 'parents.recorded':
      return {
        title: `Parents and carers of ${who(e.personId)}: ${e.decision === 'informed' ? 'informed' : e.decision === 'young-person-will-tell' ? 'the young person will tell them, with support' : 'not informed'}`,
        lines: [
          ...(e.informedBy ? [`By: ${e.informedBy}`] : []),
          ...(e.agreedWith && e.agreedWith !== 'none' ? [`Decided with ${AGENCY[e.agreedWith]}`] : []),
        ],
        ...(e.reason && { why: e.reason }),
      };
    case 'conversation.recorded':
      return { title: `Conversation with ${who(e.personId)}`, lines: [`By: ${e.conductedBy}`, e.summary] };
    case 'viewing.justified':
      return {
        title: 'Viewing justified',
        lines: [
          `Grounds: ${e.grounds.join(', ')}`,
          `Safeguards confirmed: ${Object.entries(e.safeguards).filter(([, v]) => v).length} of ${Object.keys(e.safeguards).length}`,
        ],
        why: e.reason,
      };
    case 'viewing.recorded':
      return {
        title: e.unavoidable ? 'Unavoidable viewing recorded after the fact' : 'Viewing recorded',
        lines: [
          `Viewer: ${e.viewer}`,
          `Witness: ${e.witness || 'none'}`,
          `Present: ${e.present.join(', ')}`,
          `Actions: ${e.actions}`,
          `Signed by ${e.viewerSignature.name}${e.witness ? ` and ${e.witnessSignature.name}` : ''}`,
        ],
        why: e.why,
      };
    case 'support.offered':
      return { title: `Support offered to ${e.to}`, lines: e.note ? [e.note] : [] };
    case 'deletion.planned':
      return {
        title: `Deletion planned, deadline ${e.deadline}`,
        lines: [
          ...e.items.map((i) => `${who(i.personId)}: ${i.where}`),
          ...(e.dropped ?? []).map(
            (x) => `Dropped from the earlier plan: ${who(x.personId)}, ${x.where}. Why: ${x.reason}`,
          ),
          e.illegalityReminderGiven ? 'Reminded that possession is illegal (R12.4).' : 'Reminder not recorded.',
        ],
      };
    case 'deletion.refused':
      return {
        title: `Refused to delete: ${who(e.personId)}, ${e.where}`,
        lines: [
          e.note,
          e.reminderGiven
            ? 'Reminded that keeping it is illegal and refusing is an offence the police may act on (R12.4).'
            : 'Reminder not recorded.',
        ],
      };
    case 'deletion.confirmed':
      return { title: `Deletion confirmed: ${who(e.personId)}, ${e.where}`, lines: [e.how] };
    case 'device.secured':
      return {
        title: `Device secured: ${e.description}`,
        lines: [
          `Switched off: ${e.switchedOff ? 'yes' : 'no'}; locked away: ${e.lockedAway ? 'yes' : 'no'}; where: ${e.where}`,
        ],
      };
    case 'device.collected':
      return {
        title: 'Device collected by the police',
        lines: [`Collected by ${e.collectedBy}${e.reference ? `, reference ${e.reference}` : ''}`],
      };
    case 'social-care.contacted':
      return { title: "Children's social care contacted", lines: [`Contacted: ${e.to}`, e.outcome] };
    case 'removal.reported':
      return {
        title: `Online removal: ${e.service === 'report-remove' ? 'Report Remove' : e.service === 'take-it-down' ? 'Take It Down' : (e.platform ?? 'platform report')}`,
        lines: [e.note],
      };
    case 'signoff.signed':
      return {
        title: `Decision signed off by ${e.signature.name}`,
        lines: [
          `Signature: ${e.signature.kind === 'drawn' ? 'drawn on the tablet' : 'typed name'}`,
          `Role: ${ROLE_LABELS[e.actor.role]}`,
        ],
        ...(e.inPlaceOfHeadteacher && { why: `Signed in place of the Headteacher: ${e.inPlaceOfHeadteacher}` }),
      };
    case 'escalated':
      return { title: 'Escalated', lines: [], why: e.reason };
    case 'note.added':
      return { title: 'Note', lines: [e.text] };
    case 'branches.merged':
      return { title: 'Two tablets’ steps merged', lines: [e.reconciliation] };
    case 'same-incident.recorded':
      return describeSameIncident(e, caseId);
    case 'answer.amended':
      return {
        title: `Amended: ${amendedFieldLabel(e.field)}`,
        lines: [`Before: ${e.before}`, `After: ${e.after}`],
        why: e.reason,
      };
    case 'case.closed':
      return { title: 'Case closed', lines: [e.summary] };
    case 'case.reopened':
      return { title: 'Case reopened', lines: [], why: e.reason };
    case 'case.discarded':
      return { title: 'Case discarded: opened by mistake, nothing recorded', lines: [], why: e.reason };
    case 'retention.date-set':
      return { title: `Review date set to ${e.reviewDate}`, lines: moveLines(e), why: e.reason };
    case 'legal-hold.set':
      return {
        title: 'Legal hold set: nothing may be reviewed or destroyed while it stands',
        lines: [],
        why: e.reason,
      };
    case 'legal-hold.lifted':
      return { title: 'Legal hold lifted', lines: [], why: e.reason };
    case 'retention.reviewed':
      return { title: `Retention reviewed: keep until ${e.keepUntil}`, lines: moveLines(e), why: e.reason };
  }
}

/** "It replaces 2036-11-30; agreed by Dev Patel (Deputy DSL)": what a review date move replaced, and who agreed. */
function moveLines(e: {
  replaces?: string | null | undefined;
  approvedBy?: { name: string; role: keyof typeof ROLE_LABELS } | undefined;
}): string[] {
  const out: string[] = [];
  if (e.replaces !== undefined)
    out.push(e.replaces === null ? 'There was no review date before.' : `It replaces ${e.replaces}.`);
  if (e.approvedBy)
    out.push(`Agreed by ${e.approvedBy.name} (${ROLE_LABELS[e.approvedBy.role]}), with their passphrase.`);
  return out;
}
