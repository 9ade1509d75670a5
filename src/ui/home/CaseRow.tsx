// One case in the home list: reference, stage, what is overdue, and earlier cases about the same young people.
import { memo } from 'react';
import { Link } from 'react-router';
import { FORK_TITLE } from '../../domain/merge';
import { actsNow, type CaseSummary, type DueItem } from '../../domain/summary';
import { STAGE_LABELS } from '../../domain/stages';
import { Tag, UrgencyTag } from '../components';
import { formatDate } from '../format';
import { ROUTE_LABELS } from '../policy/labels';

export function isOverdue(d: DueItem, today: string): boolean {
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
export const CaseRow = memo(function CaseRow({
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
  // R6, R6.9: an act-now referral or an unanswered escalation is owed now, not merely due.
  const urgent = s.due.some((d) => actsNow(d.kind));
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
        {s.sameIncidentConflict && (
          // Two cases of one disclosure each closed into the other, apart: neither is carried on (R14.1).
          <p className="app-case-row__meta">
            <Link className="app-link" to={`/cases/${s.caseId}/same-incident`}>
              <Tag colour="red">Same incident: decide which case carries it on</Tag>
            </Link>
          </p>
        )}
        {s.alsoRecordedAs?.map((x) => (
          <p className="app-case-row__meta" key={x.caseId}>
            Also recorded as {x.reference} (closed as the same incident)
          </p>
        ))}
        {s.forked && (
          // The case header's tag (src/domain/merge.ts), so a fork is seen before the case is opened.
          <p className="app-case-row__meta">
            <Link className="app-link" to={`/cases/${s.caseId}/branches`} data-testid="forked">
              <Tag colour="red">{FORK_TITLE}</Tag>
            </Link>
          </p>
        )}
        <p className="app-case-row__meta">
          {/* A case closed as the same incident as another says so, not the stage its own steps reached. */}
          Opened {formatDate(s.openedAt)} ·{' '}
          {s.sameIncidentAs ? `Closed: same incident as ${s.sameIncidentAs.reference}` : STAGE_LABELS[s.stage]}
          {s.typology && ` · ${s.typology}`}
          {s.routes.length > 0 && ` · ${s.routes.map((r) => ROUTE_LABELS[r].title).join('; ')}`}
        </p>
        {s.due.length > 0 && (
          <ul className="app-case-row__due">
            {s.due.map((d, i) => (
              <li key={i}>
                <UrgencyTag urgency={late(d) ? 'overdue' : actsNow(d.kind) ? 'act-now' : 'due'} /> {d.label}
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
          <UrgencyTag urgency="overdue" />
        ) : urgent ? (
          <UrgencyTag urgency="act-now" />
        ) : s.closed ? (
          <Tag colour="green">Closed</Tag>
        ) : (
          <Tag colour="blue">Open</Tag>
        )}
      </div>
    </li>
  );
});
