// What a retention step needs (docs/SECURITY.md item 13): a review or a moved date with its reason, a second key holder, and destruction only when due and not held.
import { closedAsSameIncident } from './sameIncident';
import { retentionOf, type CaseRecord } from './case';
import type { CaseEvent, CaseEventOf } from './events';
import { allow, gate, reason, refuse, type Explanation, type Reason } from './reasons';
import { may, refusedText, whoMay } from './permissions';
import type { Stage } from './stages';
import type { Actor } from './types';
import { DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS, MIN_RETENTION_YEARS } from './settingsDefaults';
import { blank } from './blank';
import { type RetentionFacts, isIsoDate, addYears, retentionFacts, reviewDateFrom } from './retention';

/** Could `replaces` be the review date in force, with any retention setting the establishment may choose? */
function plausibleCurrent(f: RetentionFacts, replaces: string | null): boolean {
  if (f.set) return replaces === f.set.date;
  if (!f.birth) return replaces === null;
  if (replaces === null || !isIsoDate(replaces)) return false;
  const years = Number(replaces.slice(0, 4)) - Number(f.birth.born.slice(0, 4));
  return years >= MIN_RETENTION_YEARS && years <= MAX_RETENTION_YEARS && addYears(f.birth.born, years) === replaces;
}

/** Who agreed to bring a review date forward: a different key holder (their passphrase is checked by storage). */
function secondKeyHolderProblems(actor: Actor, second: Actor | undefined): Reason[] {
  if (!second)
    return [
      reason(
        'SEC.13',
        'Bringing the review date forward needs a second key holder, with their own passphrase, as destroying the case does.',
        { field: 'second' },
      ),
    ];
  if (second.userId === actor.userId)
    return [reason('SEC.13', 'The second key holder must be a different person.', { field: 'second' })];
  // The same people who may agree to a destruction (src/domain/permissions.ts).
  if (!may(second.role, 'agree-to-destruction'))
    return [
      reason('SEC.13', `The second person must hold a key (${whoMay('agree-to-destruction')}).`, { field: 'second' }),
    ];
  return [];
}

/**
 * The four retention events: a reason always, a real date, a hold only once, a review only of a
 * closed case not on hold; a review date brought forward only by two key holders and not while a
 * legal hold stands (issue 15 item 3). Events recorded before `replaces` was kept are read as they were.
 */
export function explainRetentionEvent(
  stage: Stage,
  c: CaseRecord,
  e: CaseEventOf<'retention.date-set' | 'legal-hold.set' | 'legal-hold.lifted' | 'retention.reviewed'>,
): Explanation {
  const r = retentionOf(c);
  switch (e.type) {
    case 'retention.date-set': {
      const blockers: Reason[] = [];
      if (!isIsoDate(e.reviewDate))
        blockers.push(reason('SEC.13', 'Enter the review date as a real date.', { field: 'reviewDate' }));
      if (blank(e.reason))
        blockers.push(reason('SEC.13', 'Record why the review date is set by hand.', { field: 'reason' }));
      if (isIsoDate(e.reviewDate)) blockers.push(...moveProblems(c, e, e.reviewDate));
      return gate(blockers, reason('SEC.13', 'The review date and the reason for it are recorded.'));
    }
    case 'legal-hold.set':
      if (r.hold)
        return refuse(reason('SEC.13.hold', `A legal hold already stands (since ${r.hold.at.slice(0, 10)}).`));
      return blank(e.reason)
        ? refuse(
            reason(
              'SEC.13.hold',
              'Record why the case is on legal hold (for example, who asked and their reference).',
              { field: 'reason' },
            ),
          )
        : allow(
            reason(
              'SEC.13.hold',
              'The legal hold is recorded: the case cannot be reviewed or destroyed while it stands.',
            ),
          );
    case 'legal-hold.lifted':
      if (!r.hold) return refuse(reason('SEC.13.hold', 'There is no legal hold to lift.'));
      return blank(e.reason)
        ? refuse(reason('SEC.13.hold', 'Record why the legal hold is lifted.', { field: 'reason' }))
        : allow(reason('SEC.13.hold', 'The legal hold is lifted and the reason recorded.'));
    case 'retention.reviewed': {
      if (stage !== 'closed' || !c.closed)
        return refuse(reason('SEC.13', 'Only a closed case is reviewed for retention.'));
      if (r.hold)
        return refuse(
          reason(
            'SEC.13.hold',
            `A legal hold stands: the case cannot be reviewed until it is lifted. Hold: ${r.hold.reason}`,
          ),
        );
      const blockers: Reason[] = [];
      if (!isIsoDate(e.keepUntil))
        blockers.push(
          reason('SEC.13', 'Enter the date to keep the case until as a real date.', { field: 'keepUntil' }),
        );
      else if (e.keepUntil <= e.occurredAt.slice(0, 10))
        blockers.push(
          reason('SEC.13', 'The date to keep the case until must be after the review.', { field: 'keepUntil' }),
        );
      if (blank(e.reason)) blockers.push(reason('SEC.13', 'Record why the case is kept.', { field: 'reason' }));
      if (isIsoDate(e.keepUntil)) blockers.push(...moveProblems(c, e, e.keepUntil));
      return gate(
        blockers,
        reason('SEC.13', 'The review is recorded: the case is kept until the date given, then reviewed again.'),
      );
    }
  }
}

function moveProblems(
  c: CaseRecord,
  e: CaseEventOf<'retention.date-set' | 'retention.reviewed'>,
  to: string,
): Reason[] {
  // Older records: set before the rule (they were allowed then, and still open).
  if (e.replaces === undefined) return e.approvedBy ? secondKeyHolderProblems(e.actor, e.approvedBy) : [];
  const f = retentionFacts(c);
  if (!plausibleCurrent(f, e.replaces))
    return [reason('SEC.13', 'The review date this replaces is not the one in force: open the case again and retry.')];
  const earlier = e.replaces === null || to < e.replaces;
  if (!earlier) return e.approvedBy ? secondKeyHolderProblems(e.actor, e.approvedBy) : [];
  if (f.hold)
    return [
      reason(
        'SEC.13.hold',
        `A legal hold stands: the review date cannot be brought forward until it is lifted. Hold: ${f.hold.reason}`,
      ),
    ];
  return secondKeyHolderProblems(e.actor, e.approvedBy);
}

export type RetentionAction = 'review' | 'bring-forward' | 'destroy';

/** Whether an action is open, or blocked, and why: the screens show a blocked action with its reason instead of offering it. */
export interface RetentionActionState {
  action: RetentionAction;
  blocked: Reason | null;
}

/** What a legal hold or the case's stage blocks on the retention screen (issue 15 item 3). */
export function retentionActions(c: CaseRecord, stage: Stage): RetentionActionState[] {
  const f = retentionFacts(c);
  const hold = f.hold
    ? reason('SEC.13.hold', `Blocked by the legal hold (since ${f.hold.since.slice(0, 10)}): ${f.hold.reason}`)
    : null;
  const open = stage !== 'closed' || !c.closed;
  // A case closed as the same incident as another (src/domain/sameIncident.ts) is closed for destruction.
  const destroyOpen = open && !closedAsSameIncident(c);
  return [
    {
      action: 'review',
      blocked: hold ?? (open ? reason('SEC.13', 'Only a closed case is reviewed for retention.') : null),
    },
    { action: 'bring-forward', blocked: hold },
    {
      action: 'destroy',
      blocked:
        hold ?? (destroyOpen ? reason('SEC.13', 'Only a closed case can be destroyed, after its review date.') : null),
    },
  ];
}

export function isRetentionEvent(
  e: CaseEvent,
): e is CaseEventOf<'retention.date-set' | 'legal-hold.set' | 'legal-hold.lifted' | 'retention.reviewed'> {
  return (
    e.type === 'retention.date-set' ||
    e.type === 'legal-hold.set' ||
    e.type === 'legal-hold.lifted' ||
    e.type === 'retention.reviewed'
  );
}

export interface DestructionRequest {
  /** Today's date (YYYY-MM-DD), from the caller's clock. */
  today: string;
  /** Who destroys it: the signed-in user. */
  by: Actor;
  /** The second key holder who agrees, or null if none is named yet. */
  second: Actor | null;
  reason: string;
  years?: number | undefined;
}

/**
 * docs/SECURITY.md items 3 and 13: a case is destroyed only when it is closed, past its review date,
 * not on legal hold, by the DSL or a deputy with a second, different key holder, and with a reason.
 * (Both passphrases are checked by the storage layer.)
 */
export function explainDestruction(c: CaseRecord, stage: Stage, req: DestructionRequest): Explanation {
  const f = retentionFacts(c);
  const blockers: Reason[] = [];
  if (!may(req.by.role, 'destroy-case'))
    blockers.push(
      reason('SEC.13', `${refusedText(req.by.role, 'destroy-case', 'destroy a case')} A second key holder agrees.`),
    );
  if ((stage !== 'closed' || !c.closed) && !closedAsSameIncident(c))
    blockers.push(reason('SEC.13', 'The case is open. Only a closed case can be destroyed.'));
  if (f.hold)
    blockers.push(
      reason(
        'SEC.13.hold',
        `A legal hold stands (since ${f.hold.since.slice(0, 10)}): nothing can be destroyed until it is lifted. Hold: ${f.hold.reason}`,
      ),
    );
  const due = reviewDateFrom(f, req.years ?? DEFAULT_RETENTION_YEARS);
  if (!due.date) blockers.push(reason('SEC.13', 'The case has no review date. Set one first.', { unknown: true }));
  else if (due.date > req.today.slice(0, 10))
    blockers.push(
      reason('SEC.13', `The case is kept until ${due.date}. It cannot be destroyed before its review date.`),
    );
  if (!req.second)
    blockers.push(reason('SEC.13', 'A second key holder must agree, with their own passphrase.', { field: 'second' }));
  else if (req.second.userId === req.by.userId)
    blockers.push(reason('SEC.13', 'The second key holder must be a different person.', { field: 'second' }));
  else if (!may(req.second.role, 'agree-to-destruction'))
    blockers.push(
      reason('SEC.13', `The second person must hold a key (${whoMay('agree-to-destruction')}).`, { field: 'second' }),
    );
  if (blank(req.reason)) blockers.push(reason('SEC.13', 'Record why the case is destroyed.', { field: 'reason' }));
  return gate(
    blockers,
    reason(
      'SEC.3',
      'The case can be destroyed: its key and every record of it will be removed, leaving a signed note that it existed.',
    ),
  );
}
