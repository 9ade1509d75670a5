// Owns the public settings row (readable before unlock, MAC'd) and changes to it, each one an event in the establishment log.
import { signText, verifyHmac } from './crypto';
import { sealingKeyText } from './lockScreen';
import { signingPrivateKey } from './keys/privateKeys';
import { LOG_CHAIN_ID, settingsMac, settingsMacInput } from './chain/chain';
import { commit, readLogHead } from './chain/commit';
import { type SettingsMetaRow, db } from './db';
import { NotSetUpError } from './errors';
import { prepareLogAppends } from './chain/log';
import { type PublicSettings, PublicSettingsSchema, SettingsMetaRowSchema, parseRow } from './schemas';

// The public read is the lock screen's (lockScreen.ts, a small entry): here for the rest of storage.
export { getPublicSettings, sealingKeyText, sealingKeyWords, type PublicEstablishment } from './lockScreen';
import { type Session, requireRole, secretsOf } from './keys/session';

/** Signs the sealing public key with the establishment's signing key. */
export async function signSealingKey(signing: CryptoKey, sealingPublicJwk: JsonWebKey): Promise<string> {
  return signText(signing, sealingKeyText(sealingPublicJwk));
}

// The signature joins the MAC'd body only when present, so rows MAC'd before it existed still verify.
function macBody(row: Omit<SettingsMetaRow, 'mac' | 'key'>): unknown {
  return {
    settings: row.settings,
    sealingPublicJwk: row.sealingPublicJwk,
    signingPublicJwk: row.signingPublicJwk,
    updatedAt: row.updatedAt,
    ...(row.sealingKeySignature !== undefined ? { sealingKeySignature: row.sealingKeySignature } : {}),
  };
}

/**
 * A settings row from before sealing keys were signed: signs its sealing key, once, at unlock. Only
 * an authentic row (its MAC holds), so a key swapped in the clear is never confirmed by this.
 */
export async function confirmSealingKey(session: Session): Promise<boolean> {
  const raw = await db().meta.get('settings');
  const parsed = SettingsMetaRowSchema.safeParse(raw);
  if (!parsed.success || parsed.data.sealingKeySignature !== undefined || !(await settingsAuthentic(session)))
    return false;
  const { mac: _mac, key: _key, ...body } = parsed.data;
  const signature = await signSealingKey(await signingPrivateKey(session), body.sealingPublicJwk);
  const row = await settingsRow(secretsOf(session).keys.macKey, { ...body, sealingKeySignature: signature });
  return db().transaction('rw', db().meta, async () => {
    const now = SettingsMetaRowSchema.safeParse(await db().meta.get('settings'));
    if (!now.success || now.data.mac !== parsed.data.mac) return false;
    await db().meta.put(row);
    return true;
  });
}

export async function settingsRow(
  macKey: CryptoKey,
  body: Omit<SettingsMetaRow, 'mac' | 'key'>,
): Promise<SettingsMetaRow> {
  return { key: 'settings', ...body, mac: await settingsMac(macKey, macBody(body)) };
}

/** True if the stored public settings (and the public keys beside them) carry a valid MAC. */
export async function settingsAuthentic(session: Session): Promise<boolean> {
  return settingsRowAuthentic(secretsOf(session).keys.macKey, await db().meta.get('settings'));
}

/** True if `raw` is a settings row with a valid MAC under `macKey` (also for a row from the sync server). */
export async function settingsRowAuthentic(macKey: CryptoKey, raw: unknown): Promise<boolean> {
  if (!raw) return false;
  const parsed = SettingsMetaRowSchema.safeParse(raw);
  if (!parsed.success) return false;
  const { mac, key: _key, ...body } = parsed.data;
  return verifyHmac(macKey, settingsMacInput(macBody(body)), mac);
}

/** Changes the public settings; the log keeps the before and after, who and when. DSL or deputy only. */
export async function updateSettings(session: Session, next: PublicSettings, reason?: string): Promise<PublicSettings> {
  requireRole(session, 'change-settings', 'change the settings');
  const settings = PublicSettingsSchema.parse(next);
  return commit(session, async () => {
    const raw = await db().meta.get('settings');
    if (!raw) throw new NotSetUpError();
    const current = parseRow(SettingsMetaRowSchema, raw, 'public settings');
    const row = await settingsRow(secretsOf(session).keys.macKey, {
      settings,
      sealingPublicJwk: current.sealingPublicJwk,
      signingPublicJwk: current.signingPublicJwk,
      ...(current.sealingKeySignature !== undefined ? { sealingKeySignature: current.sealingKeySignature } : {}),
      updatedAt: new Date().toISOString(),
    });
    const head = await readLogHead();
    const log = await prepareLogAppends(session, head, [
      { type: 'settings.changed', before: current.settings, after: settings, ...(reason ? { reason } : {}) },
    ]);
    return {
      plan: {
        appends: log.appends,
        expect: [{ chain: LOG_CHAIN_ID, head }],
        write: async (d) => {
          await d.meta.put(row);
        },
      },
      result: settings,
    };
  });
}
