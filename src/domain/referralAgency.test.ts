import { beforeEach, describe, expect, it } from 'vitest';
import { applyEvent, emptyCase, type CaseRecord } from './case';
import type { CaseEvent, ReferralAgency } from './events';
import type { RouteId } from './types';
import { suggestedReferral } from './referralAgency';
import { calmFacts, E1, E5, E6, person } from '../../test/builders/facts';
import { DSL, decision, disclosure, ev, opened, resetBuilders } from '../../test/builders/events';

beforeEach(() => resetBuilders());

const record = (events: CaseEvent[]): CaseRecord => events.reduce(applyEvent, emptyCase());

function decided(facts: ReturnType<typeof E1>, routes: RouteId[], typology: 'experimental' | 'aggravated') {
  return [
    opened(),
    ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }),
    ev('review.decided', { decision: decision(facts, typology, routes), facts }),
  ];
}

const referral = (agency: ReferralAgency, to: string) =>
  ev('referral.made', { referralId: `r-${agency}`, agency, to }, DSL);

describe('the agency a new referral opens on', () => {
  it('is the MASH before anything is decided (R5.2: the MASH is the front door)', () => {
    const c = record([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: E1().persons })]);
    expect(suggestedReferral(c)).toEqual({ agency: 'mash', rule: 'R5.2', owed: false });
  });

  it('is the MASH when a young person is at immediate risk of harm, citing the trigger (R6.6)', () => {
    const c = record(decided(E5(), ['mash-referral', 'risk-assessment'], 'aggravated'));
    expect(suggestedReferral(c)).toEqual({ agency: 'mash', rule: 'R6.6', route: 'mash-referral', owed: true });
  });

  it('moves on to the LADO once the MASH referral is made for an adult member of staff (KCSIE.lado)', () => {
    const c = record([...decided(E6(), ['mash-referral', 'police', 'lado'], 'aggravated'), referral('mash', 'MASH')]);
    expect(suggestedReferral(c)).toEqual({ agency: 'lado', rule: 'KCSIE.lado', route: 'lado', owed: true });
  });

  it('is the chair of governors when the allegation is about the Headteacher (KCSIE.lado)', () => {
    const c = record([
      ...decided(E6(true), ['mash-referral', 'police', 'lado'], 'aggravated'),
      referral('mash', 'MASH'),
    ]);
    expect(suggestedReferral(c)).toMatchObject({ agency: 'chair-of-governors', route: 'lado' });
  });

  it('is the police when someone is in danger now and the MASH is already told (R10.1)', () => {
    const facts = calmFacts({ dangerNow: 'yes', immediateRiskOfHarm: 'yes' });
    const c = record([...decided(facts, ['mash-referral', 'police'], 'aggravated'), referral('mash', 'MASH')]);
    expect(suggestedReferral(c)).toEqual({ agency: 'police', rule: 'R10.1', route: 'police', owed: true });
  });

  it("is children's social care when the decision refers wider concerns to it (R10.4)", () => {
    const facts = calmFacts({ widerConcernsMeetThreshold: 'yes' });
    const c = record(decided(facts, ['social-care-referral', 'risk-assessment'], 'experimental'));
    expect(suggestedReferral(c)).toEqual({
      agency: 'social-care',
      rule: 'R10.4',
      route: 'social-care-referral',
      owed: true,
    });
  });

  it('is the MASH for an escalation not yet answered (R6.9)', () => {
    const facts = calmFacts({ persons: [person({ name: 'Maya', ageYears: 16 })] });
    const c = record([
      ...decided(facts, ['risk-assessment', 'school-manage'], 'experimental'),
      ev('escalated', { reason: 'New messages found.' }),
    ]);
    expect(suggestedReferral(c)).toEqual({ agency: 'mash', rule: 'R6.9', owed: true });
  });

  it('falls back to the MASH once every referral asked for is made (R5.2)', () => {
    const c = record([...decided(E5(), ['mash-referral', 'risk-assessment'], 'aggravated'), referral('mash', 'MASH')]);
    expect(suggestedReferral(c)).toEqual({ agency: 'mash', rule: 'R5.2', owed: false });
  });
});
