// Retention (docs/SECURITY.md items 3 and 13): when a closed case is reviewed, what stops that, and who
// may destroy it. A case is kept until the youngest involved young person's 25th birthday (the
// establishment may set another number of years), then reviewed; never deleted silently. Pure:
// "today" is always passed in, never read from the clock.
import { closedAsSameIncident, sameIncidentOf } from './sameIncident';
import { referenceDate, retentionOf, type CaseRecord } from './case';
import { reason, type Reason } from './reasons';
import { youngPeople } from './rules/triggers';
import { ageDays, type AgeReference } from './rules/age';
import type { Person } from './types';

/** The default: records are kept until the youngest child's 25th birthday (docs/SECURITY.md item 13). */
import { DEFAULT_RETENTION_YEARS } from './settingsDefaults';
export { DEFAULT_RETENTION_YEARS, MIN_RETENTION_YEARS, MAX_RETENTION_YEARS } from './settingsDefaults';

export type BirthBasis = 'date-of-birth' | 'age' | 'year-group';

/** The latest date the youngest young person can have been born, and what it rests on. */
export interface LatestBirth {
  personId: string;
  /** ISO date (YYYY-MM-DD). */
  born: string;
  basis: BirthBasis;
}

/** What a case's record says about keeping it: stored in its summary so lists need no whole case. */
export interface RetentionFacts {
  /** null when any young person's birth cannot be placed (then there is no automatic date). */
  birth: LatestBirth | null;
  /** Names of young people whose birth date cannot be worked out (shown to the DSL, never stored in clear). */
  unknownBirth: string[];
  /** A review date set by hand, or a review's "keep until". */
  set: { date: string; reason: string; kind: 'date-set' | 'reviewed'; at: string } | null;
  hold: { reason: string; since: string } | null;
  closed: boolean;
  /** When the case was last closed (the latest closure), for the tombstone. */
  closedAt: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is this a real calendar date in YYYY-MM-DD form? */
export function isIsoDate(s: string | undefined | null): s is string {
  const m = s ? ISO_DATE.exec(s) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** The same day `years` later; 29 February falls on 1 March in a common year (the later date). */
export function addYears(date: string, years: number): string {
  const m = ISO_DATE.exec(date.slice(0, 10));
  if (!m) throw new Error(`Not an ISO date: ${date}`);
  const y = Number(m[1]) + years;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/**
 * The latest possible birth date of one person, and what it rests on. A date of birth is used as
 * recorded. From an age on the reference date, or an England year group (Year N in the school year
 * that began in September of year Y: born September Y-N-5 to August Y-N-4), the LATEST possible
 * date is taken, so the record is kept longer, never shorter (reading SEC.13.age).
 */
export function latestBirthOf(p: Person, refDate: AgeReference): LatestBirth | null {
  if (isIsoDate(p.dateOfBirth)) return { personId: p.id, born: p.dateOfBirth, basis: 'date-of-birth' };
  // An age or a year group is as it was told (the disclosure's day), whatever the incident day.
  const told = ageDays(refDate).toldOn;
  const ref = told && isIsoDate(told) ? told : null;
  if (ref && typeof p.ageYears === 'number' && Number.isInteger(p.ageYears) && p.ageYears >= 0 && p.ageYears < 120) {
    return { personId: p.id, born: addYears(ref, -p.ageYears), basis: 'age' };
  }
  if (
    ref &&
    typeof p.yearGroup === 'number' &&
    Number.isInteger(p.yearGroup) &&
    p.yearGroup >= 0 &&
    p.yearGroup <= 14
  ) {
    const [y, mo] = [Number(ref.slice(0, 4)), Number(ref.slice(5, 7))];
    const schoolYear = mo >= 9 ? y : y - 1;
    return { personId: p.id, born: `${pad(schoolYear - p.yearGroup - 4, 4)}-08-31`, basis: 'year-group' };
  }
  return null;
}

/** What the record says about keeping this case (for its summary and the retention screen). */
export function retentionFacts(c: CaseRecord): RetentionFacts {
  const r = retentionOf(c);
  const ref = referenceDate(c);
  const yp = youngPeople(c.facts.persons, ref);
  const births = yp.map((p) => ({ p, b: latestBirthOf(p, ref) }));
  const unknown = births.filter((x) => !x.b).map((x) => x.p.name.trim() || 'a young person');
  const known = births.flatMap((x) => (x.b ? [x.b] : []));
  const youngest = known.reduce<LatestBirth | null>((a, b) => (!a || b.born > a.born ? b : a), null);
  return {
    birth: unknown.length === 0 ? youngest : null,
    unknownBirth: unknown,
    set: r.set ? { date: r.set.date, reason: r.set.reason, kind: r.set.kind, at: r.set.recordedAt } : null,
    hold: r.hold ? { reason: r.hold.reason, since: r.hold.at } : null,
    // A case closed as the same incident as another is closed from that step (src/domain/sameIncident.ts).
    closed: c.closed || !!closedAsSameIncident(c),
    closedAt: c.closed ? (c.closures.at(-1)?.at ?? null) : (sameIncidentOf(c).closedInto?.step.at ?? null),
  };
}

export interface ReviewDateReading {
  /** The date the case is due for review; null when no date can be worked out and none was set. */
  date: string | null;
  source: 'set' | 'birthday' | 'unknown';
  /** The birthday-based date, even when a date was set by hand. */
  birthdayDate: string | null;
  reasons: Reason[];
}

const BASIS_TEXT: Record<BirthBasis, string> = {
  'date-of-birth': 'date of birth',
  age: 'age as told (the latest birth date that age allows)',
  'year-group': 'year group (the latest birth date that year group allows)',
};

/** The review date: one set by hand if there is one, else the youngest young person's birthday plus `years`. */
export function reviewDateFrom(f: RetentionFacts, years: number = DEFAULT_RETENTION_YEARS): ReviewDateReading {
  const birthdayDate = f.birth ? addYears(f.birth.born, years) : null;
  const reasons: Reason[] = [];
  if (f.birth && birthdayDate) {
    reasons.push(
      reason(
        'SEC.13',
        `Kept until the youngest young person's ${ordinal(years)} birthday, ${birthdayDate}, worked out from their ${BASIS_TEXT[f.birth.basis]}.`,
        f.birth.basis === 'date-of-birth' ? {} : { reading: 'SEC.13.age' },
      ),
    );
  } else {
    const why =
      f.unknownBirth.length > 0
        ? `the date of birth, age or year group is not recorded for ${f.unknownBirth.join(', ')}`
        : 'no young person is recorded yet';
    reasons.push(
      reason('SEC.13', `No review date can be worked out: ${why}. Set the review date yourself.`, { unknown: true }),
    );
  }
  if (f.set) {
    reasons.unshift(
      reason(
        'SEC.13',
        `${f.set.kind === 'reviewed' ? 'Reviewed: keep until' : 'Review date set to'} ${f.set.date}. Why: ${f.set.reason}`,
      ),
    );
    return { date: f.set.date, source: 'set', birthdayDate, reasons };
  }
  return { date: birthdayDate, source: birthdayDate ? 'birthday' : 'unknown', birthdayDate, reasons };
}

export function reviewDate(c: CaseRecord, years: number = DEFAULT_RETENTION_YEARS): ReviewDateReading {
  return reviewDateFrom(retentionFacts(c), years);
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

export type RetentionStatus = 'on-hold' | 'due' | 'no-date' | 'kept';

/** Where a case stands today: held, due for review, without a date (the DSL sets one), or kept until its date. */
export function retentionStatus(
  f: RetentionFacts,
  today: string,
  years: number = DEFAULT_RETENTION_YEARS,
): RetentionStatus {
  if (f.hold) return 'on-hold';
  const d = reviewDateFrom(f, years).date;
  if (!d) return 'no-date';
  return d <= today.slice(0, 10) ? 'due' : 'kept';
}

/** One retention review for the reminders: what src/domain/reminders.ts takes as its input list. */
export interface RetentionReviewItem {
  caseId: string;
  reference: string;
  /** null: no date can be worked out; the DSL must set one. */
  reviewDate: string | null;
  legalHold: boolean;
  /** Closed: with no review date, it is a reminder to set one. */
  closed: boolean;
}

/** The reminder input for one case, from its summary's retention facts (a summary without them: no date). */
export function retentionReviewItem(
  s: { caseId: string; reference: string; retention?: RetentionFacts | undefined },
  years: number = DEFAULT_RETENTION_YEARS,
): RetentionReviewItem {
  const f = s.retention;
  return {
    caseId: s.caseId,
    reference: s.reference,
    reviewDate: f ? reviewDateFrom(f, years).date : null,
    legalHold: !!f?.hold,
    closed: !!f?.closed,
  };
}

/** The reminder input for every case, from summaries. */
export function retentionReviewItems(
  summaries: readonly { caseId: string; reference: string; retention?: RetentionFacts | undefined }[],
  years: number = DEFAULT_RETENTION_YEARS,
): RetentionReviewItem[] {
  return summaries.map((s) => retentionReviewItem(s, years));
}

// ---- gates ---------------------------------------------------------------------------------------

/** Moving a case's review date: from the date in force (null: none) to a new one. */
export interface ReviewDateMove {
  from: string | null;
  to: string;
  /** Earlier than the date in force, or a first date where none could be worked out: it opens the door to destruction. */
  earlier: boolean;
}

/**
 * What moving the review date to `to` would do (issue 15 item 3): a date earlier than the one in
 * force (or a first date where there was none) brings destruction nearer, so it needs the same two
 * key holders as destruction, each with their passphrase; a later date needs one, with a reason.
 */
export function reviewDateMove(c: CaseRecord, to: string, years: number = DEFAULT_RETENTION_YEARS): ReviewDateMove {
  const from = reviewDate(c, years).date;
  return { from, to, earlier: from === null || to < from };
}
