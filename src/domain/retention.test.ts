// Retention (docs/SECURITY.md items 3 and 13): the review date, legal hold, the review and the destruction gate.
import { beforeEach, describe, expect, it } from 'vitest';
import { explainEvent, stageOf, step } from './machine';
import {
  addYears,
  latestBirthOf,
  retentionFacts,
  retentionReviewItem,
  retentionStatus,
  reviewDate,
  reviewDateMove,
} from './retention';
import { explainDestruction, retentionActions, type DestructionRequest } from './retentionGates';
import { summarise } from './summary';
import type { CaseEvent } from './events';
import { DEPUTY, DSL, HEAD, STAFF, disclosure, ev, opened, resetBuilders } from '../../test/builders/events';
import { calmFacts, person } from '../../test/builders/facts';
import { experimentalFlow, run } from '../../test/builders/flows';

beforeEach(() => resetBuilders());

/** E1 (Maya and Leo, both 16 on 2 March 2026), closed. */
function closedCase() {
  return run(experimentalFlow());
}

const request = (over: Partial<DestructionRequest> = {}): DestructionRequest => ({
  today: '2040-01-01',
  by: DSL,
  second: DEPUTY,
  reason: 'Retention period ended; reviewed.',
  ...over,
});

describe('the review date (docs/SECURITY.md item 13: the youngest child’s 25th birthday)', () => {
  it('is the youngest young person’s 25th birthday from a date of birth', () => {
    const facts = calmFacts({
      persons: [
        person({ id: 'a', name: 'Ann', dateOfBirth: '2010-05-04' }),
        person({ id: 'b', name: 'Bo', dateOfBirth: '2011-11-30' }),
      ],
    });
    const s = run([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons })]);
    const r = reviewDate(s.context);
    expect(r.date).toBe('2036-11-30');
    expect(r.source).toBe('birthday');
    expect(r.reasons[0]!.rule).toBe('SEC.13');
    expect(r.reasons[0]!.reading).toBeUndefined();
  });

  it('leaves adults out: only young people count', () => {
    const facts = calmFacts({
      persons: [
        person({ id: 'a', dateOfBirth: '2010-05-04' }),
        person({ id: 'm', name: 'Mr X', adult: 'yes', ageYears: 30 }),
      ],
    });
    const s = run([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons })]);
    expect(reviewDate(s.context).date).toBe('2035-05-04');
  });

  it('from an age or a year group takes the latest possible birth date, and says it is a reading (SEC.13.age)', () => {
    // 16 on 2 March 2026: born 3 March 2009 to 2 March 2010; the later date keeps the record longer.
    expect(latestBirthOf(person({ ageYears: 16 }), '2026-03-02')).toMatchObject({ born: '2010-03-02', basis: 'age' });
    // Year 10 in March 2026 (school year from September 2025): born September 2010 to August 2011.
    expect(latestBirthOf(person({ yearGroup: 10 }), '2026-03-02')).toMatchObject({
      born: '2011-08-31',
      basis: 'year-group',
    });
    // In October the school year is the new one.
    expect(latestBirthOf(person({ yearGroup: 10 }), '2026-10-02')).toMatchObject({
      born: '2012-08-31',
      basis: 'year-group',
    });
    // A date of birth wins over an age.
    expect(latestBirthOf(person({ ageYears: 16, dateOfBirth: '2009-06-01' }), '2026-03-02')).toMatchObject({
      born: '2009-06-01',
      basis: 'date-of-birth',
    });
    const r = reviewDate(closedCase().context);
    expect(r.date).toBe('2035-03-02');
    expect(r.reasons[0]!.reading).toBe('SEC.13.age');
  });

  it('has no automatic date when any young person’s birth cannot be placed, and says so', () => {
    const facts = calmFacts({
      persons: [
        person({ id: 'a', dateOfBirth: '2010-05-04' }),
        person({ id: 'u', name: 'Unknown Age', ageYears: undefined, adult: 'no' }),
      ],
    });
    const s = run([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons })]);
    const r = reviewDate(s.context);
    expect(r.date).toBeNull();
    expect(r.source).toBe('unknown');
    expect(r.reasons.some((x) => x.unknown && x.text.includes('Unknown Age'))).toBe(true);
    expect(retentionStatus(retentionFacts(s.context), '2099-01-01')).toBe('no-date');
  });

  it('has no automatic date before anyone is recorded, and says why', () => {
    const r = reviewDate(run([opened()]).context);
    expect(r.date).toBeNull();
    expect(r.reasons[0]!.text).toBe(
      'No review date can be worked out: no young person is recorded yet. Set the review date yourself.',
    );
  });

  it('uses the configured number of years', () => {
    expect(reviewDate(closedCase().context, 30).date).toBe('2040-03-02');
    expect(addYears('2008-02-29', 25)).toBe('2033-03-01');
  });

  it('can be set by hand with a reason, and that date then applies', () => {
    let s = closedCase();
    const refused = explainEvent(s, ev('retention.date-set', { reviewDate: '2031-02-30', reason: '' }));
    expect(refused.allowed).toBe(false);
    expect(refused.reasons.map((r) => r.text)).toEqual([
      'Enter the review date as a real date.',
      'Record why the review date is set by hand.',
    ]);
    s = step(
      s,
      ev('retention.date-set', { reviewDate: '2041-09-01', reason: 'Local authority asked us to keep it longer.' }),
    );
    const r = reviewDate(s.context);
    expect(r.date).toBe('2041-09-01');
    expect(r.source).toBe('set');
    expect(r.birthdayDate).toBe('2035-03-02');
  });
});

describe('legal hold (SEC.13.hold)', () => {
  it('is set and lifted with a reason, on open and closed cases, and only once at a time', () => {
    let open = run(experimentalFlow().slice(0, 3));
    expect(stageOf(open)).not.toBe('closed');
    open = step(open, ev('legal-hold.set', { reason: 'Police investigation, ref 44/2026.' }));
    expect(explainEvent(open, ev('legal-hold.set', { reason: 'Again' })).reasons[0]!.text).toMatch(/already stands/);
    let closed = closedCase();
    expect(explainEvent(closed, ev('legal-hold.lifted', { reason: 'x' })).reasons[0]!.text).toBe(
      'There is no legal hold to lift.',
    );
    expect(explainEvent(closed, ev('legal-hold.set', { reason: ' ' })).allowed).toBe(false);
    closed = step(closed, ev('legal-hold.set', { reason: 'Civil claim notified.' }));
    expect(retentionStatus(retentionFacts(closed.context), '2099-01-01')).toBe('on-hold');
    closed = step(closed, ev('legal-hold.lifted', { reason: 'Claim settled.' }));
    expect(retentionStatus(retentionFacts(closed.context), '2099-01-01')).toBe('due');
    expect(closed.context.retention?.history.map((h) => h.kind)).toEqual(['hold-set', 'hold-lifted']);
  });

  it('stops a retention review while it stands', () => {
    const s = step(closedCase(), ev('legal-hold.set', { reason: 'Police investigation.' }));
    const x = explainEvent(s, ev('retention.reviewed', { keepUntil: '2045-01-01', reason: 'Still needed.' }));
    expect(x.allowed).toBe(false);
    expect(x.reasons[0]!.rule).toBe('SEC.13.hold');
  });

  it('may not be set by the Headteacher or staff (the DSL or a deputy records it)', () => {
    expect(explainEvent(closedCase(), ev('legal-hold.set', { reason: 'x' }, HEAD)).allowed).toBe(false);
    expect(explainEvent(closedCase(), ev('legal-hold.set', { reason: 'x' }, STAFF)).allowed).toBe(false);
    expect(explainEvent(closedCase(), ev('legal-hold.set', { reason: 'x' }, DEPUTY)).allowed).toBe(true);
  });
});

describe('the retention review (SEC.13: kept, then reviewed)', () => {
  it('is recorded only on a closed case, with a later date and a reason, and moves the review date', () => {
    const open = run(experimentalFlow().slice(0, 3));
    expect(explainEvent(open, ev('retention.reviewed', { keepUntil: '2045-01-01', reason: 'x' })).allowed).toBe(false);
    let s = closedCase();
    const bad = explainEvent(s, ev('retention.reviewed', { keepUntil: '2020-01-01', reason: '' }));
    expect(bad.reasons.map((r) => r.text)).toEqual([
      'The date to keep the case until must be after the review.',
      'Record why the case is kept.',
    ]);
    s = step(s, ev('retention.reviewed', { keepUntil: '2045-01-01', reason: 'Sibling case still open.' }));
    expect(reviewDate(s.context).date).toBe('2045-01-01');
  });
});

describe('destruction (docs/SECURITY.md items 3 and 13)', () => {
  it('is allowed on a closed case past its review date, by the DSL with a second key holder and a reason', () => {
    const s = closedCase();
    const x = explainDestruction(s.context, stageOf(s), request());
    expect(x.allowed).toBe(true);
    expect(x.reasons[0]!.rule).toBe('SEC.3');
    expect(explainDestruction(s.context, stageOf(s), request({ by: DEPUTY, second: HEAD })).allowed).toBe(true);
  });

  it.each<
    [string, (s: ReturnType<typeof closedCase>) => [ReturnType<typeof closedCase>, Partial<DestructionRequest>], RegExp]
  >([
    ['an open case', () => [run(experimentalFlow().slice(0, 3)), {}], /Only a closed case/],
    ['before the review date', (s) => [s, { today: '2035-03-01' }], /kept until 2035-03-02/],
    [
      'on legal hold',
      (s) => [step(s, ev('legal-hold.set', { reason: 'Police investigation.' })), {}],
      /legal hold stands/,
    ],
    ['with no second key holder', (s) => [s, { second: null }], /second key holder must agree/],
    ['with the same person twice', (s) => [s, { second: DSL }], /different person/],
    ['with staff as the second person', (s) => [s, { second: STAFF }], /must hold a key/],
    ['by the Headteacher', (s) => [s, { by: HEAD, second: DSL }], /cannot destroy a case/],
    ['with no reason', (s) => [s, { reason: '  ' }], /why the case is destroyed/],
  ])('is refused %s, with a reason citing SECURITY item 13', (_, make, text) => {
    const [s, over] = make(closedCase());
    const x = explainDestruction(s.context, stageOf(s), request(over));
    expect(x.allowed).toBe(false);
    expect(x.reasons.some((r) => text.test(r.text) && r.rule.startsWith('SEC.13'))).toBe(true);
  });

  it('is refused when no review date can be worked out or set', () => {
    const facts = calmFacts({ persons: [person({ id: 'u', ageYears: undefined })] });
    const events: CaseEvent[] = [
      opened(),
      ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons }),
    ];
    const s = run(events);
    const x = explainDestruction(s.context, stageOf(s), request());
    expect(x.reasons.some((r) => r.text === 'The case has no review date. Set one first.')).toBe(true);
  });
});

describe('the summary and the reminders input', () => {
  it('carries the retention facts, and gives each case’s review date and hold for the reminders', () => {
    const s = step(closedCase(), ev('legal-hold.set', { reason: 'Police investigation.' }));
    const summary = summarise(s);
    expect(summary.retention?.birth?.born).toBe('2010-03-02');
    expect(summary.retention?.closedAt).not.toBeNull();
    expect(retentionReviewItem(summary)).toEqual({
      caseId: 'case-1',
      reference: 'YPSI-2026-001',
      reviewDate: '2035-03-02',
      legalHold: true,
      closed: true,
    });
    expect(retentionReviewItem({ caseId: 'x', reference: 'old' })).toEqual({
      caseId: 'x',
      reference: 'old',
      reviewDate: null,
      legalHold: false,
      closed: false,
    });
  });
});

describe('moving a review date (issue 15 item 3)', () => {
  it('earlier than the date in force needs a second, different key holder; later needs one with a reason', () => {
    const s = closedCase();
    expect(reviewDateMove(s.context, '2026-12-01')).toEqual({ from: '2035-03-02', to: '2026-12-01', earlier: true });
    expect(reviewDateMove(s.context, '2040-01-01').earlier).toBe(false);
    const early = (extra: object) =>
      explainEvent(
        s,
        ev('retention.date-set', {
          reviewDate: '2026-12-01',
          reason: 'Reviewed early.',
          replaces: '2035-03-02',
          ...extra,
        }),
      );
    expect(early({}).reasons.map((r) => r.text)).toEqual([
      'Bringing the review date forward needs a second key holder, with their own passphrase, as destroying the case does.',
    ]);
    expect(early({ approvedBy: DSL }).reasons.map((r) => r.text)).toEqual([
      'The second key holder must be a different person.',
    ]);
    expect(early({ approvedBy: STAFF }).allowed).toBe(false);
    expect(early({ approvedBy: HEAD }).allowed).toBe(true);
    expect(
      explainEvent(
        s,
        ev('retention.date-set', { reviewDate: '2040-01-01', reason: 'Keep longer.', replaces: '2035-03-02' }),
      ).allowed,
    ).toBe(true);
  });

  it('refuses a "replaces" that is not the date in force, whatever the retention setting', () => {
    const s = closedCase();
    // 30 years is a setting the establishment may choose: its birthday date is a date in force.
    expect(
      explainEvent(
        s,
        ev('retention.date-set', { reviewDate: '2050-01-01', reason: 'Keep longer.', replaces: '2040-03-02' }),
      ).allowed,
    ).toBe(true);
    expect(
      explainEvent(
        s,
        ev('retention.date-set', { reviewDate: '2050-01-01', reason: 'Keep longer.', replaces: '2049-01-01' }),
      ).reasons[0]!.text,
    ).toMatch(/not the one in force/);
  });

  it('a legal hold blocks bringing it forward, a review and destruction: shown blocked with the hold’s reason', () => {
    const s = step(closedCase(), ev('legal-hold.set', { reason: 'Police investigation, ref 44/2026.' }));
    const x = explainEvent(
      s,
      ev('retention.date-set', {
        reviewDate: '2026-12-01',
        reason: 'Early.',
        replaces: '2035-03-02',
        approvedBy: DEPUTY,
      }),
    );
    expect(x.reasons.map((r) => [r.rule, r.text])).toEqual([
      [
        'SEC.13.hold',
        'A legal hold stands: the review date cannot be brought forward until it is lifted. Hold: Police investigation, ref 44/2026.',
      ],
    ]);
    const actions = retentionActions(s.context, stageOf(s));
    expect(actions.map((a) => [a.action, a.blocked?.text])).toEqual([
      ['review', expect.stringContaining('Police investigation, ref 44/2026.')],
      ['bring-forward', expect.stringContaining('Police investigation, ref 44/2026.')],
      ['destroy', expect.stringContaining('Police investigation, ref 44/2026.')],
    ]);
    expect(retentionActions(closedCase().context, 'closed').every((a) => a.blocked === null)).toBe(true);
  });

  it('reads a date set before the rule (no "replaces") as it was: older records still open', () => {
    const s = closedCase();
    expect(
      explainEvent(s, ev('retention.date-set', { reviewDate: '2026-12-01', reason: 'Set in an older version.' }))
        .allowed,
    ).toBe(true);
  });

  it('from a date of birth, on the case: the 25th birthday with no "unclear" reading', () => {
    const facts = calmFacts({
      persons: [person({ id: 'a', name: 'Ann', dateOfBirth: '2011-04-09', ageYears: 14, yearGroup: 9 })],
    });
    const s = run([opened(), ev('disclosure.recorded', { disclosure: disclosure(), persons: facts.persons })]);
    const r = reviewDate(s.context);
    expect(r.date).toBe('2036-04-09');
    expect(r.reasons.some((x) => x.reading)).toBe(false);
    expect(r.reasons[0]!.text).toContain('worked out from their date of birth');
  });
});
