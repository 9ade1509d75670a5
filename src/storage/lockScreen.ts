// Owns what the lock screen reads before anyone unlocks: whether this browser's device is set up
// (durability.ts), who holds a key, the public settings and the seal words. A small entry into
// storage (the database, the row schemas, one signature check): the chain, the keys, the machine
// and the rest load when someone unlocks (issue 14 item 6). Nothing here is verified until unlock
// (there is no key yet to check a MAC): see docs/SECURITY.md.
import { canonicalJson } from '../codec/canonical';
import { fingerprintWords } from '../codec/words';
import { keyFingerprint, verifyTextSignature } from './crypto/signatures';
import { db, type KeyringRow } from './db';
import { KeyringRowSchema } from './keyringRowSchemas';
import { SettingsMetaRowSchema } from './metaRowSchemas';
import { parseRow } from './parseRow';
import type { PublicSettings } from './settingsSchemas';
import type { KeyHolder, LegacyKeyringRow } from './keys/keyring';

export { detectLostDatabase, type DatabaseStatus } from './durability';
export { acquireWriterLock } from './writerLock';

// !!! NEVER CHANGE: inside every stored sealing-key signature.
const SEALING_KEY_LABEL = 'ypsi/sealing-key/v1';

/** The exact text the signing key signs to confirm the sealing key. */
export function sealingKeyText(sealingPublicJwk: JsonWebKey): string {
  return canonicalJson({
    label: SEALING_KEY_LABEL,
    kty: 'EC',
    crv: 'P-256',
    x: sealingPublicJwk.x,
    y: sealingPublicJwk.y,
  });
}

/** The words a person compares with the staff notice: the sealing key's fingerprint (docs/SECURITY.md item 16). */
export async function sealingKeyWords(sealingPublicJwk: JsonWebKey): Promise<string[]> {
  return fingerprintWords(await keyFingerprint(sealingPublicJwk));
}

export type PublicEstablishment = {
  settings: PublicSettings;
  /** Staff devices seal disclosures to this key (ECDH P-256). */
  sealingPublicJwk: JsonWebKey;
  /**
   * The sealing key carries a valid signature by the signing key beside it. Checked before any
   * disclosure is sealed. Unauthenticated before unlock, like everything here: see docs/SECURITY.md.
   */
  sealingKeyConfirmed: boolean;
  /** The sealing key's fingerprint as words, for a person to compare with the staff notice. */
  sealingKeyWords: string[];
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
  const sealingKeyConfirmed =
    row.sealingKeySignature !== undefined &&
    (await verifyTextSignature(row.signingPublicJwk, sealingKeyText(row.sealingPublicJwk), row.sealingKeySignature));
  return {
    settings: row.settings,
    sealingPublicJwk: row.sealingPublicJwk,
    sealingKeyConfirmed,
    sealingKeyWords: await sealingKeyWords(row.sealingPublicJwk),
    signingPublicJwk: row.signingPublicJwk,
    updatedAt: row.updatedAt,
  };
}

/** A keyring row from before key holders had key pairs (one wrapped data key under the passphrase). */
export function isLegacyRow(row: KeyringRow): row is LegacyKeyringRow {
  return 'wrapped' in row;
}

/** Who holds a key, for the lock screen's "who are you?". Display only: verified at unlock. */
export async function listUsers(): Promise<KeyHolder[]> {
  const rows = await db().keyring.toArray();
  return rows
    .map((r) => parseRow(KeyringRowSchema, r, 'keyring entry'))
    .filter((r) => r.kind === 'user' && r.role !== null)
    .map((r) => ({
      userId: r.userId,
      name: r.displayName ?? '',
      role: r.role!,
      ...(!isLegacyRow(r) && !r.holder ? { needsNewPassphrase: true as const } : {}),
    }));
}
