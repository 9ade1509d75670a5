// An in-memory CaseGateway over the real domain machine, for screen tests and the policy trainer.
import { initialSnapshot, step } from '../../domain/machine';
import type { CaseEvent } from '../../domain/events';
import type { Actor } from '../../domain/types';
import type { CaseGateway, EventDraft, LoadedCase } from './gateway';
import { staffDisclosureId } from '../../domain/sameIncident';

export function memoryGateway(
  actor: Actor,
  now: () => Date = () => new Date(),
): CaseGateway & { cases: Map<string, LoadedCase> } {
  const cases = new Map<string, LoadedCase>();
  let n = 0;
  return {
    actor,
    cases,
    async load(caseId) {
      const c = cases.get(caseId);
      if (!c) throw new Error(`No case ${caseId}`);
      return c;
    },
    async record(caseId, draft: EventDraft) {
      const current = cases.get(caseId) ?? { snapshot: initialSnapshot(), events: [] };
      n += 1;
      const event = { ...draft, id: `m${n}`, actor, recordedAt: now().toISOString() } as CaseEvent;
      const snapshot = step(current.snapshot, event);
      const next = { snapshot, events: [...current.events, event] };
      cases.set(caseId, next);
      return next;
    },
    // The other cases held here made of the same staff disclosure (storage finds them by acceptance).
    async sameDisclosureCases(caseId) {
      const mine = cases.get(caseId);
      const id = mine ? staffDisclosureId(mine.snapshot.context) : null;
      if (!id) return [];
      return [...cases]
        .filter(([other, c]) => other !== caseId && staffDisclosureId(c.snapshot.context) === id)
        .map(([other, c]) => ({
          caseId: other,
          reference: c.snapshot.context.reference,
          at: c.snapshot.context.disclosure?.recordedAt ?? '',
          here: true,
        }));
    },
  };
}
