// R2: experimental or aggravated. The app proposes; the DSL decides (R2.3); both are kept.
import type { IncidentFacts, Person, Tri, Typology } from '../types';
import { reason, type Reason } from '../reasons';
import { anyTri, isAdult, type AgeReference } from './age';

export interface TypologyProposal {
  typology: Typology;
  /** 'facts' when a recorded answer decided it; 'unknowns' when only unknown answers stand in the way. */
  basis: 'facts' | 'unknowns';
  reasons: Reason[];
}

interface Element {
  key: string;
  label: string;
  value: Tri;
  /** R2.4: sharing without consent is aggravated under the reading, not the source's letter. */
  reading?: 'R2.4';
  /** National guidance (UKCIS 2024) that names this element; the mapping onto R2.1 is said with it. */
  national?: { rule: 'UKCIS.ai' | 'UKCIS.sextortion'; text: string };
}

/** Is any adult (or anyone who may be an adult) involved? */
export function adultInvolvement(persons: readonly Person[], referenceDate?: AgeReference): Tri {
  return anyTri(persons.map((p) => isAdult(p, referenceDate)));
}

function aggravatingElements(facts: IncidentFacts, referenceDate?: AgeReference): Element[] {
  return [
    { key: 'adult', label: 'an adult is involved', value: adultInvolvement(facts.persons, referenceDate) },
    { key: 'sexualAbuse', label: 'there is sexual abuse', value: facts.sexualAbuse },
    { key: 'extortionOrBlackmail', label: 'there is extortion or blackmail', value: facts.extortionOrBlackmail },
    {
      key: 'sextortionDemands',
      label: 'someone demanded money, gifts or more images (extortion)',
      value: facts.sextortionDemands,
      national: {
        rule: 'UKCIS.sextortion',
        text: 'National guidance (UKCIS 2024), newer than the policy, calls this financially motivated sexual extortion; the policy’s own words for it are extortion (R2.1) and blackmail (R6.4).',
      },
    },
    { key: 'threats', label: 'there are threats', value: facts.threats },
    { key: 'coercionOrGrooming', label: 'a young person was coerced or groomed', value: facts.coercionOrGrooming },
    { key: 'malice', label: 'there was malice', value: facts.malice },
    {
      key: 'sharedWithoutConsent',
      label: 'imagery was made, sent or shown without the knowledge or against the will of the young person pictured',
      value: facts.sharedWithoutConsent,
      reading: 'R2.4',
    },
    {
      key: 'aiMadeOrAltered',
      label:
        'the imagery was made or altered with an app or AI ("nudified" or generated), so made without the knowledge or against the will of the young person pictured',
      value: facts.aiMadeOrAltered,
      national: {
        rule: 'UKCIS.ai',
        text: 'National guidance (UKCIS 2024), newer than the policy, covers imagery made or altered with an app or AI. The app reads it as the policy’s “creation ... of images without the knowledge or against the will of a minor” (R2.1). If the young person pictured made it of themselves, say so when you decide the typology (R2.3).',
      },
    },
  ];
}

/** R2.1, R2.2, R2.4: propose a typology from the recorded facts. */
export function proposeTypology(facts: IncidentFacts, referenceDate?: AgeReference): TypologyProposal {
  const elements = aggravatingElements(facts, referenceDate);
  const present = elements.filter((e) => e.value === 'yes');
  const unknown = elements.filter((e) => e.value === 'unknown');

  if (present.length > 0) {
    const reasons = present.flatMap((e) => [
      e.reading
        ? reason(
            'R2.4',
            `Aggravated because ${e.label}. The policy is unclear here (R7.3 calls sharing "as a joke" experimental); we recommend treating sharing without consent as aggravated, as R2.1 does.`,
            // The reading made the difference only when nothing else made it aggravated.
            present.length === 1 ? { reading: 'R2.4' } : {},
          )
        : reason('R2.1', `Aggravated because ${e.label}.`),
      ...(e.national ? [reason(e.national.rule, e.national.text)] : []),
    ]);
    return { typology: 'aggravated', basis: 'facts', reasons };
  }

  if (unknown.length > 0) {
    // R17: where the facts are unclear, take the more protective route and say why.
    return {
      typology: 'aggravated',
      basis: 'unknowns',
      reasons: [
        reason(
          'R17.protective',
          `Not yet known whether ${unknown.map((e) => e.label).join('; or whether ')}. Until these are answered we propose aggravated, the more protective reading; answering "no" to each would make it experimental.`,
          { reading: 'R17.protective', unknown: true },
        ),
      ],
    };
  }

  return {
    typology: 'experimental',
    basis: 'facts',
    reasons: [
      reason(
        'R2.2',
        'Experimental: no adult, no abuse, extortion, threats, coercion or malice, and the young person pictured knew and was willing.',
      ),
    ],
  };
}

/**
 * R2.4: a DSL who records experimental while the facts say the imagery was shared without consent
 * is asked to reconsider; the answer is recorded.
 */
export function needsNoConsentReconsideration(facts: IncidentFacts, confirmed: Typology): boolean {
  return confirmed === 'experimental' && facts.sharedWithoutConsent === 'yes';
}
