// May a 'same-incident.recorded' step be recorded (src/domain/sameIncident.ts)? Only for two cases
// made of the same staff disclosure (the one accepted on two tablets apart), with words, and never
// as a way round the policy: any other case is closed only when it owes nothing (gates.ts).
// `explainSameIncident` is what the machine asks of one case (also when a shared case is replayed);
// `explainSameIncidentNow` is what storage and the screen ask with both cases in hand before it is
// recorded; `sameIncidentPlan` builds the two steps, one for each case.
import type { CaseRecord } from './case/record';
import type { CaseEvent, CaseEventOf, CaseRef } from './events';
import { blank } from './blank';
import { gate, reason, refuse, type Explanation, type Reason } from './reasons';
import { laterStepsOf, otherOf, sameIncidentOf, staffDisclosureId, standingSteps } from './sameIncident';

type SameIncidentEvent = CaseEventOf<'same-incident.recorded'>;
/** The step as a screen drafts it: storage stamps its id, actor and time. */
export type SameIncidentDraft = Omit<
  SameIncidentEvent,
  'id' | 'recordedAt' | 'actor' | 'parents' | 'device' | 'tablet'
>;

const notSameDisclosure = (ref: string) =>
  reason(
    'R14.1',
    `Only two cases made of one staff disclosure (accepted on two tablets apart) can be recorded as the same incident. ${ref} was not made of the disclosure this case was: close a case only when it owes nothing.`,
    { reading: 'SYNC.same' },
  );

/** What one case checks of the step, on its own: it names this case, this case's disclosure, and says why. */
export function explainSameIncident(c: CaseRecord, e: SameIncidentEvent): Explanation {
  const here = e.closed.caseId === c.id ? 'closed' : e.kept.caseId === c.id ? 'kept' : null;
  if (!here || e.closed.caseId === e.kept.caseId)
    return refuse(reason('R14.1', 'The step must name this case and one other case.'));
  if (staffDisclosureId(c) !== e.disclosureId) return refuse(notSameDisclosure(`Case ${c.reference}`));
  const problems: Reason[] = [];
  if (blank(e.reason))
    problems.push(
      reason('R14.1', 'Say why the two cases are the same incident, and which one is carried on.', { field: 'reason' }),
    );
  if (e.laterSteps.length > 0 && blank(e.carriedOver))
    problems.push(
      reason(
        'R14.1',
        `Say what of the ${e.laterSteps.length} step${e.laterSteps.length === 1 ? '' : 's'} recorded in ${e.closed.reference} after its disclosure still applies, and record it in ${e.kept.reference}. They stay in ${e.closed.reference}’s record.`,
        { field: 'carriedOver', reading: 'SYNC.same' },
      ),
    );
  return gate(
    problems,
    reason(
      'R14.1',
      here === 'closed'
        ? `This case is closed as the same incident as ${e.kept.reference}: it is recorded there from here on. Nothing recorded in it is changed.`
        : `${e.closed.reference} is closed as the same incident as this case, which carries the incident on.`,
      { reading: 'SYNC.same' },
    ),
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = [new Set(a), new Set(b)];
  return x.size === y.size && [...x].every((id) => y.has(id));
}

/** This case's standing steps about the pair it forms with `otherId`. */
const pairSteps = (c: CaseRecord, otherId: string) => standingSteps(c).filter((s) => otherOf(c, s).caseId === otherId);

/**
 * With both cases in hand, as it would be recorded now in `c` (`events`: c's steps): both made of
 * the same staff disclosure, no standing decision about the pair unless two contradict, the step
 * names the ones it replaces, no chain of cases closed into closed cases, and (in the case closed)
 * every step recorded after its disclosure listed.
 */
export function explainSameIncidentNow(
  c: CaseRecord,
  other: CaseRecord,
  e: SameIncidentEvent,
  events: readonly CaseEvent[],
): Explanation {
  const own = explainSameIncident(c, e);
  if (!own.allowed) return own;
  const expected = e.closed.caseId === c.id ? e.kept : e.closed;
  if (other.id !== expected.caseId || other.reference !== expected.reference)
    return refuse(reason('R14.1', 'The step names another case than the one given.'));
  if (other.discarded) return refuse(reason('R14.1', `${other.reference} was discarded: nothing is carried on in it.`));
  if (staffDisclosureId(other) !== e.disclosureId) return refuse(notSameDisclosure(other.reference));
  const problems: Reason[] = [];
  const pair = pairSteps(c, other.id);
  const conflict = sameIncidentOf(c).conflict;
  if (pair.length > 0 && !conflict?.others.some((o) => o.caseId === other.id))
    problems.push(
      reason('R14.1', `That ${c.reference} and ${other.reference} are the same incident is already recorded.`, {
        reading: 'SYNC.same',
      }),
    );
  else if (
    !sameSet(
      e.replaces,
      pair.map((s) => s.eventId),
    )
  )
    problems.push(reason('R14.1', 'Another step about these two cases arrived meanwhile. Look again.'));
  const [closed, kept] = e.closed.caseId === c.id ? [c, other] : [other, c];
  const keptInto = sameIncidentOf(kept).closedInto;
  if (keptInto && keptInto.caseId !== closed.id)
    problems.push(
      reason(
        'R14.1',
        `${kept.reference} is itself closed as the same incident as ${keptInto.reference}: carry the incident on there.`,
      ),
    );
  const keptFor = sameIncidentOf(closed).alsoRecordedAs.filter((x) => x.caseId !== kept.id);
  if (keptFor.length > 0)
    problems.push(
      reason(
        'R14.1',
        `${keptFor.map((x) => x.reference).join(' and ')} ${keptFor.length === 1 ? 'was' : 'were'} closed as the same incident as ${closed.reference}: carry the incident on in ${closed.reference}.`,
      ),
    );
  if (
    closed === c &&
    !sameSet(
      e.laterSteps.map((s) => s.eventId),
      laterStepsOf(events).map((s) => s.eventId),
    )
  )
    problems.push(reason('R14.1', `Another step was recorded in ${c.reference} meanwhile. Look again.`));
  return problems.length > 0 ? refuse(...problems) : own;
}

export interface SameIncidentPlan {
  /** The step for the case carried on; null when it already holds it (recorded before an interruption). */
  kept: SameIncidentDraft | null;
  /** The step for the case closed as the same incident. */
  closed: SameIncidentDraft;
}

/**
 * The two steps that record `closed` as the same incident as `kept`: the case carried on first, so
 * that an interruption leaves the duplicate open, owing what it owed, never the other way round.
 */
export function sameIncidentPlan(
  closed: { record: CaseRecord; events: readonly CaseEvent[] },
  kept: CaseRecord,
  words: { reason: string; carriedOver: string; occurredAt: string },
): SameIncidentPlan {
  const ref = (c: CaseRecord): CaseRef => ({ caseId: c.id, reference: c.reference });
  const base = {
    type: 'same-incident.recorded' as const,
    disclosureId: staffDisclosureId(closed.record) ?? '',
    closed: ref(closed.record),
    kept: ref(kept),
    reason: words.reason,
    carriedOver: words.carriedOver,
    laterSteps: laterStepsOf(closed.events),
    occurredAt: words.occurredAt,
  };
  const replaces = (c: CaseRecord, otherId: string) => pairSteps(c, otherId).map((s) => s.eventId);
  // Already in the case carried on, the same way round and standing alone: only the duplicate's is left.
  const keptPair = pairSteps(kept, closed.record.id);
  const keptDone =
    keptPair.length === 1 &&
    keptPair[0]!.closed.caseId === closed.record.id &&
    pairSteps(closed.record, kept.id).length === 0;
  return {
    kept: keptDone ? null : { ...base, replaces: replaces(kept, closed.record.id) },
    closed: { ...base, replaces: replaces(closed.record, kept.id) },
  };
}
