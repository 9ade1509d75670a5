// The Vault the screens use, over src/storage: maps the storage layer's settings, errors and
// results to what the screens show. The only UI file that calls storage for cases and keys; the
// unlocked vault is made of its parts: cases (vaultCases.ts), key holders, integrity and settings
// (vaultKeys.ts), exports and transfers (vaultExports.ts), sync (syncVault.ts).
import * as store from '../../storage';
import type { PublicSettings } from './settings';
import { fromStored, toStored } from './settingsCodec';
import {
  UnlockRefusedError,
  type DeviceStatus,
  type KeyHolder,
  type NewUser,
  type UnlockedVault,
  type Vault,
} from './vault';
import type { SealedDisclosurePayload } from '../disclosure/StaffDisclosurePage';
import { syncVaultFor } from './syncVault';
import { caseVault } from './vaultCases';
import { exportVault } from './vaultExports';
import { keyVault } from './vaultKeys';
import { refusedSecret, seconds } from './vaultRefusals';

export { fromStored, toStored };

/** The vault once a key holder has unlocked: every part over the one session. */
function unlockedVault(session: store.Session): UnlockedVault {
  return {
    sync: syncVaultFor(session),
    get actor() {
      return session.actor;
    },
    ...caseVault(session),
    ...keyVault(session),
    ...exportVault(session),
  };
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
      return unlockedVault(await store.unlock(userId, passphrase));
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
      return unlockedVault(await store.recoverWithRecoveryKey(recoveryKey, userId, newPassphrase));
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
