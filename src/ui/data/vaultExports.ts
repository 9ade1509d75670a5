// The exports part of the unlocked Vault over src/storage: the PDF signer and its log, the period
// report, and case transfers with their receipts.
import * as store from '../../storage';
import type { ReceivedTransfer, RecordedReceipt, ReportExportLog, TransferFile, TransferRequest } from './vault';
import { refusedFile } from './vaultRefusals';

export function exportVault(session: store.Session) {
  return {
    async pdfSignerInfo() {
      const i = await store.pdfSignerInfo();
      return i ? { fingerprint: i.fingerprint, subject: i.subject, source: i.source, createdAt: i.createdAt } : null;
    },

    async establishmentCertificates() {
      return store.establishmentCertificates(session);
    },

    async pdfSigner() {
      const [info, secret] = [await store.pdfSignerInfo(), await store.loadPdfSigner(session)];
      return info && secret ? { ...secret, fingerprint: info.fingerprint } : null;
    },

    savePdfSigner(
      s: {
        certificateDer: string;
        privateKeyPkcs8: string;
        fingerprint: string;
        subject: string;
        source: 'generated' | 'imported';
      },
      replace = false,
    ) {
      return store.savePdfSigner(session, s, { replace });
    },

    logPdfExport(e: {
      fileId: string;
      caseId: string;
      to: string;
      why: string;
      recordHash: string;
      redacted: boolean;
    }) {
      return store.logPdfExport(session, e);
    },

    reportRows() {
      return store.readReportRows(session);
    },

    async exportedReportHashes() {
      const log = await store.readLog(session);
      return log.flatMap((e) =>
        e.type === 'export.made' && e.kind === 'report-pdf' && e.recordHash ? [e.recordHash] : [],
      );
    },

    logReportExport(e: ReportExportLog) {
      return store.logReportExport(session, e);
    },

    async exportedRecordHashes(caseId: string) {
      const log = await store.readLog(session);
      return log.flatMap((e) =>
        e.type === 'export.made' && e.caseIds.includes(caseId) && e.recordHash ? [e.recordHash] : [],
      );
    },

    transfersSent() {
      return store.listTransfersSent(session);
    },

    async exportTransfer(caseId: string, request: TransferRequest): Promise<TransferFile> {
      try {
        const r = await store.exportCaseTransfer(session, caseId, request);
        return { text: r.text, fileName: r.fileName, recordHash: r.recordHash };
      } catch (e) {
        return refusedFile(e);
      }
    },

    async importTransfer(text: string, passphrase: string): Promise<ReceivedTransfer> {
      try {
        const r = await store.importCaseTransfer(session, text, passphrase);
        return {
          caseId: r.caseId,
          reference: r.reference,
          receiptText: r.receiptText,
          receiptFileName: `ypsi-receipt-${r.reference}-${r.receipt.receivedAt.slice(0, 10)}.json`,
          keyFingerprint: r.receipt.keyFingerprint,
        };
      } catch (e) {
        return refusedFile(e);
      }
    },

    async recordTransferReceipt(text: string): Promise<RecordedReceipt> {
      try {
        // Checked first on its own (signature, key), then matched to a transfer sent from here and logged.
        await store.verifyTransferReceipt(text);
        const r = await store.recordTransferReceipt(session, text);
        return {
          reference: r.reference,
          receivedBy: r.receivedBy.name,
          establishment: r.establishment,
          receivedAt: r.receivedAt,
          keyFingerprint: r.keyFingerprint,
        };
      } catch (e) {
        return refusedFile(e);
      }
    },
  };
}
