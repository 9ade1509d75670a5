// Home after unlock: what is urgent, the disclosure inbox, what is due and overdue, open cases,
// and search by case reference, name and date. A pupil's earlier cases are one tap away (R8.10).
import { useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { actsNow, type CaseSummary } from '../../domain/summary';
import { Button, NotificationBanner, TextInput } from '../components';
import { formatDate, todayIso } from '../format';
import { wording, useSettings } from '../data/settings';
import { HomeReminders } from '../reminders/HomeReminders';
import { useReminders } from '../reminders/RemindersContext';
import './home.css';
import { queryWords, matches } from './search';
import { isOverdue, CaseRow } from './CaseRow';
import { PAGE, deriveList } from './caseList';

export interface HomeProps {
  summaries: CaseSummary[];
  inboxCount: number;
  onNewCase: () => Promise<string>;
  /** When the last encrypted backup was made, or null if never (undefined while unknown). */
  lastBackupAt?: string | null | undefined;
  /** The Headteacher reads and signs off; only the DSL and deputies record (R14.3). */
  readOnly?: boolean;
  /** Cases whose summary would not open. */
  unreadable?: { caseId: string; message: string }[];
  /** How many cases were destroyed on this device (only the number: their signed notes are in Retention). */
  destroyedCount?: number | undefined;
}

export function HomePage({
  summaries,
  inboxCount,
  onNewCase,
  lastBackupAt,
  readOnly = false,
  unreadable = [],
  destroyedCount = 0,
}: HomeProps) {
  const settings = useSettings();
  const words = wording(settings.establishmentType);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const deferred = useDeferredValue(query);
  const [showClosed, setShowClosed] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const today = todayIso();
  // Derived once per list (and day): typing and "show more" never sort or count again.
  const {
    ordered,
    earlier,
    urgent,
    overdue: overdueByDate,
    open: openCount,
  } = useMemo(() => deriveList(summaries, today), [summaries, today]);
  // Overdue by the reminders (worked out after unlock with school days), by case: those cases come first and count as overdue.
  const reminderList = useReminders().list;
  const lateByCase = useMemo(() => {
    const m = new Map<string, Set<string>>();
    for (const r of reminderList ?? [])
      if (r.overdue && r.caseId) m.set(r.caseId, (m.get(r.caseId) ?? new Set()).add(r.label));
    return m;
  }, [reminderList]);
  const { list: byUrgency, overdue } = useMemo(() => {
    if (lateByCase.size === 0) return { list: ordered, overdue: overdueByDate };
    const first = (s: CaseSummary) =>
      lateByCase.has(s.caseId) || s.due.some((d) => actsNow(d.kind) || isOverdue(d, today));
    const list = [...ordered.filter(first), ...ordered.filter((s) => !first(s))];
    return {
      list,
      overdue: ordered.filter((s) => lateByCase.has(s.caseId) || s.due.some((d) => isOverdue(d, today))).length,
    };
  }, [ordered, lateByCase, overdueByDate, today]);
  const searching = deferred.trim() !== '';
  const found = useMemo(() => {
    if (!searching) return showClosed ? byUrgency : byUrgency.filter((s) => !s.closed);
    const q = queryWords(deferred);
    return byUrgency.filter((s) => matches(s, q));
  }, [byUrgency, deferred, searching, showClosed]);

  return (
    <div className="app-page">
      <h1 className="app-heading-xl">Cases</h1>
      <HomeReminders />
      {(urgent > 0 || overdue > 0) && (
        <NotificationBanner
          variant="urgent"
          heading={`${urgent > 0 ? `${urgent} case${urgent === 1 ? ' needs' : 's need'} a referral now. ` : ''}${overdue > 0 ? `${overdue} case${overdue === 1 ? ' has' : 's have'} overdue items.` : ''}`}
        >
          <p className="app-body">They are listed first below.</p>
        </NotificationBanner>
      )}
      {lastBackupAt !== undefined &&
        summaries.length > 0 &&
        (lastBackupAt === null ||
          Date.parse(today) - Date.parse(lastBackupAt.slice(0, 10)) >
            settings.reminders.backupMaxDays *
              86_400_000) /* Settings: reminder timings (docs/SECURITY.md item 10) */ && (
          <NotificationBanner
            heading={
              lastBackupAt === null
                ? 'There is no backup of these records yet.'
                : `The last backup was made on ${formatDate(lastBackupAt)}.`
            }
          >
            <p className="app-body">
              If this tablet is lost or its storage is cleared, only a backup brings the records back.{' '}
              <Link className="app-link" to="/settings#backup">
                Make a backup in Settings
              </Link>
            </p>
          </NotificationBanner>
        )}
      {unreadable.length > 0 && (
        <NotificationBanner
          variant="urgent"
          title="Cannot be read"
          heading={`${unreadable.length} case${unreadable.length === 1 ? '' : 's'} on this tablet cannot be read.`}
        >
          <ul className="app-list app-list--bullet">
            {unreadable.map((u) => (
              <li key={u.caseId}>
                <Link className="app-link" to={`/cases/${u.caseId}`}>
                  Case {u.caseId.slice(0, 8)}
                </Link>
                : {u.message}
              </li>
            ))}
          </ul>
          <p className="app-body">Run the full check in Settings, and restore a backup if you have one.</p>
        </NotificationBanner>
      )}
      <div className="app-home-actions">
        {readOnly ? (
          <p className="app-body">
            You can read every case and sign off decisions not to refer. The DSL and deputies record the response.
          </p>
        ) : (
          <Button
            onClick={async () => {
              const id = await onNewCase();
              navigate(`/cases/${id}/disclosure`);
            }}
          >
            Start a new case
          </Button>
        )}
        <Link className="app-button app-button--secondary" to="/inbox">
          Disclosure inbox{inboxCount > 0 ? ` (${inboxCount} new)` : ''}
        </Link>
        <Link className="app-button app-button--secondary" to="/transfers/receive">
          Receive a case transfer
        </Link>
      </div>
      <TextInput
        id="search"
        type="search"
        label="Search cases"
        hint={`By case reference, ${words.pupil}'s name or date (for example 2026-03).`}
        value={query}
        onChange={(v) => {
          setQuery(v);
          setLimit(PAGE);
          setParams(v ? { q: v } : {}, { replace: true });
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="app-body" role="status">
        {searching
          ? `${found.length} case${found.length === 1 ? '' : 's'} found`
          : `${openCount} open case${openCount === 1 ? '' : 's'}, ${summaries.length} in all`}
        {!searching && (
          <>
            {' · '}
            <button type="button" className="app-link-button" onClick={() => setShowClosed(!showClosed)}>
              {showClosed ? 'Hide closed cases' : 'Show closed cases'}
            </button>
          </>
        )}
      </p>
      {summaries.length === 0 ? (
        <p className="app-body">
          No cases yet. When a member of staff records a disclosure it arrives in the inbox; or start a new case
          yourself.
        </p>
      ) : (
        <ul className="app-case-list">
          {found.slice(0, limit).map((s) => (
            <CaseRow key={s.caseId} s={s} today={today} earlier={earlier} lateLabels={lateByCase.get(s.caseId)} />
          ))}
        </ul>
      )}
      {found.length > limit && (
        <Button variant="secondary" onClick={() => setLimit(limit + PAGE)}>
          Show more cases ({found.length - limit} more)
        </Button>
      )}
      {destroyedCount > 0 && (
        <p className="app-body" data-testid="home-destroyed">
          {destroyedCount} case{destroyedCount === 1 ? ' was' : 's were'} destroyed after a retention review, so{' '}
          {destroyedCount === 1 ? 'it is' : 'they are'} not listed here.{' '}
          <Link className="app-link" to="/retention">
            See the signed notes in Retention
          </Link>
        </p>
      )}
    </div>
  );
}
