// The establishment part of the unlocked Vault over src/storage: key holders and passphrases, the
// recovery key, the records' integrity, settings, backups and the activity log.
import * as store from '../../storage';
import type { PublicSettings } from './settings';
import { toStored } from './settingsCodec';
import type { ActivityEntry, KeyHolder, KeyRotationProgress, KeyRotationResult, NewUser } from './vault';
import { activityWhat, refusedSecret, report } from './vaultRefusals';

export function keyVault(session: store.Session) {
  return {
    establishmentSealWords() {
      return store.establishmentSealWords(session);
    },

    verifyPassphrase(passphrase: string) {
      return store.verifyPassphrase(session, passphrase);
    },

    async quickVerify() {
      // A certificate set before pinning is pinned now, once (docs/SECURITY.md item 15).
      await store.pinUnpinnedPdfSigner(session).catch(() => false);
      // A sealing key from before sealing keys were signed is confirmed now, once, if the settings are authentic (docs/SECURITY.md item 16).
      await store.confirmSealingKey(session).catch(() => false);
      // Staff disclosures accepted before their ids were kept are recorded now, once, so they too are refused on re-import.
      await store.recordEarlierAcceptedDisclosures(session).catch(() => null);
      return report(await store.quickVerify(session));
    },

    async fullVerify() {
      return report(await store.fullVerify(session));
    },

    async updateSettings(settings: PublicSettings) {
      await store.updateSettings(session, toStored(settings));
    },

    async exportBackup(backupPassphrase: string) {
      return (await store.exportBackup(session, backupPassphrase, { why: 'Encrypted backup made from settings' })).text;
    },

    lastBackupAt() {
      return store.lastBackupAt(session);
    },

    keyHolders(): Promise<KeyHolder[]> {
      return store.listUsers();
    },

    async changePassphrase(currentPassphrase: string, newPassphrase: string) {
      try {
        await store.changePassphrase(session, currentPassphrase, newPassphrase);
      } catch (e) {
        await refusedSecret(e, 'passphrase');
      }
    },

    async resetPassphrase(userId: string, newPassphrase: string, ownPassphrase: string) {
      try {
        await store.rewrapForUser(session, userId, newPassphrase, ownPassphrase);
      } catch (e) {
        await refusedSecret(e, 'own-passphrase');
      }
    },

    async addKeyHolder(user: NewUser, ownPassphrase: string): Promise<KeyHolder> {
      try {
        return await store.addUser(session, user, ownPassphrase);
      } catch (e) {
        return refusedSecret(e, 'own-passphrase');
      }
    },

    async removeKeyHolder(
      userId: string,
      reason: string,
      onProgress?: (p: KeyRotationProgress) => void,
    ): Promise<KeyRotationResult> {
      try {
        const r = await store.removeUser(session, userId, reason.trim() || undefined, onProgress);
        return { needsNewPassphrase: r.needsNewPassphrase, recoveryKeyLost: r.recoveryKeyLost };
      } catch (e) {
        return refusedSecret(e, 'passphrase');
      }
    },

    async replaceRecoveryKey(ownPassphrase: string) {
      try {
        return await store.replaceRecoveryKey(session, ownPassphrase);
      } catch (e) {
        return refusedSecret(e, 'own-passphrase');
      }
    },

    async activityLog(): Promise<ActivityEntry[]> {
      // The keyring's binding is bookkeeping written with each key change; only a renewal of the records' key is news to a reader.
      return (await store.readLog(session))
        .filter((e) => e.type !== 'keyring.bound' || e.rotated !== undefined)
        .map((e) => ({ id: e.id, at: e.occurredAt, by: e.actor, what: activityWhat(e) }));
    },

    lock() {
      store.lock(session);
    },
  };
}
