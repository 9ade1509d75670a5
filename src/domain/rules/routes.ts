// R4.5, R6 (as R6.7 reads it), R7, R10, R17: every route that applies, each with its reasons.
import { REFERRAL_ROUTES, type IncidentFacts, type Person, type RouteId, type Tri, type Typology } from '../types';
import { reason, type Reason } from '../reasons';
import { isAdult, type AgeReference } from './age';
import { evaluateTriggers, youngPeople, type TriggerResult } from './triggers';

/**
 * - act-now: the policy requires it immediately (an immediate referral, 999).
 * - recommended: the policy says to do it.
 * - consider: it depends on something not yet known; the reasons say what.
 * - option: the policy allows it (school may manage).
 */
export type Strength = 'act-now' | 'recommended' | 'consider' | 'option';

export interface RouteRecommendation {
  route: RouteId;
  strength: Strength;
  reasons: Reason[];
  /** Police: 999 when someone is in danger now, otherwise 101 (R10.1). */
  phone?: '999' | '101';
  /** LADO: led by the chair of governors when the adult is the Headteacher. */
  lead?: 'lado' | 'chair-of-governors';
  /** The people this route is about, where it is about particular people (LADO, social care, an adult). */
  persons?: string[];
}

export interface RouteAssessment {
  /** The typology these routes follow. */
  typology: Typology;
  triggers: TriggerResult[];
  /** 'yes' if any trigger fires, 'unknown' if any could, 'no' otherwise. */
  immediateReferral: Tri;
  routes: RouteRecommendation[];
  /** True only when no immediate-referral trigger is true or unknown. */
  schoolMayManage: boolean;
}

const STRENGTH_ORDER: Record<Strength, number> = { 'act-now': 0, recommended: 1, consider: 2, option: 3 };

function named(p: Person): string {
  return p.name.trim() || 'a person involved';
}

export function assessRoutes(facts: IncidentFacts, typology: Typology, referenceDate?: AgeReference): RouteAssessment {
  const triggers = evaluateTriggers(facts, typology, referenceDate);
  const firing = triggers.filter((t) => t.fires === 'yes');
  const possible = triggers.filter((t) => t.fires === 'unknown');
  const immediateReferral: Tri = firing.length > 0 ? 'yes' : possible.length > 0 ? 'unknown' : 'no';
  const routes = new Map<RouteId, RouteRecommendation>();
  const add = (
    route: RouteId,
    strength: Strength,
    reasons: Reason[],
    extra: Partial<RouteRecommendation> = {},
  ): void => {
    const existing = routes.get(route);
    if (!existing) {
      routes.set(route, { route, strength, reasons: [...reasons], ...extra });
      return;
    }
    if (STRENGTH_ORDER[strength] < STRENGTH_ORDER[existing.strength]) existing.strength = strength;
    existing.reasons.push(...reasons);
    const persons = [...new Set([...(existing.persons ?? []), ...(extra.persons ?? [])])];
    Object.assign(existing, extra, persons.length > 0 ? { persons } : {});
  };
  const policeWillBeInformed = reason(
    'R17.police',
    'Police will be informed of a MASH referral; the MASH may involve them at this stage (R6.8). Never promise a family that the police will not be involved.',
  );
  const secureDevices = reason(
    'R10.2',
    'Do not delete anything that may be evidence (R12.1). If a device may be needed, switch it off and lock it away for the police.',
  );

  // Immediate MASH referral (R6, R4.5).
  if (firing.length > 0) {
    add('mash-referral', 'act-now', [...firing.flatMap((t) => t.reasons), policeWillBeInformed, secureDevices]);
  }
  // An unknown-age contact may be an adult (R6.2 unknown): protective reading, refer.
  const r62 = triggers.find((t) => t.id === 'R6.2');
  if (r62 && r62.fires === 'unknown') {
    const onlineUnknown = facts.persons.some((p) => p.onlineContact && isAdult(p, referenceDate) === 'unknown');
    const mayBeAdults = facts.persons.filter((p) => isAdult(p, referenceDate) === 'unknown').map((p) => p.id);
    add(
      'mash-referral',
      onlineUnknown ? 'act-now' : 'recommended',
      [
        ...r62.reasons,
        reason(
          'R17.protective',
          'The policy is unclear when an age cannot be established; we recommend referring, because an adult cannot be ruled out and any adult involvement is child sexual abuse.',
          { reading: 'R17.protective' },
        ),
        policeWillBeInformed,
        secureDevices,
      ],
      { persons: mayBeAdults },
    );
  }
  // Any other unknown trigger: find out, and liaise with the MASH if in doubt (R7.4).
  const otherPossible = possible.filter((t) => t.id !== 'R6.2');
  if (otherPossible.length > 0) {
    add('mash-advice', 'recommended', [
      ...otherPossible.flatMap((t) => t.reasons),
      reason(
        'R7.4',
        'While any of these is unknown, the school cannot decide to manage this alone. Find out, and liaise with the MASH for advice if in doubt.',
      ),
    ]);
  }

  // R6.3 / R17: apply the local risk tool now when it decides the route.
  const r63 = triggers.find((t) => t.id === 'R6.3');
  if (r63 && r63.applies && facts.riskTool === null) {
    add('risk-assessment', 'act-now', r63.reasons);
  }

  // R17 conflict: aggravated, 13-17, low or medium risk.
  if (typology === 'aggravated' && r63 && r63.applies && r63.value === 'no' && immediateReferral === 'no') {
    add('mash-advice', 'recommended', [
      reason(
        'R17.conflict',
        'The policy contradicts itself here: the flowchart and R6.3 allow a single-agency or Early Help response at low or medium risk, but R7.3 says aggravated incidents "will be referred to the MASH". We recommend liaising with the MASH for advice; if you then do not refer, record why and ask the Headteacher to sign off (R14.3).',
        { reading: 'R17.conflict' },
      ),
      reason('R7.3', 'Read on its own, R7.3 would refer this incident to the MASH (and/or police).'),
    ]);
  }

  // R17 under-13s in an experimental incident: at least liaise with the MASH.
  const u13 = triggers.find((t) => t.id === 'R17.under13');
  if (u13 && u13.applies && u13.fires !== 'yes') {
    add('mash-advice', 'recommended', [
      ...u13.reasons,
      reason('R3.1', 'Children under 13 cannot consent in law, so "consent given" is not available for them.'),
    ]);
  }

  // Police (R10.1): 999 if someone is in danger now; adults involved: urgent police referral.
  if (facts.dangerNow === 'yes') {
    add(
      'police',
      'act-now',
      [
        reason(
          'R10.1',
          'Someone is in danger now: call 999 (national practice; the source names 101 for other police referrals).',
        ),
      ],
      { phone: '999' },
    );
  }
  if (r62 && r62.value === 'yes') {
    add(
      'police',
      facts.dangerNow === 'yes' ? 'act-now' : 'recommended',
      [
        reason(
          'UKCIS.adult',
          'An adult is involved: this is child sexual abuse and the police should be told urgently, through the MASH referral or on 101.',
        ),
        reason(
          'R10.2',
          'Secure any device: switch it off and lock it away for the police. Do not delete anything (R12.1).',
        ),
      ],
      { phone: facts.dangerNow === 'yes' ? '999' : '101' },
    );
  }
  // Financially motivated sexual extortion (national guidance, UKCIS 2024): the police now, whatever else.
  if (facts.sextortionDemands === 'yes') {
    add(
      'police',
      'act-now',
      [
        reason(
          'UKCIS.sextortion',
          'Someone demanded money, gifts or more images: national guidance (UKCIS 2024) says tell the police now. Advise the young person not to pay and to stop replying; keep the messages as evidence, never delete them (R12.1); help them use Report Remove to get imagery taken down (R15.1).',
        ),
      ],
      { phone: facts.dangerNow === 'yes' ? '999' : '101' },
    );
  }
  if (facts.dangerNow === 'unknown' && facts.immediateRiskOfHarm !== 'no') {
    add(
      'police',
      'consider',
      [reason('R10.1', 'Is anyone in danger right now? If so, call 999 before anything else.', { unknown: true })],
      { phone: '999' },
    );
  }

  // LADO (allegations against adults who work or volunteer with children): the source says nothing
  // of the LADO; KCSIE (national guidance) does, so its reasons cite KCSIE.lado, not R6.2.
  const adults = facts.persons.filter((p) => isAdult(p, referenceDate) === 'yes');
  for (const p of adults) {
    const works = p.worksWithChildren;
    if (works === 'staff' || works === 'volunteer' || works === 'elsewhere') {
      const lead = p.isHeadteacher ? 'chair-of-governors' : 'lado';
      add(
        'lado',
        'act-now',
        [
          reason(
            'KCSIE.lado',
            `${named(p)} is an adult who ${works === 'staff' ? 'works here' : works === 'volunteer' ? 'volunteers here' : 'works or volunteers with children'}: tell the LADO (Local Authority Designated Officer, who handles allegations against adults working with children) today.${
              p.isHeadteacher
                ? ' Because this is the Headteacher, the chair of governors leads, not the Headteacher.'
                : ''
            }`,
          ),
        ],
        { lead, persons: [p.id] },
      );
    } else if (works === 'unknown') {
      add(
        'lado',
        'consider',
        [
          reason(
            'KCSIE.lado',
            `Find out whether ${named(p)} works or volunteers with children; if so, the LADO must be told.`,
            { unknown: true },
          ),
        ],
        { persons: [p.id] },
      );
    }
  }
  // A member of staff or a volunteer whose age or adulthood is not known: at least consider the LADO.
  for (const p of facts.persons.filter(
    (x) =>
      isAdult(x, referenceDate) === 'unknown' &&
      (x.worksWithChildren === 'staff' || x.worksWithChildren === 'volunteer'),
  )) {
    add(
      'lado',
      'consider',
      [
        reason(
          'KCSIE.lado',
          `${named(p)} ${p.worksWithChildren === 'staff' ? 'works here' : 'volunteers here'} and their age is not recorded: if they are an adult, tell the LADO today${p.isHeadteacher ? ' (the chair of governors leads, because this is the Headteacher)' : ''}.`,
          { unknown: true },
        ),
      ],
      { lead: p.isHeadteacher ? 'chair-of-governors' : 'lado', persons: [p.id] },
    );
  }

  // R10.3: children's social care is, may be or has been involved: contact them, whatever the route.
  const yp = youngPeople(facts.persons, referenceDate);
  const known = yp.filter((p) => p.socialCare === 'current' || p.socialCare === 'past' || p.socialCare === 'possible');
  if (known.length > 0) {
    add(
      'social-care-contact',
      'recommended',
      [
        reason(
          'R10.3',
          `Children's social care is, may be or has been involved with ${known.map(named).join(', ')}: contact them, whatever the route, even if the school manages the incident.`,
        ),
      ],
      { persons: known.map((p) => p.id) },
    );
  }
  const unknownCare = yp.filter((p) => p.socialCare === undefined || p.socialCare === 'unknown');
  if (unknownCare.length > 0) {
    add('social-care-contact', 'consider', [
      reason(
        'R10.3',
        `Not yet known whether children's social care knows ${unknownCare.map(named).join(', ')}. If it does, contact them whatever the route.`,
        { unknown: true },
      ),
    ]);
  }
  // R10.4: wider concerns that meet the threshold.
  if (facts.widerConcernsMeetThreshold === 'yes') {
    add('social-care-referral', 'recommended', [
      reason(
        'R10.4',
        "Wider concerns meet the threshold: refer to children's social care under child protection procedures.",
      ),
    ]);
  } else if (facts.widerConcernsMeetThreshold === 'unknown') {
    add('social-care-referral', 'consider', [
      reason(
        'R10.4',
        "Not yet known whether wider concerns meet the threshold for children's social care; if they do, refer under child protection procedures.",
        { unknown: true },
      ),
    ]);
  }

  const schoolMayManage = immediateReferral === 'no' && !routes.has('mash-referral');

  // R8: the further risk assessment when the case is not referred at R6.
  if (immediateReferral !== 'yes') {
    add('risk-assessment', 'recommended', [
      reason(
        'R8',
        'Before deciding to manage this in school, the DSL reviews the facts further, including talking with the young people, and assesses the risks.',
      ),
    ]);
  }

  if (schoolMayManage) {
    const reasons: Reason[] = [];
    const under13 = triggers.find((t) => t.id === 'R17.under13');
    if (typology === 'experimental' && under13?.applies) {
      reasons.push(
        reason(
          'R17.under13',
          'A child 12 or under is involved and cannot consent in law (R3.1). Only after liaising with the MASH, and if they agree: a single-agency response or Early Help.',
          {
            reading: 'R17.under13',
          },
        ),
      );
    } else if (typology === 'experimental') {
      reasons.push(
        reason(
          'R17',
          'Experimental, with none of the immediate-referral triggers: a single-agency response, or a multi-agency response through an Early Help assessment.',
        ),
      );
      reasons.push(
        reason('R7.3', 'Experimental incidents (consensual, no malice) may be managed directly by the school.'),
      );
    } else {
      reasons.push(
        reason(
          'R17',
          'The flowchart allows a single-agency or Early Help response for aggravated incidents at low or medium risk; see the conflict with R7.3 under "liaise with the MASH".',
          { reading: 'R17.conflict' },
        ),
      );
    }
    reasons.push(
      reason(
        'R7.1',
        'Only if the DSL is confident they know enough to assess the risks and can manage them within pastoral support and discipline.',
      ),
    );
    reasons.push(reason('R14.3', 'Not referring is recorded with its reason and signed off by the Headteacher.'));
    reasons.push(reason('R6.9', 'Re-check the triggers whenever new facts arrive; escalate at once if any applies.'));
    add('school-manage', 'option', reasons);
  }

  // A referral to the MASH subsumes asking it for advice; once referred at R6, the MASH leads the
  // risk assessment (R8 applies "when not referred at R6").
  if (routes.has('mash-referral')) routes.delete('mash-advice');
  if (immediateReferral === 'yes') routes.delete('risk-assessment');

  for (const r of routes.values()) {
    const seen = new Set<string>();
    r.reasons = r.reasons.filter((x) => {
      const k = `${x.rule}|${x.text}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  const sorted = [...routes.values()].sort((a, b) => STRENGTH_ORDER[a.strength] - STRENGTH_ORDER[b.strength]);
  return { typology, triggers, immediateReferral, routes: sorted, schoolMayManage };
}

/** R14.3: a chosen set of routes that makes no referral needs the Headteacher's sign-off. */
export function isReferralDecision(routes: readonly RouteId[]): boolean {
  return routes.some((r) => REFERRAL_ROUTES.includes(r));
}
