// The case record: what a case's events add up to. `applyEvent` is the one reducer; the machine
// calls it for every accepted event, and replaying the log through it rebuilds the record. Each part
// of the record is built by the reducer of what it owns (case/reduce*.ts); this module is its index.
import type { CaseEvent } from './events';
import { factsSetBack, withOnsets } from './case/causes';
import { stamp, type CaseRecord, type Stamp } from './case/record';
import { isAgencyEvent, reduceAgencies } from './case/reduceAgencies';
import { isEvidenceEvent, reduceEvidence } from './case/reduceEvidence';
import { reduceKeeping } from './case/reduceKeeping';
import { isPolicyEvent, reducePolicy } from './case/reducePolicy';

export {
  currentDecision,
  emptyCase,
  emptyRetention,
  recordedAfter,
  retentionOf,
  seqOf,
  type CaseRecord,
  type DeletionPlan,
  type Device,
  type RecordedDecision,
  type Referral,
  type RetentionState,
  type Stamp,
  type Viewing,
} from './case/record';
export { ageDatesFrom, referenceDate } from './case/dates';
export { factsSetBack, routeCauses } from './case/causes';

/** Pure reducer: the record after one accepted event. Never mutates its input. */
export function applyEvent(c: CaseRecord, e: CaseEvent): CaseRecord {
  const seq = c.eventCount + 1;
  const next = reduce(c, e, stamp(e, seq));
  // A change of facts or of decision re-runs the policy; every cause it gives is dated (R4.5, R6.9).
  if (
    e.type === 'disclosure.recorded' ||
    e.type === 'facts.updated' ||
    e.type === 'review.decided' ||
    e.type === 'risk.assessed'
  ) {
    const setBack = factsSetBack(
      c,
      e.type === 'review.decided' ? e.facts : e.type === 'disclosure.recorded' ? {} : e.facts,
    );
    const why =
      e.type === 'facts.updated'
        ? e.note
        : e.type === 'review.decided' || e.type === 'risk.assessed'
          ? e.changeReason
          : undefined;
    const s = stamp(e, seq);
    const amendments =
      setBack.length > 0
        ? [
            ...next.amendments,
            ...setBack.map((x) => ({
              targetEventId: e.id,
              field: x.field,
              before: x.before,
              after: x.after,
              reason: why?.trim() || 'No reason recorded.',
              ...s,
            })),
          ]
        : next.amendments;
    return withOnsets({ ...next, amendments }, seq, c);
  }
  return next;
}

function reduce(c: CaseRecord, e: CaseEvent, s: Stamp): CaseRecord {
  const next: CaseRecord = { ...c, eventCount: c.eventCount + 1, lastEventId: e.id, lastRecordedAt: e.recordedAt };
  if (isPolicyEvent(e)) return reducePolicy(c, e, s, next);
  if (isAgencyEvent(e)) return reduceAgencies(c, e, s, next);
  if (isEvidenceEvent(e)) return reduceEvidence(c, e, s, next);
  return reduceKeeping(c, e, s, next);
}
