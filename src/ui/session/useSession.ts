// What a screen reads of the session: the vault once unlocked, the case summaries, settings and what the unlock check found.
import { createContext, useContext } from 'react';
import type { CaseSummary } from '../../domain/summary';
import { type PublicSettings } from '../data/settings';
import type {
  DeviceStatus,
  InboxItem,
  IntegrityReport,
  KeyHolder,
  SealWords,
  UnlockedVault,
  Vault,
} from '../data/vault';
import { type IdleState } from '../lock/idle';

export interface Session {
  vault: Vault;
  status: DeviceStatus | 'loading';
  settings: PublicSettings;
  holders: KeyHolder[];
  /** The seal words of the key staff seal to (docs/SECURITY.md item 16), for the lock screen and the staff form. */
  sealWords: SealWords | null;
  unlocked: UnlockedVault | null;
  summaries: CaseSummary[];
  /** Cases whose summary would not open: listed as "cannot be read", never dropped. */
  unreadable: { caseId: string; message: string }[];
  inbox: InboxItem[];
  idle: IdleState;
  lockNotice: string | null;
  /** The integrity check run at unlock: null until it has run. */
  integrity: IntegrityReport | null;
  /** What the check of the summary index found and rebuilt in this session (shown in Settings' integrity section). */
  indexRepairs: string[];
  /** Another tab opened a newer version of the database: this one must reload. */
  outdated: boolean;
  /** The database was deleted while the app was open (site data cleared, or another tab): reload. */
  databaseRemoved: boolean;
  /** False when another tab holds the writer lock: this one may read but must not write. */
  writer: boolean;
  refresh: () => Promise<void>;
  unlock: (userId: string, passphrase: string) => Promise<void>;
  /** Takes an already unlocked vault (from the recovery key) as this session's, as unlock does. */
  adopt: (vault: UnlockedVault) => Promise<void>;
  lock: (why?: string) => void;
  extend: () => void;
}

export const Ctx = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
