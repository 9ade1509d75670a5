// A report on screen: its figures, each table as a bar chart with its numbers, and what was withheld and why.
import { type Report } from '../../domain/report/build';
import { durationText } from '../../domain/report/duration';
import { chartRows, withheldText, type ReportTable } from '../../domain/report/table';
import { shownText } from '../../domain/report/suppression';
import { SummaryList } from '../components';

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
