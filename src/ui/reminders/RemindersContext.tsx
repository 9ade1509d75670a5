// The reminder list for the unlocked session: the domain works it out (src/domain/reminders.ts)
// from the case summaries, the transfers sent, the last backup and the settings; this only
// gathers them and passes today's date. Recomputed after unlock, after each step (the summaries
// change), after a settings change and on each navigation (a backup or receipt may have been
// recorded), and when a screen asks (`refresh`: a transfer sent or a receipt recorded without
// leaving it). Keeps the app badge at the count, and clears it whenever the app is locked: the
// count comes from decrypted records, and a locked app shows nothing derived from them.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { Reminder, ReminderCounts } from '../../domain/reminders';
import { todayIso } from '../format';
import { useSession } from '../session/SessionContext';
import { clearBadge, showBadge } from './badge';

export interface RemindersState {
  /** Null while locked or still loading. */
  list: Reminder[] | null;
  counts: ReminderCounts;
  /** True when school days are counted as weekdays because no term dates are entered. */
  noTermDates: boolean;
  /** Works the list out again now: after something that changes no summary (a transfer sent, a receipt recorded) on the same screen. */
  refresh?: (() => void) | undefined;
}

const NONE: ReminderCounts = { overdue: 0, soon: 0, waiting: 0, attention: 0 };
const LOCKED: RemindersState = { list: null, counts: NONE, noTermDates: false };
export const RemindersContext = createContext<RemindersState>(LOCKED);

export function useReminders(): RemindersState {
  return useContext(RemindersContext);
}

export function RemindersProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname } = useLocation();
  const { unlocked, summaries, settings } = session;
  // The list is kept with the session it was worked out for: after a lock it is never shown again.
  const [computed, setComputed] = useState<{ for: object; value: RemindersState } | null>(null);
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  const value: RemindersState = unlocked && computed?.for === unlocked ? computed.value : LOCKED;
  const today = todayIso();

  useEffect(() => {
    // While locked nothing is read, and nothing derived from the records is kept.
    if (!unlocked) return;
    let live = true;
    void Promise.all([
      unlocked.transfersSent().catch(() => []),
      unlocked.lastBackupAt().catch(() => undefined),
      import('./compute'),
    ]).then(([transfers, lastBackupAt, { computeReminders }]) => {
      if (!live) return;
      const { list, counts } = computeReminders({
        today,
        cases: summaries,
        transfers,
        lastBackupAt,
        settings: settings.reminders,
        calendar: settings.schoolCalendar,
        retentionYears: settings.retentionYears,
        role: unlocked.actor.role,
      });
      setComputed({
        for: unlocked,
        value: { list, counts, noTermDates: settings.schoolCalendar.terms.length === 0, refresh },
      });
    });
    return () => {
      live = false;
    };
  }, [unlocked, summaries, settings, pathname, today, asked, refresh]);

  useEffect(() => {
    if (!unlocked) clearBadge();
    else if (value.list) showBadge(value.counts.attention);
  }, [unlocked, value]);

  return <RemindersContext.Provider value={value}>{children}</RemindersContext.Provider>;
}
