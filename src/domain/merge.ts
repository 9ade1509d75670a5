// Two tablets recorded steps of one case at once (src/domain/dag.ts): what the case then owes, and
// when a merge may be recorded. A merge changes nothing recorded on either branch: a key holder
// names every head and says in words how the two were reconciled (R14.2: one record, complete).
// Two decisions made apart are not reconciled by words: they need a new decision (R7.2).
import type { CaseRecord } from './case';
import type { CaseEventOf } from './events';
import type { OwedItem } from './owed';
import { allow, reason, refuse, type Explanation } from './reasons';

export const FORK_TITLE = 'Recorded on two tablets at once';

/** Is the case recorded on two tablets at once, awaiting a merge? The case header and the case list ask this. */
export function isForked(c: CaseRecord): boolean {
  return !!c.branches?.forked;
}

const blank = (s: string | undefined) => !s || s.trim().length === 0;

/** May this merge be recorded now? It must name exactly the case's heads, and say how they were reconciled. */
export function explainMerge(c: CaseRecord, e: CaseEventOf<'branches.merged'>): Explanation {
  const problems = [];
  if (blank(e.reconciliation))
    problems.push(
      reason('R14.2', 'Say in words how the steps recorded on the two tablets were reconciled.', {
        field: 'reconciliation',
      }),
    );
  const named = new Set(e.heads);
  if (named.size < 2 || named.size !== e.heads.length)
    problems.push(reason('R14.2', 'A merge names the latest step of each branch, at least two.'));
  // While the case is replayed the branches are worked out afresh (src/domain/replayDag.ts); when
  // they are known, the merge must name every head, and only heads.
  const state = c.branches;
  if (state) {
    if (!state.forked)
      problems.push(reason('R14.2', 'This case is not recorded on two tablets at once: there is nothing to merge.'));
    else if (state.heads.length !== named.size || state.heads.some((h) => !named.has(h)))
      problems.push(
        reason(
          'R14.2',
          'The merge must name the latest step of every branch: another step arrived meanwhile. Look again.',
        ),
      );
  }
  return problems.length > 0
    ? refuse(...problems)
    : allow(reason('R14.2', 'The two tablets’ steps are merged into one record; nothing on either is changed.'));
}

/**
 * May a merge be recorded on the case as it stands (not while it is replayed)? Only on a case that
 * is recorded on two tablets at once: storage asks this before it records one.
 */
export function explainMergeNow(c: CaseRecord, e: CaseEventOf<'branches.merged'>): Explanation {
  if (!c.branches?.forked)
    return refuse(reason('R14.2', 'This case is not recorded on two tablets at once: there is nothing to merge.'));
  return explainMerge(c, e);
}

/** What a case recorded on several tablets owes (read by owedToPolicy, so gates and the task list see it). */
export function branchOwed(c: CaseRecord): OwedItem[] {
  const state = c.branches;
  if (!state) return [];
  const out: OwedItem[] = [];
  if (state.decisionsMadeApart.length > 0)
    out.push({
      kind: 'new-decision',
      rule: 'R7.2',
      text: 'Two different decisions were made apart, on two tablets: make a new decision that takes both into account.',
      step: 'review',
      ref: state.decisionsMadeApart.join(','),
      blocks: ['close', 'delete', 'sign-off'],
    });
  if (state.forked)
    out.push({
      kind: 'merge',
      rule: 'R14.2',
      text: `${FORK_TITLE}: a key holder records how the steps on the two tablets were reconciled.`,
      step: 'branches',
      ref: state.heads.join(','),
      blocks: ['close', 'delete'],
    });
  return out;
}
