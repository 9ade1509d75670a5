// The short view of a case that the home screen lists and searches, kept encrypted per case so the
// home screen never decrypts whole cases (issue 3).
import { currentDecision, referenceDate, type CaseRecord } from './case';
import { isoDay } from './validation';
import { isReferralDecision } from './rules/routes';
import { youngPeople } from './rules/triggers';
import { stageOf, type CaseSnapshot } from './machine';
import type { Stage } from './stages';
import type { RouteId, Typology } from './types';
import { retentionFacts, type RetentionFacts } from './retention';

export type DueKind = 'deletion-deadline' | 'unsigned-decision' | 'referral-outcome' | 'device-collection' | 'escalation';

export interface DueItem {
  kind: DueKind;
  /** ISO date or date-time it is due; null when it is due now (no date to wait for). */
  due: string | null;
  label: string;
  /** When what this waits on began (ISO): the decision, the referral, the escalation, the device secured. Absent in summaries stored before it was kept. */
  since?: string | undefined;
  /** Which referral or device it is about, so a reminder can be told apart from its neighbours. */
  ref?: string | undefined;
}

export interface CaseSummary {
  caseId: string;
  reference: string;
  stage: Stage;
  closed: boolean;
  openedAt: string | null;
  updatedAt: string | null;
  /** Names of everyone involved, for search in memory after unlock. */
  names: string[];
  youngPeople: { id: string; name: string; dateOfBirth?: string | undefined; yearGroup?: number | undefined }[];
  typology: Typology | null;
  routes: RouteId[];
  due: DueItem[];
  eventCount: number;
  /** docs/SECURITY.md item 13: what the review date rests on, and any legal hold. Absent in summaries saved before retention. */
  retention?: RetentionFacts | undefined;
  /** Discarded before anything was recorded (issue 14): not listed with the cases. Absent when not. */
  discarded?: boolean | undefined;
}

/** What is due on this case, from its record alone (no clock: callers compare with today). */
export function dueItems(c: CaseRecord, stage: Stage): DueItem[] {
  if (c.closed) return [];
  const out: DueItem[] = [];
  const decision = currentDecision(c);
  if (stage === 'referral' && (!decision || !isReferralDecision(decision.routes))) {
    const since = c.escalations.at(-1)?.at;
    out.push({ kind: 'escalation', due: null, label: 'Escalated: make the referral or record a new decision', ...(since && { since }) });
  }
  if (decision && !isReferralDecision(decision.routes) && !c.signOffs.some((s) => s.decisionId === decision.decisionId)) {
    out.push({ kind: 'unsigned-decision', due: null, label: 'Decision not to refer awaits Headteacher sign-off', since: decision.at, ref: decision.decisionId });
  }
  for (const r of c.referrals) if (!r.outcome) out.push({ kind: 'referral-outcome', due: null, label: `Outcome of referral to ${r.to}`, since: r.at, ref: r.id });
  if (c.deletion) {
    const open = c.deletion.items.filter((i) => !c.deletion?.confirmations.some((x) => x.personId === i.personId && x.where === i.where));
    if (open.length > 0) out.push({ kind: 'deletion-deadline', due: c.deletion.deadline, label: `${open.length} deletion${open.length === 1 ? '' : 's'} to confirm`, since: c.deletion.at });
  }
  for (const d of c.devices) if (!d.collected) out.push({ kind: 'device-collection', due: null, label: `Device held for the police: ${d.description}`, since: d.secured.at, ref: d.id });
  return out;
}

export function summarise(snapshot: CaseSnapshot): CaseSummary {
  const c = snapshot.context;
  const stage = stageOf(snapshot);
  const decision = currentDecision(c);
  return {
    caseId: c.id,
    reference: c.reference,
    stage,
    closed: c.closed,
    openedAt: c.opened?.at ?? null,
    updatedAt: c.lastRecordedAt,
    names: c.facts.persons.map((p) => p.name).filter(Boolean),
    // A date of birth only when it is a date ("not known" matches nobody's, as no date does).
    youngPeople: youngPeople(c.facts.persons, referenceDate(c)).map((p) => ({ id: p.id, name: p.name, dateOfBirth: p.dateOfBirth && isoDay(p.dateOfBirth) === p.dateOfBirth ? p.dateOfBirth : undefined, yearGroup: p.yearGroup })),
    typology: decision?.typology ?? null,
    routes: decision?.routes ?? [],
    due: dueItems(c, stage),
    eventCount: c.eventCount,
    retention: retentionFacts(c),
    ...(c.discarded && { discarded: true }),
  };
}
