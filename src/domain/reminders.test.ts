import { describe, expect, it } from 'vitest';
import { reminderCounts, reminderUrgency, reminders, type ReminderInputs } from './reminders';
import type { CaseSummary } from './summary';
import type { SchoolCalendar } from './schoolDays';

type C = Pick<CaseSummary, 'caseId' | 'reference' | 'closed' | 'due'>;

const TERMS: SchoolCalendar = {
  terms: [
    { start: '2026-09-02', end: '2026-10-23' },
    { start: '2026-11-02', end: '2026-12-18' },
  ],
};

function at(today: string, extra: Partial<ReminderInputs> = {}, cases: C[] = []) {
  return reminders({ today, cases, lastBackupAt: undefined, calendar: TERMS, ...extra });
}

const referral: C = {
  caseId: 'c1',
  reference: 'YPSI-2026-0001',
  closed: false,
  // Referred on Wednesday 21 October 2026, just before half term.
  due: [
    {
      kind: 'referral-outcome',
      due: null,
      label: 'Outcome of referral to Wolverhampton MASH',
      since: '2026-10-21T10:00:00.000Z',
      ref: 'r-1',
    },
  ],
};

describe('a referral with no outcome (R14.2), counted in school days', () => {
  it('waits until 5 school days have passed, half term not counted, then is overdue', () => {
    // Thu 22, Fri 23 Oct; half term; Mon 2, Tue 3, Wed 4 Nov: due 4 November.
    const before = at('2026-11-04', {}, [referral]);
    expect(before).toMatchObject([
      {
        kind: 'referral-outcome',
        caseId: 'c1',
        reference: 'YPSI-2026-0001',
        due: '2026-11-04',
        overdue: false,
        severity: 'waiting',
        link: '/cases/c1/referrals',
      },
    ]);
    expect(before[0]!.reason.rule).toBe('R14.2');
    const after = at('2026-11-05', {}, [referral]);
    expect(after).toMatchObject([{ due: '2026-11-04', overdue: true, severity: 'overdue' }]);
  });

  it('with no term dates, counts weekdays and says so in the reason', () => {
    const [r] = reminders({ today: '2026-10-28', cases: [referral] });
    // Thu 22, Fri 23, Mon 26, Tue 27, Wed 28.
    expect(r).toMatchObject({ due: '2026-10-28', overdue: false });
    expect(r!.reason.text).toMatch(/No term dates are entered in Settings, so weekdays were counted/);
  });

  it('the number of school days is a setting', () => {
    expect(at('2026-10-26', { settings: { referralOutcomeSchoolDays: 2 } }, [referral])[0]).toMatchObject({
      due: '2026-10-23',
      overdue: true,
    });
  });

  it('a summary stored before referral dates were kept still gives a reminder, waiting and undated', () => {
    const old: C = {
      ...referral,
      due: [{ kind: 'referral-outcome', due: null, label: 'Outcome of referral to MASH' }],
    };
    expect(at('2026-11-20', {}, [old])).toMatchObject([{ due: null, overdue: false, severity: 'waiting' }]);
  });
});

describe('deletion deadlines (R12.3)', () => {
  const deletion = (due: string): C => ({
    caseId: 'c2',
    reference: 'YPSI-2026-0002',
    closed: false,
    due: [{ kind: 'deletion-deadline', due, label: '2 deletions to confirm' }],
  });
  it('waiting while far off, due soon within three days, due (not overdue) on the day, overdue the day after', () => {
    expect(at('2026-11-10', {}, [deletion('2026-11-20')])[0]).toMatchObject({ severity: 'waiting', overdue: false });
    expect(at('2026-11-17', {}, [deletion('2026-11-20')])[0]).toMatchObject({ severity: 'soon', overdue: false });
    expect(at('2026-11-20', {}, [deletion('2026-11-20')])[0]).toMatchObject({ severity: 'soon', overdue: false });
    expect(at('2026-11-21', {}, [deletion('2026-11-20')])[0]).toMatchObject({
      severity: 'overdue',
      overdue: true,
      link: '/cases/c2/deletion',
      reason: { rule: 'R12.3' },
    });
  });

  it('a closed case gives no reminders', () => {
    expect(at('2026-12-01', {}, [{ ...deletion('2026-11-20'), closed: true }])).toEqual([]);
  });
});

describe('transfers sent without a receipt (UKCIS.transfer: 5 school days, confirmation of receipt)', () => {
  const sent = {
    transferId: 't1',
    caseIds: ['c1'],
    to: 'DSL, Northfield High School',
    sentAt: '2026-10-22T09:00:00.000Z',
    received: false,
  };
  it('is due 5 school days after sending and overdue after that; a recorded receipt ends it', () => {
    // Fri 23 Oct; half term; Mon 2 - Thu 5 Nov.
    expect(at('2026-11-05', { transfers: [sent] }, [{ ...referral, due: [] }])).toMatchObject([
      {
        kind: 'transfer-receipt',
        reference: 'YPSI-2026-0001',
        due: '2026-11-05',
        severity: 'waiting',
        link: '/cases/c1/transfer',
        reason: { rule: 'UKCIS.transfer' },
      },
    ]);
    expect(at('2026-11-06', { transfers: [sent] })[0]).toMatchObject({ overdue: true, severity: 'overdue' });
    expect(at('2026-11-06', { transfers: [{ ...sent, received: true }] })).toEqual([]);
  });
});

describe('the last backup (docs/SECURITY.md item 10)', () => {
  const one: C = { caseId: 'c3', reference: 'YPSI-2026-0003', closed: false, due: [] };
  it('never made, with cases: due now; with no cases: nothing', () => {
    expect(at('2026-11-10', { lastBackupAt: null }, [one])).toMatchObject([
      { kind: 'backup', due: null, severity: 'soon', link: '/settings#backup' },
    ]);
    expect(at('2026-11-10', { lastBackupAt: null }, [])).toEqual([]);
  });
  it('silent while recent, due soon near the threshold, overdue after it (14 days by default, or as set)', () => {
    expect(at('2026-11-05', { lastBackupAt: '2026-11-01T12:00:00Z' }, [one])).toEqual([]);
    expect(at('2026-11-13', { lastBackupAt: '2026-11-01T12:00:00Z' }, [one])).toMatchObject([
      { due: '2026-11-15', severity: 'soon' },
    ]);
    expect(at('2026-11-16', { lastBackupAt: '2026-11-01T12:00:00Z' }, [one])).toMatchObject([
      { due: '2026-11-15', severity: 'overdue', overdue: true },
    ]);
    expect(
      at('2026-11-09', { lastBackupAt: '2026-11-01T12:00:00Z', settings: { backupMaxDays: 7 } }, [one]),
    ).toMatchObject([{ due: '2026-11-08', overdue: true }]);
  });
});

describe('who is reading', () => {
  it('the Headteacher is not reminded of backups or receipts, which only the DSL and deputies can act on; sign-offs stay', () => {
    const cases: C[] = [
      {
        caseId: 'a',
        reference: 'YPSI-2026-0010',
        closed: false,
        due: [{ kind: 'unsigned-decision', due: null, label: 'Decision not to refer awaits Headteacher sign-off' }],
      },
    ];
    const transfers = [
      {
        transferId: 't1',
        caseIds: ['a'],
        to: 'DSL, Northfield High School',
        sentAt: '2026-10-01T09:00:00Z',
        received: false,
      },
    ];
    const kinds = (role?: 'dsl' | 'headteacher') =>
      at('2026-11-10', { lastBackupAt: null, transfers, role }, cases).map((r) => r.kind);
    expect(kinds('dsl')).toEqual(['transfer-receipt', 'backup', 'unsigned-decision']);
    expect(kinds('headteacher')).toEqual(['unsigned-decision']);
  });
});

describe('the retention hook', () => {
  it('a review date is a reminder; a legal hold silences it', () => {
    const reviews = [
      { caseId: 'c4', reference: 'YPSI-2019-0004', reviewDate: '2026-11-01', legalHold: false },
      { caseId: 'c5', reference: 'YPSI-2019-0005', reviewDate: '2026-11-01', legalHold: true },
    ];
    expect(at('2026-11-10', { retentionReviews: reviews })).toMatchObject([
      {
        kind: 'retention-review',
        caseId: 'c4',
        overdue: true,
        link: '/cases/c4/retention',
        reason: { rule: 'SEC.13' },
      },
    ]);
  });

  it('a closed case with no review date is a reminder to set one, now; an open one is not, nor one on legal hold (SEC.13)', () => {
    const none = (caseId: string, closed: boolean, legalHold = false) => ({
      caseId,
      reference: `YPSI-2026-${caseId}`,
      reviewDate: null,
      legalHold,
      closed,
    });
    const list = at('2026-11-10', { retentionReviews: [none('c7', true), none('c8', false), none('c9', true, true)] });
    expect(list).toMatchObject([
      {
        id: 'retention-review:c7',
        kind: 'retention-review',
        caseId: 'c7',
        due: null,
        overdue: false,
        severity: 'soon',
        label: 'Set a retention review date',
        link: '/cases/c7/retention',
        reason: { rule: 'SEC.13' },
      },
    ]);
    expect(list[0]!.reason.text).toMatch(/date of birth, age or year group is not recorded/);
    expect(reminderCounts(list).attention).toBe(1);
  });

  it('a review years away is not a reminder; it is listed 30 days before its date (SEC.13)', () => {
    const review = (reviewDate: string) => [
      { caseId: 'c6', reference: 'YPSI-2026-0006', reviewDate, legalHold: false },
    ];
    expect(at('2026-11-10', { retentionReviews: review('2035-04-02') })).toEqual([]);
    expect(at('2026-11-10', { retentionReviews: review('2026-12-11') })).toEqual([]);
    expect(at('2026-11-10', { retentionReviews: review('2026-12-10') })).toMatchObject([
      { kind: 'retention-review', overdue: false, due: '2026-12-10' },
    ]);
  });
});

describe('one list, most urgent first', () => {
  it('overdue first, then soonest due, then undated "now" items, then waiting; counted for the badge', () => {
    const cases: C[] = [
      {
        caseId: 'a',
        reference: 'YPSI-2026-0010',
        closed: false,
        due: [
          {
            kind: 'unsigned-decision',
            due: null,
            label: 'Decision not to refer awaits Headteacher sign-off',
            since: '2026-11-02T10:00:00Z',
          },
        ],
      },
      {
        caseId: 'b',
        reference: 'YPSI-2026-0011',
        closed: false,
        due: [{ kind: 'deletion-deadline', due: '2026-11-11', label: '1 deletion to confirm' }],
      },
      {
        caseId: 'c',
        reference: 'YPSI-2026-0012',
        closed: false,
        due: [{ kind: 'deletion-deadline', due: '2026-11-06', label: '1 deletion to confirm' }],
      },
      {
        caseId: 'd',
        reference: 'YPSI-2026-0013',
        closed: false,
        due: [{ kind: 'device-collection', due: null, label: 'Device held for the police: phone', ref: 'd1' }],
      },
      {
        caseId: 'e',
        reference: 'YPSI-2026-0014',
        closed: false,
        due: [{ kind: 'deletion-deadline', due: '2026-11-30', label: '1 deletion to confirm' }],
      },
    ];
    const list = at('2026-11-10', {}, cases);
    expect(list.map((r) => `${r.severity} ${r.caseId} ${r.kind}`)).toEqual([
      'overdue c deletion-deadline',
      'soon b deletion-deadline',
      'soon a unsigned-decision',
      'waiting e deletion-deadline',
      'waiting d device-collection',
    ]);
    expect(list.find((r) => r.kind === 'unsigned-decision')?.reason).toMatchObject({ rule: 'R14.3' });
    expect(reminderCounts(list)).toEqual({ overdue: 1, soon: 2, waiting: 2, attention: 3 });
  });

  it('dates in reasons are shown as the reader expects', () => {
    const [r] = reminders({ today: '2026-10-22', cases: [referral], calendar: TERMS, formatDate: (d) => `[${d}]` });
    expect(r!.reason.text).toMatch(/^Referred on \[2026-10-21\]\./);
  });
});

describe('how urgent a reminder is (its tag)', () => {
  it('says "act now" for an immediate referral or an escalation (R6, R6.9), unless its date has passed', () => {
    expect(reminderUrgency({ kind: 'act-now', overdue: false, severity: 'soon' })).toBe('act-now');
    expect(reminderUrgency({ kind: 'escalation', overdue: false, severity: 'soon' })).toBe('act-now');
    expect(reminderUrgency({ kind: 'act-now', overdue: true, severity: 'overdue' })).toBe('overdue');
  });

  it('otherwise follows its group: due soon, or waiting', () => {
    expect(reminderUrgency({ kind: 'deletion-deadline', overdue: false, severity: 'soon' })).toBe('due-soon');
    expect(reminderUrgency({ kind: 'deletion-deadline', overdue: false, severity: 'waiting' })).toBe('waiting');
  });
});
