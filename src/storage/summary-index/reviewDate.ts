// Owns changing a case's retention review date (issue 15 item 3, docs/SECURITY.md item 13): a later date
// needs one key holder with a reason; an EARLIER one (or a first date where none could be worked
// out) brings destruction nearer, so it needs the same two key holders as destruction, each with
// their own passphrase. The domain's gate checks the rest (src/domain/retention.ts).
import type { Reason } from '../../domain/reasons';
import { explainEvent } from '../../domain/machine';
import { DEFAULT_RETENTION_YEARS, reviewDateMove } from '../../domain/retention';
import type { Actor } from '../../domain/types';
import { appendEvent, loadCase, type StepResult } from '../cases';
import { checkedReviewDateDrafts, type EventDraft } from '../caseSteps';
import { confirmTwoKeyHolders } from '../destroy';
import { StorageError } from '../errors';
import { readKeyringRow, userOf } from '../keys/keyring';
import { type Session, requireRole } from '../keys/session';
import { getPublicSettings } from '../settings';

export type ReviewDateRequest = {
  /** 'date-set': the review date changed by hand; 'reviewed': a retention review's "keep until". */
  kind: 'date-set' | 'reviewed';
  /** The new date (YYYY-MM-DD). */
  date: string;
  reason: string;
  occurredAt: string;
  /** Only when the date is brought forward: the signed-in user's passphrase, and the second key holder and theirs. */
  passphrase?: string | undefined;
  secondUserId?: string | undefined;
  secondPassphrase?: string | undefined;
};

/** The review date was not changed. `field` says which answer to fix ('case': the domain's reasons). */
export class ReviewDateRefusedError extends StorageError {
  constructor(
    message: string,
    readonly field: 'passphrase' | 'secondUser' | 'secondPassphrase' | 'case',
    readonly reasons: Reason[] = [],
  ) {
    super(message);
    this.name = 'ReviewDateRefusedError';
  }
}

/**
 * Is moving this case's review date to `date` bringing it forward (two key holders needed)? With
 * the establishment's retention setting; the screen asks before showing the second key holder's fields.
 */
export async function reviewDateNeedsTwo(
  session: Session,
  caseId: string,
  date: string,
): Promise<{ from: string | null; earlier: boolean }> {
  const loaded = await loadCase(session, caseId);
  const years = (await getPublicSettings())?.settings.retentionYears ?? DEFAULT_RETENTION_YEARS;
  const move = reviewDateMove(loaded.snapshot.context, date, years);
  return { from: move.from, earlier: move.earlier };
}

/**
 * Records a new review date (or a review's "keep until"). The date it replaces is recorded with it.
 * Brought forward: both passphrases are checked (the second key holder's own, not the first typed
 * again, not one a manager chose for them), the second key holder is recorded as agreeing, and the
 * domain refuses it while a legal hold stands. Refused: ReviewDateRefusedError, nothing written.
 */
export async function setReviewDate(session: Session, caseId: string, req: ReviewDateRequest): Promise<StepResult> {
  requireRole(session, 'record:retention.date-set', 'change a review date');
  const loaded = await loadCase(session, caseId);
  const years = (await getPublicSettings())?.settings.retentionYears ?? DEFAULT_RETENTION_YEARS;
  const move = reviewDateMove(loaded.snapshot.context, req.date, years);
  let approvedBy: Actor | undefined;
  const base = { actor: session.actor, occurredAt: req.occurredAt, reason: req.reason, replaces: move.from };
  const draftOf = (a: Actor | undefined): EventDraft =>
    req.kind === 'date-set'
      ? { type: 'retention.date-set', reviewDate: req.date, ...base, ...(a ? { approvedBy: a } : {}) }
      : { type: 'retention.reviewed', keepUntil: req.date, ...base, ...(a ? { approvedBy: a } : {}) };
  if (move.earlier) {
    // The domain's refusals first (a hold, a missing reason): they cost no passphrase attempts.
    const placeholder: Actor = { userId: '(second key holder)', role: 'deputy-dsl', name: '' };
    const pre = explainEvent(loaded.snapshot, {
      ...draftOf(placeholder),
      id: 'check',
      recordedAt: new Date().toISOString(),
    } as never);
    if (!pre.allowed) throw new ReviewDateRefusedError(pre.reasons.map((r) => r.text).join(' '), 'case', pre.reasons);
    if (!req.secondUserId)
      throw new ReviewDateRefusedError(
        'Bringing the review date forward needs a second key holder: choose who agrees.',
        'secondUser',
      );
    if (req.secondUserId === session.user.userId)
      throw new ReviewDateRefusedError('The second key holder must be someone other than you.', 'secondUser');
    const row = await readKeyringRow(req.secondUserId).catch(() => null);
    if (!row) throw new ReviewDateRefusedError('The second key holder is not a user of this device.', 'secondUser');
    const second = userOf(row);
    await confirmTwoKeyHolders(
      session,
      second,
      { passphrase: req.passphrase ?? '', secondPassphrase: req.secondPassphrase ?? '' },
      (message, field) => new ReviewDateRefusedError(message, field),
    );
    approvedBy = { userId: second.userId, role: second.role, name: second.name };
  }
  const draft = draftOf(approvedBy);
  checkedReviewDateDrafts.add(draft);
  return appendEvent(session, caseId, draft);
}
