// A case recorded on several tablets is a DAG: every event names the events it followed (its
// parents), so two tablets adding to a case at once leave two branches, both kept (docs/SYNC.md).
// This module is the one place that orders a case's events and says whether it is forked: every
// replica replays the same events in the same order (topological, ties broken by digest), so each
// works out the same case. Pure: no storage, no clock.
import type { CaseEvent } from './events';

/** One event of a case as the DAG sees it. `tie` is its digest (the same on every tablet). */
export type DagNode = {
  event: CaseEvent;
  /** Ids of the events it followed; for older events, the event before it on its tablet. */
  parents: readonly string[];
  /** Its digest: breaks ties between events neither of which followed the other. */
  tie: string;
  /** The tablet that recorded it (opaque id). */
  device: string;
};

export type Ordered = {
  /** Every event whose ancestors are all present, in replay order. */
  order: DagNode[];
  /** Events that follow an event this tablet does not have yet: not replayed until it arrives. */
  waiting: DagNode[];
};

const byTie = (a: DagNode, b: DagNode) =>
  a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;

/**
 * The one replay order: Kahn's topological sort, always taking the ready event with the smallest
 * digest. It depends only on the set of events, never on the order they arrived in. An event whose
 * parent (or any ancestor) is missing waits; a duplicate id keeps the first by tie.
 */
export function replayOrder(nodes: readonly DagNode[]): Ordered {
  const byId = new Map<string, DagNode>();
  for (const n of [...nodes].sort(byTie)) if (!byId.has(n.event.id)) byId.set(n.event.id, n);
  const children = new Map<string, DagNode[]>();
  const pending = new Map<string, number>();
  const ready: DagNode[] = [];
  for (const n of byId.values()) {
    const parents = [...new Set(n.parents)];
    pending.set(n.event.id, parents.length);
    if (parents.length === 0) ready.push(n);
    for (const p of parents) children.set(p, [...(children.get(p) ?? []), n]);
  }
  ready.sort(byTie);
  const order: DagNode[] = [];
  while (ready.length > 0) {
    const n = ready.shift()!;
    order.push(n);
    for (const child of children.get(n.event.id) ?? []) {
      const left = pending.get(child.event.id)! - 1;
      pending.set(child.event.id, left);
      if (left === 0) {
        const at = ready.findIndex((r) => byTie(child, r) < 0);
        ready.splice(at === -1 ? ready.length : at, 0, child);
      }
    }
  }
  const placed = new Set(order.map((n) => n.event.id));
  const waiting = [...byId.values()].filter((n) => !placed.has(n.event.id));
  return { order, waiting };
}

/** One step on a branch, as the case screens list it. */
export type BranchStep = {
  eventId: string;
  type: CaseEvent['type'];
  by: CaseEvent['actor'];
  recordedAt: string;
  device: string;
  tablet?: string | undefined;
  /** Its place in the replay order (1 for the first). */
  position: number;
};

/** Where a case stands as a DAG: one head, or several ("Recorded on two tablets at once"). */
export type BranchState = {
  /** The events no other event follows yet, in replay order. */
  heads: string[];
  /** More than one head: the case was recorded on two tablets at once and is not merged yet. */
  forked: boolean;
  /** Per head, the steps on its branch since the branches parted (empty when not forked). */
  branches: { head: string; steps: BranchStep[] }[];
  /**
   * R7.2: review decisions made apart (neither knew of the other), that differ, and that no later
   * decision made knowing both has replaced. Each needs a new decision.
   */
  decisionsMadeApart: string[];
  /** Steps the replay could not apply in the merged order (e.g. both tablets closed the case), with why. */
  notApplied: { eventId: string; type: CaseEvent['type']; reasons: string[] }[];
  /** Tablets that recorded steps of this case (opaque ids), in first-seen replay order. */
  devices: string[];
};

/** Ancestors-or-self of each node of `order` (which is topological), as sets of indexes. */
function ancestry(order: readonly DagNode[]): Set<number>[] {
  const index = new Map(order.map((n, i) => [n.event.id, i]));
  const out: Set<number>[] = [];
  order.forEach((n, i) => {
    const set = new Set<number>([i]);
    for (const p of n.parents) {
      const j = index.get(p);
      if (j !== undefined) for (const k of out[j]!) set.add(k);
    }
    out.push(set);
  });
  return out;
}

const decisionGist = (e: CaseEvent): string =>
  e.type === 'review.decided' ? JSON.stringify([e.decision.typology, [...e.decision.routes].sort()]) : '';

/** The DAG's state after replaying `order` (skipped: events the machine did not apply, with why). */
export function branchState(order: readonly DagNode[], notApplied: BranchState['notApplied'] = []): BranchState {
  const anc = ancestry(order);
  const hasChild = new Set<string>();
  for (const n of order) for (const p of n.parents) hasChild.add(p);
  const headIdx = order.map((_, i) => i).filter((i) => !hasChild.has(order[i]!.event.id));
  const heads = headIdx.map((i) => order[i]!.event.id);
  const forked = heads.length > 1;
  let branches: BranchState['branches'] = [];
  if (forked) {
    const common = [...anc[headIdx[0]!]!].filter((k) => headIdx.every((h) => anc[h]!.has(k)));
    const shared = new Set(common);
    branches = headIdx.map((h) => ({
      head: order[h]!.event.id,
      steps: [...anc[h]!]
        .filter((k) => !shared.has(k))
        .sort((a, b) => a - b)
        .map((k) => stepOf(order[k]!, k + 1)),
    }));
  }
  const decisions = order.map((n, i) => ({ n, i })).filter(({ n }) => n.event.type === 'review.decided');
  const apart = new Set<string>();
  for (const a of decisions) {
    for (const b of decisions) {
      if (a.i >= b.i || anc[b.i]!.has(a.i) || decisionGist(a.n.event) === decisionGist(b.n.event)) continue;
      const settled = decisions.some((d) => d.i !== a.i && d.i !== b.i && anc[d.i]!.has(a.i) && anc[d.i]!.has(b.i));
      if (!settled) apart.add(a.n.event.id).add(b.n.event.id);
    }
  }
  const devices: string[] = [];
  for (const n of order) if (!devices.includes(n.device)) devices.push(n.device);
  return {
    heads,
    forked,
    branches,
    decisionsMadeApart: order.filter((n) => apart.has(n.event.id)).map((n) => n.event.id),
    notApplied,
    devices,
  };
}

function stepOf(n: DagNode, position: number): BranchStep {
  return {
    position,
    eventId: n.event.id,
    type: n.event.type,
    by: n.event.actor,
    recordedAt: n.event.recordedAt,
    device: n.device,
    ...(n.event.tablet ? { tablet: n.event.tablet } : {}),
  };
}

/**
 * The parents of a new event recorded on `device`: the one head when the case is not forked; a
 * merge names every head; any other step continues this tablet's own branch (the head whose
 * branch holds this tablet's latest step, else the last head in replay order), so the fork stays
 * shown until a person merges it.
 */
export function parentsForNew(
  state: BranchState | undefined,
  lastEventId: string | null,
  device: string,
  merge: boolean,
): string[] {
  if (!state) return lastEventId ? [lastEventId] : [];
  if (merge || state.heads.length <= 1) return [...state.heads];
  let best: { head: string; at: number } | null = null;
  for (const b of state.branches)
    for (const s of b.steps)
      if (s.device === device && (!best || s.position > best.at)) best = { head: b.head, at: s.position };
  return [best ? best.head : state.heads[state.heads.length - 1]!];
}
