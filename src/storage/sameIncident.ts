// Owns recording that two cases of one staff disclosure are the same incident (docs/SYNC.md, "One
// disclosure, two tablets"; the rules are src/domain/sameIncident*.ts). Only a pair this tablet finds
// accepted twice (acceptedElsewhere.ts: the same staff disclosure id in both cases) can be recorded;
// a step is written into each case as an ordinary step of its chain (appendEvent), the case carried
// on first, so an interruption leaves the duplicate open and owing, never closed with no trace in the
// other. Nothing recorded in either case is changed.
import { RejectedEventError } from '../domain/machine';
import type { CaseEventOf } from '../domain/events';
import { explainSameIncidentNow, sameIncidentPlan } from '../domain/sameIncidentGates';
import { type Acceptance, acceptedTwice } from './acceptedElsewhere';
import type { LoadedCase, StepResult } from './cases';
import type { EventDraft } from './caseSteps';
import { StorageError } from './errors';
import type { Session } from './keys/session';

type Load = (session: Session, caseId: string) => Promise<LoadedCase>;
type Append = (session: Session, caseId: string, draft: EventDraft) => Promise<StepResult>;

/** The other cases made of the same staff disclosure as this one, as this tablet finds them (acceptedElsewhere.ts). */
export async function sameDisclosureCases(session: Session, caseId: string): Promise<Acceptance[]> {
  const twice = await acceptedTwice(session);
  const mine = twice.find((t) => t.cases.some((c) => c.caseId === caseId));
  return mine ? mine.cases.filter((c) => c.caseId !== caseId) : [];
}

/**
 * Before a same-incident step is written into case `caseId` (called by appendEvent): with both cases
 * in hand, the domain's checks (same staff disclosure, words, what it replaces, no chain, every later
 * step listed). Refused: RejectedEventError with the domain's reasons, nothing written.
 */
export async function checkSameIncidentStep(
  session: Session,
  caseId: string,
  event: CaseEventOf<'same-incident.recorded'>,
  load: Load,
): Promise<void> {
  const otherId = event.closed.caseId === caseId ? event.kept.caseId : event.closed.caseId;
  const [mine, other] = await Promise.all([load(session, caseId), load(session, otherId)]);
  const why = explainSameIncidentNow(mine.snapshot.context, other.snapshot.context, event, mine.events);
  if (!why.allowed) throw new RejectedEventError(event, why);
}

/**
 * Records `closedCaseId` as the same incident as `keptCaseId`, which carries it on: a step in each.
 * Only for two cases this tablet finds made of the same staff disclosure.
 */
export async function recordSameIncident(
  session: Session,
  closedCaseId: string,
  keptCaseId: string,
  words: { reason: string; carriedOver: string; occurredAt: string },
  io: { load: Load; append: Append },
): Promise<void> {
  if (!(await sameDisclosureCases(session, closedCaseId)).some((c) => c.caseId === keptCaseId))
    throw new StorageError(
      'These two cases are not one staff disclosure accepted twice on this tablet’s records: they cannot be recorded as the same incident.',
    );
  const [closed, kept] = await Promise.all([io.load(session, closedCaseId), io.load(session, keptCaseId)]);
  const plan = sameIncidentPlan(
    { record: closed.snapshot.context, events: closed.events },
    kept.snapshot.context,
    words,
  );
  if (plan.kept) await io.append(session, keptCaseId, { ...plan.kept, actor: session.actor });
  await io.append(session, closedCaseId, { ...plan.closed, actor: session.actor });
}
