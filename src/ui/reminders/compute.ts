// Works out the reminder list from what the session holds. Loaded when the app is first unlocked
// (not in the first load): the domain's reminders and retention rules come with it.
import { reminderCounts, reminders, type ReminderInputs } from '../../domain/reminders';
import { retentionReviewItems } from '../../domain/retention';
import type { CaseSummary } from '../../domain/summary';
import { formatDate, todayIso } from '../format';

export function computeReminders(
  input: Omit<ReminderInputs, 'retentionReviews' | 'localDate' | 'formatDate' | 'cases'> & {
    cases: readonly CaseSummary[];
    retentionYears: number;
  },
) {
  const { retentionYears, ...rest } = input;
  const list = reminders({
    ...rest,
    retentionReviews: retentionReviewItems(input.cases, retentionYears),
    localDate: (iso) => todayIso(new Date(iso)),
    formatDate,
  });
  return { list, counts: reminderCounts(list) };
}
