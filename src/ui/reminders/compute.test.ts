// The reminder list as the app works it out from case summaries: a closed case whose review date
// cannot be worked out (no date of birth, age or year group) asks for one (SEC.13); a closed case
// with a date years away gives no retention reminder yet.
import { beforeEach, describe, expect, it } from 'vitest';
import { summarise } from '../../domain/summary';
import { resetBuilders } from '../../../test/builders/events';
import { experimentalFlow, run } from '../../../test/builders/flows';
import { computeReminders } from './compute';

beforeEach(() => resetBuilders());

describe('retention reminders from the case summaries', () => {
  it('a closed case with no review date is a reminder to set one; with its date (2035) there is none yet', () => {
    const closed = summarise(run(experimentalFlow()));
    expect(closed.closed).toBe(true);
    const kept = computeReminders({ today: '2026-11-10', cases: [closed], retentionYears: 25 });
    expect(kept.list.filter((r) => r.kind === 'retention-review')).toEqual([]);

    const noDate = { ...closed, retention: { ...closed.retention!, birth: null, unknownBirth: ['Maya'] } };
    const { list, counts } = computeReminders({ today: '2026-11-10', cases: [noDate], retentionYears: 25 });
    expect(list).toMatchObject([
      {
        kind: 'retention-review',
        caseId: closed.caseId,
        label: 'Set a retention review date',
        link: `/cases/${closed.caseId}/retention`,
        severity: 'soon',
      },
    ]);
    expect(counts.attention).toBe(1);
    // No name reaches a reminder.
    expect(JSON.stringify(list)).not.toContain('Maya');
  });
});
