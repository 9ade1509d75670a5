// The report for a period (issue 7): choose a term, a school year or a custom range; see the figures
// as tables and plain-SVG bar charts; export a signed PDF or a CSV, each logged. The page only ever
// holds anonymised rows and the domain's Report: no name or free text of a case reaches it.
import { useEffect, useMemo, useState } from 'react';
import { buildReport, type Report } from '../../domain/report/build';
import { durationText } from '../../domain/report/duration';
import { chartRows, withheldText, type ReportTable } from '../../domain/report/table';
import { shownText } from '../../domain/report/suppression';
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
  SummaryList,
  TextInput,
  WarningText,
  type DateParts,
  type FormError,
} from '../components';
import type { UnlockedVault } from '../data/vault';
import { useSettings } from '../data/settings';
import { useSession } from '../session/SessionContext';
import { reportCsv, reportFileName } from './reportCsv';
import './reports.css';

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

type Exported = { url: string; name: string; kind: 'pdf' | 'csv'; fingerprint?: string; hash?: string };

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
      const fileId = crypto.randomUUID();
      if (format === 'csv') {
        const text = reportCsv(report);
        await vault.logReportExport({
          fileId,
          format,
          period: { from: report.period.from, to: report.period.to },
          to: recipient.trim(),
        });
        const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
        setExported((x) => [
          ...x.filter((e) => e.kind !== 'csv'),
          { url, name: reportFileName(report, 'csv'), kind: 'csv' },
        ]);
      } else {
        const pdf = await import('../../pdf');
        let stored = await vault.pdfSigner();
        if (!stored) {
          // The establishment's certificate, made once and kept encrypted, as for case records.
          const created = await pdf.createEstablishmentSigner(establishment.name);
          const exportedSigner = await pdf.exportSigner(created);
          await vault.savePdfSigner({
            ...exportedSigner,
            fingerprint: created.fingerprint,
            subject: created.subject,
            source: 'generated',
          });
          stored = { ...exportedSigner, fingerprint: created.fingerprint };
        }
        const signer = await pdf.importSigner(stored);
        const model = await pdf.buildReportDocumentModel({
          report,
          establishment,
          certificateFingerprint: stored.fingerprint,
          generatedAt: new Date().toISOString(),
          generatedBy: { name: vault.actor.name, role: vault.actor.role },
          recipient: recipient.trim(),
        });
        const bytes = await pdf.renderSignedPdf(model, signer, {
          reason: `Report for ${report.period.label}`,
          name: vault.actor.name,
        });
        await vault.logReportExport({
          fileId,
          format,
          period: { from: report.period.from, to: report.period.to },
          to: recipient.trim(),
          reportHash: model.meta.recordHash,
        });
        const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
        setExported((x) => [
          ...x.filter((e) => e.kind !== 'pdf'),
          {
            url,
            name: reportFileName(report, 'pdf'),
            kind: 'pdf',
            fingerprint: stored.fingerprint,
            hash: model.meta.recordHash,
          },
        ]);
      }
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
        <section aria-labelledby="export-heading" className="app-report-export">
          <h2 id="export-heading" className="app-heading-m">
            Export this report
          </h2>
          <WarningText>
            A saved PDF or CSV is not encrypted. It holds figures only, but send it only by a route your safeguarding
            policy allows.
          </WarningText>
          <TextInput
            id="recipient"
            label="Who is it for?"
            hint="For example “Governing board, annual safeguarding report” or “Local authority safeguarding audit”. Every export is logged."
            value={recipient}
            onChange={setRecipient}
            error={fieldError('recipient')}
          />
          <ActionBar>
            <Button disabled={!!busy} onClick={() => void exportAs('pdf')}>
              {busy ?? 'Create and sign the PDF'}
            </Button>
            <Button variant="secondary" disabled={!!busy} onClick={() => void exportAs('csv')}>
              Create the CSV
            </Button>
          </ActionBar>
          {exported.map((x) => (
            <NotificationBanner
              key={x.kind}
              variant="success"
              heading={
                x.kind === 'pdf'
                  ? 'The signed PDF is ready. This export has been logged.'
                  : 'The CSV is ready. This export has been logged.'
              }
            >
              <p className="app-body">
                <a className="app-link app-link--block" href={x.url} download={x.name}>
                  Save {x.name}
                </a>
              </p>
              {x.fingerprint && <p className="app-body">Certificate fingerprint, to check by phone: {x.fingerprint}</p>}
              {x.hash && <p className="app-body">Report hash (SHA-256 of the figures): {x.hash}</p>}
            </NotificationBanner>
          ))}
        </section>
      )}
    </div>
  );
}

/** The figures: a summary, the times, and each table as a chart with its table beside it. */
export function ReportView({ report }: { report: Report }) {
  return (
    <section aria-labelledby="report-heading" className="app-report">
      <h2 id="report-heading" className="app-heading-m">
        {report.period.label}
      </h2>
      <SummaryList
        rows={[
          { key: 'Cases', value: shownText(report.cases) },
          { key: 'Still open', value: shownText(report.open) },
          { key: 'Closed', value: shownText(report.closed) },
          { key: 'Young people involved', value: shownText(report.youngPeople) },
          ...(report.unreadable > 0 ? [{ key: 'Cases that could not be read', value: String(report.unreadable) }] : []),
        ]}
      />
      <h3 className="app-heading-s">How long it took</h3>
      <table className="app-report-table">
        <caption className="app-visually-hidden">Median and longest times</caption>
        <thead>
          <tr>
            <th scope="col">Between</th>
            <th scope="col">Median</th>
            <th scope="col">Longest</th>
          </tr>
        </thead>
        <tbody>
          {report.durations.map((d) => {
            const t = durationText(d);
            return (
              <tr key={d.id}>
                <th scope="row">{d.title}</th>
                <td>{t.median}</td>
                <td>{t.longest}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.durations.map((d) => (
        <p key={d.id} className="app-body-s">
          {d.note}
        </p>
      ))}
      {report.tables.map((t) => (
        <ReportTableView key={t.id} table={t} />
      ))}
      <h3 className="app-heading-s">How this report is made</h3>
      <ul className="app-list app-list--bullet">
        {report.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}

const BAR_ROW = 38;
const LABEL_W = 0.5;
const VALUE_W = 0.26;

/** A plain-SVG bar chart (role img, titled and described), then the same figures as a table. */
function ReportTableView({ table: t }: { table: ReportTable }) {
  const id = `chart-${t.id}`;
  const rows = chartRows(t);
  const width = 800;
  const height = rows.length * BAR_ROW + 8;
  const barX = width * LABEL_W;
  const barMax = width * (1 - LABEL_W - VALUE_W) - 12;
  return (
    <section aria-labelledby={`${id}-title`} className="app-report-block">
      <h3 id={`${id}-title`} className="app-heading-s">
        {t.title}
      </h3>
      <p className="app-body">
        Total {t.unit}: <strong>{shownText(t.total)}</strong>
      </p>
      {t.withheld ? (
        <p className="app-body">{withheldText(t)}</p>
      ) : (
        <figure className="app-report-figure">
          <svg
            className="app-report-chart"
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
            preserveAspectRatio="xMinYMin meet"
          >
            <title id={`${id}-svg-title`}>{`${t.title}: bar chart`}</title>
            <desc id={`${id}-svg-desc`}>{rows.map((r) => `${r.label}: ${r.value}`).join('; ')}</desc>
            {rows.map((r, i) => {
              const y = i * BAR_ROW + 4;
              return (
                <g key={r.key}>
                  <text x={0} y={y + BAR_ROW / 2} dominantBaseline="middle" className="app-report-chart__label">
                    {r.label}
                  </text>
                  {r.fraction !== null && r.fraction > 0 ? (
                    <rect
                      x={barX}
                      y={y + 6}
                      width={Math.max(2, r.fraction * barMax)}
                      height={BAR_ROW - 14}
                      className="app-report-chart__bar"
                    />
                  ) : r.value !== '0' ? (
                    <rect
                      x={barX}
                      y={y + 6}
                      width={barMax * 0.12}
                      height={BAR_ROW - 14}
                      className="app-report-chart__hidden"
                    />
                  ) : null}
                  <text
                    x={width * (1 - VALUE_W)}
                    y={y + BAR_ROW / 2}
                    dominantBaseline="middle"
                    className="app-report-chart__value"
                  >
                    {r.value}
                  </text>
                </g>
              );
            })}
          </svg>
          <figcaption className="app-body-s">
            {t.kind === 'each' ? 'Each case may count in more than one row. ' : ''}
            {rows.some((r) => r.fraction === null && r.value !== '0')
              ? 'A dashed box marks a figure that is not shown as a number. '
              : ''}
            Each bar is a share of the total. The table below gives the same figures.
          </figcaption>
        </figure>
      )}
      {!t.withheld && (
        <table className="app-report-table">
          <caption className="app-visually-hidden">{t.title}</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Number of {t.unit}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {t.note && <p className="app-body-s">{t.note}</p>}
    </section>
  );
}

const SEASONS = [
  'Spring',
  'Spring',
  'Spring',
  'Summer',
  'Summer',
  'Summer',
  'Summer',
  'Summer',
  'Autumn',
  'Autumn',
  'Autumn',
  'Autumn',
] as const;

/**
 * The term dates the DSL entered in Settings (School term dates), each named by its season and
 * year: "Autumn term 2025". The period's label adds the dates once (termPeriod), which tells two
 * half terms apart: "Autumn term 2025 (3 September 2025 to 24 October 2025)".
 */
export function termDatesFrom(settings: {
  schoolCalendar?: { terms: readonly { start: string; end: string }[] } | undefined;
}): TermDates[] {
  const terms = settings.schoolCalendar?.terms ?? [];
  return [...terms]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((t) => {
      const month = Number(t.start.slice(5, 7)) - 1;
      const season = SEASONS[month] ?? 'Term';
      return { name: `${season} term ${t.start.slice(0, 4)}`, from: t.start, to: t.end };
    });
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
