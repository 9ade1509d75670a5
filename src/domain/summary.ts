// The short view of a case that the home screen lists and searches, kept encrypted per case so the
// home screen never decrypts whole cases (issue 3).
import { currentDecision, referenceDate, type CaseRecord } from './case';
import { overriddenRoutes, owedToPolicy, type OwedStep } from './owed';
import type { RuleId } from './rules/catalogue';
import { isoDay } from './validation';
import { youngPeople } from './rules/triggers';
import { stageOf, type CaseSnapshot } from './machine';
import type { Stage } from './stages';
import type { RouteId, Typology } from './types';
import { retentionFacts, type RetentionFacts } from './retention';
import { isForked } from './merge';
import type { DueKind } from './dueKinds';
import { closedAsSameIncident, sameIncidentOf } from './sameIncident';
import type { CaseRef } from './events';

export { actsNow, type DueKind } from './dueKinds';

export interface DueItem {
  kind: DueKind;
  /** ISO date or date-time it is due; null when it is due now (no date to wait for). */
  due: string | null;
  label: string;
  /** When what this waits on began (ISO): the decision, the referral, the escalation, the device secured. Absent in summaries stored before it was kept. */
  since?: string | undefined;
  /** Which referral or device it is about, so a reminder can be told apart from its neighbours. */
  ref?: string | undefined;
  /** The rule that asks for it, and the step of the case where it is done (from owed.ts). */
  rule?: RuleId | undefined;
  step?: OwedStep | undefined;
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
  /** Recorded on two tablets at once, awaiting a merge (src/domain/merge.ts). Absent when not, and in summaries saved before it was kept. */
  forked?: boolean | undefined;
  /** Discarded before anything was recorded (issue 14): not listed with the cases. Absent when not. */
  discarded?: boolean | undefined;
  /**
   * Closed as the same incident as another case (src/domain/sameIncident.ts): `closed` is then true,
   * and the case list says "Closed: same incident as ...". Absent when not, and in older summaries.
   */
  sameIncidentAs?: CaseRef | undefined;
  /** Cases closed as the same incident as this one ("Also recorded as ..."). Absent when none. */
  alsoRecordedAs?: CaseRef[] | undefined;
  /** Two same-incident steps made apart contradict each other: a new decision is owed. Absent when not. */
  sameIncidentConflict?: boolean | undefined;
}

/**
 * What is due on this case, from its record alone (no clock: callers compare with today): the owed
 * items (owed.ts) that someone must act on, one line each.
 */
export function dueItems(c: CaseRecord, _stage?: Stage): DueItem[] {
  if (c.closed || closedAsSameIncident(c)) return [];
  const out: DueItem[] = [];
  const owed = owedToPolicy(c);
  for (const x of owed) {
    const at = { rule: x.rule, step: x.step };
    switch (x.kind) {
      case 'new-decision':
        out.push({ kind: 'new-decision', due: null, label: 'A new decision is needed', ref: x.ref, ...at });
        break;
      case 'same-incident':
        out.push({
          kind: 'new-decision',
          due: null,
          label: 'Decide which of two cases of one disclosure carries it on',
          ref: x.ref,
          ...at,
        });
        break;
      case 'escalation':
        out.push({
          kind: 'escalation',
          due: null,
          label: 'Escalated: make the referral or record an accountable override',
          ...(x.since && { since: x.since }),
          ref: x.ref,
          ...at,
        });
        break;
      case 'act-now':
        out.push({ kind: 'act-now', due: null, label: x.text.split('.')[0] ?? x.text, ref: x.route, ...at });
        break;
      case 'sign-off': {
        const d = currentDecision(c);
        const override = d ? overriddenRoutes(c, d).length > 0 : false;
        out.push({
          kind: 'unsigned-decision',
          due: null,
          label: override
            ? 'Override awaits Headteacher sign-off'
            : 'Decision not to refer awaits Headteacher sign-off',
          since: x.since,
          ref: x.ref,
          ...at,
        });
        break;
      }
      case 'referral-outcome': {
        const r = c.referrals.find((y) => y.id === x.ref);
        out.push({
          kind: 'referral-outcome',
          due: null,
          label: `Outcome of referral to ${r?.to ?? 'an agency'}`,
          since: x.since,
          ref: x.ref,
          ...at,
        });
        break;
      }
      case 'liaison':
        out.push({ kind: 'liaison', due: null, label: x.text.split(':')[0] ?? x.text, ref: x.route, ...at });
        break;
      case 'device': {
        const d = c.devices.find((y) => y.id === x.ref);
        out.push({
          kind: 'device-collection',
          due: null,
          label: `Device held for the police: ${d?.description ?? ''}`,
          since: x.since,
          ref: x.ref,
          ...at,
        });
        break;
      }
      default:
        break;
    }
  }
  const deletions = owed.filter((x) => x.kind === 'deletion');
  if (c.deletion && deletions.length > 0) {
    out.push({
      kind: 'deletion-deadline',
      due: c.deletion.deadline,
      label: `${deletions.length} deletion${deletions.length === 1 ? '' : 's'} to confirm`,
      since: c.deletion.at,
      rule: 'R12.3',
      step: 'deletion',
    });
  }
  return out;
}

export function summarise(snapshot: CaseSnapshot): CaseSummary {
  const c = snapshot.context;
  const stage = stageOf(snapshot);
  const decision = currentDecision(c);
  const same = sameIncidentOf(c);
  return {
    caseId: c.id,
    reference: c.reference,
    stage,
    closed: c.closed || !!same.closedInto,
    openedAt: c.opened?.at ?? null,
    updatedAt: c.lastRecordedAt,
    names: c.facts.persons.map((p) => p.name).filter(Boolean),
    // A date of birth only when it is a date ("not known" matches nobody's, as no date does).
    youngPeople: youngPeople(c.facts.persons, referenceDate(c)).map((p) => ({
      id: p.id,
      name: p.name,
      dateOfBirth: p.dateOfBirth && isoDay(p.dateOfBirth) === p.dateOfBirth ? p.dateOfBirth : undefined,
      yearGroup: p.yearGroup,
    })),
    typology: decision?.typology ?? null,
    routes: decision?.routes ?? [],
    due: dueItems(c, stage),
    eventCount: c.eventCount,
    retention: retentionFacts(c),
    ...(isForked(c) && { forked: true }),
    ...(c.discarded && { discarded: true }),
    ...(same.closedInto && {
      sameIncidentAs: { caseId: same.closedInto.caseId, reference: same.closedInto.reference },
    }),
    ...(same.alsoRecordedAs.length > 0 && {
      alsoRecordedAs: same.alsoRecordedAs.map((x) => ({ caseId: x.caseId, reference: x.reference })),
    }),
    ...(same.conflict && { sameIncidentConflict: true }),
  };
}
