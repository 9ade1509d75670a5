// Owns reading cases for the period report (issue 7): each case's snapshot is opened here and
// turned into the domain's anonymised ReportRow at once. Names, dates of birth and free text never
// leave this module: the caller gets rows of enums, numbers and booleans, and a count of cases that
// could not be read (damaged, or destroyed under the retention schedule), never silently left out.
import { z } from 'zod';
import { stageOf } from '../../domain/machine';
import { inPeriod, type ReportPeriod } from '../../domain/report/period';
import { reportRowOf, type ReportRow } from '../../domain/report/row';
import { caseKeyFor, openSnapshot } from '../caseSteps';
import { db } from '../db';
import { appendLog } from '../chain/log';
import { CaseRowSchema, Hex64, Id, parseRow } from '../schemas';
import type { Session } from '../keys/session';

export type ReportRows = {
  rows: ReportRow[];
  /** Cases whose record would not open; not counted in any figure, and said so on the report. */
  unreadable: number;
};

// Decrypts in bounded batches, like the summaries: every case costs an unwrap and a decrypt.
const BATCH = 128;

/** Every readable case as an anonymised row (only those in `period`, when given). Any unlocked key holder. */
export async function readReportRows(session: Session, period?: ReportPeriod): Promise<ReportRows> {
  const d = db();
  const rawRows = await d.cases.toArray();
  const rows: ReportRow[] = [];
  let unreadable = 0;
  for (let i = 0; i < rawRows.length; i += BATCH) {
    await Promise.all(
      rawRows.slice(i, i + BATCH).map(async (raw) => {
        try {
          const row = parseRow(CaseRowSchema, raw, 'case');
          const snapshot = await openSnapshot(
            await caseKeyFor(session, row.id, row.caseKey),
            row,
            await d.snapshots.get(row.id),
          );
          const reportRow = reportRowOf(snapshot.context, stageOf(snapshot));
          if (reportRow && (!period || inPeriod(reportRow, period))) rows.push(reportRow);
        } catch {
          unreadable += 1;
        }
      }),
    );
  }
  // Order carries nothing of the storage order (case ids are random; rows sort by day).
  rows.sort((a, b) => a.day - b.day);
  return { rows, unreadable };
}

export const ReportExportSchema = z.strictObject({
  fileId: Id,
  format: z.enum(['pdf', 'csv']),
  period: z.strictObject({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  to: z.string().trim().min(1).max(500),
  /** SHA-256 of the report's figures, carried in the PDF (absent for CSV). */
  reportHash: Hex64.optional(),
});

/** Every report export is logged in the establishment log: who, when, for whom, which period. */
export async function logReportExport(session: Session, e: z.infer<typeof ReportExportSchema>): Promise<void> {
  const x = ReportExportSchema.parse(e);
  await appendLog(session, [
    {
      type: 'export.made',
      kind: x.format === 'pdf' ? 'report-pdf' : 'report-csv',
      fileId: x.fileId,
      to: x.to,
      why: `Report for ${x.period.from} to ${x.period.to}`,
      caseIds: [],
      ...(x.reportHash ? { recordHash: x.reportHash } : {}),
    },
  ]);
}
