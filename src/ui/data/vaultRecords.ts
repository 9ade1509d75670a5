// What the vault hands the screens about records and files: activity, transfers and receipts, seal words, the PDF signer, destroyed cases and their notes.
import type { Role } from '../../domain/types';
import type { PublicSettings } from './settings';
import { type KeyHolder } from './vault';

/** What an entry of the establishment log records (settings, key holders, exports, imports). */
export type ActivityWhat =
  | { type: 'set-up'; users: KeyHolder[] }
  | { type: 'settings-changed'; changed: (keyof PublicSettings)[]; reason?: string }
  | { type: 'user-added'; user: KeyHolder }
  | { type: 'user-removed'; user: KeyHolder; reason?: string }
  | { type: 'passphrase-changed' | 'passphrase-reset' | 'recovery-used'; userId: string }
  | {
      type: 'export';
      kind: 'backup' | 'case-transfer' | 'pdf' | 'sealed-disclosure' | 'report-pdf' | 'report-csv';
      fileId: string;
      to: string;
      why: string;
      caseIds: string[];
      scope?: 'whole-device' | 'whole-case' | 'one-young-person';
    }
  | { type: 'import'; from: string; caseIds: string[] }
  | { type: 'receipt-recorded'; transferId: string; receivedBy: string; keyFingerprint: string }
  | { type: 'backup-restored'; caseCount: number; backupCreatedAt: string }
  | { type: 'pdf-signer-set'; fingerprint: string; subject: string; replaced: string | null }
  | { type: 'disclosure-accepted'; caseId: string; reference: string; sealedAt: string }
  | { type: 'disclosures-accepted-earlier'; references: string[] }
  | { type: 'case-destroyed'; reference: string; approvedBy: string; reason: string; elsewhere?: boolean }
  | { type: 'keys-followed'; removed: KeyHolder[]; destroyed: number }
  | {
      /** Key holders or settings changed on another tablet, taken on here (docs/SYNC.md). */
      type: 'changes-followed';
      added: string[];
      replaced: { name: string; change: string; apart: boolean }[];
      kept: string[];
      settings: { taken: boolean; changed: (keyof PublicSettings)[]; apart: boolean } | null;
    }
  | { type: 'sync-turned-on'; tablet: string; server: string }
  | { type: 'sync-turned-off'; tablet: string }
  | { type: 'tablet-enrolled'; tablet: string; expiresAt: string }
  | { type: 'keys-bound'; change: string; holders: number; rotatedCaseKeys?: number }
  | { type: 'tablet-revoked'; tablet: string; elsewhere?: { by: string; byTablet: string; at: string } };

/** One entry of the establishment log: who, when, what. */
export interface ActivityEntry {
  id: string;
  at: string;
  by: { userId: string; name: string; role: Role | 'system' };
  what: ActivityWhat;
}

export interface TransferRequest {
  /** Given to the recipient separately (by phone), never with the file. */
  passphrase: string;
  to: string;
  why: string;
  /** Only this young person's part; every other young person is left out. */
  youngPersonId?: string;
}

export interface TransferFile {
  text: string;
  fileName: string;
  recordHash: string;
}

export interface ReceivedTransfer {
  caseId: string;
  reference: string;
  /** The signed receipt to send back to the sender. */
  receiptText: string;
  receiptFileName: string;
  /** This establishment's signing key fingerprint, which the sender may phone to confirm. */
  keyFingerprint: string;
}

export interface RecordedReceipt {
  reference: string;
  receivedBy: string;
  establishment: string;
  receivedAt: string;
  /** The recipient's key fingerprint, to confirm with them by phone. */
  keyFingerprint: string;
}

/**
 * The key staff seal disclosures to, as words a person compares with the staff notice
 * (docs/SECURITY.md item 16); `confirmed`: the establishment's signing key vouches for it.
 */
export interface SealWords {
  words: string[];
  confirmed: boolean;
}

export interface PdfSignerSummary {
  fingerprint: string;
  subject: string;
  source: 'generated' | 'imported';
  createdAt: string;
}

/** What is left of a destroyed case (docs/SECURITY.md item 13): a signed note, never the case. */
export interface DestroyedCaseRecord {
  caseId: string;
  reference: string;
  openedAt: string | null;
  closedAt: string | null;
  reviewDate: string | null;
  destroyedAt: string;
  destroyedBy: { name: string; role: string };
  approvedBy: { name: string; role: string };
  reason: string;
  /** The note's signature verifies under this establishment's key. */
  verified: boolean;
  problem?: string;
  /** The signed note as a file to keep (null when it is damaged). */
  fileText: string | null;
  keyFingerprint: string;
}

export interface DestructionNoteCheck {
  note: Omit<DestroyedCaseRecord, 'verified' | 'problem' | 'fileText'>;
  thisEstablishment: boolean | null;
  onThisDevice: 'same' | 'different' | 'absent';
}

export interface DestroyCaseRequest {
  reason: string;
  /** The signed-in user's own passphrase. */
  passphrase: string;
  secondUserId: string;
  secondPassphrase: string;
}
