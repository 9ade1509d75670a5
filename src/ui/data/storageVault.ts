// The Vault the screens use, over src/storage: maps the storage layer's settings, errors and
// results to what the screens show. The only UI file that calls storage for cases and keys.
import * as store from '../../storage';
import type { PublicSettings } from './settings';
import { fromStored, toStored } from './settingsCodec';

export { fromStored, toStored };
import {
  UnlockRefusedError,
  type DeviceStatus,
  type InboxItem,
  type KeyHolder,
  type NewUser,
  type UnlockedVault,
  type Vault,
} from './vault';
import {
  RefusedError,
  type KeyRotationProgress,
  type KeyRotationResult,
  type ActivityEntry,
  type ReceivedTransfer,
  type ReportExportLog,
  type RecordedReceipt,
  type TransferFile,
  type TransferRequest,
} from './vault';
import type { EventDraft, LoadedCase, TwoKeyHolders } from './gateway';
import type { DestroyCaseRequest, DestroyedCaseRecord, DestructionNoteCheck } from './vault';
import type { SealedDisclosurePayload } from '../disclosure/StaffDisclosurePage';
import { syncVaultFor } from './syncVault';
import { seconds, report, refusedSecret, refusedFile, activityWhat, destroyedRecord } from './vaultRefusals';

class StorageUnlocked implements UnlockedVault {
  readonly sync;
  constructor(private readonly session: store.Session) {
    this.sync = syncVaultFor(session);
  }

  establishmentSealWords() {
    return store.establishmentSealWords(this.session);
  }

  async destroyedCases(): Promise<DestroyedCaseRecord[]> {
    return (await store.listDestroyedCases(this.session)).map(destroyedRecord);
  }

  async checkDestructionNote(text: string): Promise<DestructionNoteCheck> {
    try {
      const { tombstone: t, thisEstablishment, onThisDevice } = await store.checkTombstoneFile(this.session, text);
      const { verified: _v, fileText: _f, ...note } = destroyedRecord({ ...t, verified: true });
      return { note, thisEstablishment, onThisDevice };
    } catch (e) {
      if (e instanceof store.ImportError) throw new Error(e.message);
      throw e;
    }
  }

  async destroyCase(
    caseId: string,
    request: DestroyCaseRequest,
    onProgress?: (p: KeyRotationProgress) => void,
  ): Promise<DestroyedCaseRecord> {
    try {
      const t = await store.destroyCase(this.session, caseId, request, onProgress);
      return destroyedRecord({ ...t, verified: true });
    } catch (e) {
      if (e instanceof store.DestructionRefusedError) {
        const field =
          e.field === 'secondUser'
            ? 'second-user'
            : e.field === 'secondPassphrase'
              ? 'second-passphrase'
              : e.field === 'passphrase'
                ? 'passphrase'
                : 'other';
        const wait = field === 'passphrase' || field === 'second-passphrase' ? await store.unlockWaitMs() : 0;
        throw new RefusedError(
          `${e.message}${wait > 0 ? ` Wait ${seconds(wait)} before trying again.` : ''}`,
          field,
          wait,
        );
      }
      if (e instanceof store.UnlockThrottledError)
        throw new RefusedError(
          `Too many wrong attempts. Wait ${seconds(e.retryAfterMs)} before trying again.`,
          'passphrase',
          e.retryAfterMs,
        );
      if (e instanceof store.StorageError) throw new RefusedError(e.message, 'other');
      throw e;
    }
  }

  get actor() {
    return this.session.actor;
  }

  async load(caseId: string): Promise<LoadedCase> {
    const c = await store.loadCase(this.session, caseId);
    return { snapshot: c.snapshot, events: c.events };
  }

  async record(caseId: string, draft: EventDraft, keys?: TwoKeyHolders): Promise<LoadedCase> {
    if (draft.type === 'retention.date-set' || draft.type === 'retention.reviewed') {
      // Storage works out the date it replaces and, when it is brought forward, checks both passphrases.
      try {
        await store.setReviewDate(this.session, caseId, {
          kind: draft.type === 'retention.date-set' ? 'date-set' : 'reviewed',
          date: draft.type === 'retention.date-set' ? draft.reviewDate : draft.keepUntil,
          reason: draft.reason,
          occurredAt: draft.occurredAt,
          passphrase: keys?.passphrase,
          secondUserId: draft.approvedBy?.userId,
          secondPassphrase: keys?.secondPassphrase,
        });
      } catch (e) {
        if (e instanceof store.ReviewDateRefusedError) {
          const field =
            e.field === 'secondUser'
              ? 'second-user'
              : e.field === 'secondPassphrase'
                ? 'second-passphrase'
                : e.field === 'passphrase'
                  ? 'passphrase'
                  : 'other';
          const wait = field === 'passphrase' || field === 'second-passphrase' ? await store.unlockWaitMs() : 0;
          throw new RefusedError(
            `${e.message}${wait > 0 ? ` Wait ${seconds(wait)} before trying again.` : ''}`,
            field,
            wait,
          );
        }
        if (e instanceof store.UnlockThrottledError)
          throw new RefusedError(
            `Too many wrong attempts. Wait ${seconds(e.retryAfterMs)} before trying again.`,
            'passphrase',
            e.retryAfterMs,
          );
        throw e;
      }
      return this.load(caseId);
    }
    await store.appendEvent(this.session, caseId, { ...draft, actor: this.session.actor } as store.EventDraft);
    return this.load(caseId);
  }

  async caseRecordForExport(caseId: string) {
    const c = await store.loadCase(this.session, caseId);
    return { events: c.events, chainHead: `${c.head.seq}:${c.head.digest}` };
  }

  async pdfSignerInfo() {
    const i = await store.pdfSignerInfo();
    return i ? { fingerprint: i.fingerprint, subject: i.subject, source: i.source, createdAt: i.createdAt } : null;
  }

  async establishmentCertificates() {
    return store.establishmentCertificates(this.session);
  }

  async pdfSigner() {
    const [info, secret] = [await store.pdfSignerInfo(), await store.loadPdfSigner(this.session)];
    return info && secret ? { ...secret, fingerprint: info.fingerprint } : null;
  }

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
    return store.savePdfSigner(this.session, s, { replace });
  }

  logPdfExport(e: { fileId: string; caseId: string; to: string; why: string; recordHash: string; redacted: boolean }) {
    return store.logPdfExport(this.session, e);
  }

  reportRows() {
    return store.readReportRows(this.session);
  }

  async exportedReportHashes() {
    const log = await store.readLog(this.session);
    return log.flatMap((e) =>
      e.type === 'export.made' && e.kind === 'report-pdf' && e.recordHash ? [e.recordHash] : [],
    );
  }

  logReportExport(e: ReportExportLog) {
    return store.logReportExport(this.session, e);
  }

  async exportedRecordHashes(caseId: string) {
    const log = await store.readLog(this.session);
    return log.flatMap((e) =>
      e.type === 'export.made' && e.caseIds.includes(caseId) && e.recordHash ? [e.recordHash] : [],
    );
  }

  listCases() {
    return store.listSummaries(this.session);
  }

  async listSummaries() {
    return (await store.listSummaries(this.session)).summaries;
  }

  async createCase() {
    return (await store.createCase(this.session)).caseId;
  }

  async inbox(): Promise<InboxItem[]> {
    const items = await store.listInbox(this.session);
    return items.flatMap((i) =>
      i.readable
        ? [
            {
              id: i.id,
              writer: i.writer.name,
              receivedAt: i.sealedAt,
              payload: {
                writer: i.writer.name,
                disclosure: i.disclosure,
                persons: i.persons as unknown as SealedDisclosurePayload['persons'],
              },
              ...(i.acceptedInto ? { acceptedInto: i.acceptedInto } : {}),
            },
          ]
        : [],
    );
  }

  async importSealedDisclosure(text: string) {
    await store.importSealedDisclosureFile(this.session, text);
  }

  async acceptDisclosure(inboxId: string) {
    return (await store.acceptDisclosure(this.session, inboxId)).caseId;
  }

  acceptedTwice() {
    return store.acceptedTwice(this.session);
  }

  verifyPassphrase(passphrase: string) {
    return store.verifyPassphrase(this.session, passphrase);
  }

  async quickVerify() {
    // A certificate set before pinning is pinned now, once (docs/SECURITY.md item 15).
    await store.pinUnpinnedPdfSigner(this.session).catch(() => false);
    // A sealing key from before sealing keys were signed is confirmed now, once, if the settings are authentic (docs/SECURITY.md item 16).
    await store.confirmSealingKey(this.session).catch(() => false);
    // Staff disclosures accepted before their ids were kept are recorded now, once, so they too are refused on re-import.
    await store.recordEarlierAcceptedDisclosures(this.session).catch(() => null);
    return report(await store.quickVerify(this.session));
  }

  async fullVerify() {
    return report(await store.fullVerify(this.session));
  }

  async updateSettings(settings: PublicSettings) {
    await store.updateSettings(this.session, toStored(settings));
  }

  async exportBackup(backupPassphrase: string) {
    return (await store.exportBackup(this.session, backupPassphrase, { why: 'Encrypted backup made from settings' }))
      .text;
  }

  lastBackupAt() {
    return store.lastBackupAt(this.session);
  }

  transfersSent() {
    return store.listTransfersSent(this.session);
  }

  saveDraft(key: string, value: unknown) {
    return store.saveDraft(this.session, key, value);
  }

  loadDraft(key: string) {
    return store.loadDraft(this.session, key);
  }

  deleteDraft(key: string) {
    return store.deleteDraft(this.session, key);
  }

  keyHolders(): Promise<KeyHolder[]> {
    return store.listUsers();
  }

  async changePassphrase(currentPassphrase: string, newPassphrase: string) {
    try {
      await store.changePassphrase(this.session, currentPassphrase, newPassphrase);
    } catch (e) {
      await refusedSecret(e, 'passphrase');
    }
  }

  async resetPassphrase(userId: string, newPassphrase: string, ownPassphrase: string) {
    try {
      await store.rewrapForUser(this.session, userId, newPassphrase, ownPassphrase);
    } catch (e) {
      await refusedSecret(e, 'own-passphrase');
    }
  }

  async addKeyHolder(user: NewUser, ownPassphrase: string): Promise<KeyHolder> {
    try {
      return await store.addUser(this.session, user, ownPassphrase);
    } catch (e) {
      return refusedSecret(e, 'own-passphrase');
    }
  }

  async removeKeyHolder(
    userId: string,
    reason: string,
    onProgress?: (p: KeyRotationProgress) => void,
  ): Promise<KeyRotationResult> {
    try {
      const r = await store.removeUser(this.session, userId, reason.trim() || undefined, onProgress);
      return { needsNewPassphrase: r.needsNewPassphrase, recoveryKeyLost: r.recoveryKeyLost };
    } catch (e) {
      return refusedSecret(e, 'passphrase');
    }
  }

  async replaceRecoveryKey(ownPassphrase: string) {
    try {
      return await store.replaceRecoveryKey(this.session, ownPassphrase);
    } catch (e) {
      return refusedSecret(e, 'own-passphrase');
    }
  }

  async activityLog(): Promise<ActivityEntry[]> {
    // The keyring's binding is bookkeeping written with each key change; only a renewal of the records' key is news to a reader.
    return (await store.readLog(this.session))
      .filter((e) => e.type !== 'keyring.bound' || e.rotated !== undefined)
      .map((e) => ({ id: e.id, at: e.occurredAt, by: e.actor, what: activityWhat(e) }));
  }

  async exportTransfer(caseId: string, request: TransferRequest): Promise<TransferFile> {
    try {
      const r = await store.exportCaseTransfer(this.session, caseId, request);
      return { text: r.text, fileName: r.fileName, recordHash: r.recordHash };
    } catch (e) {
      return refusedFile(e);
    }
  }

  async importTransfer(text: string, passphrase: string): Promise<ReceivedTransfer> {
    try {
      const r = await store.importCaseTransfer(this.session, text, passphrase);
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
  }

  async recordTransferReceipt(text: string): Promise<RecordedReceipt> {
    try {
      // Checked first on its own (signature, key), then matched to a transfer sent from here and logged.
      await store.verifyTransferReceipt(text);
      const r = await store.recordTransferReceipt(this.session, text);
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
  }

  lock() {
    store.lock(this.session);
  }
}

export const storageVault: Vault = {
  async status(): Promise<DeviceStatus> {
    return store.detectLostDatabase();
  },
  async publicSettings() {
    const p = await store.getPublicSettings();
    return p ? fromStored(p.settings) : null;
  },
  async keyHolders(): Promise<KeyHolder[]> {
    return store.listUsers();
  },
  async sealWords() {
    const p = await store.getPublicSettings();
    return p ? { words: p.sealingKeyWords, confirmed: p.sealingKeyConfirmed } : null;
  },
  async setUp(settings: PublicSettings, users: NewUser[]) {
    const r = await store.setUp({ settings: toStored(settings), users });
    return { recoveryKey: r.recoveryKey };
  },
  async unlock(userId: string, passphrase: string) {
    try {
      return new StorageUnlocked(await store.unlock(userId, passphrase));
    } catch (e) {
      if (e instanceof store.UnlockThrottledError)
        throw new UnlockRefusedError(
          `Too many wrong attempts. Wait ${seconds(e.retryAfterMs)} before trying again.`,
          e.retryAfterMs,
        );
      if (e instanceof store.WrongPassphraseError) {
        const wait = await store.unlockWaitMs();
        throw new UnlockRefusedError(
          `That passphrase is not right.${wait > 0 ? ` Wait ${seconds(wait)} before trying again.` : ''}`,
          wait,
        );
      }
      throw e;
    }
  },
  async recover(recoveryKey: string, userId: string, newPassphrase: string) {
    try {
      return new StorageUnlocked(await store.recoverWithRecoveryKey(recoveryKey, userId, newPassphrase));
    } catch (e) {
      return refusedSecret(e, 'recovery-key');
    }
  },
  exportSealedDisclosure(id: string) {
    return store.exportSealedDisclosure(id);
  },
  async sealDisclosure(payload: SealedDisclosurePayload) {
    return store.sealDisclosure({
      writer: { name: payload.writer },
      disclosure: payload.disclosure,
      persons: payload.persons as unknown as store.DisclosureDraft['persons'],
      occurredAt: payload.disclosure.disclosedAt,
    });
  },
  acquireWriter() {
    return store.acquireWriterLock();
  },
};
