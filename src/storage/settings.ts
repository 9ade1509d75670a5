// Owns the public settings row (readable before unlock, MAC'd) and changes to it, each one an event in the establishment log.
import { verifyHmac } from './crypto';
import { LOG_CHAIN_ID, settingsMac, settingsMacInput } from './chain';
import { commit, readLogHead } from './commit';
import { type SettingsMetaRow, db } from './db';
import { NotSetUpError } from './errors';
import { prepareLogAppends } from './log';
import { type PublicSettings, PublicSettingsSchema, SettingsMetaRowSchema, parseRow } from './schemas';
import { type Session, requireRole, secretsOf } from './session';

export type PublicEstablishment = {
  settings: PublicSettings;
  /** Staff devices seal disclosures to this key (ECDH P-256). */
  sealingPublicJwk: JsonWebKey;
  /** Receipts this establishment issues are signed with the matching private key (ECDSA P-256). */
  signingPublicJwk: JsonWebKey;
  updatedAt: string;
};

/**
 * What the lock screen may show with no one signed in: who the DSL is and how to reach them, the
 * MASH and police numbers. Unverified until unlock (no key to check its MAC yet): the unlock check
 * (quickVerify) then says if it was edited.
 */
export async function getPublicSettings(): Promise<PublicEstablishment | null> {
  const raw = await db().meta.get('settings');
  if (!raw) return null;
  const row = parseRow(SettingsMetaRowSchema, raw, 'public settings');
  return { settings: row.settings, sealingPublicJwk: row.sealingPublicJwk, signingPublicJwk: row.signingPublicJwk, updatedAt: row.updatedAt };
}

function macBody(row: Omit<SettingsMetaRow, 'mac' | 'key'>): unknown {
  return { settings: row.settings, sealingPublicJwk: row.sealingPublicJwk, signingPublicJwk: row.signingPublicJwk, updatedAt: row.updatedAt };
}

export async function settingsRow(macKey: CryptoKey, body: Omit<SettingsMetaRow, 'mac' | 'key'>): Promise<SettingsMetaRow> {
  return { key: 'settings', ...body, mac: await settingsMac(macKey, macBody(body)) };
}

/** True if the stored public settings (and the public keys beside them) carry a valid MAC. */
export async function settingsAuthentic(session: Session): Promise<boolean> {
  const raw = await db().meta.get('settings');
  if (!raw) return false;
  const parsed = SettingsMetaRowSchema.safeParse(raw);
  if (!parsed.success) return false;
  const { mac, key: _key, ...body } = parsed.data;
  return verifyHmac(secretsOf(session).keys.macKey, settingsMacInput(macBody(body)), mac);
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
