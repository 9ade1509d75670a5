// The referral routes: the MASH (R6, R4.5, R7.4, R17) and the police (R10.1, national guidance).
import { reason } from '../reasons';
import { isAdult } from './age';
import type { AddRoute, RouteFacts } from './routeParts';

/** R6, R4.5, R6.2 (protective reading), R7.4, R6.3, R17: the MASH referral, liaising with the MASH, and the local risk tool. */
export function mashRoutes(x: RouteFacts, add: AddRoute): void {
  const { facts, typology, triggers, firing, possible, immediateReferral, referenceDate } = x;
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
}

/** R10.1, UKCIS: the police, on 999 when someone is in danger now, urgently when an adult is involved or someone demands money, gifts or images. */
export function policeRoutes(x: RouteFacts, add: AddRoute): void {
  const { facts, triggers } = x;
  const r62 = triggers.find((t) => t.id === 'R6.2');
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
}
