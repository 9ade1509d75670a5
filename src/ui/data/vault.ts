// What the app shell needs from storage: the device's state before unlock, and an unlocked vault
// after. `storageVault.ts` implements it over src/storage; screens depend only on this.
import type { CaseSummary } from '../../domain/summary';
import type { CaseEvent } from '../../domain/events';
import type { Role } from '../../domain/types';
import type { ReportRow } from '../../domain/report/row';
import type { SealedDisclosurePayload } from '../disclosure/StaffDisclosurePage';
import type { CaseGateway } from './gateway';
import type { PublicSettings } from './settings';
import type { TransferSent } from '../../domain/reminders';
import type { SyncVault } from '../sync/types';
import {
  type ActivityEntry,
  type TransferRequest,
  type TransferFile,
  type ReceivedTransfer,
  type RecordedReceipt,
  type SealWords,
  type PdfSignerSummary,
  type DestroyedCaseRecord,
  type DestructionNoteCheck,
  type DestroyCaseRequest,
} from './vaultRecords';
export type {
  ActivityWhat,
  ActivityEntry,
  TransferRequest,
  TransferFile,
  ReceivedTransfer,
  RecordedReceipt,
  SealWords,
  PdfSignerSummary,
  DestroyedCaseRecord,
  DestructionNoteCheck,
  DestroyCaseRequest,
} from './vaultRecords';

export type DeviceStatus = 'fresh-install' | 'ok' | 'database-lost';

export interface KeyHolder {
  userId: string;
  name: string;
  role: Exclude<Role, 'staff'>;
  /** Their key could not be renewed when the records' key was (they had not unlocked since the upgrade): a manager sets them a new passphrase. */
  needsNewPassphrase?: true;
}

export interface NewUser {
  name: string;
  role: Exclude<Role, 'staff'>;
  passphrase: string;
}

export interface InboxItem {
  id: string;
  writer: string;
  receivedAt: string;
  /** Opened with the establishment's private key after unlock. */
  payload: SealedDisclosurePayload;
  /** Accepted into a case on another tablet (that case reached this one): shown as such, never accepted again. */
  acceptedInto?: { caseId: string; reference: string; at: string };
}

/** A staff disclosure accepted on two tablets that could not see each other: both cases kept. */
export interface AcceptedTwice {
  disclosureId: string;
  cases: { caseId: string; reference: string; at: string; here: boolean }[];
}

export interface IntegrityReport {
  ok: boolean;
  checked: number;
  /** The first bad event, named: chain, position and what is wrong. */
  firstProblem?: string;
}

export interface UnlockResult {
  vault: UnlockedVault;
}

export class UnlockRefusedError extends Error {
  constructor(
    message: string,
    /** How long before the next attempt is allowed. */
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'UnlockRefusedError';
  }
}

/**
 * A refusal about one thing the user gave (a file, a passphrase, the recovery key): the screen
 * shows `message` at that field. `retryAfterMs` is the slow-down wait after a wrong passphrase or key.
 */
/** How far a rotation of the data key has got (for a progress bar). */
export type KeyRotationProgress = {
  phase: 'reading' | 'case-keys' | 'records' | 'chain' | 'writing' | 'done';
  done: number;
  total: number;
};
/** After a rotation: who needs a new passphrase set by a manager, and whether the recovery key must be replaced. */
export type KeyRotationResult = { needsNewPassphrase: string[]; recoveryKeyLost: boolean };

export class RefusedError extends Error {
  constructor(
    message: string,
    readonly field:
      | 'file'
      | 'passphrase'
      | 'own-passphrase'
      | 'new-passphrase'
      | 'recovery-key'
      | 'second-user'
      | 'second-passphrase'
      | 'other',
    readonly retryAfterMs = 0,
    /** The message already says that nothing was changed (a refused file's always does). */
    readonly said: { saysNothingChanged: boolean } = { saysNothingChanged: false },
  ) {
    super(message);
    this.name = 'RefusedError';
  }
}

export interface Vault {
  status(): Promise<DeviceStatus>;
  publicSettings(): Promise<PublicSettings | null>;
  /** Readable before unlock (unauthenticated, like the settings): null when not set up. */
  sealWords(): Promise<SealWords | null>;
  keyHolders(): Promise<KeyHolder[]>;
  setUp(settings: PublicSettings, users: NewUser[]): Promise<{ recoveryKey: string }>;
  /** Throws UnlockRefusedError (with the wait) for a wrong passphrase or while throttled. */
  unlock(userId: string, passphrase: string): Promise<UnlockedVault>;
  /**
   * Every passphrase lost: the recovery key gives `userId` a new passphrase and unlocks as them.
   * Throws RefusedError (field 'recovery-key', with the slow-down wait) for a wrong key.
   */
  recover(recoveryKey: string, userId: string, newPassphrase: string): Promise<UnlockedVault>;
  /** A staff disclosure, sealed to the establishment's public key: no unlock, no read-back. */
  sealDisclosure(payload: SealedDisclosurePayload): Promise<{ id: string }>;
  /** A waiting disclosure as a sealed file, to carry to the DSL's tablet (still unreadable). */
  exportSealedDisclosure(id: string): Promise<string>;
  /** Is this tab the one that writes? (Web Locks: one tab writes at a time.) */
  acquireWriter(): Promise<boolean>;
}

export interface UnlockedVault extends CaseGateway {
  /** Sync with the school's server (docs/SYNC.md); absent where a vault has no server to sync with. */
  readonly sync?: SyncVault;
  /**
   * The seal words for the staff notice, from this establishment's own sealing key (docs/SECURITY.md
   * item 16), the words the lock screen shows now, and whether they are the same (and confirmed).
   */
  establishmentSealWords(): Promise<{ words: string[]; lockScreenWords: string[] | null; lockScreenMatches: boolean }>;
  /** Cases destroyed on this device: their signed notes, newest first (never silently missing). */
  destroyedCases(): Promise<DestroyedCaseRecord[]>;
  /**
   * Checks a note of a destroyed case given back as a file: its signature, whether this
   * establishment made it, and whether this tablet holds the same note. Throws with a plain
   * message when the file is not such a note or its signature does not verify.
   */
  checkDestructionNote(text: string): Promise<DestructionNoteCheck>;
  /**
   * Destroys a closed case past its review date, with a second key holder (docs/SECURITY.md items 3
   * and 13). Refused: RefusedError at the field concerned ('passphrase', 'second-user',
   * 'second-passphrase', or 'other' with the domain's reasons), and nothing changed.
   */
  /** Also renews the records' key (docs/KEYS.md); `onProgress` follows it. */
  destroyCase(
    caseId: string,
    request: DestroyCaseRequest,
    onProgress?: (p: KeyRotationProgress) => void,
  ): Promise<DestroyedCaseRecord>;
  /** A case's full event log and its chain head, for the signed PDF. */
  caseRecordForExport(caseId: string): Promise<{ events: CaseEvent[]; chainHead: string }>;
  pdfSignerInfo(): Promise<PdfSignerSummary | null>;
  /** Every certificate the establishment log names as this establishment's PDF signer (the current one last): what the verifier trusts. */
  establishmentCertificates(): Promise<{ fingerprint: string; subject: string; setAt: string; current: boolean }[]>;
  /** The signing certificate and (decrypted, in memory only) private key. */
  pdfSigner(): Promise<{ certificateDer: string; privateKeyPkcs8: string; fingerprint: string } | null>;
  savePdfSigner(
    s: {
      certificateDer: string;
      privateKeyPkcs8: string;
      fingerprint: string;
      subject: string;
      source: 'generated' | 'imported';
    },
    replace?: boolean,
  ): Promise<void>;
  logPdfExport(e: {
    fileId: string;
    caseId: string;
    to: string;
    why: string;
    recordHash: string;
    redacted: boolean;
  }): Promise<void>;
  /** Record hashes of this case as exported (from the log), to recognise a PDF made here. */
  exportedRecordHashes(caseId: string): Promise<string[]>;
  listSummaries(): Promise<CaseSummary[]>;
  /** Every case: the summaries, and the cases whose summary would not open (never silently left out). */
  /** `indexRepairs`: what the session's first check of the summary index found and rebuilt (empty when whole or already checked). */
  listCases(): Promise<{
    summaries: CaseSummary[];
    unreadable: { caseId: string; message: string }[];
    indexRepairs?: string[];
  }>;
  createCase(): Promise<string>;
  inbox(): Promise<InboxItem[]>;
  acceptDisclosure(inboxId: string): Promise<string>;
  /** Disclosures accepted into two cases on two tablets apart (docs/SYNC.md). */
  acceptedTwice(): Promise<AcceptedTwice[]>;
  /** Removes from this inbox a disclosure accepted on another tablet (its case is here). */
  removeAcceptedElsewhere(inboxId: string): Promise<void>;
  /** A disclosure sealed on another device of this establishment, as a file. */
  importSealedDisclosure(text: string): Promise<void>;
  verifyPassphrase(passphrase: string): Promise<boolean>;
  quickVerify(): Promise<IntegrityReport>;
  fullVerify(): Promise<IntegrityReport>;
  updateSettings(settings: PublicSettings): Promise<void>;
  exportBackup(backupPassphrase: string): Promise<string>;
  /** When the last encrypted backup was made (ISO), or null if never. */
  lastBackupAt(): Promise<string | null>;
  /** Case transfers sent from here, and whether each one's signed receipt has been recorded. */
  transfersSent(): Promise<TransferSent[]>;
  saveDraft(key: string, value: unknown): Promise<void>;
  loadDraft(key: string): Promise<unknown>;
  deleteDraft(key: string): Promise<void>;
  /** Who holds a key (DSL, deputies, Headteacher). */
  keyHolders(): Promise<KeyHolder[]>;
  /** The signed-in user's own passphrase; RefusedError('passphrase') if the current one is wrong. */
  changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void>;
  /** DSL or deputy: a new passphrase for someone who forgot theirs. `ownPassphrase`: the signed-in manager's, asked again (the session keeps no copy of the data key). */
  resetPassphrase(userId: string, newPassphrase: string, ownPassphrase: string): Promise<void>;
  /** `ownPassphrase`: the signed-in manager's, asked again (RefusedError 'own-passphrase' if wrong). */
  addKeyHolder(user: NewUser, ownPassphrase: string): Promise<KeyHolder>;
  /**
   * Refused (RefusedError 'other') for the last DSL or deputy. Rotates the data key: every case key
   * wrapped again under a new one, so whatever the removed holder kept opens nothing here.
   */
  removeKeyHolder(
    userId: string,
    reason: string,
    onProgress?: (p: KeyRotationProgress) => void,
  ): Promise<KeyRotationResult>;
  /** A new recovery key replaces the old one; shown once. `ownPassphrase` is asked again. */
  replaceRecoveryKey(ownPassphrase: string): Promise<string>;
  /** The establishment log, in the order it was recorded (oldest first). */
  activityLog(): Promise<ActivityEntry[]>;
  /** A case (or one young person's part) as a file sealed with a transfer passphrase; logged. */
  exportTransfer(caseId: string, request: TransferRequest): Promise<TransferFile>;
  /** A transfer file as a new case here, and the signed receipt for the sender. Nothing changes on refusal. */
  importTransfer(text: string, passphrase: string): Promise<ReceivedTransfer>;
  /** Checks a recipient's signed receipt and records it against the transfer sent from here. */
  recordTransferReceipt(text: string): Promise<RecordedReceipt>;
  /** Every readable case as an anonymised row for the period report, and how many could not be read. */
  reportRows(): Promise<{ rows: ReportRow[]; unreadable: number }>;
  /** Report hashes of reports for a period exported as signed PDFs here (from the log). */
  exportedReportHashes(): Promise<string[]>;
  /** Logs a report export (who, when, for whom, which period). */
  logReportExport(e: ReportExportLog): Promise<void>;
  lock(): void;
}

export interface ReportExportLog {
  fileId: string;
  format: 'pdf' | 'csv';
  period: { from: string; to: string };
  to: string;
  reportHash?: string;
}
