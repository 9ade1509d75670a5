// What the app shell needs from storage: the device's state before unlock, and an unlocked vault
// after. `storageVault.ts` implements it over src/storage; screens depend only on this.
import type { CaseSummary } from '../../domain/summary';
import type { Role } from '../../domain/types';
import type { SealedDisclosurePayload } from '../disclosure/StaffDisclosurePage';
import type { CaseGateway } from './gateway';
import type { PublicSettings } from './settings';

export type DeviceStatus = 'fresh-install' | 'ok' | 'database-lost';

export interface KeyHolder {
  userId: string;
  name: string;
  role: Exclude<Role, 'staff'>;
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

export interface Vault {
  status(): Promise<DeviceStatus>;
  publicSettings(): Promise<PublicSettings | null>;
  keyHolders(): Promise<KeyHolder[]>;
  setUp(settings: PublicSettings, users: NewUser[]): Promise<{ recoveryKey: string }>;
  /** Throws UnlockRefusedError (with the wait) for a wrong passphrase or while throttled. */
  unlock(userId: string, passphrase: string): Promise<UnlockedVault>;
  /** A staff disclosure, sealed to the establishment's public key: no unlock, no read-back. */
  sealDisclosure(payload: SealedDisclosurePayload): Promise<void>;
  /** Is this tab the one that writes? (Web Locks: one tab writes at a time.) */
  acquireWriter(): Promise<boolean>;
}

export interface UnlockedVault extends CaseGateway {
  listSummaries(): Promise<CaseSummary[]>;
  createCase(): Promise<string>;
  inbox(): Promise<InboxItem[]>;
  acceptDisclosure(inboxId: string): Promise<string>;
  verifyPassphrase(passphrase: string): Promise<boolean>;
  quickVerify(): Promise<IntegrityReport>;
  fullVerify(): Promise<IntegrityReport>;
  updateSettings(settings: PublicSettings): Promise<void>;
  exportBackup(backupPassphrase: string): Promise<string>;
  /** When the last encrypted backup was made (ISO), or null if never. */
  lastBackupAt(): Promise<string | null>;
  saveDraft(key: string, value: unknown): Promise<void>;
  loadDraft(key: string): Promise<unknown>;
  deleteDraft(key: string): Promise<void>;
  lock(): void;
}
