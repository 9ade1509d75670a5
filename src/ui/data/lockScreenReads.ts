// The vault's reads before anyone unlocks (the lock screen's status, settings, key holders and seal
// words) and this tab's claim to write, over storage's small lock-screen entry (src/storage/lockScreen.ts): the lock screen is
// complete without fetching or running the rest of storage (issue 14 item 6).
import * as store from '../../storage/lockScreen';
import { fromStored } from './settingsCodec';
import type { Vault } from './vault';

export const lockScreenReads: Pick<Vault, 'status' | 'publicSettings' | 'keyHolders' | 'sealWords' | 'acquireWriter'> =
  {
    status: () => store.detectLostDatabase(),
    async publicSettings() {
      const p = await store.getPublicSettings();
      return p ? fromStored(p.settings) : null;
    },
    keyHolders: () => store.listUsers(),
    async sealWords() {
      const p = await store.getPublicSettings();
      return p ? { words: p.sealingKeyWords, confirmed: p.sealingKeyConfirmed } : null;
    },
    acquireWriter: () => store.acquireWriterLock(),
  };
