// Retention (docs/SECURITY.md item 13): closed cases due for review, cases on legal hold, cases whose
// review date cannot be worked out, and cases destroyed here (their signed notes). The domain
// decides every date and status; this screen lists them.
import { BROWSER_LEFTOVERS } from './leftovers';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { CaseSummary } from '../../domain/summary';
import { reviewDateFrom, retentionStatus, type RetentionStatus } from '../../domain/retention';
import { InsetText, NotificationBanner, Tag, WarningText } from '../components';
import { useSession } from '../session/SessionContext';
import { useSettings } from '../data/settings';
import type { DestroyedCaseRecord } from '../data/vault';
import { datesInWords, formatDate, todayIso } from '../format';
import type { ServerCopyView } from '../sync/types';
import { ServerCopyNote } from './ServerCopyNote';
import './retention.css';

interface Row {
  summary: CaseSummary;
  status: RetentionStatus;
  reviewDate: string | null;
  why: string;
}

function rows(summaries: readonly CaseSummary[], years: number, today: string): Row[] {
  return summaries.flatMap((s) => {
    if (!s.retention)
      return [
        {
          summary: s,
          status: 'no-date' as const,
          reviewDate: null,
          why: 'This case was saved before review dates were kept. Open it and record any step, or set the review date.',
        },
      ];
    const reading = reviewDateFrom(s.retention, years);
    return [
      {
        summary: s,
        status: retentionStatus(s.retention, today, years),
        reviewDate: reading.date,
        why: datesInWords(reading.reasons[0]?.text ?? ''),
      },
    ];
  });
}

function CaseRows({ items, empty, hold }: { items: Row[]; empty: string; hold?: boolean }) {
  if (items.length === 0) return <p className="app-body">{empty}</p>;
  return (
    <ul className="app-list app-retention-list">
      {items.map((r) => (
        <li key={r.summary.caseId} className="app-retention-list__item">
          <p className="app-body app-retention-list__title">
            <Link className="app-link" to={`/cases/${r.summary.caseId}/retention`}>
              {r.summary.reference}
            </Link>{' '}
            {r.summary.closed ? <Tag>Closed</Tag> : <Tag colour="blue">Open</Tag>}
          </p>
          <p className="app-body">
            Review date: <strong>{r.reviewDate ? formatDate(r.reviewDate) : 'not set'}</strong>
          </p>
          {hold && r.summary.retention?.hold ? (
            <p className="app-body">
              On legal hold since {formatDate(r.summary.retention.hold.since)}. Why: {r.summary.retention.hold.reason}
            </p>
          ) : (
            <p className="app-body app-retention-list__why">{r.why}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

function DestroyedRows({
  items,
  copies,
}: {
  items: DestroyedCaseRecord[];
  copies: Record<string, ServerCopyView> | null;
}) {
  // One download address per signed note, released when the screen goes.
  const urls = useMemo(
    () =>
      new Map(
        items.flatMap((t) =>
          t.fileText
            ? [[t.caseId, URL.createObjectURL(new Blob([t.fileText], { type: 'application/json' }))] as const]
            : [],
        ),
      ),
    [items],
  );
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  if (items.length === 0) return <p className="app-body">No case has been destroyed on this device.</p>;
  return (
    <ul className="app-list app-retention-list">
      {items.map((t) => (
        <li key={t.caseId} className="app-retention-list__item">
          <p className="app-body app-retention-list__title">
            <strong>{t.reference}</strong> {t.verified ? <Tag>Destroyed</Tag> : <Tag colour="red">Note changed</Tag>}
          </p>
          {t.verified ? (
            <>
              <p className="app-body">
                Opened {formatDate(t.openedAt)}, closed {formatDate(t.closedAt)}, review date{' '}
                {t.reviewDate ? formatDate(t.reviewDate) : 'not set'}.
              </p>
              <p className="app-body">
                Destroyed {formatDate(t.destroyedAt)} by {t.destroyedBy.name}, agreed by {t.approvedBy.name}. Why:{' '}
                {t.reason}
              </p>
              {urls.get(t.caseId) && (
                <p className="app-body">
                  <a className="app-link" href={urls.get(t.caseId)} download={`destroyed-${t.reference}.json`}>
                    Save the signed note that {t.reference} was destroyed
                  </a>
                </p>
              )}
              <ServerCopyNote copy={copies?.[t.caseId]} reference={t.reference} />
            </>
          ) : (
            <p className="app-body">{t.problem}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function RetentionPage() {
  const session = useSession();
  const settings = useSettings();
  const vault = session.unlocked;
  const destroyedNow = (useLocation().state as { destroyed?: string } | null)?.destroyed;
  const [state, setState] = useState<{ summaries: CaseSummary[]; destroyed: DestroyedCaseRecord[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [copies, setCopies] = useState<Record<string, ServerCopyView> | null>(null);
  useEffect(() => {
    if (!vault) return;
    let live = true;
    Promise.all([vault.listCases(), vault.destroyedCases()]).then(
      ([cases, destroyed]) => {
        if (!live) return;
        setState({ summaries: cases.summaries, destroyed });
        // What the school's server still holds of each (asked only where sync is set up).
        void vault.sync?.serverCopies(destroyed.filter((t) => t.verified).map((t) => t.caseId)).then(
          (found) => live && setCopies(found),
          () => undefined,
        );
      },
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [vault]);

  const today = todayIso();
  const all = state ? rows(state.summaries, settings.retentionYears, today) : [];
  const due = all
    .filter((r) => r.status === 'due')
    .sort((a, b) => (a.reviewDate ?? '').localeCompare(b.reviewDate ?? ''));
  const noDate = all.filter((r) => r.status === 'no-date');
  const held = all.filter((r) => r.status === 'on-hold');
  const kept = all
    .filter((r) => r.status === 'kept' && r.summary.closed)
    .sort((a, b) => (a.reviewDate ?? '').localeCompare(b.reviewDate ?? ''));

  return (
    <div className="app-page">
      {destroyedNow && (
        <NotificationBanner variant="success" heading={`Case ${destroyedNow} was destroyed.`}>
          <p className="app-body">
            Its key and records are gone from this device. The signed note below says it existed, who destroyed it and
            why. Copies in older backups and exported PDFs are outside the app’s reach.
          </p>
        </NotificationBanner>
      )}
      <h1 className="app-heading-xl">Retention</h1>
      <p className="app-body">
        Child protection records are kept until the youngest young person’s {settings.retentionYears}th birthday, then
        reviewed. At a review you either keep the case until a later date, with a reason, or destroy it with a second
        key holder. Nothing is ever deleted without you.
      </p>
      <p className="app-body">
        <Link className="app-link" to="/policy#records">
          How the app keeps records, and why
        </Link>{' '}
        (the app’s security design, not your establishment’s policy).
      </p>
      <WarningText>
        Destroying a case here cannot reach copies made before: older backups and exported PDFs still hold it. Deal with
        those separately.
      </WarningText>
      <p className="app-body">{BROWSER_LEFTOVERS}</p>
      {failed && <InsetText>The cases could not be read: {failed}</InsetText>}
      {!state && !failed && <p className="app-body">Reading the cases…</p>}
      {state && (
        <>
          <h2 className="app-heading-m">Due for review ({due.length})</h2>
          <CaseRows
            items={due}
            empty="No case is due for review today. Cases appear here when they reach their review date, and on Reminders 30 days before."
          />
          <h2 className="app-heading-m">No review date ({noDate.length})</h2>
          {noDate.length > 0 && (
            <p className="app-body">
              The date of birth, age or year group of a young person is not recorded, so the app cannot work out when to
              review. Set the date on the case.
            </p>
          )}
          <CaseRows items={noDate} empty="Every case has a review date." />
          <h2 className="app-heading-m">On legal hold ({held.length})</h2>
          <p className="app-body">
            A legal hold freezes a case: it cannot be reviewed or destroyed until you lift the hold. You put one on from
            the case’s retention page, for example when the police or a court may need the record.
          </p>
          <CaseRows items={held} hold empty="No case is on legal hold." />
          <h2 className="app-heading-m">Destroyed ({state.destroyed.length})</h2>
          {state.destroyed.length > 0 && (
            <p className="app-body">
              What stays of a destroyed case is a signed note that the record existed and was destroyed: its reference,
              dates, who destroyed it, who agreed and why. It holds no names and nothing written about the case. Save
              each note (a small file with the note and its signature) to keep with your records. Anyone with the app
              can check a saved note on{' '}
              <Link className="app-link" to="/verify#note-check">
                Check a PDF or a note
              </Link>
              .
            </p>
          )}
          <DestroyedRows items={state.destroyed} copies={copies} />
          <h2 className="app-heading-m">Closed and kept ({kept.length})</h2>
          <CaseRows items={kept} empty="No closed case is waiting for a later review." />
        </>
      )}
    </div>
  );
}
