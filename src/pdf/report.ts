// Owns the report for a period as a document model (issue 7), drawn and signed by the same renderer,
// fonts and PAdES signer as the case record. Its only input is the domain's Report, which holds no
// name or free text of any case; the report hash (SHA-256 of the report's canonical JSON) takes the
// place of the record hash on every page and in the Info dictionary.
import { dayInWords } from '../domain/days';
import { type Report } from '../domain/report/build';
import { durationText } from '../domain/report/duration';
import { chartRows, withheldText } from '../domain/report/table';
import { shownText } from '../domain/report/suppression';
import { REPORT_TIME_ZONE } from '../domain/report/row';
import { ROLE_LABELS } from '../domain/stages';
import type { Role } from '../domain/types';
import { canonicalJson } from '../codec/canonical';
import { sha256Hex } from '../codec/digest';
import { formatDateTime } from './model/format';
import { NO_TRUSTED_TIMESTAMP } from './model/build';
import { findUndrawableText } from './text/check';
import type { DocumentModel, Section } from './model/types';

export const REPORT_TITLE = 'Safeguarding report: incidents of youth-produced sexual imagery';

export interface ReportDocumentInput {
  report: Report;
  establishment: { name: string; type: string };
  certificateFingerprint: string;
  generatedAt: string;
  generatedBy: { name: string; role: Role };
  /** Who it is for (as logged at export). */
  recipient?: string | undefined;
}

/** SHA-256 of canonicalJson(report), lower-case hex: printed on every page, logged at export. */
export function reportHash(report: Report): Promise<string> {
  return sha256Hex(canonicalJson(report));
}

export async function buildReportDocumentModel(input: ReportDocumentInput): Promise<DocumentModel> {
  const { report } = input;
  const hash = await reportHash(report);
  const reference = `Report ${report.period.from} to ${report.period.to}`;
  const generated = formatDateTime(input.generatedAt, REPORT_TIME_ZONE);
  const cover: Section = {
    id: 'cover',
    title: REPORT_TITLE,
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: 'Establishment', value: input.establishment.name },
          { label: 'Period', value: report.period.label },
          { label: 'Overdue items counted on', value: dayInWords(report.asOf) },
          {
            label: 'Made',
            value: `${generated} by ${input.generatedBy.name} (${ROLE_LABELS[input.generatedBy.role]})`,
          },
          ...(input.recipient ? [{ label: 'For', value: input.recipient }] : []),
          { label: 'Report hash (SHA-256 of the figures)', value: hash, wide: true },
          { label: 'Signing certificate fingerprint (SHA-256)', value: input.certificateFingerprint, wide: true },
        ],
      },
      { kind: 'heading', text: 'How this report is made' },
      { kind: 'list', items: report.notes },
      {
        kind: 'paragraph',
        text: `${NO_TRUSTED_TIMESTAMP} Check the signature with any PDF reader, and the certificate's fingerprint by phone with the establishment.`,
        style: 'small',
      },
    ],
  };
  const summary: Section = {
    id: 'summary',
    title: 'In this period',
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: 'Cases', value: shownText(report.cases) },
          { label: 'Still open', value: shownText(report.open) },
          { label: 'Closed', value: shownText(report.closed) },
          { label: 'Young people involved', value: shownText(report.youngPeople) },
          ...(report.unreadable > 0
            ? [{ label: 'Cases that could not be read', value: String(report.unreadable) }]
            : []),
        ],
      },
      {
        kind: 'fields',
        rows: report.durations.flatMap((d) => {
          const t = durationText(d);
          return [
            { label: `${d.title}: median`, value: t.median },
            { label: `${d.title}: longest`, value: t.longest },
          ];
        }),
      },
      ...report.durations.map((d) => ({ kind: 'paragraph' as const, text: d.note, style: 'small' as const })),
    ],
  };
  const tables: Section[] = report.tables.map((t) => ({
    id: `table-${t.id}`,
    title: t.title,
    blocks: [
      { kind: 'fields', rows: [{ label: `Total ${t.unit}`, value: shownText(t.total) }] },
      t.withheld
        ? { kind: 'paragraph', text: withheldText(t) }
        : {
            kind: 'bars',
            caption: `Number of ${t.unit}${t.kind === 'each' ? ' (each may count in more than one row)' : ''}. Each bar is a share of the total; the value is written beside it.`,
            rows: chartRows(t),
          },
      ...(t.note ? [{ kind: 'paragraph' as const, text: t.note, style: 'small' as const }] : []),
    ],
  }));
  const sections = [cover, summary, ...tables];
  const header = `${input.establishment.name} · ${report.period.label} · Confidential`;
  const footer = [
    `Report hash ${hash}`,
    'Figures only: no names, dates of birth or case notes. Small counts are shown as “fewer than 3”.',
  ];
  return {
    meta: {
      title: REPORT_TITLE,
      establishment: input.establishment,
      caseId: '',
      caseReference: reference,
      policyVersion: '',
      stage: null,
      stageLabel: '',
      closed: false,
      youngPeople: [],
      generatedAt: input.generatedAt,
      generatedBy: input.generatedBy,
      certificateFingerprint: input.certificateFingerprint,
      recordHash: hash,
      chainHead: 'none: a report, not a case record',
      eventCount: 0,
      redacted: false,
      timeZone: REPORT_TIME_ZONE,
      documentTitle: `${REPORT_TITLE}, ${report.period.label}`,
    },
    sections,
    header,
    footer,
    undrawable: findUndrawableText({ sections, header, footer }),
  };
}
