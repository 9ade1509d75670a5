// Issue 11, "Why": each way a whole case history drifted from the policy after its first decision,
// as a named test. Each goes through the case machine as a DSL would, and asserts what they see.
import { beforeEach, describe, expect, it } from 'vitest';
import { explainEvent, stageOf, step, type CaseSnapshot } from './machine';
import { explainClosing } from './gates';
import { describeEvent } from './describe';
import { assessRoutes } from './rules/routes';
import { caseTasks } from './tasks';
import type { CaseEvent, CaseEventOf, Consultation } from './events';
import type { Explanation } from './reasons';
import { applyEvent, type CaseRecord } from './case';
import type { IncidentFacts, Person } from './types';
import { calmFacts, E1, E3, E5, person } from '../../test/builders/facts';
import {
  DEPUTY,
  DSL,
  HEAD,
  decision,
  disclosure,
  ev,
  opened,
  resetBuilders,
  typedSignature,
} from '../../test/builders/events';
import { allSafeguards, closableExperimental, referralFlow, run } from '../../test/builders/flows';
import { DISCLOSURE_DATE } from '../../test/builders/ages';

beforeEach(() => resetBuilders());

const rules = (x: Explanation): string[] => (x.allowed ? [] : x.reasons.map((r) => r.rule));
const close = () => ev('case.closed', { summary: 'Everything is done.' });
const canClose = (s: CaseSnapshot) => s.can(close());
const sign = (decisionId: string, actor = HEAD, inPlaceOfHeadteacher?: string) =>
  ev(
    'signoff.signed',
    { decisionId, signature: typedSignature(actor.name), ...(inPlaceOfHeadteacher ? { inPlaceOfHeadteacher } : {}) },
    actor,
  );
const consulted: Consultation = {
  agency: 'mash',
  who: 'Sam Reid, MASH duty social worker',
  at: '2026-03-02T11:00:00Z',
  advice: 'The family is known; the school may lead, with a safety plan.',
};

/** E1 managed in school, decided, assessed, signed off, parents told: it could be closed now. */
function closable(): { s: CaseSnapshot; events: CaseEvent[]; mayaId: string; leoId: string; decisionId: string } {
  const c = closableExperimental();
  const s = run(c.events);
  expect(canClose(s)).toBe(true);
  return { s, ...c };
}

/** E1, but the deputy referred it to the MASH; the MASH returned it to the school to manage; assessed, parents told. */
function returnedToSchool(): { s: CaseSnapshot; facts: IncidentFacts } {
  const facts = E1();
  const [maya, leo] = facts.persons as [Person, Person];
  const d = decision(facts, 'experimental', ['mash-referral', 'risk-assessment'], {
    rationale: 'We refer to be safe.',
  });
  const s = run([
    opened(),
    ev('disclosure.recorded', {
      disclosure: disclosure(),
      persons: facts.persons,
      facts: (({ persons: _p, ...rest }) => rest)(facts),
    }),
    ev('review.decided', { decision: d, facts }, DEPUTY),
    ev('referral.made', { referralId: 'r1', agency: 'mash', to: 'Wolverhampton MASH' }),
    ev('referral.outcome', { referralId: 'r1', outcome: 'Return to school to manage.', nextStep: 'return-to-school' }),
    ev('risk.assessed', { tool: 'WSCB Risk Assessment Matrix', level: 'low', answers: {}, facts: {} }),
    ev('parents.recorded', { personId: maya.id, decision: 'informed' }),
    ev('parents.recorded', { personId: leo.id, decision: 'informed' }),
  ]);
  expect(canClose(s)).toBe(true);
  return { s, facts };
}

describe('issue 11: the policy holds at every step of a case, not only at the first decision', () => {
  it('a referral returned "school to manage", then a 30-year-old and an immediate risk of harm are added: a new decision and a referral are needed before it can close (R4.5, R6.9)', () => {
    const { s, facts } = returnedToSchool();
    const adult = person({ name: 'Man from the park', ageYears: 30, adult: 'yes', atEstablishment: false });
    const later = step(
      s,
      ev('facts.updated', {
        facts: { persons: [...facts.persons, adult], immediateRiskOfHarm: 'yes' },
        source: 'new-information',
        note: 'Maya says he threatened her.',
      }),
    );
    expect(canClose(later)).toBe(false);
    const why = rules(explainClosing(later.context));
    expect(why).toContain('R6.9');
    expect(explainClosing(later.context).reasons.some((r) => /Refer to the MASH: act now/.test(r.text))).toBe(true);
    // The task list says so at once.
    const review = caseTasks(later.context, stageOf(later), '2026-03-03').find((t) => t.id === 'initial-review');
    expect(review).toMatchObject({ state: 'act-now', detail: 'A new decision is needed' });
    // Nothing may be deleted either.
    expect(
      explainEvent(
        later,
        ev('deletion.planned', {
          deadline: '2026-03-20',
          items: [{ personId: facts.persons[0]!.id, where: 'Phone' }],
          illegalityReminderGiven: true,
        }),
      ).allowed,
    ).toBe(false);
  });

  it('after a decision not to refer, an online contact of unknown age is added: the case cannot close (unknown is not no)', () => {
    const { s, events } = closable();
    const disclosed = events.find((e) => e.type === 'disclosure.recorded') as CaseEventOf<'disclosure.recorded'>;
    const contact = person({
      name: 'Gaming contact',
      atEstablishment: false,
      adult: 'unknown',
      worksWithChildren: 'unknown',
      onlineContact: true,
    });
    const later = step(
      s,
      ev('facts.updated', {
        facts: { persons: [...disclosed.persons, contact] },
        source: 'new-information',
        note: 'Leo says someone online asked for it.',
      }),
    );
    expect(canClose(later)).toBe(false);
    expect(rules(explainClosing(later.context))).toContain('R6.9');
  });

  it('after a decision not to refer, violent content becomes "not known": the case cannot close until a new decision', () => {
    const { s } = closable();
    const later = step(
      s,
      ev('facts.updated', {
        facts: { unusualOrViolentContent: 'unknown' },
        source: 'new-information',
        note: 'A friend is not sure what the video showed.',
      }),
    );
    expect(canClose(later)).toBe(false);
    expect(rules(explainClosing(later.context))).toContain('R6.9');
  });

  it('an escalation is not undone by a later "manage in school" decision with no reason (R4.5, R6.9)', () => {
    const { s, events } = closable();
    const facts = (events.find((e) => e.type === 'review.decided') as CaseEventOf<'review.decided'>).facts;
    const escalated = step(s, ev('escalated', { reason: 'She told her tutor she is thinking of hurting herself.' }));
    const undo = ev('review.decided', {
      decision: decision(facts, 'experimental', ['risk-assessment', 'school-manage'], { rationale: 'Back to school.' }),
      facts,
    });
    expect(escalated.can(undo)).toBe(false);
    expect(rules(explainEvent(escalated, undo))).toContain('R6.9');
    expect(canClose(escalated)).toBe(false);
  });

  it('a trigger set back from yes to no needs a reason, and is shown as an amendment (who, when, why)', () => {
    const { s } = closable();
    const risky = step(
      s,
      ev('facts.updated', {
        facts: { immediateRiskOfHarm: 'yes' },
        source: 'new-information',
        note: 'She said she wants to hurt herself.',
      }),
    );
    const silent = ev('facts.updated', { facts: { immediateRiskOfHarm: 'no' }, source: 'new-information' });
    expect(risky.can(silent)).toBe(false);
    expect(rules(explainEvent(risky, silent))).toEqual(['R14.1']);
    const reasoned = ev('facts.updated', {
      facts: { immediateRiskOfHarm: 'no' },
      source: 'new-information',
      note: 'Her mother confirmed it was a song lyric; CAMHS saw her today.',
    });
    const after = step(risky, reasoned);
    expect(after.context.amendments).toContainEqual(
      expect.objectContaining({
        targetEventId: reasoned.id,
        field: 'facts.immediateRiskOfHarm',
        before: 'yes',
        after: 'no',
        reason: 'Her mother confirmed it was a song lyric; CAMHS saw her today.',
        by: DSL,
      }),
    );
  });

  it('a decision with the people list emptied does not erase a young person', () => {
    const { s, events } = closable();
    const facts = (events.find((e) => e.type === 'review.decided') as CaseEventOf<'review.decided'>).facts;
    const emptied = ev('review.decided', {
      decision: decision({ ...facts, persons: [] }, 'experimental', ['risk-assessment', 'school-manage']),
      facts: { ...facts, persons: [] },
    });
    expect(s.can(emptied)).toBe(false);
    expect(rules(explainEvent(s, emptied))).toContain('R14.1');
    expect(s.context.facts.persons.map((p) => p.name)).toEqual(['Maya', 'Leo']);
  });

  it('an immediate risk of harm overridden by "school may manage" because "We know her well" is refused without a recorded consultation (R4.5, R6.6)', () => {
    const facts = E5();
    const s = run([
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure({ disclosedBy: 'Priya' }), persons: facts.persons }),
    ]);
    const d = decision(facts, 'aggravated', ['school-manage'], { routeReason: 'We know her well.' });
    const bare = ev('review.decided', { decision: d, facts });
    expect(s.can(bare)).toBe(false);
    expect(rules(explainEvent(s, bare))).toContain('R4.5');
    // With the consultation recorded it is an override: it stands only once someone else signs it off as the Headteacher.
    resetBuilders('2026-03-02T10:00:00Z');
    const withAdvice = ev('review.decided', {
      decision: { ...d, decisionId: 'd-override', consultation: consulted },
      facts,
    });
    const overridden = step(s, withAdvice);
    expect(describeEvent(withAdvice).lines.some((l) => l.startsWith('Override, consulted: Sam Reid'))).toBe(true);
    const owed = explainClosing(overridden.context)
      .reasons.map((r) => r.text)
      .join(' ');
    expect(owed).toMatch(/Refer to the MASH: act now/);
    expect(owed).toMatch(/the Headteacher signs it off/);
    const signed = step(overridden, sign('d-override'));
    expect(explainClosing(signed.context).reasons.some((r) => /Refer to the MASH: act now/.test(r.text))).toBe(false);
  });

  it('nothing is deleted before the R8 risk assessment is recorded (R12.1: never delete what may be evidence)', () => {
    const facts = E1();
    const [maya] = facts.persons as [Person];
    const d = decision(facts, 'experimental', ['risk-assessment', 'school-manage']);
    const s = run([
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }),
      ev('review.decided', { decision: d, facts }),
      sign(d.decisionId),
    ]);
    const plan = ev('deletion.planned', {
      deadline: '2026-03-09',
      items: [{ personId: maya.id, where: 'Phone' }],
      illegalityReminderGiven: true,
    });
    expect(s.can(plan)).toBe(false);
    expect(rules(explainEvent(s, plan))).toContain('R8');
  });

  it('parents not informed because the father is violent needs the MASH or the police consulted, not "no agency" (R9.2)', () => {
    const { s, mayaId } = closable();
    const e = ev('parents.recorded', {
      personId: mayaId,
      decision: 'not-informed',
      reason: 'Her father is violent.',
      agreedWith: 'none',
    });
    expect(s.can(e)).toBe(false);
    expect(rules(explainEvent(s, e))).toEqual(['R9.2']);
  });

  it("a changed decision may not reuse the old decision's id or inherit its sign-off (R14.3)", () => {
    const { s, events, decisionId } = closable();
    const facts = (events.find((e) => e.type === 'review.decided') as CaseEventOf<'review.decided'>).facts;
    const changed = ev('review.decided', {
      decision: decision(facts, 'experimental', ['risk-assessment', 'school-manage'], {
        decisionId,
        rationale: 'Changed after talking to Leo.',
      }),
      facts,
    });
    expect(s.can(changed)).toBe(false);
    expect(rules(explainEvent(s, changed))).toContain('R14.3');
  });

  it('the DSL may not sign off her own decision "in the Headteacher\'s place" (R14.3)', () => {
    const c = closableExperimental();
    const before = run(c.events.filter((e) => e.type !== 'signoff.signed'));
    const own = sign(c.decisionId, DSL, 'The Headteacher is away.');
    expect(before.can(own)).toBe(false);
    expect(rules(explainEvent(before, own))).toEqual(['R14.3']);
    expect(before.can(sign(c.decisionId, DEPUTY, 'The Headteacher is away.'))).toBe(true);
  });

  it('re-planning deletion may not silently drop an unconfirmed copy (R12.5)', () => {
    const { s, mayaId, leoId } = closable();
    const planned = step(
      s,
      ev('deletion.planned', {
        deadline: '2026-03-09',
        items: [
          { personId: mayaId, where: 'Phone' },
          { personId: leoId, where: 'Snapchat' },
        ],
        illegalityReminderGiven: true,
      }),
    );
    const replan = ev('deletion.planned', {
      deadline: '2026-03-12',
      items: [{ personId: mayaId, where: 'Phone' }],
      illegalityReminderGiven: true,
    });
    expect(planned.can(replan)).toBe(false);
    expect(rules(explainEvent(planned, replan))).toEqual(['R12.5']);
    const withWhy = ev('deletion.planned', {
      deadline: '2026-03-12',
      items: [{ personId: mayaId, where: 'Phone' }],
      dropped: [
        { personId: leoId, where: 'Snapchat', reason: 'Snapchat deleted it automatically; Leo showed the empty chat.' },
      ],
      illegalityReminderGiven: true,
    });
    expect(step(planned, withWhy).context.deletion?.dropped).toEqual([
      expect.objectContaining({
        where: 'Snapchat',
        reason: 'Snapchat deleted it automatically; Leo showed the empty chat.',
      }),
    ]);
  });

  it('a young person refusing to delete is recorded with the R12.4 reminder, and keeps the case open', () => {
    const { s, mayaId, leoId } = closable();
    const planned = step(
      s,
      ev('deletion.planned', {
        deadline: '2026-03-09',
        items: [
          { personId: mayaId, where: 'Phone' },
          { personId: leoId, where: 'Snapchat' },
        ],
        illegalityReminderGiven: true,
      }),
    );
    expect(
      planned.can(
        ev('deletion.refused', {
          personId: leoId,
          where: 'Snapchat',
          note: 'He says it is his.',
          reminderGiven: false,
        }),
      ),
    ).toBe(false);
    const refused = step(
      planned,
      ev('deletion.refused', { personId: leoId, where: 'Snapchat', note: 'He says it is his.', reminderGiven: true }),
    );
    expect(explainClosing(refused.context).reasons.find((r) => r.rule === 'R12.4')?.text).toMatch(/refused to delete/);
  });

  it('re-justifying a viewing does not erase its signed record (R11.4)', () => {
    const { s } = closable();
    const justified = step(
      s,
      ev('viewing.justified', {
        viewingId: 'v1',
        grounds: ['report-takedown'],
        reason: 'To report it.',
        safeguards: allSafeguards(),
      }),
    );
    const recorded = step(
      justified,
      ev('viewing.recorded', {
        viewingId: 'v1',
        unavoidable: false,
        viewer: 'Dana Shah',
        witness: 'Helen Okafor',
        present: ['Dana Shah', 'Helen Okafor'],
        why: 'To report it.',
        actions: 'Reported.',
        viewerSignature: typedSignature('Dana Shah'),
        witnessSignature: typedSignature('Helen Okafor'),
      }),
    );
    const again = ev('viewing.justified', {
      viewingId: 'v1',
      grounds: ['report-takedown'],
      reason: 'Again.',
      safeguards: allSafeguards(),
    });
    expect(recorded.can(again)).toBe(false);
    expect(recorded.context.viewings[0]?.record?.viewer).toBe('Dana Shah');
  });

  it('a staff member of unknown age gets at least a "consider" LADO route', () => {
    const staff = person({ name: 'New coach', atEstablishment: false, adult: 'unknown', worksWithChildren: 'staff' });
    const a = assessRoutes(
      calmFacts({ persons: [person({ name: 'Maya', ageYears: 15 }), staff] }),
      'aggravated',
      DISCLOSURE_DATE,
    );
    expect(a.routes.find((r) => r.route === 'lado')?.strength).toMatch(/consider|recommended|act-now/);
  });

  it('a LADO referral is answered by the chair of governors only where the Headteacher is implicated', () => {
    const facts = calmFacts({
      persons: [
        person({ name: 'Ellie', ageYears: 15 }),
        person({ name: 'Teaching assistant', ageYears: 22, adult: 'yes', worksWithChildren: 'staff' }),
      ],
      coercionOrGrooming: 'yes',
    });
    const d = decision(facts, 'aggravated', ['mash-referral', 'police', 'lado']);
    const s = run([
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }),
      ev('review.decided', { decision: d, facts }),
      ev('referral.made', { referralId: 'r1', agency: 'mash', to: 'MASH' }),
      ev('referral.made', { referralId: 'r2', agency: 'police', to: 'Police 101' }),
      ev('referral.made', { referralId: 'r3', agency: 'chair-of-governors', to: 'Chair of governors' }),
    ]);
    expect(explainClosing(s.context).reasons.some((r) => /Tell the LADO: act now/.test(r.text))).toBe(true);
  });

  it('social care becoming involved after the decision must be contacted before the case closes (R10.3)', () => {
    const { s, events, leoId } = closable();
    const persons = (events.find((e) => e.type === 'disclosure.recorded') as CaseEventOf<'disclosure.recorded'>)
      .persons;
    const later = step(
      s,
      ev('facts.updated', {
        facts: { persons: persons.map((p) => (p.id === leoId ? { ...p, socialCare: 'current' as const } : p)) },
        source: 'new-information',
        note: 'Leo has a social worker.',
      }),
    );
    expect(canClose(later)).toBe(false);
    expect(rules(explainClosing(later.context))).toContain('R10.3');
    expect(
      canClose(step(later, ev('social-care.contacted', { to: 'Duty social worker', outcome: 'Noted; no action.' }))),
    ).toBe(true);
  });

  it('MASH advice recommended (R7.4, R17) cannot be left with no record that anyone liaised', () => {
    const facts = E3('low');
    const [jayden, chloe] = facts.persons as [Person, Person];
    const d = decision(facts, 'aggravated', ['risk-assessment', 'school-manage'], {
      routeReason: 'Low risk; we manage it with the families.',
    });
    const s = run([
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }),
      ev('review.decided', { decision: d, facts }),
      ev('risk.assessed', { tool: 'WSCB Risk Assessment Matrix', level: 'low', answers: {}, facts: {} }),
      sign(d.decisionId),
      ev('parents.recorded', { personId: jayden.id, decision: 'informed' }),
      ev('parents.recorded', { personId: chloe.id, decision: 'informed' }),
    ]);
    expect(canClose(s)).toBe(false);
    expect(rules(explainClosing(s.context))).toEqual(['R7.4']);
    expect(
      canClose(
        step(
          s,
          ev('advice.sought', {
            agency: 'mash',
            who: 'Duty social worker',
            advice: 'School may manage; tell us if anything changes.',
          }),
        ),
      ),
    ).toBe(true);
  });

  it('sexual abuse recorded as yes (two 14-year-olds, low risk score): "manage in school" with only a reason is refused, and the case owes a referral (R4.5)', () => {
    const facts = calmFacts({
      persons: [person({ name: 'Jo', ageYears: 14 }), person({ name: 'Sam', ageYears: 14 })],
      sexualAbuse: 'yes',
      riskTool: { tool: 'WSCB Risk Assessment Matrix', level: 'low' },
    });
    const s = run([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons })]);
    const manage = ev('review.decided', {
      decision: decision(facts, 'aggravated', ['school-manage'], { routeReason: 'Low risk score.' }),
      facts,
    });
    expect(s.can(manage)).toBe(false);
    expect(rules(explainEvent(s, manage))).toContain('R4.5');
  });

  it('an older record (saved before causes were dated) with its MASH referral made still answers it after new facts', () => {
    const returned = run(referralFlow().filter((e) => e.type !== 'case.closed'));
    expect(canClose(returned)).toBe(true);
    // As a snapshot saved before issue 11: no places in the log, no dated causes, decisions without their facts.
    const old = JSON.parse(JSON.stringify(returned.context), function (this: Record<string, unknown>, k, v) {
      if (k === 'seq' || k === 'onsets' || k === 'actNowRoutes') return undefined;
      if (k === 'facts' && 'decisionId' in this) return undefined;
      return v;
    }) as CaseRecord;
    const later = applyEvent(
      old,
      ev('facts.updated', {
        facts: { platforms: ['Snapchat', 'WhatsApp'] },
        source: 'new-information',
        note: 'It was on WhatsApp too.',
      }),
    );
    expect(explainClosing(later).reasons.filter((r) => /act now/.test(r.text))).toEqual([]);
    expect(explainClosing(later).allowed).toBe(true);
  });

  it('online contacts are not people whose parents the school informs (R9.1)', () => {
    const contact = person({ name: 'Gaming contact', atEstablishment: false, adult: 'no', onlineContact: true });
    const facts = calmFacts({ persons: [person({ name: 'Sam', ageYears: 15 }), contact] });
    const s = run([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons })]);
    expect(s.can(ev('parents.recorded', { personId: contact.id, decision: 'informed' }))).toBe(false);
    expect(explainClosing(s.context).reasons.some((r) => r.text.includes('Gaming contact'))).toBe(false);
  });
});
