// Gates: each says whether an event may be recorded now, and why (issue 2). The machine's guards
// call `explain`; the UI shows its reasons. Nothing here reads the clock: times come from events.
import { explainMerge } from './merge';
import { youngPeople } from './rules/triggers';
import { allow, gate, reason, refuse, type Explanation, type Reason } from './reasons';
import { referenceDate, type CaseRecord } from './case';
import type { CaseEvent, CaseEventOf, CaseEventType, Disclosure } from './events';
import { owedBlocking, parentsToInform } from './owed';
import { mayRecord, refusalFor } from './permissions';
import { ROLE_LABELS, STAGE_ACCEPTS, STAGE_LABELS, type Stage } from './stages';
import { explainRetentionEvent } from './retentionGates';
import { blank } from './blank';
import { EVENT_LABELS } from './eventLabels';
import { explainDeletionPlan, explainDeletionConfirmed } from './deletionGates';
import { explainViewingJustified, explainViewingRecorded } from './viewingGates';
import { explainSetBack, explainDecision } from './decisionGates';
import { explainSignOff } from './signOffGate';
import { refusedAsSameIncident } from './sameIncident';
import { explainSameIncident } from './sameIncidentGates';
export { explainSignOff } from './signOffGate';
export { recommendedRoutesFor, decisionOverride, explainDecision } from './decisionGates';
export { explainDeletion } from './deletionGates';
export { EVENT_LABELS } from './eventLabels';

function stageRefusal(stage: Stage, type: CaseEventType): Reason {
  if (stage === 'closed')
    return reason('R14.1', `This case is closed. Reopen it, with a reason, to ${EVENT_LABELS[type].toLowerCase()}.`);
  if (stage === 'new') return reason('R14.1', 'The case has not been opened yet.');
  if (stage === 'disclosure')
    return reason('R4.1', `Record the disclosure first. "${EVENT_LABELS[type]}" comes after it.`);
  if (type === 'case.closed')
    return reason(
      'R14.1',
      `A case can be closed once the response is under way, not at the ${STAGE_LABELS[stage].toLowerCase()} stage.`,
    );
  if (type === 'case.reopened') return reason('R14.1', 'Only a closed case can be reopened.');
  if (type === 'risk.assessed') return reason('R8', 'The further risk assessment follows the initial review decision.');
  return reason('R4.2', `"${EVENT_LABELS[type]}" is not available at the ${STAGE_LABELS[stage].toLowerCase()} stage.`);
}

/**
 * R4.6: what a disclosure must say, whoever records it: the DSL in a case, or a member of staff on
 * the sealed inbox page (which asks this before sealing, so the DSL never receives an empty one).
 */
export function disclosureAnswerProblems(
  d: Pick<Disclosure, 'disclosedBy' | 'disclosedTo' | 'account'>,
  persons: readonly unknown[],
): Reason[] {
  const blockers: Reason[] = [];
  if (blank(d.disclosedBy)) blockers.push(reason('R4.6', 'Record who disclosed.', { field: 'disclosedBy' }));
  if (blank(d.disclosedTo)) blockers.push(reason('R4.6', 'Record who they told.', { field: 'disclosedTo' }));
  if (blank(d.account))
    blockers.push(reason('R4.6', 'Record what was said, in their own words.', { field: 'account' }));
  if (persons.length === 0)
    blockers.push(reason('R4.6', 'Record at least one young person involved.', { field: 'persons' }));
  return blockers;
}

/** R9: parents informed, unless that would put the young person at risk (recorded with its reason). */
function explainParents(c: CaseRecord, e: CaseEventOf<'parents.recorded'>): Explanation {
  const person = youngPeople(c.facts.persons, referenceDate(c)).find((p) => p.id === e.personId);
  if (!person) return refuse(reason('R9.1', 'Choose a young person involved in this case.', { field: 'personId' }));
  if (!parentsToInform(c).some((p) => p.id === person.id))
    return refuse(
      reason(
        'R9.1',
        'This is someone met online: the school does not inform their parents. Tell the MASH or the police what is known.',
        { field: 'personId' },
      ),
    );
  if (e.decision === 'not-informed') {
    const blockers: Reason[] = [];
    if (blank(e.reason))
      blockers.push(
        reason('R9.1', 'Record why informing the parents or carers would put the young person at risk of harm.', {
          field: 'reason',
        }),
      );
    if (!e.agreedWith || e.agreedWith === 'none')
      blockers.push(
        reason(
          'R9.2',
          'Not telling parents because of a risk needs the agency consulted: record whether the MASH or the police agreed it; they generally lead on when parents are told.',
          { field: 'agreedWith' },
        ),
      );
    return gate(blockers, reason('R9.2', 'The decision not to inform parents, and its reason, are recorded.'));
  }
  return allow(reason(e.decision === 'informed' ? 'R9.1' : 'R9.3', 'Parents and carers: recorded.'));
}

/** What must be true before a case is closed (R14.1): nothing is owed to the policy (owed.ts). */
export function explainClosing(c: CaseRecord): Explanation {
  return gate(
    owedBlocking(c, 'close'),
    reason('R14.1', 'Everything the policy asks for is recorded: the case can be closed.'),
  );
}

/**
 * Discarding a case opened by mistake (issue 14): only while nothing but its opening is recorded,
 * so no record of an incident is ever discarded (R14.1: every incident is recorded; a case with
 * anything in it is closed with a summary instead). The case and its chain stay; it leaves the list.
 */
export function explainDiscard(c: CaseRecord, e: CaseEventOf<'case.discarded'>): Explanation {
  const recorded = c.eventCount - 1;
  if (recorded > 0) {
    return refuse(
      reason(
        'R14.1',
        `Only a case with nothing recorded in it can be discarded. This one has ${recorded} thing${recorded === 1 ? '' : 's'} recorded: close it with a summary instead.`,
      ),
    );
  }
  if (blank(e.reason)) return refuse(reason('R14.1', 'Say why the case is discarded.', { field: 'reason' }));
  return allow(
    reason(
      'R14.1',
      'The empty case is discarded: it leaves the list of cases, and the record that it was opened and discarded is kept.',
    ),
  );
}

/** Explain any event: is it allowed now, and why (not)? */
export function explain(stage: Stage, c: CaseRecord, e: CaseEvent): Explanation {
  if (!mayRecord(e.actor.role, e.type)) {
    const refusal = refusalFor(e.actor.role, e.type);
    return refuse(
      reason(
        refusal.rule,
        `As ${ROLE_LABELS[e.actor.role]} you cannot ${EVENT_LABELS[e.type].toLowerCase()}. ${refusal.instead}`,
      ),
    );
  }
  if (c.discarded)
    return refuse(
      reason('R14.1', 'This case was discarded: it was opened by mistake and nothing can be recorded in it.'),
    );
  const sameIncident = refusedAsSameIncident(c, e);
  if (sameIncident) return sameIncident;
  // Past the first stage a case always holds something: say so, rather than name the stage.
  if (e.type === 'case.discarded' && stage !== 'new' && !STAGE_ACCEPTS[stage].includes(e.type))
    return explainDiscard(c, e);
  if (!STAGE_ACCEPTS[stage].includes(e.type)) return refuse(stageRefusal(stage, e.type));
  const ok = (rule: Parameters<typeof reason>[0], text: string): Explanation => allow(reason(rule, text));
  switch (e.type) {
    case 'case.opened':
      return blank(e.reference)
        ? refuse(reason('R14.1', 'A case needs a reference.'))
        : ok('R14.1', 'Every incident is recorded.');
    case 'disclosure.recorded': {
      if (c.disclosure)
        return refuse(
          reason(
            'R14.1',
            'The disclosure is already recorded. Amend an answer instead; the earlier answer stays visible.',
          ),
        );
      return gate(
        disclosureAnswerProblems(e.disclosure, e.persons),
        reason('R4.1', 'The disclosure is recorded for the DSL.'),
      );
    }
    case 'facts.updated':
      return gate(
        explainSetBack(c, e.facts, e.note),
        reason('R6.9', 'New facts are recorded and the triggers re-checked.'),
      );
    case 'review.decided':
      return explainDecision(c, e.decision, e.facts, e.changeReason);
    case 'advice.sought':
      return blank(e.who) || blank(e.advice)
        ? refuse(
            reason(e.agency === 'social-care' ? 'R10.3' : 'R7.4', 'Record who you spoke to and what they advised.', {
              field: blank(e.who) ? 'who' : 'advice',
            }),
          )
        : ok(e.agency === 'social-care' ? 'R10.3' : 'R7.4', 'The advice is recorded.');
    case 'deletion.refused': {
      if (!c.deletion?.items.some((i) => i.personId === e.personId && i.where === e.where))
        return refuse(reason('R12.2', 'This device or service is not in the deletion plan.'));
      const blockers: Reason[] = [];
      if (blank(e.note)) blockers.push(reason('R12.4', 'Record what the young person said.', { field: 'note' }));
      if (!e.reminderGiven)
        blockers.push(
          reason(
            'R12.4',
            'Remind the young person that keeping the imagery is illegal, and that refusing to delete it is an offence the police may become involved in.',
            { field: 'illegalityReminderGiven' },
          ),
        );
      return gate(blockers, reason('R12.4', 'The refusal, and the reminder given, are recorded.'));
    }
    case 'referral.made':
      if (c.referrals.some((r) => r.id === e.referralId))
        return refuse(reason('R14.2', 'This referral is already recorded.'));
      return blank(e.to)
        ? refuse(reason('R14.2', 'Record who the referral was made to.', { field: 'to' }))
        : ok('R14.2', 'The referral is recorded.');
    case 'referral.outcome': {
      const r = c.referrals.find((x) => x.id === e.referralId);
      if (!r) return refuse(reason('R14.2', 'There is no such referral.'));
      if (r.outcome) return refuse(reason('R14.2', 'This referral already has an outcome; amend it with a reason.'));
      return blank(e.outcome)
        ? refuse(reason('R14.2', 'Record the outcome.', { field: 'outcome' }))
        : ok('R14.2', 'The outcome is recorded (tenacity in follow-up).');
    }
    case 'risk.assessed':
      return blank(e.tool)
        ? refuse(reason('R6.3', 'Name the local risk tool used.', { field: 'tool' }))
        : gate(explainSetBack(c, e.facts, e.changeReason), reason('R8', 'The risk assessment is recorded.'));
    case 'parents.recorded':
      return explainParents(c, e);
    case 'conversation.recorded': {
      const blockers: Reason[] = [];
      if (blank(e.conductedBy))
        blockers.push(reason('R13.1', 'Record who spoke with the young person.', { field: 'conductedBy' }));
      if (blank(e.summary))
        blockers.push(reason('R13.1', 'Record a summary of the conversation.', { field: 'summary' }));
      return gate(blockers, reason('R13.3', 'The conversation is recorded.'));
    }
    case 'viewing.justified':
      return explainViewingJustified(c, e);
    case 'viewing.recorded':
      return explainViewingRecorded(c, e);
    case 'support.offered':
      return blank(e.to)
        ? refuse(reason('R11.5', 'Record who was offered support.', { field: 'to' }))
        : ok('R11.5', 'Support offered is recorded.');
    case 'deletion.planned':
      return explainDeletionPlan(c, e);
    case 'deletion.confirmed':
      return explainDeletionConfirmed(c, e);
    case 'device.secured': {
      const blockers: Reason[] = [];
      if (blank(e.description))
        blockers.push(reason('R10.2', 'Describe the device (never its contents).', { field: 'description' }));
      if (!e.switchedOff) blockers.push(reason('R10.2', 'Turn the device off.', { field: 'switchedOff' }));
      if (!e.lockedAway)
        blockers.push(
          reason('R10.2', 'Place it under lock and key until the police collect it.', { field: 'lockedAway' }),
        );
      return gate(blockers, reason('R10.2', 'The device is switched off and locked away for the police.'));
    }
    case 'device.collected': {
      const d = c.devices.find((x) => x.id === e.deviceId);
      if (!d) return refuse(reason('R10.2', 'There is no such secured device.'));
      if (d.collected) return refuse(reason('R10.2', 'This device has already been collected.'));
      return blank(e.collectedBy)
        ? refuse(reason('R10.2', 'Record who collected the device.', { field: 'collectedBy' }))
        : ok('R10.2', 'The handover is recorded.');
    }
    case 'social-care.contacted':
      return blank(e.to)
        ? refuse(reason('R10.3', "Record who at children's social care was contacted.", { field: 'to' }))
        : ok('R10.3', 'The contact is recorded.');
    case 'removal.reported':
      return blank(e.note)
        ? refuse(reason('R15.1', 'Describe what was done, and by whom.', { field: 'note' }))
        : ok('R15.1', 'The report is recorded. The app uploads nothing.');
    case 'signoff.signed':
      return explainSignOff(c, e);
    case 'escalated':
      return blank(e.reason)
        ? refuse(reason('R4.5', 'Record why you are escalating.', { field: 'reason' }))
        : ok('R4.5', 'Escalated: make the referral now.');
    case 'branches.merged':
      return explainMerge(c, e);
    case 'same-incident.recorded':
      return explainSameIncident(c, e);
    case 'note.added':
      return blank(e.text)
        ? refuse(reason('R14.1', 'The note is empty.', { field: 'text' }))
        : ok('R14.1', 'The note is recorded.');
    case 'answer.amended':
      return blank(e.reason)
        ? refuse(reason('R14.1', 'An amendment needs a reason; the earlier answer stays visible.', { field: 'reason' }))
        : ok('R14.1', 'The amendment is recorded beside the original.');
    case 'case.closed':
      return blank(e.summary)
        ? refuse(reason('R14.1', 'Write a closing summary.', { field: 'summary' }))
        : explainClosing(c);
    case 'case.reopened':
      return blank(e.reason)
        ? refuse(reason('R14.1', 'Record why the case is reopened.', { field: 'reason' }))
        : ok('R7.2', 'The case is reopened; the decision is reviewed.');
    case 'case.discarded':
      return explainDiscard(c, e);
    case 'retention.date-set':
    case 'legal-hold.set':
    case 'legal-hold.lifted':
    case 'retention.reviewed':
      return explainRetentionEvent(stage, c, e);
  }
}
