// The case record's shape: what each part of a case holds once its events are applied, the empty
// case, and the small readers every part uses (the stamp an event leaves, its place in the log).
import type { Actor, IncidentFacts, PolicyVersion, RouteId } from '../types';
import type { BranchState } from '../dag';
import { CURRENT_POLICY_VERSION, emptyFacts } from '../types';
import type {
  AdviceAgency,
  CaseEvent,
  CaseEventOf,
  Disclosure,
  EventEnvelope,
  ParentsDecision,
  ReferralAgency,
  ReferralNextStep,
  ReviewDecision,
  Signature,
  ViewingGround,
  ViewingSafeguards,
} from '../events';

/** A 'same-incident.recorded' step as the case keeps it. */
export type SameIncidentStep = Omit<CaseEventOf<'same-incident.recorded'>, keyof EventEnvelope | 'type'> & Stamp;

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
  /** Steps saying this case and another are the same incident (src/domain/sameIncident.ts). Absent in older snapshots. */
  sameIncident?: SameIncidentStep[] | undefined;
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

/** The stamp an event leaves on what it records: who, when, and its place in the log. */
export function stamp(e: CaseEvent, seq: number): Stamp {
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

export function retentionOf(c: CaseRecord): RetentionState {
  return c.retention ?? emptyRetention();
}

/** The current decision: the latest recorded (R7.2: reviewed throughout). */
export function currentDecision(c: CaseRecord): RecordedDecision | null {
  return c.decisions.at(-1) ?? null;
}

/** A guard for one group of event types, so each part's reducer is given only the events it owns. */
export function eventsOf<const T extends readonly CaseEvent['type'][]>(types: T) {
  return (e: CaseEvent): e is CaseEventOf<T[number]> => (types as readonly string[]).includes(e.type);
}
