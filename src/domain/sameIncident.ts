// One staff disclosure accepted on two tablets that could not reach each other became two cases
// (docs/SYNC.md, "One disclosure, two tablets"). A key holder records, in both cases, that they are
// the same incident and which one carries it on: a 'same-incident.recorded' step. This module is the
// one place that reads those steps: which case a case is closed into, which cases were closed into
// it, and when two such steps made apart contradict each other (each case closed into the other),
// so that neither is carried on and a new decision is owed.
//
// Reading (SYNC.same, labelled in the catalogue): one incident is one record carried on; the case
// closed as the same incident keeps every step recorded in it, whole and exportable, and owes
// nothing further; what still applies is recorded in the case carried on. Nothing is ever merged,
// changed or dropped by the app.
import type { CaseRecord, SameIncidentStep } from './case/record';
import type { CaseEvent, CaseEventOf, CaseEventType, CaseRef } from './events';
import { EVENT_LABELS } from './eventLabels';
import type { OwedItem } from './owed/items';
import { reason, refuse, type Explanation } from './reasons';

export const SAME_INCIDENT_TITLE = 'Same incident as another case';

/** How a member of staff's disclosure names its writer in the case it became (storage/inbox.ts). */
const STAFF_PREFIX = 'staff/';

/** The staff disclosure a case was made of (its id), or null for a disclosure the DSL recorded. */
export function staffDisclosureId(c: CaseRecord): string | null {
  const who = c.disclosure?.by.userId;
  return who?.startsWith(STAFF_PREFIX) ? who.slice(STAFF_PREFIX.length) || null : null;
}

/** The steps no later step of this case replaces: the decisions that stand. */
export function standingSteps(c: CaseRecord): SameIncidentStep[] {
  const all = c.sameIncident ?? [];
  const replaced = new Set(all.flatMap((s) => s.replaces));
  return all.filter((s) => !replaced.has(s.eventId));
}

/** The other case a step names, seen from case `c`. */
export const otherOf = (c: CaseRecord, s: SameIncidentStep): CaseRef => (s.closed.caseId === c.id ? s.kept : s.closed);

export interface SameIncidentConflict {
  /** The other cases the contradicting steps name. */
  others: CaseRef[];
  /** The steps that contradict each other (event ids), for the new decision to replace. */
  steps: string[];
  text: string;
}

export interface SameIncidentView {
  /** The case this one is closed into (carried on there), when no step contradicts it. */
  closedInto: (CaseRef & { step: SameIncidentStep }) | null;
  /** Cases closed as the same incident as this one ("Also recorded as ..."). */
  alsoRecordedAs: (CaseRef & { step: SameIncidentStep })[];
  /** Steps made apart that contradict each other: neither case is carried on. */
  conflict: SameIncidentConflict | null;
}

const views = new WeakMap<CaseRecord, SameIncidentView>();

/** Where the case stands as the same incident as another. */
export function sameIncidentOf(c: CaseRecord): SameIncidentView {
  const known = views.get(c);
  if (known) return known;
  const standing = standingSteps(c);
  const closes = standing.filter((s) => s.closed.caseId === c.id);
  const keeps = standing.filter((s) => s.kept.caseId === c.id);
  const into = [...new Map(closes.map((s) => [s.kept.caseId, s.kept])).values()];
  // Each closed into the other (two tablets apart, opposite ways), or this one closed into two cases.
  const mutual = keeps.filter((k) => into.some((x) => x.caseId === k.closed.caseId));
  let conflict: SameIncidentConflict | null = null;
  if (mutual.length > 0 || into.length > 1) {
    const steps = [...closes, ...mutual];
    const others = [...new Map(steps.map((s) => [otherOf(c, s).caseId, otherOf(c, s)])).values()];
    const refs = others.map((o) => o.reference).join(' and ');
    conflict = {
      others,
      steps: steps.map((s) => s.eventId),
      text:
        mutual.length > 0
          ? `This case and ${refs} were each closed as the same incident as the other, on two tablets apart: neither is carried on. Decide again which case carries the incident on.`
          : `This case was closed as the same incident as ${refs}, on two tablets apart: decide again which case carries the incident on.`,
    };
  }
  const view: SameIncidentView = {
    closedInto: conflict || !closes[0] ? null : { ...closes[0].kept, step: closes[0] },
    alsoRecordedAs: keeps.filter((k) => !conflict?.steps.includes(k.eventId)).map((k) => ({ ...k.closed, step: k })),
    conflict,
  };
  views.set(c, view);
  return view;
}

/** The case this one is closed into as the same incident (it owes nothing further), or null. */
export function closedAsSameIncident(c: CaseRecord): CaseRef | null {
  const into = sameIncidentOf(c).closedInto;
  return into ? { caseId: into.caseId, reference: into.reference } : null;
}

/** The status a closed-as-the-same-incident case shows everywhere: "Closed: same incident as YPSI-...". */
export function sameIncidentStatus(c: CaseRecord): string | null {
  const into = closedAsSameIncident(c);
  return into ? `Closed: same incident as ${into.reference}` : null;
}

/** "Also recorded as YPSI-... (closed as the same incident)", for each case closed into this one. */
export function alsoRecordedAsText(ref: CaseRef): string {
  return `Also recorded as ${ref.reference} (closed as the same incident)`;
}

/** What a case owes for its same-incident steps: a new decision when two made apart contradict (R14.1). */
export function sameIncidentOwed(c: CaseRecord): OwedItem[] {
  const conflict = sameIncidentOf(c).conflict;
  if (!conflict) return [];
  return [
    {
      kind: 'same-incident',
      rule: 'R14.1',
      text: conflict.text,
      step: 'same-incident',
      ref: conflict.steps.join(','),
      blocks: ['close', 'delete'],
    },
  ];
}

/** What a case closed as the same incident still accepts: as a closed case does, notes, merges and keeping. */
const STILL_ACCEPTED: readonly CaseEventType[] = [
  'note.added',
  'branches.merged',
  'same-incident.recorded',
  'retention.date-set',
  'legal-hold.set',
  'legal-hold.lifted',
];

/** A case closed as the same incident as another records nothing more of the response (R14.1). */
export function refusedAsSameIncident(c: CaseRecord, e: CaseEvent): Explanation | null {
  const into = closedAsSameIncident(c);
  if (!into || STILL_ACCEPTED.includes(e.type)) return null;
  return refuse(
    reason(
      'R14.1',
      `This case was closed as the same incident as ${into.reference}: the incident is recorded in that case from here on. Record this step there.`,
      { reading: 'SYNC.same' },
    ),
  );
}

/** The steps of a case beyond its opening and its disclosure: what stays in it when it is closed as the same incident. */
export function laterStepsOf(events: readonly CaseEvent[]): { eventId: string; type: CaseEventType }[] {
  return events
    .filter((e) => e.type !== 'case.opened' && e.type !== 'disclosure.recorded' && e.type !== 'same-incident.recorded')
    .map((e) => ({ eventId: e.id, type: e.type }));
}

/**
 * The step in words, as the case it is in reads it (the chronology, the PDF): in the case closed,
 * "Same incident as case YPSI-...: recorded in that case from here on"; in the case carried on,
 * "Also recorded as YPSI-... (closed as the same incident)".
 */
export function describeSameIncident(
  e: CaseEventOf<'same-incident.recorded'>,
  caseId?: string,
): { title: string; lines: string[]; why: string } {
  const title =
    caseId === e.kept.caseId
      ? alsoRecordedAsText(e.closed)
      : caseId === e.closed.caseId
        ? `Same incident as case ${e.kept.reference}: recorded in that case from here on`
        : `${e.closed.reference} closed as the same incident as ${e.kept.reference}`;
  const lines = [
    `One staff disclosure was accepted on two tablets apart: ${e.closed.reference} and ${e.kept.reference} are the same incident. ${e.kept.reference} carries it on; ${e.closed.reference} is closed and owes nothing further. Nothing recorded in either is changed.`,
  ];
  if (e.laterSteps.length > 0) {
    const labels = e.laterSteps.map((s) => EVENT_LABELS[s.type] ?? s.type);
    lines.push(`Recorded in ${e.closed.reference} after its disclosure, and kept in its record: ${labels.join('; ')}.`);
  }
  if (e.carriedOver.trim()) lines.push(`Carried over into ${e.kept.reference}: ${e.carriedOver}`);
  if (e.replaces.length > 0) lines.push('This decides again, replacing the earlier steps about these two cases.');
  return { title, lines, why: e.reason };
}
