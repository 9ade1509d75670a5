// The case record: what a case's events add up to. `applyEvent` is the one reducer; the machine
// calls it for every accepted event, and replaying the log through it rebuilds the record.
import type { Actor, IncidentFacts, PolicyVersion, RouteId } from './types';
import type { BranchState } from './dag';
import { assess } from './rules/assess';
import type { AgeDates } from './rules/age';
import { isoDay } from './validation';
import { CURRENT_POLICY_VERSION, emptyFacts, TRI_FACT_KEYS, withFactDefaults } from './types';
import type {
  AdviceAgency,
  CaseEvent,
  CaseEventOf,
  Disclosure,
  ParentsDecision,
  ReferralAgency,
  ReferralNextStep,
  ReviewDecision,
  Signature,
  ViewingGround,
  ViewingSafeguards,
} from './events';

export interface Stamp {
  eventId: string;
  by: Actor;
  at: string;
  recordedAt: string;
  /** Its place in the case's log (1 for the first event). Absent in snapshots saved before it was kept. */
  seq?: number | undefined;
}

/** A decision as recorded, with what the policy engine made of its facts at the time. */
export type RecordedDecision = ReviewDecision &
  Stamp & {
    /** The facts the decision was made on; absent in snapshots saved before they were kept. */
    facts?: IncidentFacts | undefined;
    /** The routes the policy asked for now (act-now) on those facts. */
    actNowRoutes?: RouteId[] | undefined;
  };

export interface Referral extends Stamp {
  id: string;
  agency: ReferralAgency;
  to: string;
  phone?: string | undefined;
  reference?: string | undefined;
  note?: string | undefined;
  outcome?: ({ text: string; nextStep: ReferralNextStep } & Stamp) | undefined;
}

export interface Viewing {
  id: string;
  justification?:
    | ({
        grounds: ViewingGround[];
        reason: string;
        safeguards: ViewingSafeguards;
        factsNotFromYoungPeople?: boolean | undefined;
      } & Stamp)
    | undefined;
  record?:
    | (Omit<CaseEventOf<'viewing.recorded'>, 'type' | 'id' | 'actor' | 'occurredAt' | 'recordedAt' | 'viewingId'> &
        Stamp)
    | undefined;
}

export interface DeletionPlan extends Stamp {
  deadline: string;
  items: { personId: string; where: string }[];
  illegalityReminderGiven: boolean;
  confirmations: ({ personId: string; where: string; how: string } & Stamp)[];
  /** R12.5: items of an earlier plan left out of a later one, each with why. */
  dropped?: ({ personId: string; where: string; reason: string } & Stamp)[] | undefined;
  /** R12.4: a young person refused to delete. */
  refusals?: ({ personId: string; where: string; note: string; reminderGiven: boolean } & Stamp)[] | undefined;
}

export interface Device {
  id: string;
  description: string;
  ownerPersonId?: string | undefined;
  switchedOff: boolean;
  lockedAway: boolean;
  where: string;
  secured: Stamp;
  collected?: ({ collectedBy: string; reference?: string | undefined } & Stamp) | undefined;
}

/** docs/SECURITY.md item 13: what the case's own events say about keeping it. */
export interface RetentionState {
  /** The review date set by hand (a changed date, or a review's "keep until"), latest first wins. */
  set: ({ date: string; reason: string; kind: 'date-set' | 'reviewed' } & Stamp) | null;
  /** The legal hold standing now, if any. */
  hold: ({ reason: string } & Stamp) | null;
  /** Every hold set and lifted, and every review, in order: the history shown on the retention screen. */
  history: ({
    kind: 'date-set' | 'hold-set' | 'hold-lifted' | 'reviewed';
    date?: string | undefined;
    reason: string;
  } & Stamp)[];
}

export function emptyRetention(): RetentionState {
  return { set: null, hold: null, history: [] };
}

export interface CaseRecord {
  id: string;
  reference: string;
  policyVersion: PolicyVersion;
  opened: Stamp | null;
  disclosure: (Disclosure & Stamp) | null;
  facts: IncidentFacts;
  decisions: RecordedDecision[];
  signOffs: ({ decisionId: string; signature: Signature; inPlaceOfHeadteacher?: string | undefined } & Stamp)[];
  referrals: Referral[];
  riskAssessments: ({ tool: string; level: 'low' | 'medium' | 'high'; answers: Record<string, string> } & Stamp)[];
  parents: Record<
    string,
    {
      decision: ParentsDecision;
      informedBy?: string | undefined;
      reason?: string | undefined;
      agreedWith?: 'mash' | 'police' | 'none' | undefined;
    } & Stamp
  >;
  conversations: ({ personId: string; conductedBy: string; summary: string } & Stamp)[];
  viewings: Viewing[];
  supportOffered: ({ to: string; note?: string | undefined } & Stamp)[];
  deletion: DeletionPlan | null;
  devices: Device[];
  socialCareContacts: ({ to: string; outcome: string } & Stamp)[];
  /** R7.4, R10.3: advice sought from an agency. Optional so older snapshots still restore. */
  advice?: ({ agency: AdviceAgency; who: string; advice: string } & Stamp)[] | undefined;
  /**
   * R4.5, R6.9: for each cause the policy engine gives for an act-now or recommended route now
   * ("route|rule" or "route|person"), the place in the log where it first arose in its current run.
   * An action answers a route only if it was recorded after its causes arose. Absent in older snapshots.
   */
  onsets?: Record<string, number> | undefined;
  removals: ({
    service: 'report-remove' | 'take-it-down' | 'platform';
    platform?: string | undefined;
    note: string;
  } & Stamp)[];
  notes: ({ text: string } & Stamp)[];
  amendments: ({ targetEventId: string; field: string; before: string; after: string; reason: string } & Stamp)[];
  escalations: ({ reason: string } & Stamp)[];
  closures: ({ summary: string } & Stamp)[];
  reopenings: ({ reason: string } & Stamp)[];
  closed: boolean;
  /** Discarded before anything was recorded: it leaves the cases list, and accepts nothing more. Absent in records made before discarding existed. */
  discarded?: ({ reason: string } & Stamp) | null | undefined;
  /** Optional so snapshots saved before retention existed still restore; read it with `retentionOf`. */
  retention?: RetentionState | undefined;
  /** Two tablets' branches reconciled by a key holder (src/domain/dag.ts). Absent in older snapshots. */
  merges?: ({ heads: string[]; reconciliation: string } & Stamp)[] | undefined;
  /** The case as a DAG, when more than one tablet recorded it (src/domain/replayDag.ts); absent otherwise. */
  branches?: BranchState | undefined;
  eventCount: number;
  lastEventId: string | null;
  lastRecordedAt: string | null;
}

export function emptyCase(): CaseRecord {
  return {
    id: '',
    reference: '',
    policyVersion: CURRENT_POLICY_VERSION,
    opened: null,
    disclosure: null,
    facts: emptyFacts(),
    decisions: [],
    signOffs: [],
    referrals: [],
    riskAssessments: [],
    parents: {},
    conversations: [],
    viewings: [],
    supportOffered: [],
    deletion: null,
    devices: [],
    socialCareContacts: [],
    advice: [],
    onsets: {},
    removals: [],
    notes: [],
    amendments: [],
    escalations: [],
    closures: [],
    reopenings: [],
    closed: false,
    discarded: null,
    retention: emptyRetention(),
    eventCount: 0,
    lastEventId: null,
    lastRecordedAt: null,
  };
}

function stamp(e: CaseEvent, seq: number): Stamp {
  return { eventId: e.id, by: e.actor, at: e.occurredAt, recordedAt: e.recordedAt, seq };
}

/** Is `a` recorded after `b`? By place in the log, or (older snapshots) by the time recorded. */
export function recordedAfter(a: Stamp, b: Stamp): boolean {
  if (a.seq !== undefined && b.seq !== undefined) return a.seq > b.seq;
  return a.recordedAt > b.recordedAt;
}

/** The place in the log of a stamp; older snapshots kept none, and count as before everything. */
export function seqOf(s: Stamp): number {
  return s.seq ?? 0;
}

/**
 * The causes behind each act-now or recommended route for these facts: "route|rule" for each rule a
 * reason cites (with "?" when it rests on an unknown), and "route|person:id" for each person it is about.
 */
export function routeCauses(c: CaseRecord, facts: IncidentFacts = c.facts): Map<RouteId, string[]> {
  const a = assess(facts, { confirmedTypology: currentDecision(c)?.typology ?? null, referenceDate: referenceDate(c) });
  const out = new Map<RouteId, string[]>();
  for (const r of a.routes.routes) {
    if (r.strength !== 'act-now' && r.strength !== 'recommended') continue;
    const keys = new Set<string>();
    // R6.7's reading follows the typology chosen, not the facts: it is no cause of its own.
    for (const why of r.reasons) if (why.rule !== 'R6.7') keys.add(`${r.route}|${why.rule}${why.unknown ? '?' : ''}`);
    for (const id of r.persons ?? []) keys.add(`${r.route}|person:${id}`);
    keys.add(`${r.route}|${r.strength}`);
    out.set(r.route, [...keys]);
  }
  return out;
}

function withOnsets(c: CaseRecord, seq: number, prev: CaseRecord): CaseRecord {
  // A record saved before causes were dated: what it already had counts as from the start (-1), so
  // a referral it already holds still answers them; only what arises from now on is dated.
  const before =
    prev.onsets ??
    (prev.eventCount > 0 ? Object.fromEntries([...routeCauses(prev).values()].flat().map((k) => [k, -1])) : {});
  const onsets: Record<string, number> = {};
  for (const keys of routeCauses(c).values()) for (const k of keys) onsets[k] = before[k] ?? seq;
  return { ...c, onsets };
}

const TRI_RANK = { no: 0, unknown: 1, yes: 2 } as const;

/**
 * R14.1: what a change of facts sets back or takes away: a trigger fact from yes (or, once a decision
 * is recorded, from not known) to something less, a person removed. Each needs a reason, and is kept
 * as an amendment beside the event that made it.
 */
export function factsSetBack(
  c: CaseRecord,
  next: Partial<IncidentFacts>,
): { field: string; before: string; after: string; label: string }[] {
  const out: { field: string; before: string; after: string; label: string }[] = [];
  const words = (k: string) => k.replace(/([A-Z])/g, ' $1').toLowerCase();
  const said = (t: string) => (t === 'unknown' ? 'not known' : t);
  const decided = c.decisions.length > 0;
  for (const k of TRI_FACT_KEYS) {
    const was = c.facts[k];
    const now = next[k];
    if (now === undefined || TRI_RANK[now] >= TRI_RANK[was]) continue;
    if (was === 'yes' || decided)
      out.push({
        field: `facts.${k}`,
        before: was,
        after: now,
        label: `${words(k)} from ${said(was)} to ${said(now)}`,
      });
  }
  if (next.persons) {
    for (const p of c.facts.persons) {
      if (!next.persons.some((x) => x.id === p.id))
        out.push({
          field: 'facts.persons',
          before: p.name || 'a person involved',
          after: 'removed',
          label: `${p.name || 'a person involved'} removed from the case`,
        });
    }
  }
  return out;
}

function mergeFacts(facts: IncidentFacts, patch: Partial<IncidentFacts>): IncidentFacts {
  const next = { ...facts };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  return next;
}

export function retentionOf(c: CaseRecord): RetentionState {
  return c.retention ?? emptyRetention();
}

/** The current decision: the latest recorded (R7.2: reviewed throughout). */
export function currentDecision(c: CaseRecord): RecordedDecision | null {
  return c.decisions.at(-1) ?? null;
}

/**
 * The day the ages are worked out on (issue 11 item 6): the incident date (when the imagery was made
 * or shared) where it is known, else the disclosure's date, else the day the case opened; and the
 * day an age or year group was told (the disclosure's, else the opening's). Every age rule reads it.
 */
export function referenceDate(c: Pick<CaseRecord, 'disclosure' | 'opened' | 'facts'>): AgeDates | undefined {
  return ageDatesFrom({
    incidentDate: c.facts.incidentDate,
    disclosedAt: c.disclosure?.disclosedAt,
    openedAt: c.opened?.at,
  });
}

/** The same from the dates alone (a form before anything is recorded): see referenceDate. */
export function ageDatesFrom(d: {
  incidentDate?: string | undefined;
  disclosedAt?: string | undefined;
  openedAt?: string | undefined;
}): AgeDates | undefined {
  const disclosed = isoDay(d.disclosedAt ?? '');
  const told = disclosed ?? isoDay(d.openedAt ?? '') ?? undefined;
  const incident = isoDay(d.incidentDate ?? '');
  if (incident) return { on: incident, basis: 'incident', toldOn: told };
  if (!told) return undefined;
  return { on: told, basis: disclosed ? 'disclosure' : 'opened', toldOn: told };
}

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
  switch (e.type) {
    case 'case.opened':
      return { ...next, id: e.caseId, reference: e.reference, policyVersion: e.policyVersion, opened: s };
    case 'disclosure.recorded':
      return {
        ...next,
        disclosure: { ...e.disclosure, ...s },
        facts: mergeFacts(
          {
            ...c.facts,
            persons: e.persons,
            platforms: e.disclosure.platforms,
            ...(e.disclosure.incidentDate !== undefined ? { incidentDate: e.disclosure.incidentDate } : {}),
          },
          e.facts ?? {},
        ),
      };
    case 'facts.updated':
      return { ...next, facts: mergeFacts(c.facts, e.facts) };
    case 'review.decided': {
      // "The app proposed" is recorded as the policy engine's own answer for these facts, whatever
      // the screen sent, so the record of what was recommended cannot be wrong.
      // A decision recorded before a question was asked reads that answer "not known yet" (withFactDefaults).
      const facts = withFactDefaults(e.facts);
      // Ages on the incident date as the decision's facts give it (issue 11 item 6).
      const a = assess(facts, {
        confirmedTypology: e.decision.typology,
        referenceDate: referenceDate({ ...c, facts }),
      });
      const recommendedRoutes = a.routes.routes
        .filter((r) => r.strength === 'act-now' || r.strength === 'recommended')
        .map((r) => r.route);
      const actNowRoutes = a.routes.routes.filter((r) => r.strength === 'act-now').map((r) => r.route);
      return {
        ...next,
        facts,
        decisions: [
          ...c.decisions,
          { ...e.decision, proposedTypology: a.proposed.typology, recommendedRoutes, actNowRoutes, facts, ...s },
        ],
      };
    }
    case 'referral.made':
      return {
        ...next,
        referrals: [
          ...c.referrals,
          { id: e.referralId, agency: e.agency, to: e.to, phone: e.phone, reference: e.reference, note: e.note, ...s },
        ],
      };
    case 'referral.outcome':
      return {
        ...next,
        referrals: c.referrals.map((r) =>
          r.id === e.referralId ? { ...r, outcome: { text: e.outcome, nextStep: e.nextStep, ...s } } : r,
        ),
      };
    case 'risk.assessed':
      return {
        ...next,
        facts: mergeFacts(c.facts, { ...e.facts, riskTool: { tool: e.tool, level: e.level } }),
        riskAssessments: [...c.riskAssessments, { tool: e.tool, level: e.level, answers: e.answers, ...s }],
      };
    case 'parents.recorded':
      return {
        ...next,
        parents: {
          ...c.parents,
          [e.personId]: {
            decision: e.decision,
            informedBy: e.informedBy,
            reason: e.reason,
            agreedWith: e.agreedWith,
            ...s,
          },
        },
      };
    case 'conversation.recorded':
      return {
        ...next,
        conversations: [
          ...c.conversations,
          { personId: e.personId, conductedBy: e.conductedBy, summary: e.summary, ...s },
        ],
      };
    case 'viewing.justified': {
      // A signed viewing record is never overwritten (R11.4): a new justification keeps it.
      const justification = {
        grounds: e.grounds,
        reason: e.reason,
        safeguards: e.safeguards,
        factsNotFromYoungPeople: e.factsNotFromYoungPeople,
        ...s,
      };
      const existing = c.viewings.find((v) => v.id === e.viewingId);
      return {
        ...next,
        viewings: existing
          ? c.viewings.map((v) => (v.id === e.viewingId ? { ...v, justification } : v))
          : [...c.viewings, { id: e.viewingId, justification }],
      };
    }
    case 'viewing.recorded': {
      const existing = c.viewings.find((v) => v.id === e.viewingId);
      const record = {
        unavoidable: e.unavoidable,
        viewer: e.viewer,
        witness: e.witness,
        present: e.present,
        why: e.why,
        actions: e.actions,
        viewerSignature: e.viewerSignature,
        witnessSignature: e.witnessSignature,
        ...s,
      };
      return {
        ...next,
        viewings: existing
          ? c.viewings.map((v) => (v.id === e.viewingId ? { ...v, record } : v))
          : [...c.viewings, { id: e.viewingId, record }],
      };
    }
    case 'support.offered':
      return { ...next, supportOffered: [...c.supportOffered, { to: e.to, note: e.note, ...s }] };
    case 'deletion.planned':
      return {
        ...next,
        deletion: {
          deadline: e.deadline,
          items: e.items,
          illegalityReminderGiven: e.illegalityReminderGiven,
          confirmations: c.deletion?.confirmations ?? [],
          dropped: [...(c.deletion?.dropped ?? []), ...(e.dropped ?? []).map((d) => ({ ...d, ...s }))],
          refusals: c.deletion?.refusals ?? [],
          ...s,
        },
      };
    case 'deletion.refused':
      return c.deletion
        ? {
            ...next,
            deletion: {
              ...c.deletion,
              refusals: [
                ...(c.deletion.refusals ?? []),
                { personId: e.personId, where: e.where, note: e.note, reminderGiven: e.reminderGiven, ...s },
              ],
            },
          }
        : next;
    case 'advice.sought':
      return { ...next, advice: [...(c.advice ?? []), { agency: e.agency, who: e.who, advice: e.advice, ...s }] };
    case 'deletion.confirmed':
      return c.deletion
        ? {
            ...next,
            deletion: {
              ...c.deletion,
              confirmations: [...c.deletion.confirmations, { personId: e.personId, where: e.where, how: e.how, ...s }],
            },
          }
        : next;
    case 'device.secured':
      return {
        ...next,
        devices: [
          ...c.devices.filter((d) => d.id !== e.deviceId),
          {
            id: e.deviceId,
            description: e.description,
            ownerPersonId: e.ownerPersonId,
            switchedOff: e.switchedOff,
            lockedAway: e.lockedAway,
            where: e.where,
            secured: s,
          },
        ],
      };
    case 'device.collected':
      return {
        ...next,
        devices: c.devices.map((d) =>
          d.id === e.deviceId ? { ...d, collected: { collectedBy: e.collectedBy, reference: e.reference, ...s } } : d,
        ),
      };
    case 'social-care.contacted':
      return { ...next, socialCareContacts: [...c.socialCareContacts, { to: e.to, outcome: e.outcome, ...s }] };
    case 'removal.reported':
      return { ...next, removals: [...c.removals, { service: e.service, platform: e.platform, note: e.note, ...s }] };
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
