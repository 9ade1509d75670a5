// Public surface of the storage layer: what the UI calls. Everything else under src/storage is internal.
export { DB_NAME, CURRENT_SCHEMA_VERSION, onVersionChange, closeDatabase, type VersionChangeInfo } from './db';
export { Session, lock, type SessionUser } from './keys/session';
export { establishmentSealWords, type EstablishmentSealWords } from './sealWords';
export { recordEarlierAcceptedDisclosures } from './earlierDisclosures';
export {
  setUp,
  unlock,
  listUsers,
  verifyPassphrase,
  MIN_PASSPHRASE_LENGTH,
  NeedsNewPassphraseError,
  type NewUser,
  type SetUpInput,
  type SetUpResult,
  type KeyHolder,
} from './keys/keyring';
export { type RotationProgress, type RotationResult } from './keys/rotate';
export {
  changePassphrase,
  rewrapForUser,
  recoverWithRecoveryKey,
  replaceRecoveryKey,
  addUser,
  removeUser,
} from './keys/users';
export { unlockWaitMs, THROTTLE_MAX_MS } from './keys/throttle';
export { confirmSealingKey, getPublicSettings, updateSettings, type PublicEstablishment } from './settings';
export type { PublicSettings, KeyRole, ChainHead } from './schemas';
export { readLog, type LogEntry } from './chain/log';
export {
  createCase,
  appendEvent,
  loadCase,
  recordSameIncidentPair,
  listSummaries,
  type EventDraft,
  type StepResult,
  type LoadedCase,
  type SummaryList,
} from './cases';
export { bulkSeedCases, type SeedOptions } from './seed';
export { acquireWriterLock, writerLockState, WRITER_LOCK_NAME } from './writerLock';
export { recordHash, type IntegrityProblem, type TamperKind } from './chain/integrity';
export { quickVerify } from './chain/quickVerify';
export { fullVerify } from './chain/fullVerify';
export { type VerifyReport } from './chain/verifyShared';
export { writeCheckpoint } from './chain/checkpoint';
export {
  sealDisclosure,
  sealDisclosureToFile,
  inboxCount,
  listInbox,
  acceptDisclosure,
  exportSealedDisclosure,
  importSealedDisclosureFile,
  MAX_DISCLOSURE_BYTES,
  type DisclosureDraft,
  type InboxItem,
} from './inbox';
export { acceptedTwice } from './acceptedElsewhere';
export { sameDisclosureCases } from './sameIncident';
export { removeAcceptedElsewhere } from './inbox';
export { saveDraft, loadDraft, deleteDraft } from './drafts';
export {
  detectLostDatabase,
  requestPersistence,
  storageEstimate,
  type DatabaseStatus,
  type PersistResult,
  type StorageEstimate,
} from './durability';
export { exportBackup, importBackup, lastBackupAt, type RestoreResult } from './files/backup';
export {
  exportCaseTransfer,
  importCaseTransfer,
  verifyTransferReceipt,
  recordTransferReceipt,
  listTransfersSent,
  type TransferOptions,
  type TransferReceipt,
} from './files/transfer';
export { redactForYoungPerson } from './files/redact';
export { destroyCase, DestructionRefusedError, type DestroyRequest } from './destroy';
export {
  setReviewDate,
  reviewDateNeedsTwo,
  ReviewDateRefusedError,
  type ReviewDateRequest,
} from './summary-index/reviewDate';
export {
  listDestroyedCases,
  tombstoneFileText,
  verifyTombstoneFile,
  checkTombstoneFile,
  type Tombstone,
  type DestroyedCase,
  type TombstoneCheck,
} from './chain/tombstones';
export {
  StorageError,
  NotSetUpError,
  AlreadySetUpError,
  SessionLockedError,
  UnlockThrottledError,
  UnknownUserError,
  NotPermittedError,
  WeakPassphraseError,
  ReadOnlyTabError,
  CaseNotFoundError,
  CaseDestroyedError,
  StorageFullError,
  StorageClosedError,
  WriteAbortedError,
  WriteConflictError,
  IntegrityError,
  DisclosureTooLargeError,
  DamagedRecordError,
  ImportError,
  type ImportFailure,
} from './errors';
export { WrongPassphraseError, InvalidRecoveryKeyError } from './crypto';
export { RejectedEventError } from '../domain/machine';
export {
  pdfSignerInfo,
  loadPdfSigner,
  savePdfSigner,
  logPdfExport,
  establishmentCertificates,
  pinUnpinnedPdfSigner,
  type PdfSignerInfo,
  type PinnedCertificate,
} from './keys/pdfSigner';
export { readReportRows, logReportExport, type ReportRows } from './files/report';
