// Replays a case recorded on one or several tablets in the one order every replica uses
// (src/domain/dag.ts), through the case machine. A step the machine refuses in the merged order
// (both tablets closed the case, say) is kept in the record but not applied, and said so.
import { type BranchState, type DagNode, branchState, replayOrder } from './dag';
import { type CaseSnapshot, explainEvent, initialSnapshot, persist, restore, step } from './machine';

export type ReplayedCase = {
  snapshot: CaseSnapshot;
  /** Every event replayed, in replay order (applied or not). */
  order: DagNode[];
  /** Events waiting for an event they followed that this tablet does not have yet. */
  waiting: DagNode[];
  state: BranchState;
};

/** The snapshot with the DAG's state attached (context.branches): what owed, gates and screens read. */
export function withBranches(snapshot: CaseSnapshot, state: BranchState | undefined): CaseSnapshot {
  const persisted = persist(snapshot) as { context: Record<string, unknown> };
  const context = { ...persisted.context };
  if (state) context.branches = state;
  else delete context.branches;
  return restore({ ...persisted, context });
}

/**
 * Is this more than one tablet's single line of steps (so the case shows its branches)? Counted by
 * the tablets events name: a tablet's steps from before events named it are its own line too.
 */
export function sharedCase(state: BranchState, order: readonly DagNode[]): boolean {
  const named = new Set(order.map((n) => n.event.device).filter((d) => d !== undefined));
  return named.size > 1 || state.forked || state.notApplied.length > 0;
}

export function replayCase(nodes: readonly DagNode[]): ReplayedCase {
  const { order, waiting } = replayOrder(nodes);
  let snapshot = initialSnapshot();
  const notApplied: BranchState['notApplied'] = [];
  for (const n of order) {
    if (snapshot.can(n.event)) snapshot = step(snapshot, n.event);
    else
      notApplied.push({
        eventId: n.event.id,
        type: n.event.type,
        reasons: explainEvent(snapshot, n.event).reasons.map((r) => `${r.rule}: ${r.text}`),
      });
  }
  const state = branchState(order, notApplied);
  return { snapshot: sharedCase(state, order) ? withBranches(snapshot, state) : snapshot, order, waiting, state };
}
