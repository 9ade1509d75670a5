// What a sign-off needs (R14.3): the right signer, never the one who decided, and their signature; a deputy says why.
import { needsSignOff, validSignOff } from './owed';
import { gate, reason, refuse, type Explanation, type Reason } from './reasons';
import { currentDecision, type CaseRecord } from './case';
import type { CaseEventOf } from './events';
import { newDecisionNeeded } from './owed';
import { may } from './permissions';
import { ROLE_LABELS } from './stages';
import { blank } from './blank';
import { explainSignature } from './signatureGate';

/** R14.3: a decision not to refer is signed off by the Headteacher (or, recorded, someone in their place). */
export function explainSignOff(
  c: CaseRecord,
  e: Pick<CaseEventOf<'signoff.signed'>, 'decisionId' | 'signature' | 'inPlaceOfHeadteacher' | 'actor'>,
): Explanation {
  const decision = c.decisions.find((d) => d.decisionId === e.decisionId);
  if (!decision) return refuse(reason('R14.3', 'There is no recorded decision to sign off.'));
  if (currentDecision(c)?.decisionId !== e.decisionId) {
    return refuse(reason('R14.3', 'This decision has been replaced by a later one; sign off the current decision.'));
  }
  if (!needsSignOff(c, decision))
    return refuse(reason('R14.3', 'This decision refers the case, so it needs no Headteacher sign-off.'));
  if (validSignOff(c, decision)) return refuse(reason('R14.3', 'This decision is already signed off.'));
  const stale = newDecisionNeeded(c);
  if (stale) return refuse(reason('R6.9', `${stale.text} Sign off the new decision once it is recorded.`));
  // R14.3: whoever made the decision never signs it off, as the Headteacher or in their place.
  if (e.actor.userId === decision.by.userId) {
    return refuse(
      reason(
        'R14.3',
        `${decision.by.name} made this decision, so cannot sign it off. The Headteacher signs it off, or someone else in their place, recording why.`,
      ),
    );
  }
  const blockers: Reason[] = [...explainSignature(e.signature, 'Signature', 'signature')];
  if (!may(e.actor.role, 'sign-off-as-headteacher') && blank(e.inPlaceOfHeadteacher)) {
    blockers.push(
      reason(
        'R14.3',
        `The Headteacher signs off a decision not to refer. As ${ROLE_LABELS[e.actor.role]}, record why you sign in their place (for example, the Headteacher is the DSL or is absent).`,
        { field: 'inPlaceOfHeadteacher' },
      ),
    );
  }
  return gate(blockers, reason('R14.3', 'The decision not to refer is signed off.'));
}
