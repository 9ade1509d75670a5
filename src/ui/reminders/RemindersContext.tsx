// The reminder list for the unlocked session: the domain works it out (src/domain/reminders.ts)
// from the case summaries, the transfers sent, the last backup and the settings; this only
// gathers them and passes today's date. Recomputed after unlock, after each step (the summaries
// change), after a settings change and on each navigation (a backup or receipt may have been
// recorded). Keeps the app badge at the count, and clears it whenever the app is locked: the
// count comes from decrypted records, and a locked app shows nothing derived from them.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { reminderCounts, reminders, type Reminder, type ReminderCounts, type TransferSent } from '../../domain/reminders';
import { retentionReviewItems } from '../../domain/retention';
import { formatDate, todayIso } from '../format';
import { useSession } from '../session/SessionContext';
import { clearBadge, showBadge } from './badge';

export interface RemindersState {
  /** Null while locked or still loading. */
  list: Reminder[] | null;
  counts: ReminderCounts;
  /** True when school days are counted as weekdays because no term dates are entered. */
  noTermDates: boolean;
}

const NONE: ReminderCounts = { overdue: 0, soon: 0, waiting: 0, attention: 0 };
export const RemindersContext = createContext<RemindersState>({ list: null, counts: NONE, noTermDates: false });

export function useReminders(): RemindersState {
  return useContext(RemindersContext);
}

export function RemindersProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname } = useLocation();
  const { unlocked, summaries, settings } = session;
  const [sources, setSources] = useState<{ transfers: TransferSent[]; lastBackupAt: string | null | undefined } | null>(null);

  useEffect(() => {
    // While locked nothing is read (the list below is null without a vault).
    if (!unlocked) return;
    let live = true;
    void Promise.all([unlocked.transfersSent().catch(() => []), unlocked.lastBackupAt().catch(() => undefined)]).then(([transfers, lastBackupAt]) => {
      if (live) setSources({ transfers, lastBackupAt });
    });
    return () => {
      live = false;
    };
  }, [unlocked, summaries, settings, pathname]);

  const today = todayIso();
  const value = useMemo<RemindersState>(() => {
    if (!unlocked || !sources) return { list: null, counts: NONE, noTermDates: false };
    const list = reminders({
      today,
      cases: summaries,
      transfers: sources.transfers,
      lastBackupAt: sources.lastBackupAt,
      settings: settings.reminders,
      calendar: settings.schoolCalendar,
      retentionReviews: retentionReviewItems(summaries, settings.retentionYears).flatMap((r) => (r.reviewDate ? [{ ...r, reviewDate: r.reviewDate }] : [])),
      localDate: (iso) => todayIso(new Date(iso)),
      formatDate,
      role: unlocked.actor.role === 'staff' ? undefined : unlocked.actor.role,
    });
    return { list, counts: reminderCounts(list), noTermDates: settings.schoolCalendar.terms.length === 0 };
  }, [unlocked, sources, summaries, settings, today]);

  useEffect(() => {
    if (!unlocked) clearBadge();
    else if (value.list) showBadge(value.counts.attention);
  }, [unlocked, value]);

  return <RemindersContext.Provider value={value}>{children}</RemindersContext.Provider>;
}
