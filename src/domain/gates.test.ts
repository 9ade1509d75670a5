import { beforeEach, describe, expect, it } from 'vitest';
import { explainClosing, explainDecision, recommendedRoutesFor } from './gates';
import { explainEvent, stageOf, step, type CaseSnapshot } from './machine';
import { applyEvent, emptyCase, type CaseRecord } from './case';
import type { CaseEvent, CaseEventOf, ReviewDecision, ViewingSafeguards } from './events';
import type { Explanation } from './reasons';
import type { RouteId } from './types';
import { calmFacts, E1, E5, person } from '../../test/builders/facts';
import {
  DEPUTY,
  DSL,
  HEAD,
  STAFF,
  decision,
  disclosure,
  ev,
  opened,
  resetBuilders,
  typedSignature,
} from '../../test/builders/events';
import { allSafeguards, closableExperimental, experimentalFlow, referralFlow, run } from '../../test/builders/flows';

beforeEach(() => resetBuilders());

const rulesOf = (x: Explanation): string[] => x.reasons.map((r) => r.rule);

/** 'allowed', or the rule ids of each thing that stands in the way. */
function verdict(x: Explanation): 'allowed' | string[] {
  return x.allowed ? 'allowed' : rulesOf(x);
}

/** E1 managed in school, signed off, parents recorded: the response stage, ready to close. */
function signedOff(): { s: CaseSnapshot; mayaId: string; leoId: string; decisionId: string } {
  const c = closableExperimental();
  return { s: run(c.events), mayaId: c.mayaId, leoId: c.leoId, decisionId: c.decisionId };
}

/** The ids of the people in a flow's disclosure. */
function peopleOf(flow: readonly CaseEvent[]): [string, string] {
  const d = flow.find((e) => e.type === 'disclosure.recorded') as CaseEventOf<'disclosure.recorded'>;
  return [d.persons[0]!.id, d.persons[1]?.id ?? d.persons[0]!.id];
}

type Justify = Omit<CaseEventOf<'viewing.justified'>, 'id' | 'type' | 'actor' | 'occurredAt' | 'recordedAt'>;
type Record_ = Omit<CaseEventOf<'viewing.recorded'>, 'id' | 'type' | 'actor' | 'occurredAt' | 'recordedAt'>;

const justify = (over: Partial<Justify> = {}) =>
  ev('viewing.justified', {
    viewingId: 'v1',
    grounds: ['report-takedown'],
    reason: 'To report it to the platform for take-down.',
    safeguards: allSafeguards(),
    ...over,
  });

const viewed = (over: Partial<Record_> = {}) =>
  ev('viewing.recorded', {
    viewingId: 'v1',
    unavoidable: false,
    viewer: 'Dana Shah',
    witness: 'Helen Okafor',
    present: ['Dana Shah', 'Helen Okafor'],
    why: 'To report it to the platform.',
    actions: 'Reported to the platform; nothing copied.',
    viewerSignature: typedSignature('Dana Shah'),
    witnessSignature: typedSignature('Helen Okafor'),
    ...over,
  });

function plan(
  mayaId: string,
  leoId: string,
  over: Partial<Omit<CaseEventOf<'deletion.planned'>, 'id' | 'type' | 'actor' | 'occurredAt' | 'recordedAt'>> = {},
) {
  return ev('deletion.planned', {
    deadline: '2026-03-09',
    items: [
      { personId: mayaId, where: 'Phone' },
      { personId: leoId, where: 'Snapchat' },
    ],
    illegalityReminderGiven: true,
    ...over,
  });
}

describe('viewing imagery (R11)', () => {
  it('I may justify viewing to report it for take-down when every safeguard is in place', () => {
    const { s } = signedOff();
    expect(verdict(explainEvent(s, justify()))).toBe('allowed');
  });

  it('I may not justify viewing without naming a ground (R11.2)', () => {
    expect(verdict(explainEvent(signedOff().s, justify({ grounds: [] })))).toEqual(['R11.2']);
  });

  it('I may not justify viewing without saying why it is necessary (R11.2)', () => {
    expect(verdict(explainEvent(signedOff().s, justify({ reason: '  ' })))).toEqual(['R11.2']);
  });

  it('viewing to decide on other agencies is justified only when the young people cannot tell us the facts (R11.2)', () => {
    const { s } = signedOff();
    expect(verdict(explainEvent(s, justify({ grounds: ['only-way-to-decide'] })))).toEqual(['R11.2']);
    expect(verdict(explainEvent(s, justify({ grounds: ['only-way-to-decide'], factsNotFromYoungPeople: true })))).toBe(
      'allowed',
    );
  });

  it.each<[string, string, keyof ViewingSafeguards]>([
    ['it would cause the young person significant distress', 'R11.1', 'noSignificantDistress'],
    ['I have not discussed it with the Headteacher', 'R11.3', 'discussedWithHeadteacher'],
    ['the viewer is not the DSL or delegated by the Headteacher', 'R11.3', 'viewerAuthorised'],
    ['no other member of staff will be present', 'R11.3', 'secondStaffPresent'],
    ['it would not be on the premises', 'R11.3', 'onPremises'],
    ['the same sex as the young person was not considered', 'R11.3', 'sameSexWherePossible'],
    ['I have not confirmed nothing will be copied, printed or shared', 'R11.3', 'noCopyPrintShare'],
  ])('I may not plan to view when %s (%s)', (_label, rule, missing) => {
    const x = explainEvent(signedOff().s, justify({ safeguards: allSafeguards({ [missing]: false }) }));
    expect(verdict(x)).toEqual([rule]);
  });

  it('I may record an unavoidable viewing after the fact without any justification', () => {
    const { s } = signedOff();
    const e = viewed({
      unavoidable: true,
      witness: '',
      witnessSignature: typedSignature(''),
      present: ['Dana Shah'],
      why: 'A pupil showed it to me before I could stop them.',
    });
    expect(verdict(explainEvent(s, e))).toBe('allowed');
    const after = step(s, e);
    expect(after.context.viewings).toHaveLength(1);
    expect(after.context.viewings[0]!.justification).toBeUndefined();
    expect(after.context.viewings[0]!.record).toMatchObject({ unavoidable: true, viewer: 'Dana Shah' });
  });

  it('I may not record a planned viewing that was never justified (R11.2)', () => {
    expect(verdict(explainEvent(signedOff().s, viewed()))).toEqual(['R11.2']);
  });

  it('a planned viewing names a witness other than the viewer (R11.3)', () => {
    const s = step(signedOff().s, justify());
    expect(verdict(explainEvent(s, viewed()))).toBe('allowed');
    expect(
      verdict(explainEvent(s, viewed({ witness: 'Dana Shah ', witnessSignature: typedSignature('Dana Shah') }))),
    ).toEqual(['R11.3']);
    expect(verdict(explainEvent(s, viewed({ witness: '' })))).toEqual(['R11.3']);
  });

  it('the viewing record is signed by the viewer and the witness (R11.4)', () => {
    const s = step(signedOff().s, justify());
    expect(verdict(explainEvent(s, viewed({ viewerSignature: typedSignature(' ') })))).toEqual(['R14.3']);
    expect(
      verdict(
        explainEvent(
          s,
          viewed({
            witnessSignature: {
              kind: 'drawn',
              name: 'Helen Okafor',
              strokes: [[{ x: 1, y: 1 }]],
              width: 100,
              height: 40,
            },
          }),
        ),
      ),
    ).toEqual(['R14.3']);
    expect(verdict(explainEvent(s, viewed({ why: '', actions: '' })))).toEqual(['R11.4', 'R11.4']);
  });

  it('a viewing is recorded once; a correction is an amendment (R11.4)', () => {
    const s = step(step(signedOff().s, justify()), viewed());
    expect(verdict(explainEvent(s, viewed()))).toEqual(['R11.4']);
  });
});

describe('deleting imagery (R12)', () => {
  it('I may not plan deletion before the initial review decision (R12.1)', () => {
    const flow = experimentalFlow();
    const [mayaId, leoId] = peopleOf(flow);
    const s = run(flow.slice(0, 2));
    expect(stageOf(s)).toBe('initialReview');
    const x = explainEvent(s, plan(mayaId, leoId));
    expect(x.allowed).toBe(false);
    expect(rulesOf(x)).toContain('R12.1');
    expect(x.reasons.some((r) => /No decision/.test(r.text))).toBe(true);
  });

  it('I may not plan deletion before the Headteacher signs off the decision not to refer (R12.1, R14.3)', () => {
    const flow = experimentalFlow();
    const s = run(flow.slice(0, 4));
    const [mayaId, leoId] = peopleOf(flow);
    expect(verdict(explainEvent(s, plan(mayaId, leoId)))).toEqual(['R14.3']);
  });

  it('I may plan deletion once the decision not to refer is recorded and signed off', () => {
    const { s, mayaId, leoId } = signedOff();
    expect(verdict(explainEvent(s, plan(mayaId, leoId)))).toBe('allowed');
  });

  it('I may not plan deletion when the decision refers the case to other agencies (R12.1)', () => {
    const flow = referralFlow();
    const s = run(flow.slice(0, 3));
    const priya = flow.find((e) => e.type === 'disclosure.recorded') as CaseEventOf<'disclosure.recorded'>;
    const x = explainEvent(
      s,
      ev('deletion.planned', {
        deadline: '2026-03-09',
        items: [{ personId: priya.persons[0]!.id, where: 'Phone' }],
        illegalityReminderGiven: true,
      }),
    );
    expect(x.allowed).toBe(false);
    expect(x.reasons.some((r) => r.rule === 'R12.1' && /refers the case/.test(r.text))).toBe(true);
  });

  it('I may not plan deletion while a referral has no outcome, or while the agency leads (R12.1)', () => {
    const { s, mayaId, leoId } = signedOff();
    const referred = step(s, ev('referral.made', { referralId: 'r1', agency: 'police', to: 'Police 101' }));
    expect(verdict(explainEvent(referred, plan(mayaId, leoId)))).toEqual(['R12.1']);
    const leads = step(
      referred,
      ev('referral.outcome', { referralId: 'r1', outcome: 'Crime recorded; investigating.', nextStep: 'agency-leads' }),
    );
    expect(verdict(explainEvent(leads, plan(mayaId, leoId)))).toEqual(['R12.1']);
    const nfa = step(
      referred,
      ev('referral.outcome', {
        referralId: 'r1',
        outcome: 'Outcome 21: no further action.',
        nextStep: 'no-further-action',
      }),
    );
    expect(verdict(explainEvent(nfa, plan(mayaId, leoId)))).toBe('allowed');
  });

  it('I may not plan deletion while a device is held for the police (R10.2), until it is collected', () => {
    const { s, mayaId, leoId } = signedOff();
    const held = step(
      s,
      ev('device.secured', {
        deviceId: 'dev1',
        description: "Maya's phone",
        switchedOff: true,
        lockedAway: true,
        where: 'Safe in the office',
      }),
    );
    expect(verdict(explainEvent(held, plan(mayaId, leoId)))).toEqual(['R10.2']);
    const collected = step(held, ev('device.collected', { deviceId: 'dev1', collectedBy: 'PC Jones' }));
    expect(verdict(explainEvent(collected, plan(mayaId, leoId)))).toBe('allowed');
  });

  it('I may not plan deletion after the case was escalated, until a new decision is recorded (R6.9)', () => {
    const { s, mayaId, leoId } = signedOff();
    const escalated = step(s, ev('escalated', { reason: 'A parent says an adult has a copy.' }));
    expect(stageOf(escalated)).toBe('referral');
    expect(verdict(explainEvent(escalated, plan(mayaId, leoId)))).toEqual(['R6.9']);
  });

  it('I may not plan deletion while an immediate-referral trigger is not yet ruled out (R12.1)', () => {
    const { s, mayaId, leoId } = signedOff();
    const unsure = step(
      s,
      ev('facts.updated', {
        facts: { unusualOrViolentContent: 'unknown' },
        source: 'new-information',
        note: 'A friend is not sure what the video showed.',
      }),
    );
    // A trigger now not known after the decision also needs a new decision first (R6.9).
    expect(verdict(explainEvent(unsure, plan(mayaId, leoId)))).toEqual(['R6.9', 'R12.1']);
  });

  it.each<[string, string, string, 'allowed' | string[]]>([
    ['today', 'is refused', '2026-03-02', ['R12.3']],
    ['yesterday', 'is refused', '2026-03-01', ['R12.3']],
    ['not set', 'is refused', '', ['R12.3']],
    ['tomorrow', 'is accepted', '2026-03-03', 'allowed'],
  ])(
    'a deletion deadline of %s %s: it must be after the day it is set (R12.3)',
    (_label, _said, deadline, expected) => {
      const { s, mayaId, leoId } = signedOff();
      expect(verdict(explainEvent(s, plan(mayaId, leoId, { deadline })))).toEqual(expected);
    },
  );

  it('I must remind the young people that possession is illegal (R12.4)', () => {
    const { s, mayaId, leoId } = signedOff();
    expect(verdict(explainEvent(s, plan(mayaId, leoId, { illegalityReminderGiven: false })))).toEqual(['R12.4']);
  });

  it('the plan lists, for a young person in this case, where each copy is (R12.2)', () => {
    const { s, mayaId } = signedOff();
    expect(verdict(explainEvent(s, plan(mayaId, mayaId, { items: [] })))).toEqual(['R12.2']);
    expect(verdict(explainEvent(s, plan(mayaId, mayaId, { items: [{ personId: mayaId, where: ' ' }] })))).toEqual([
      'R12.2',
    ]);
    expect(verdict(explainEvent(s, plan(mayaId, mayaId, { items: [{ personId: 'nobody', where: 'Phone' }] })))).toEqual(
      ['R12.2'],
    );
  });

  it('each young person confirms each device or service once, and only what is in the plan (R12.2)', () => {
    const { s, mayaId, leoId } = signedOff();
    const planned = step(s, plan(mayaId, leoId));
    const confirmMaya = ev('deletion.confirmed', { personId: mayaId, where: 'Phone', how: 'Confirmed in person.' });
    expect(verdict(explainEvent(planned, confirmMaya))).toBe('allowed');
    expect(
      verdict(
        explainEvent(planned, ev('deletion.confirmed', { personId: mayaId, where: 'Snapchat', how: 'Confirmed.' })),
      ),
    ).toEqual(['R12.2']);
    expect(
      verdict(explainEvent(planned, ev('deletion.confirmed', { personId: leoId, where: 'Snapchat', how: ' ' }))),
    ).toEqual(['R12.2']);
    const once = step(planned, confirmMaya);
    expect(
      verdict(explainEvent(once, ev('deletion.confirmed', { personId: mayaId, where: 'Phone', how: 'Again.' }))),
    ).toEqual(['R12.2']);
    expect(
      verdict(explainEvent(once, ev('deletion.confirmed', { personId: leoId, where: 'Snapchat', how: 'Showed me.' }))),
    ).toBe('allowed');
  });

  it('I may not confirm a deletion before it is planned (R12.1)', () => {
    const { s, mayaId } = signedOff();
    expect(
      verdict(explainEvent(s, ev('deletion.confirmed', { personId: mayaId, where: 'Phone', how: 'Confirmed.' }))),
    ).toEqual(['R12.1']);
  });

  it('a device secured after the plan stops further confirmations until it is collected (R12.1, R10.2)', () => {
    const { s, mayaId, leoId } = signedOff();
    const held = step(
      step(s, plan(mayaId, leoId)),
      ev('device.secured', {
        deviceId: 'dev1',
        description: "Leo's phone",
        switchedOff: true,
        lockedAway: true,
        where: 'Safe',
      }),
    );
    expect(
      verdict(explainEvent(held, ev('deletion.confirmed', { personId: mayaId, where: 'Phone', how: 'Confirmed.' }))),
    ).toEqual(['R10.2']);
  });
});

describe('parents and carers (R9)', () => {
  it('I may record that parents were informed, or that the young person will tell them', () => {
    const { s, mayaId } = signedOff();
    expect(
      verdict(
        explainEvent(s, ev('parents.recorded', { personId: mayaId, decision: 'informed', informedBy: 'Dana Shah' })),
      ),
    ).toBe('allowed');
    const x = explainEvent(s, ev('parents.recorded', { personId: mayaId, decision: 'young-person-will-tell' }));
    expect(verdict(x)).toBe('allowed');
    expect(rulesOf(x)).toEqual(['R9.3']);
  });

  it('not informing parents needs the reason (R9.1) and who it was agreed with (R9.2)', () => {
    const { s, mayaId } = signedOff();
    const base = { personId: mayaId, decision: 'not-informed' as const };
    expect(verdict(explainEvent(s, ev('parents.recorded', base)))).toEqual(['R9.1', 'R9.2']);
    expect(verdict(explainEvent(s, ev('parents.recorded', { ...base, agreedWith: 'mash' })))).toEqual(['R9.1']);
    expect(
      verdict(
        explainEvent(s, ev('parents.recorded', { ...base, reason: 'Telling the father would put her at risk.' })),
      ),
    ).toEqual(['R9.2']);
    expect(
      verdict(
        explainEvent(
          s,
          ev('parents.recorded', { ...base, reason: 'Telling the father would put her at risk.', agreedWith: 'mash' }),
        ),
      ),
    ).toBe('allowed');
  });

  it('parents are recorded for a young person in this case, not for an adult', () => {
    resetBuilders();
    const facts = E5();
    const adult = person({ name: 'Adult', ageYears: 30, adult: 'yes' });
    const s = run([
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure(), persons: [...facts.persons, adult] }),
    ]);
    expect(verdict(explainEvent(s, ev('parents.recorded', { personId: adult.id, decision: 'informed' })))).toEqual([
      'R9.1',
    ]);
  });
});

describe('the Headteacher signs off a decision not to refer (R14.3)', () => {
  function decided(): { s: CaseSnapshot; decisionId: string } {
    const flow = experimentalFlow();
    const d = flow.find((e) => e.type === 'review.decided') as CaseEventOf<'review.decided'>;
    return { s: run(flow.slice(0, 4)), decisionId: d.decision.decisionId };
  }
  const sign = (decisionId: string, actor = HEAD, inPlaceOfHeadteacher?: string) =>
    ev(
      'signoff.signed',
      {
        decisionId,
        signature: typedSignature(actor.name),
        ...(inPlaceOfHeadteacher === undefined ? {} : { inPlaceOfHeadteacher }),
      },
      actor,
    );

  it('the Headteacher may sign off the current decision not to refer, once', () => {
    const { s, decisionId } = decided();
    expect(verdict(explainEvent(s, sign(decisionId)))).toBe('allowed');
    const signed = step(s, sign(decisionId));
    expect(verdict(explainEvent(signed, sign(decisionId)))).toEqual(['R14.3']);
  });

  it('a decision that refers needs no sign-off, so it cannot be signed', () => {
    const flow = referralFlow();
    const d = flow.find((e) => e.type === 'review.decided') as CaseEventOf<'review.decided'>;
    const s = run(flow.slice(0, 3));
    const x = explainEvent(s, sign(d.decision.decisionId));
    expect(verdict(x)).toEqual(['R14.3']);
    expect(x.reasons[0]!.text).toMatch(/refers the case/);
  });

  it('there must be a recorded decision to sign', () => {
    expect(verdict(explainEvent(decided().s, sign('no-such-decision')))).toEqual(['R14.3']);
  });

  it.each([['a deputy DSL', DEPUTY]])('%s signing in place of the Headteacher must record why', (_label, actor) => {
    const { s, decisionId } = decided();
    const x = explainEvent(s, sign(decisionId, actor));
    expect(verdict(x)).toEqual(['R14.3']);
    expect(x.reasons[0]!.text).toMatch(/sign in their place/);
    expect(verdict(explainEvent(s, sign(decisionId, actor, '  ')))).toEqual(['R14.3']);
    const e = sign(decisionId, actor, 'The Headteacher is on leave until next week.');
    expect(verdict(explainEvent(s, e))).toBe('allowed');
    expect(step(s, e).context.signOffs[0]).toMatchObject({
      inPlaceOfHeadteacher: 'The Headteacher is on leave until next week.',
      by: actor,
    });
  });

  it("the DSL who made the decision may not sign it off, in the Headteacher's place or otherwise (R14.3)", () => {
    const { s, decisionId } = decided();
    const x = explainEvent(s, sign(decisionId, DSL, 'The Headteacher is on leave until next week.'));
    expect(verdict(x)).toEqual(['R14.3']);
    expect(x.reasons[0]!.text).toMatch(/made this decision, so cannot sign it off/);
  });

  it('a member of staff may not sign off', () => {
    const { s, decisionId } = decided();
    expect(verdict(explainEvent(s, sign(decisionId, STAFF, 'Nobody else is here.')))).toEqual(['R4.1']);
  });

  it('the signature must have a name, and a drawn one must be drawn', () => {
    const { s, decisionId } = decided();
    expect(verdict(explainEvent(s, ev('signoff.signed', { decisionId, signature: typedSignature('') }, HEAD)))).toEqual(
      ['R14.3'],
    );
    expect(
      verdict(
        explainEvent(
          s,
          ev(
            'signoff.signed',
            { decisionId, signature: { kind: 'drawn', name: 'Helen Okafor', strokes: [], width: 100, height: 40 } },
            HEAD,
          ),
        ),
      ),
    ).toEqual(['R14.3']);
    expect(
      verdict(
        explainEvent(
          s,
          ev(
            'signoff.signed',
            {
              decisionId,
              signature: {
                kind: 'drawn',
                name: 'Helen Okafor',
                strokes: [
                  [
                    { x: 1, y: 1 },
                    { x: 2, y: 3 },
                  ],
                ],
                width: 100,
                height: 40,
              },
            },
            HEAD,
          ),
        ),
      ),
    ).toBe('allowed');
  });

  it('a decision replaced on review must be signed again; the old one cannot be', () => {
    const { s: first, decisionId } = decided();
    const signed = step(first, sign(decisionId));
    const facts = signed.context.facts;
    const d2 = decision(facts, 'experimental', ['risk-assessment', 'school-manage'], {
      rationale: 'Reviewed after talking with Leo.',
    });
    const reviewed = step(signed, ev('review.decided', { decision: d2, facts }));
    expect(explainClosing(reviewed.context).reasons.map((r) => r.rule)).toContain('R14.3');
    expect(verdict(explainEvent(reviewed, sign(decisionId)))).toEqual(['R14.3']);
    expect(explainEvent(reviewed, sign(decisionId)).reasons[0]!.text).toMatch(/replaced/);
    expect(verdict(explainEvent(reviewed, sign(d2.decisionId)))).toBe('allowed');
  });
});

describe('closing a case: each thing still outstanding stops it on its own', () => {
  type Defect = (events: CaseEvent[], ids: ReturnType<typeof closableExperimental>) => CaseEvent[] | CaseRecord;

  const record = (events: readonly CaseEvent[]): CaseRecord => events.reduce(applyEvent, emptyCase());
  const without =
    (type: string, nth = 0) =>
    (events: CaseEvent[]) =>
      events.filter((e, i) => e.type !== type || events.slice(0, i).filter((x) => x.type === type).length !== nth);

  it('an E1 case, signed off, assessed and with both sets of parents recorded, can be closed', () => {
    const { events } = closableExperimental();
    const s = run(events);
    expect(verdict(explainClosing(s.context))).toBe('allowed');
    expect(s.can(ev('case.closed', { summary: 'Managed in school.' }))).toBe(true);
  });

  it.each<[string, string | string[], Defect]>([
    ['the Headteacher has not signed off the decision not to refer', 'R14.3', (e) => without('signoff.signed')(e)],
    ['the further risk assessment is not recorded', 'R8', (e) => without('risk.assessed')(e)],
    ["Leo's parents are not recorded", 'R9.1', (e) => without('parents.recorded', 1)(e)],
    [
      'new facts now meet an immediate-referral trigger',
      ['R6.9', 'R6.6'],
      (e) => [...e, ev('facts.updated', { facts: { immediateRiskOfHarm: 'yes' }, source: 'new-information' })],
    ],
    ['the case was escalated after the decision', 'R6.9', (e) => [...e, ev('escalated', { reason: 'A new concern.' })]],
    [
      'a referral has no outcome recorded',
      'R14.2',
      (e) => [...e, ev('referral.made', { referralId: 'r9', agency: 'mash', to: 'MASH (advice)' })],
    ],
    ['a justified viewing has no record', 'R11.4', (e) => [...e, justify()]],
    ['the staff who viewed were not offered support', 'R11.5', (e) => [...e, justify(), viewed()]],
    [
      'a deletion is not yet confirmed',
      'R12.5',
      (e, ids) => [
        ...e,
        plan(ids.mayaId, ids.leoId),
        ev('deletion.confirmed', { personId: ids.mayaId, where: 'Phone', how: 'In person.' }),
      ],
    ],
    [
      'a device is still held for the police',
      'R10.2',
      (e) => [
        ...e,
        ev('device.secured', {
          deviceId: 'd1',
          description: 'A school iPad',
          switchedOff: true,
          lockedAway: true,
          where: 'Safe',
        }),
      ],
    ],
    [
      'the decision includes contacting social care but no contact is recorded',
      'R10.3',
      (e) => {
        const c = record(e);
        return {
          ...c,
          decisions: c.decisions.map((d) => ({ ...d, routes: [...d.routes, 'social-care-contact' as RouteId] })),
        };
      },
    ],
    [
      'the initial review decision is not recorded',
      'R4.2',
      (e) => e.filter((x) => !['review.decided', 'risk.assessed', 'signoff.signed'].includes(x.type)),
    ],
    ['the disclosure is not recorded', 'R14.1', (e) => ({ ...record(e), disclosure: null })],
  ])('I may not close it while %s (%s)', (_label, rule, defect) => {
    const ids = closableExperimental();
    const broken = defect(ids.events, ids);
    const c = Array.isArray(broken) ? record(broken) : broken;
    expect(verdict(explainClosing(c))).toEqual(Array.isArray(rule) ? rule : [rule]);
  });

  it('I may not close a referred case while the referral the decision names is not recorded (R14.2)', () => {
    const flow = referralFlow().filter((e) => !['referral.made', 'referral.outcome', 'case.closed'].includes(e.type));
    expect(verdict(explainClosing(run(flow).context))).toEqual(['R14.2']);
  });

  it('the machine refuses the close with the same reasons the checklist shows', () => {
    const { events } = closableExperimental();
    const s = run(without('parents.recorded', 1)(events));
    const close = ev('case.closed', { summary: 'Done.' });
    expect(s.can(close)).toBe(false);
    expect(explainEvent(s, close)).toEqual(explainClosing(s.context));
  });
});

describe('the initial review decision (R2.3, R2.4, R7.2)', () => {
  function atReview(facts = E1()): CaseRecord {
    resetBuilders();
    return run([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons, facts })])
      .context;
  }
  const decide = (
    c: CaseRecord,
    typology: ReviewDecision['typology'],
    routes: RouteId[],
    over: Partial<ReviewDecision> = {},
  ) => explainDecision(c, decision(c.facts, typology, routes, over), c.facts);

  it('following the recommendation needs no more than who attended, the routes and the reasons', () => {
    expect(verdict(decide(atReview(), 'experimental', ['risk-assessment', 'school-manage']))).toBe('allowed');
  });

  it('the meeting records who attended (R4.2), the reasons (R7.2) and at least one route (R5.2)', () => {
    const c = atReview();
    expect(verdict(decide(c, 'experimental', ['risk-assessment', 'school-manage'], { attendees: [' '] }))).toEqual([
      'R4.2',
    ]);
    expect(verdict(decide(c, 'experimental', ['risk-assessment', 'school-manage'], { rationale: '' }))).toEqual([
      'R7.2',
    ]);
    expect(verdict(decide(c, 'experimental', [], { routeReason: 'x' }))).toEqual(['R5.2']);
  });

  it('judging it aggravated when the app proposed experimental needs my reason (R2.3)', () => {
    const c = atReview();
    const routes = recommendedRoutesFor(c, c.facts, 'aggravated');
    expect(verdict(decide(c, 'aggravated', routes))).toEqual(['R2.3']);
    expect(verdict(decide(c, 'aggravated', routes, { typologyReason: 'Leo showed it to a friend.' }))).toBe('allowed');
  });

  it('judging it experimental when it was shared without consent asks me to reconsider, and records my answer (R2.4)', () => {
    const facts = calmFacts({ sharedWithoutConsent: 'yes' });
    const c = atReview(facts);
    const routes = recommendedRoutesFor(c, facts, 'experimental');
    expect(verdict(decide(c, 'experimental', routes, { typologyReason: 'A joke between friends.' }))).toEqual(['R2.4']);
    expect(decide(c, 'experimental', routes, { typologyReason: 'A joke between friends.' }).reasons[0]!.reading).toBe(
      'R2.4',
    );
    expect(
      verdict(
        decide(c, 'experimental', routes, {
          typologyReason: 'A joke between friends.',
          noConsentReconsidered: 'She laughed and asked him to share it.',
        }),
      ),
    ).toBe('allowed');
  });

  it('leaving out a recommended route needs my reason (R7.2)', () => {
    const c = atReview();
    const x = decide(c, 'experimental', ['school-manage']);
    expect(verdict(x)).toEqual(['R7.2']);
    expect(x.reasons[0]!.text).toMatch(/not risk-assessment/);
    expect(verdict(decide(c, 'experimental', ['school-manage'], { routeReason: 'We already know enough.' }))).toBe(
      'allowed',
    );
  });

  it('choosing to manage in school when the policy does not offer it needs my reason (R7.2)', () => {
    const c = atReview(E5());
    const recommended = recommendedRoutesFor(c, c.facts, 'aggravated');
    expect(recommended).toContain('mash-referral');
    const x = decide(c, 'aggravated', [...recommended, 'school-manage']);
    expect(verdict(x)).toEqual(['R7.2']);
    expect(x.reasons[0]!.text).toMatch(/school-manage not offered/);
    expect(
      verdict(
        decide(c, 'aggravated', [...recommended, 'school-manage'], {
          routeReason: 'Alongside the referral, pastoral support in school.',
        }),
      ),
    ).toBe('allowed');
  });

  it('choosing more than the policy recommends needs no reason', () => {
    const c = atReview();
    expect(
      verdict(
        decide(c, 'experimental', [
          'risk-assessment',
          'school-manage',
          'mash-advice',
          'mash-referral',
          'police',
          'social-care-contact',
        ]),
      ),
    ).toBe('allowed');
  });
});

describe('escalation at any point (R4.5) never leaves a case that cannot be completed', () => {
  it('a case escalated before the disclosure is recorded can record it, refer and be closed (R14.1)', () => {
    const facts = E5();
    const d = decision(facts, 'aggravated', ['mash-referral']);
    let s = run([opened(), ev('escalated', { reason: 'A parent rang: the image is everywhere and she is not safe.' })]);
    expect(stageOf(s)).toBe('referral');
    const disclosed = ev('disclosure.recorded', {
      disclosure: disclosure({ disclosedBy: "Priya's mother", discloserRelation: 'parent' }),
      persons: facts.persons,
      facts,
    });
    expect(verdict(explainEvent(s, disclosed))).toBe('allowed');
    s = step(s, disclosed);
    expect(s.context.disclosure?.disclosedBy).toBe("Priya's mother");
    expect(
      verdict(explainEvent(s, ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }))),
    ).toEqual(['R14.1']);
    for (const e of [
      ev('review.decided', { decision: d, facts }),
      ev('referral.made', { referralId: 'r1', agency: 'mash', to: 'Wolverhampton MASH' }),
      ev('referral.outcome', { referralId: 'r1', outcome: 'Social worker allocated.', nextStep: 'agency-leads' }),
      ev('parents.recorded', { personId: facts.persons[0]!.id, decision: 'informed' }),
    ])
      s = step(s, e);
    expect(verdict(explainEvent(s, ev('case.closed', { summary: 'Referred at once; the MASH leads.' })))).toBe(
      'allowed',
    );
  });

  it('a second disclosure is refused once one is recorded: corrections are amendments (R14.1)', () => {
    const { s } = signedOff();
    expect(
      verdict(
        explainEvent(s, ev('disclosure.recorded', { disclosure: disclosure(), persons: s.context.facts.persons })),
      ),
    ).toEqual(['R14.1']);
  });

  it('a deletion plan interrupted by a referral is not finished (R12.1), and does not hold the referred case open', () => {
    const { s: signed, mayaId, leoId } = signedOff();
    let s = step(
      step(signed, plan(mayaId, leoId)),
      ev('deletion.confirmed', { personId: mayaId, where: 'Phone', how: 'In person.' }),
    );
    s = step(s, ev('facts.updated', { facts: { immediateRiskOfHarm: 'yes' }, source: 'new-information' }));
    expect(stageOf(s)).toBe('referral');
    const facts = s.context.facts;
    const d = decision(facts, 'experimental', recommendedRoutesFor(s.context, facts, 'experimental'));
    for (const e of [
      ev('review.decided', { decision: d, facts }),
      ev('referral.made', { referralId: 'r1', agency: 'mash', to: 'Wolverhampton MASH' }),
      ev('referral.outcome', {
        referralId: 'r1',
        outcome: 'Strategy discussion; police involved.',
        nextStep: 'agency-leads',
      }),
    ])
      s = step(s, e);
    const confirm = explainEvent(
      s,
      ev('deletion.confirmed', { personId: leoId, where: 'Snapchat', how: 'In person.' }),
    );
    expect(confirm.allowed).toBe(false);
    expect(rulesOf(confirm)).toContain('R12.1');
    expect(verdict(explainClosing(s.context))).toBe('allowed');
  });
});
