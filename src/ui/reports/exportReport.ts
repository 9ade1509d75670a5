// Making a report's file: the CSV, or the PDF signed with the establishment's certificate (made once
// and kept encrypted, as for case records). Every export is logged with who it is for.
import type { Report } from '../../domain/report/build';
import { reportCsv, reportFileName } from './reportCsv';
import type { ReportVault } from './ReportsPage';

/** A file ready to save, with what the recipient can check by phone (PDF only). */
export type Exported = { url: string; name: string; kind: 'pdf' | 'csv'; fingerprint?: string; hash?: string };

export async function exportReport(
  vault: ReportVault,
  establishment: { name: string; type: string },
  report: Report,
  recipient: string,
  format: 'pdf' | 'csv',
): Promise<Exported> {
  const fileId = crypto.randomUUID();
  const period = { from: report.period.from, to: report.period.to };
  if (format === 'csv') {
    const text = reportCsv(report);
    await vault.logReportExport({ fileId, format, period, to: recipient });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    return { url, name: reportFileName(report, 'csv'), kind: 'csv' };
  }
  const pdf = await import('../../pdf');
  let stored = await vault.pdfSigner();
  if (!stored) {
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
    recipient,
  });
  const bytes = await pdf.renderSignedPdf(model, signer, {
    reason: `Report for ${report.period.label}`,
    name: vault.actor.name,
  });
  await vault.logReportExport({ fileId, format, period, to: recipient, reportHash: model.meta.recordHash });
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  return {
    url,
    name: reportFileName(report, 'pdf'),
    kind: 'pdf',
    fingerprint: stored.fingerprint,
    hash: model.meta.recordHash,
  };
}
