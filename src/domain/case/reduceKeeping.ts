// What a case records of its own keeping: sign-offs (R14.3), escalations (R6.9), notes and amendments
// (R14.1), closing, reopening and discarding, merged branches, and retention and legal holds.
import type { CaseEvent } from '../events';
import { retentionOf, type CaseRecord, type Stamp } from './record';
import type { AgencyEvent } from './reduceAgencies';
import type { EvidenceEvent } from './reduceEvidence';
import type { PolicyEventType } from './reducePolicy';

/** The record after one of these events; `next` is the record with the event counted. */
export function reduceKeeping(
  c: CaseRecord,
  e: Exclude<CaseEvent, { type: PolicyEventType } | AgencyEvent | EvidenceEvent>,
  s: Stamp,
  next: CaseRecord,
): CaseRecord {
  switch (e.type) {
    case 'signoff.signed':
      return {
        ...next,
        signOffs: [
          ...c.signOffs,
          { decisionId: e.decisionId, signature: e.signature, inPlaceOfHeadteacher: e.inPlaceOfHeadteacher, ...s },
        ],
      };
    case 'escalated':
      return { ...next, escalations: [...c.escalations, { reason: e.reason, ...s }] };
    case 'note.added':
      return { ...next, notes: [...c.notes, { text: e.text, ...s }] };
    case 'answer.amended': {
      const amended = {
        ...next,
        amendments: [
          ...c.amendments,
          { targetEventId: e.targetEventId, field: e.field, before: e.before, after: e.after, reason: e.reason, ...s },
        ],
      };
      // Disclosure text fields are corrected in place; the chronology keeps the earlier answer beside it.
      const m = /^disclosure\.(\w+)$/.exec(e.field);
      if (m && c.disclosure && m[1] && typeof (c.disclosure as unknown as Record<string, unknown>)[m[1]] === 'string') {
        amended.disclosure = { ...c.disclosure, [m[1]]: e.after };
      }
      return amended;
    }
    case 'case.closed':
      return { ...next, closed: true, closures: [...c.closures, { summary: e.summary, ...s }] };
    case 'case.reopened':
      return { ...next, closed: false, reopenings: [...c.reopenings, { reason: e.reason, ...s }] };
    case 'case.discarded':
      return { ...next, discarded: { reason: e.reason, ...s } };
    case 'branches.merged':
      return { ...next, merges: [...(c.merges ?? []), { heads: e.heads, reconciliation: e.reconciliation, ...s }] };
    case 'same-incident.recorded': {
      const { disclosureId, closed, kept, reason, carriedOver, laterSteps, replaces } = e;
      const step = { disclosureId, closed, kept, reason, carriedOver, laterSteps, replaces, ...s };
      return { ...next, sameIncident: [...(c.sameIncident ?? []), step] };
    }
    case 'retention.date-set':
    case 'retention.reviewed': {
      const r = retentionOf(c);
      const kind = e.type === 'retention.date-set' ? 'date-set' : 'reviewed';
      const date = e.type === 'retention.date-set' ? e.reviewDate : e.keepUntil;
      return {
        ...next,
        retention: {
          ...r,
          set: { date, reason: e.reason, kind, ...s },
          history: [...r.history, { kind, date, reason: e.reason, ...s }],
        },
      };
    }
    case 'legal-hold.set': {
      const r = retentionOf(c);
      return {
        ...next,
        retention: {
          ...r,
          hold: { reason: e.reason, ...s },
          history: [...r.history, { kind: 'hold-set', reason: e.reason, ...s }],
        },
      };
    }
    case 'legal-hold.lifted': {
      const r = retentionOf(c);
      return {
        ...next,
        retention: { ...r, hold: null, history: [...r.history, { kind: 'hold-lifted', reason: e.reason, ...s }] },
      };
    }
  }
}
