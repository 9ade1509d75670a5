// What the case screens need from storage, as one small interface: load a case, record a step.
// The storage layer implements it for real; tests may use the in-memory one (which runs the
// same domain machine).
import type { CaseEvent } from '../../domain/events';
import type { CaseSnapshot } from '../../domain/machine';
import type { Actor } from '../../domain/types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A step as the screens write it: storage stamps id, actor and recordedAt. */
export type EventDraft = DistributiveOmit<CaseEvent, 'id' | 'recordedAt' | 'actor'> & { occurredAt: string };

/** The signed-in key holder's passphrase and the second key holder's, typed at the moment (never stored). */
export interface TwoKeyHolders {
  passphrase: string;
  secondPassphrase: string;
}

export interface LoadedCase {
  snapshot: CaseSnapshot;
  events: CaseEvent[];
}

/** Another case made of the same staff disclosure as this one (accepted on two tablets apart, docs/SYNC.md). */
export interface SameDisclosureCase {
  caseId: string;
  reference: string;
  /** When it was accepted (ISO). */
  at: string;
  /** Accepted on this tablet (else on another). */
  here: boolean;
}

export interface CaseGateway {
  actor: Actor;
  load(caseId: string): Promise<LoadedCase>;
  /**
   * Record one step; rejects with the domain's RejectedEventError when the machine refuses it. A
   * review date brought forward (issue 15) names the second key holder in the draft (`approvedBy`)
   * and gives both passphrases in `keys`; storage checks them and works out the date it replaces.
   */
  record(caseId: string, draft: EventDraft, keys?: TwoKeyHolders): Promise<LoadedCase>;
  /** The other cases made of the same staff disclosure as this one; absent where none can exist. */
  sameDisclosureCases?(caseId: string): Promise<SameDisclosureCase[]>;
}
