// Who is involved: R6.1 (a young person 12 or under), R6.2 (an adult), R6.3 with R17 (13-17 and a
// high result on the local risk tool), and R17's reading for under-13s in an experimental incident.
import type { IncidentFacts, Person, Tri } from '../types';
import { reason } from '../reasons';
import type { RuleId } from './catalogue';
import { anyTri, describeAge, isAdult, isTwelveOrUnder, type AgeReference } from './age';
import { adultInvolvement } from './typology';
import { harmfulOrVulnerable, mayBeThirteenToSeventeen, named, standalone, type TriggerResult } from './triggerParts';

/** R6.1: any young person 12 or under (aggravated only). */
export function under13Trigger(
  yp: readonly Person[],
  aggravated: boolean,
  referenceDate?: AgeReference,
): TriggerResult {
  const under13 = anyTri(yp.map((p) => isTwelveOrUnder(p, referenceDate)));
  const under13Names = yp.filter((p) => isTwelveOrUnder(p, referenceDate) !== 'no');
  return {
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
  };
}

/** R6.2: an adult is involved (on its own, R6.7). */
export function adultTrigger(facts: IncidentFacts, aggravated: boolean, referenceDate?: AgeReference): TriggerResult {
  const adult = adultInvolvement(facts.persons, referenceDate);
  const adults = facts.persons.filter((p) => isAdult(p, referenceDate) !== 'no');
  return standalone(
    aggravated,
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
}

/** R6.3 (and R17 for experimental incidents with harm, vulnerability or no consent): 13-17 and high risk. */
export function riskToolTrigger(
  facts: IncidentFacts,
  yp: readonly Person[],
  aggravated: boolean,
  referenceDate?: AgeReference,
): TriggerResult {
  const teenagers = yp.filter((p) => mayBeThirteenToSeventeen(p, referenceDate));
  const harmful = harmfulOrVulnerable(facts);
  const r63Applies = teenagers.length > 0 && (aggravated || harmful !== 'no');
  const tool = facts.riskTool;
  const r63Value: Tri = tool === null ? 'unknown' : tool.level === 'high' ? 'yes' : 'no';
  const r63Rule: RuleId = aggravated ? 'R6.3' : 'R17';
  return {
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
  };
}

/**
 * R17 under-13 reading: experimental with a child 12 or under and imagery of sexual acts; and the
 * flowchart's inferred branch: experimental but harmful, vulnerable or no consent, 12 or under -> MASH.
 * `under13` is R6.1's answer.
 */
export function under13ReadingTrigger(facts: IncidentFacts, aggravated: boolean, under13: Tri): TriggerResult {
  const harmful = harmfulOrVulnerable(facts);
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
  return {
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
  };
}
