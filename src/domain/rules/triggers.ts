// R6 (as R6.7 reads it), R4.5 and R17: the immediate-referral triggers, each yes, no or unknown.
import type { IncidentFacts, Person, Tri, Typology } from '../types';
import { reason, type Reason } from '../reasons';
import type { RuleId } from './catalogue';
import { ageRange, anyTri, describeAge, isAdult, isTwelveOrUnder, type AgeReference } from './age';
import { adultInvolvement } from './typology';

export type TriggerId = 'R6.1' | 'R6.2' | 'R6.3' | 'R6.4' | 'R6.5' | 'R6.6' | 'R4.5' | 'R17.under13';

export interface TriggerResult {
  id: TriggerId;
  /** Does this trigger apply to the typology assessed (R6.1 and R6.3 only to aggravated, R6.7)? */
  applies: boolean;
  /** The answer the facts give, whether or not it applies. */
  value: Tri;
  /** applies && value: 'yes' means refer now, 'unknown' means it could. */
  fires: Tri;
  reasons: Reason[];
}

export function youngPeople(persons: readonly Person[], referenceDate?: AgeReference): Person[] {
  return persons.filter((p) => isAdult(p, referenceDate) !== 'yes');
}

function mayBeThirteenToSeventeen(p: Person, referenceDate?: AgeReference): boolean {
  const r = ageRange(p, referenceDate);
  return r.max >= 13 && r.min <= 17;
}

function named(p: Person): string {
  return p.name.trim() || 'a person involved';
}

/** R17 harmful box: harm, vulnerability or no consent makes the risk tools apply to experimental incidents. */
export function harmfulOrVulnerable(facts: IncidentFacts): Tri {
  // SEN is left out on purpose: it prompts the capacity-to-consent question (R6.4), and is never a
  // trigger on its own (issue 2). A capacity concern, once recorded, counts.
  const vulnerable = facts.persons.some(
    (p) => Boolean(p.otherVulnerabilities?.trim()) || p.socialCare === 'current' || p.socialCare === 'possible',
  );
  if (vulnerable) return 'yes';
  return anyTri([facts.harmOrDistress, facts.sharedWithoutConsent, facts.capacityConcern]);
}

/** Evaluate every trigger for the typology given (the DSL's confirmed one, or the proposal). */
export function evaluateTriggers(
  facts: IncidentFacts,
  typology: Typology,
  referenceDate?: AgeReference,
): TriggerResult[] {
  const yp = youngPeople(facts.persons, referenceDate);
  const aggravated = typology === 'aggravated';
  const results: TriggerResult[] = [];
  const standalone = (id: TriggerId, value: Tri, reasons: Reason[]): void => {
    // R6.7: the source's letter makes these conditional on aggravated; the reading does not.
    const withReading =
      !aggravated && value !== 'no'
        ? [
            ...reasons,
            reason(
              'R6.7',
              'The source lists this under aggravated incidents; its own base (UKCCIS 2016) and R4.5 make it a trigger on its own, so we apply it to this experimental incident too.',
              { reading: 'R6.7' },
            ),
          ]
        : reasons;
    results.push({ id, applies: true, value, fires: value, reasons: withReading });
  };

  // R6.1: any young person 12 or under (aggravated only).
  const under13 = anyTri(yp.map((p) => isTwelveOrUnder(p, referenceDate)));
  const under13Names = yp.filter((p) => isTwelveOrUnder(p, referenceDate) !== 'no');
  results.push({
    id: 'R6.1',
    applies: aggravated,
    value: under13,
    fires: aggravated ? under13 : 'no',
    reasons:
      under13 === 'no'
        ? []
        : [
            reason(
              'R6.1',
              under13 === 'yes'
                ? `${under13Names
                    .filter((p) => isTwelveOrUnder(p, referenceDate) === 'yes')
                    .map((p) => `${named(p)} is ${describeAge(p, referenceDate)}`)
                    .join('; ')}: 12 or under.`
                : `Not known whether ${under13Names.map((p) => `${named(p)} (${describeAge(p, referenceDate)})`).join(', ')} is 12 or under.`,
              under13 === 'unknown' ? { unknown: true } : {},
            ),
          ],
  });

  // R6.2: an adult is involved (on its own, R6.7).
  const adult = adultInvolvement(facts.persons, referenceDate);
  const adults = facts.persons.filter((p) => isAdult(p, referenceDate) !== 'no');
  standalone(
    'R6.2',
    adult,
    adult === 'no'
      ? []
      : adult === 'yes'
        ? [
            reason(
              'R6.2',
              `${adults
                .filter((p) => isAdult(p, referenceDate) === 'yes')
                .map(named)
                .join(', ')} is an adult (18 or over).`,
            ),
          ]
        : adults.map((p) =>
            reason(
              'R6.2',
              p.onlineContact
                ? `${named(p)} was met online${typeof p.ageYears === 'number' ? ` and says they are ${p.ageYears}, which cannot be checked` : ' and their age is unknown'}: they may be an adult.`
                : `${named(p)} is ${describeAge(p, referenceDate)} and may be an adult.`,
              { unknown: true },
            ),
          ),
  );

  // R6.3 (and R17 for experimental incidents with harm, vulnerability or no consent): 13-17 and high risk.
  const teenagers = yp.filter((p) => mayBeThirteenToSeventeen(p, referenceDate));
  const harmful = harmfulOrVulnerable(facts);
  const r63Applies = teenagers.length > 0 && (aggravated || harmful !== 'no');
  const tool = facts.riskTool;
  const r63Value: Tri = tool === null ? 'unknown' : tool.level === 'high' ? 'yes' : 'no';
  const r63Rule: RuleId = aggravated ? 'R6.3' : 'R17';
  results.push({
    id: 'R6.3',
    applies: r63Applies,
    value: r63Value,
    fires: r63Applies ? r63Value : 'no',
    reasons: !r63Applies
      ? []
      : tool === null
        ? [
            reason(
              r63Rule,
              `The local risk tool has not been applied yet. For young people aged 13 to 17 it is applied during the initial review: a high result means an immediate MASH referral.${
                !aggravated && harmful === 'unknown'
                  ? ' (It applies to this experimental incident if there is harm, vulnerability or no consent, which is not yet known.)'
                  : ''
              }`,
              { unknown: true },
            ),
          ]
        : [reason(r63Rule, `${tool.tool} result: ${tool.level} risk.`)],
  });

  // R6.4: coercion, blackmail, grooming, or a concern about capacity to consent (SEN is a prompt).
  // Demands for money, gifts or more images (financially motivated sexual extortion, national
  // guidance UKCIS 2024) are blackmail in the policy's words.
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
  standalone('R6.4', r64, r64Reasons);

  // R6.5: content unusual for the developmental stage, or violent.
  standalone(
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

  // R6.6 and R4.5: immediate risk of harm, at any stage.
  const r66: Tri = facts.immediateRiskOfHarm === 'yes' || facts.dangerNow === 'yes' ? 'yes' : facts.immediateRiskOfHarm;
  standalone(
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

  // R4.5 (and R18.5): harm already done or threatened, at any stage and whatever the typology or the
  // risk tool says. Sexual abuse is harm already done, in R4.5's own words ("has been harmed"); threats
  // are a risk of harm under the labelled reading R18.5. Unknown is never no: while either is not
  // known, the school cannot decide to manage the incident alone.
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
  results.push({ id: 'R4.5', applies: true, value: r45, fires: r45, reasons: r45Reasons });

  // R17 under-13 reading: experimental with a child 12 or under and imagery of sexual acts; and the
  // flowchart's inferred branch: experimental but harmful, vulnerable or no consent, 12 or under -> MASH.
  const u13Applies = !aggravated && under13 !== 'no';
  const actsValue: Tri =
    under13 === 'no'
      ? 'no'
      : under13 === 'yes'
        ? facts.sexualActs
        : anyTri([facts.sexualActs]) === 'no'
          ? 'no'
          : 'unknown';
  const harmValue: Tri = under13 === 'no' ? 'no' : under13 === 'yes' ? harmful : harmful === 'no' ? 'no' : 'unknown';
  const u13Value: Tri = anyTri([actsValue, harmValue]);
  results.push({
    id: 'R17.under13',
    applies: u13Applies,
    value: u13Value,
    fires: u13Applies ? u13Value : 'no',
    reasons: !u13Applies
      ? []
      : [
          reason(
            'R17.under13',
            actsValue === 'yes'
              ? 'A child 12 or under is involved and the imagery involves sexual acts: the policy is unclear here; we recommend a MASH referral.'
              : actsValue === 'unknown'
                ? 'A child 12 or under may be involved and it is not yet known whether the imagery involves sexual acts; if it does, we recommend a MASH referral.'
                : 'A child 12 or under is involved. The imagery does not involve sexual acts, so no referral is triggered by this reading.',
            { reading: 'R17.under13', ...(actsValue === 'unknown' ? { unknown: true } : {}) },
          ),
          ...(harmValue === 'no'
            ? []
            : [
                reason(
                  'R17',
                  harmValue === 'yes'
                    ? 'A child 12 or under is involved and the incident is harmful, a young person is vulnerable, or there was no consent: the flowchart (an inferred branch) refers this to the MASH; we take that more protective route.'
                    : 'A child 12 or under may be involved and it is not yet known whether the incident is harmful, a young person vulnerable, or consent lacking; if so, the flowchart (an inferred branch) refers this to the MASH.',
                  { reading: 'R17.protective', ...(harmValue === 'unknown' ? { unknown: true } : {}) },
                ),
              ]),
        ],
  });

  return results;
}
