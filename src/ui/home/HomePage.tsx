// Home after unlock: what is urgent, the disclosure inbox, what is due and overdue, open cases,
// and search by case reference, name and date. A pupil's earlier cases are one tap away (R8.10).
import { MONTH_NAMES } from '../../domain/days';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CaseSummary, DueItem } from '../../domain/summary';
import { STAGE_LABELS } from '../../domain/stages';
import { Button, NotificationBanner, Tag, TextInput } from '../components';
import { formatDate, todayIso } from '../format';
import { ROUTE_LABELS } from '../policy/labels';
import { wording, useSettings } from '../data/settings';
import { HomeReminders } from '../reminders/HomeReminders';
import { useReminders } from '../reminders/RemindersContext';
import './home.css';

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

/** formatDate's words (3 March 2026, in local time), lower-cased, without Intl: built for every case once per list. */
function dateWords(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(d.getTime())
    ? iso.toLowerCase()
    : `${d.getDate()} ${MONTH_NAMES[d.getMonth()]?.toLowerCase()} ${d.getFullYear()}`;
}

// A summary from the session's index is the same object until its case changes: its text is built once.
const textCache = new WeakMap<CaseSummary, string>();

/** Lower-cased words of names, reference and dates, for in-memory search after unlock. */
export function searchText(s: CaseSummary): string {
  let text = textCache.get(s);
  if (text === undefined) {
    text = [s.reference, ...s.names, s.openedAt?.slice(0, 10) ?? '', s.openedAt ? dateWords(s.openedAt) : '']
      .join(' ')
      .toLowerCase();
    textCache.set(s, text);
  }
  return text;
}

/** The query's words, lower-cased: every one must appear in a case's search text. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matches(s: CaseSummary, query: string | string[], text = searchText(s)): boolean {
  const words = typeof query === 'string' ? queryWords(query) : query;
  for (const w of words) if (!text.includes(w)) return false;
  return true;
}

function isOverdue(d: DueItem, today: string): boolean {
  return d.due !== null && d.due.slice(0, 10) < today;
}

/** Young people's names across cases, so "has this happened before?" (R8.10) is one tap away. */
export function earlierCasesIndex(summaries: CaseSummary[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of summaries)
    for (const y of s.youngPeople) {
      const key = `${y.name.trim().toLowerCase()}|${y.dateOfBirth ?? ''}`;
      if (y.name.trim()) m.set(key, (m.get(key) ?? 0) + 1);
    }
  return m;
}

// Memoised: a keystroke re-renders only the rows that change.
const CaseRow = memo(function CaseRow({
  s,
  today,
  earlier,
  lateLabels,
}: {
  s: CaseSummary;
  today: string;
  earlier: Map<string, number>;
  lateLabels?: ReadonlySet<string> | undefined;
}) {
  // An item with no date of its own (a referral's outcome) can still be overdue by the reminders' school-day count: the row says so too.
  const late = (d: DueItem) => isOverdue(d, today) || (lateLabels?.has(d.label) ?? false);
  const overdue = s.due.some(late);
  const urgent = s.due.some((d) => d.kind === 'escalation');
  return (
    <li className="app-case-row">
      <div className="app-case-row__main">
        <Link className="app-link app-case-row__link" to={`/cases/${s.caseId}`}>
          {/* One inline run inside the flex link, so the spaces between reference and names are kept. */}
          <span>
            {s.reference}
            {s.youngPeople.length > 0 && ': '}
            {s.youngPeople.map((y, i) => (
              // Each name isolated: an Arabic or Hebrew name does not reorder the reference or the names around it.
              <span key={y.id}>
                {i > 0 && ', '}
                <bdi>{y.name}</bdi>
              </span>
            ))}
          </span>
        </Link>
        <p className="app-case-row__meta">
          Opened {formatDate(s.openedAt)} · {STAGE_LABELS[s.stage]}
          {s.typology && ` · ${s.typology}`}
          {s.routes.length > 0 && ` · ${s.routes.map((r) => ROUTE_LABELS[r].title).join('; ')}`}
        </p>
        {s.due.length > 0 && (
          <ul className="app-case-row__due">
            {s.due.map((d, i) => (
              <li key={i}>
                {late(d) ? (
                  <Tag colour="red">Overdue</Tag>
                ) : d.kind === 'escalation' ? (
                  <Tag colour="red">Act now</Tag>
                ) : (
                  <Tag colour="blue">Due</Tag>
                )}{' '}
                {d.label}
                {d.due && ` (${formatDate(d.due)})`}
              </li>
            ))}
          </ul>
        )}
        {s.youngPeople
          .filter((y) => (earlier.get(`${y.name.trim().toLowerCase()}|${y.dateOfBirth ?? ''}`) ?? 0) > 1)
          .map((y) => (
            <p key={y.id} className="app-case-row__meta">
              <Link className="app-link" to={`/?q=${encodeURIComponent(y.name)}`}>
                Other cases involving <bdi>{y.name}</bdi> (
                {(earlier.get(`${y.name.trim().toLowerCase()}|${y.dateOfBirth ?? ''}`) ?? 1) - 1})
              </Link>
            </p>
          ))}
      </div>
      <div className="app-case-row__status">
        {overdue ? (
          <Tag colour="red">Overdue</Tag>
        ) : urgent ? (
          <Tag colour="red">Act now</Tag>
        ) : s.closed ? (
          <Tag colour="green">Closed</Tag>
        ) : (
          <Tag colour="blue">Open</Tag>
        )}
      </div>
    </li>
  );
});

/** Cases shown at a time: the list and search results grow by this much with "Show more cases". */
export const PAGE = 25;

/** Escalated or overdue first, then anything due, then open, then closed. */
function rankOf(s: CaseSummary, today: string): number {
  return s.due.some((d) => d.kind === 'escalation' || isOverdue(d, today))
    ? 0
    : s.due.length > 0
      ? 1
      : s.closed
        ? 3
        : 2;
}

type Derived = {
  today: string;
  ordered: CaseSummary[];
  earlier: Map<string, number>;
  urgent: number;
  overdue: number;
  open: number;
};
// A list from the session's summary index is the same array until a case changes: its order and
// counts are worked out once, not on every visit of the home screen.
const derivedCache = new WeakMap<CaseSummary[], Derived>();

/** In one pass: the list in the order shown (rank, then newest activity), the counts, and earlier cases by young person. */
function deriveList(summaries: CaseSummary[], today: string): Derived {
  const hit = derivedCache.get(summaries);
  if (hit && hit.today === today) return hit;
  const byRank: CaseSummary[][] = [[], [], [], []];
  let newestFirst = true;
  let urgent = 0;
  let overdue = 0;
  let open = 0;
  for (let i = 0; i < summaries.length; i++) {
    const s = summaries[i]!;
    if (i > 0 && (summaries[i - 1]!.updatedAt ?? '') < (s.updatedAt ?? '')) newestFirst = false;
    byRank[rankOf(s, today)]!.push(s);
    if (s.due.some((d) => d.kind === 'escalation')) urgent++;
    if (s.due.some((d) => isOverdue(d, today))) overdue++;
    if (!s.closed) open++;
  }
  // Summaries from storage come newest first; anything else is sorted here (stable: ties keep their order).
  if (!newestFirst)
    for (const list of byRank)
      list.sort((a, b) =>
        (a.updatedAt ?? '') === (b.updatedAt ?? '') ? 0 : (a.updatedAt ?? '') < (b.updatedAt ?? '') ? 1 : -1,
      );
  const derived = { today, ordered: byRank.flat(), earlier: earlierCasesIndex(summaries), urgent, overdue, open };
  derivedCache.set(summaries, derived);
  return derived;
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
      lateByCase.has(s.caseId) || s.due.some((d) => d.kind === 'escalation' || isOverdue(d, today));
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
          heading={`${urgent > 0 ? `${urgent} case${urgent === 1 ? '' : 's'} escalated and awaiting referral. ` : ''}${overdue > 0 ? `${overdue} case${overdue === 1 ? ' has' : 's have'} overdue items.` : ''}`}
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
