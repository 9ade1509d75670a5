// The report for a period (issue 7): choose a term, a school year or a custom range; see the figures
// as tables and plain-SVG bar charts; export a signed PDF or a CSV, each logged. The page only ever
// holds anonymised rows and the domain's Report: no name or free text of a case reaches it.
import { useEffect, useMemo, useState } from 'react';
import { buildReport, type Report } from '../../domain/report/build';
import {
  customPeriod,
  schoolYearOf,
  schoolYearPeriod,
  termPeriod,
  type ReportPeriod,
  type TermDates,
} from '../../domain/report/period';
import { dayOf, isoFromDay, type ReportRow } from '../../domain/report/row';
import {
  ActionBar,
  Button,
  ButtonGroup,
  DateInput,
  EMPTY_DATE,
  ErrorSummary,
  NotificationBanner,
  Radios,
  Select,
  type DateParts,
  type FormError,
} from '../components';
import type { UnlockedVault } from '../data/vault';
import { useSettings } from '../data/settings';
import { useSession } from '../session/SessionContext';
import { exportReport, type Exported } from './exportReport';
import { ExportSection } from './ExportSection';
import './reports.css';
import { ReportView } from './ReportView';
import { termDatesFrom } from './terms';

export type ReportVault = Pick<
  UnlockedVault,
  'reportRows' | 'logReportExport' | 'pdfSigner' | 'savePdfSigner' | 'actor'
>;

export interface ReportsPageProps {
  vault: ReportVault;
  establishment: { name: string; type: string };
  /** Term dates from settings, when the establishment has set them. */
  terms?: readonly TermDates[] | undefined;
  /** 'YYYY-MM-DD' (UK); today by default. Overdue items are counted on this day. */
  today?: string;
}

type Kind = 'term' | 'school-year' | 'custom';

function isoOf(d: DateParts): string {
  const [day, month, year] = [d.day.trim(), d.month.trim(), d.year.trim()];
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Today in the UK, 'YYYY-MM-DD'. */
export function todayInUk(now = Date.now()): string {
  return isoFromDay(dayOf(now) ?? 19700101);
}

export function ReportsPage({ vault, establishment, terms = [], today = todayInUk() }: ReportsPageProps) {
  const [data, setData] = useState<{ rows: ReportRow[]; unreadable: number } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind | ''>('');
  const [term, setTerm] = useState('');
  const currentYear = schoolYearOf(today);
  const [year, setYear] = useState(String(currentYear));
  const [from, setFrom] = useState<DateParts>(EMPTY_DATE);
  const [to, setTo] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [recipient, setRecipient] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [exported, setExported] = useState<Exported[]>([]);

  useEffect(() => {
    let live = true;
    vault.reportRows().then(
      (d) => live && setData(d),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [vault]);
  useEffect(() => () => exported.forEach((x) => URL.revokeObjectURL(x.url)), [exported]);

  const validTerms = useMemo(
    () => terms.map((t) => termPeriod(t)).filter((p): p is ReportPeriod => p !== null),
    [terms],
  );
  const firstYear = useMemo(
    () => Math.min(currentYear, ...(data?.rows ?? []).map((r) => schoolYearOf(isoFromDay(r.day)))),
    [data, currentYear],
  );
  const years = Array.from({ length: Math.min(currentYear - firstYear + 1, 30) }, (_, i) => currentYear - i);

  const fail = (e: FormError[]) => {
    setAttempt((n) => n + 1);
    setErrors(e);
  };

  const show = () => {
    let period: ReportPeriod | null = null;
    if (kind === '') return fail([{ fieldId: 'period-kind', text: 'Choose a term, a school year or your own dates' }]);
    if (kind === 'term') {
      period = validTerms[Number(term)] ?? null;
      if (!period) return fail([{ fieldId: 'term', text: 'Choose a term' }]);
    } else if (kind === 'school-year') {
      period = schoolYearPeriod(Number(year));
    } else {
      const r = customPeriod(isoOf(from), isoOf(to));
      if (!r.ok) return fail([{ fieldId: `${r.field}-day`, text: r.message }]);
      period = r.period;
    }
    setErrors([]);
    setExported([]);
    setReport(buildReport(data?.rows ?? [], period, today, data?.unreadable ?? 0));
  };

  const fieldError = (id: string) => errors.find((e) => e.fieldId === id)?.text;

  const exportAs = async (format: 'pdf' | 'csv') => {
    if (!report) return;
    if (!recipient.trim()) return fail([{ fieldId: 'recipient', text: 'Enter who the report is for' }]);
    setErrors([]);
    setBusy(format === 'pdf' ? 'Creating and signing the PDF…' : 'Creating the CSV…');
    try {
      const made = await exportReport(vault, establishment, report, recipient.trim(), format);
      setExported((x) => [...x.filter((e) => e.kind !== format), made]);
    } catch (e) {
      fail([
        {
          fieldId: 'recipient',
          text: `The ${format === 'pdf' ? 'PDF' : 'CSV'} could not be made; nothing was exported: ${e instanceof Error ? e.message : String(e)}`,
        },
      ]);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="app-page">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1 className="app-heading-l">Report for a period</h1>
      <p className="app-body">
        Use this for the governors’ annual safeguarding report, for Ofsted or for the local authority’s audit. It is
        made from categories and dates only: no names, dates of birth or anything written about a case. Counts of 1 or 2
        are shown as “fewer than 3”, so that no young person can be picked out.
      </p>
      {loadError && (
        <NotificationBanner variant="urgent" title="Problem" heading="The cases could not be read for the report.">
          <p className="app-body">{loadError}</p>
          <p className="app-body">
            Lock and unlock again, then try once more. If it happens again, run the full check in Settings.
          </p>
        </NotificationBanner>
      )}
      <Radios
        id="period-kind"
        legend="Which period?"
        legendSize="m"
        error={fieldError('period-kind')}
        value={kind}
        onChange={(v) => setKind(v as Kind)}
        items={[
          {
            value: 'term',
            label: 'A term',
            hint: validTerms.length
              ? undefined
              : 'No term dates are set yet. Add them in Settings, or choose your own dates.',
            disabled: validTerms.length === 0,
            conditional: (
              <Select
                id="term"
                label="Term"
                error={fieldError('term')}
                value={term}
                onChange={setTerm}
                options={[
                  { value: '', label: 'Choose a term' },
                  ...validTerms.map((t, i) => ({ value: String(i), label: t.label })),
                ]}
              />
            ),
          },
          {
            value: 'school-year',
            label: 'A school year',
            hint: '1 September to 31 August',
            conditional: (
              <Select
                id="school-year"
                label="School year"
                value={year}
                onChange={setYear}
                options={years.map((y) => ({ value: String(y), label: `${y} to ${y + 1}` }))}
              />
            ),
          },
          {
            value: 'custom',
            label: 'Your own dates',
            conditional: (
              <>
                <DateInput
                  id="from"
                  legend="First day"
                  hint="For example 1 9 2025"
                  value={from}
                  onChange={setFrom}
                  error={fieldError('from-day')}
                />
                <DateInput
                  id="to"
                  legend="Last day"
                  hint="For example 31 8 2026"
                  value={to}
                  onChange={setTo}
                  error={fieldError('to-day')}
                />
              </>
            ),
          },
        ]}
      />
      {!loadError &&
        (report ? (
          // Once a report is shown, exporting it is the main action (its bar is the sticky one); this stays in place to show another period.
          <ButtonGroup>
            <Button variant="secondary" onClick={show}>
              Show the report
            </Button>
          </ButtonGroup>
        ) : (
          <ActionBar>
            <Button onClick={show} disabled={!data}>
              {data ? 'Show the report' : 'Reading the cases…'}
            </Button>
          </ActionBar>
        ))}

      {report && <ReportView report={report} />}

      {report && (
        <ExportSection
          recipient={recipient}
          setRecipient={setRecipient}
          busy={busy}
          onExport={(format) => void exportAs(format)}
          exported={exported}
          error={fieldError('recipient')}
        />
      )}
    </div>
  );
}

/** The /reports screen in the app: the signed-in key holder's vault and the establishment's settings. */
export function ReportsRoute() {
  const session = useSession();
  const settings = useSettings();
  return (
    <ReportsPage
      vault={session.unlocked!}
      establishment={{ name: settings.establishmentName, type: settings.establishmentType }}
      terms={termDatesFrom(settings)}
    />
  );
}
