// What happened: R6.4 (coercion, blackmail, grooming, capacity to consent), R6.5 (unusual or violent
// content), R6.6 (immediate risk of harm) and R4.5 (harm done or threatened, at any stage).
import type { IncidentFacts, Person, Tri } from '../types';
import { reason, type Reason } from '../reasons';
import { anyTri } from './age';
import { named, standalone, type TriggerResult } from './triggerParts';

/**
 * R6.4: coercion, blackmail, grooming, or a concern about capacity to consent (SEN is a prompt).
 * Demands for money, gifts or more images (financially motivated sexual extortion, national
 * guidance UKCIS 2024) are blackmail in the policy's words.
 */
export function coercionTrigger(facts: IncidentFacts, yp: readonly Person[], aggravated: boolean): TriggerResult {
  const r64 = anyTri([
    facts.coercionOrGrooming,
    facts.extortionOrBlackmail,
    facts.capacityConcern,
    facts.sextortionDemands,
  ]);
  const r64Reasons: Reason[] = [];
  if (facts.coercionOrGrooming === 'yes')
    r64Reasons.push(reason('R6.4', 'There is reason to believe a young person was coerced, pressured or groomed.'));
  if (facts.extortionOrBlackmail === 'yes')
    r64Reasons.push(reason('R6.4', 'A young person is being blackmailed or extorted.'));
  if (facts.sextortionDemands === 'yes') {
    r64Reasons.push(
      reason(
        'R6.4',
        'Someone has demanded money, gifts or more images from a young person: this is blackmail (financially motivated sexual extortion, in national guidance).',
      ),
    );
  }
  if (facts.capacityConcern === 'yes')
    r64Reasons.push(reason('R6.4', "There is a concern about a young person's capacity to consent."));
  if (r64 === 'unknown') {
    const open = [
      facts.coercionOrGrooming === 'unknown' && 'coercion, pressure or grooming',
      facts.extortionOrBlackmail === 'unknown' && 'blackmail',
      facts.capacityConcern === 'unknown' && 'capacity to consent',
      facts.sextortionDemands === 'unknown' && 'whether anyone demanded money, gifts or more images',
    ].filter(Boolean);
    r64Reasons.push(
      reason('R6.4', `Not yet known: ${open.join(', ')}. Any of these would mean an immediate MASH referral.`, {
        unknown: true,
      }),
    );
  }
  const sen = yp.filter((p) => p.sen === 'yes');
  if (sen.length > 0 && facts.capacityConcern !== 'yes') {
    r64Reasons.push(
      reason(
        'R6.4',
        `${sen.map(named).join(', ')} has special educational needs: consider whether that raises a concern about capacity to consent. SEN is a prompt for that question, not a trigger on its own.`,
      ),
    );
  }
  return standalone(aggravated, 'R6.4', r64, r64Reasons);
}

/** R6.5: content unusual for the developmental stage, or violent. */
export function contentTrigger(facts: IncidentFacts, aggravated: boolean): TriggerResult {
  return standalone(
    aggravated,
    'R6.5',
    facts.unusualOrViolentContent,
    facts.unusualOrViolentContent === 'no'
      ? []
      : [
          facts.unusualOrViolentContent === 'yes'
            ? reason(
                'R6.5',
                'What is known of the imagery suggests sexual acts unusual for the young person’s stage of development, or violence.',
              )
            : reason(
                'R6.5',
                'Not yet known whether the imagery shows sexual acts unusual for their age or violence. Find out without looking (R13.3).',
                { unknown: true },
              ),
        ],
  );
}

/** R6.6 and R4.5: immediate risk of harm, at any stage. */
export function immediateRiskTrigger(facts: IncidentFacts, aggravated: boolean): TriggerResult {
  const r66: Tri = facts.immediateRiskOfHarm === 'yes' || facts.dangerNow === 'yes' ? 'yes' : facts.immediateRiskOfHarm;
  return standalone(
    aggravated,
    'R6.6',
    r66,
    r66 === 'no'
      ? []
      : r66 === 'yes'
        ? [
            reason(
              'R6.6',
              'A young person is at immediate risk of harm (for example presenting as suicidal or self-harming).',
            ),
            reason(
              'R4.5',
              'A concern that a young person has been harmed or is at risk of harm means an immediate referral, at any stage. This overrides every other route.',
            ),
          ]
        : [
            reason(
              'R6.6',
              'Not yet known whether a young person is at immediate risk of harm. Establish this first (R5.1).',
              { unknown: true },
            ),
          ],
  );
}

/**
 * R4.5 (and R18.5): harm already done or threatened, at any stage and whatever the typology or the
 * risk tool says. Sexual abuse is harm already done, in R4.5's own words ("has been harmed"); threats
 * are a risk of harm under the labelled reading R18.5. Unknown is never no: while either is not
 * known, the school cannot decide to manage the incident alone.
 */
export function harmTrigger(facts: IncidentFacts): TriggerResult {
  const r45 = anyTri([facts.sexualAbuse, facts.threats]);
  const r45Reasons: Reason[] = [];
  if (facts.sexualAbuse === 'yes') {
    r45Reasons.push(
      reason(
        'R4.5',
        "Sexual abuse is recorded: a young person has been harmed. Refer to children's social care and/or the police immediately, whatever the typology or the risk tool says.",
      ),
    );
  }
  if (facts.threats === 'yes') {
    r45Reasons.push(
      reason(
        'R4.5',
        "Threats are recorded: a young person is at risk of harm. Refer to children's social care and/or the police immediately, whatever the typology or the risk tool says.",
        {
          reading: 'R18.5',
        },
      ),
    );
  }
  if (r45 === 'unknown') {
    const open = [
      facts.sexualAbuse === 'unknown' && 'whether there is any sexual abuse',
      facts.threats === 'unknown' && 'whether there have been threats',
    ].filter(Boolean);
    r45Reasons.push(
      reason(
        'R4.5',
        `Not yet known ${open.join(', or ')}. Either would mean a young person has been harmed or is at risk of harm: an immediate referral, at any stage.`,
        { unknown: true },
      ),
    );
  }
  return { id: 'R4.5', applies: true, value: r45, fires: r45, reasons: r45Reasons };
}
