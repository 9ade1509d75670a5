// Issue 12 finding 5 (docs/SECURITY.md item 16): sealing is checked before it happens. The public
// sealing key in the clear settings row, swapped with the browser's tools (raw IndexedDB edits, no
// passphrase): the staff form refuses to seal, and nothing is stored. An attacker who also swaps
// the signing key and signs their own sealing key gets past that check (the residual risk the
// threat model names): the lock screen's seal words change, and the next unlock names the
// disclosure sealed to a foreign key, with that key's words.
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintWords, FINGERPRINT_WORDS } from '../../../src/codec/words';
import { generateSealingKeyPair, generateSigningKeyPair, keyFingerprint } from '../../../src/storage/crypto';
import { db, useDatabase } from '../../../src/storage/db';
import { SealingKeyNotConfirmedError } from '../../../src/storage/errors';
import { inboxCount, sealDisclosure, type DisclosureDraft } from '../../../src/storage/inbox';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { confirmSealingKey, getPublicSettings, signSealingKey } from '../../../src/storage/settings';
import { rawDb, setUpDevice, useCopyOf, type Device } from './harness';

let device: Device;
beforeAll(async () => {
  device = await setUpDevice('sealing-key');
});

function staffDraft(): DisclosureDraft {
  return {
    writer: { name: 'Sam Teacher', jobTitle: 'Form tutor' },
    disclosure: {
      disclosedBy: 'A pupil in Year 9',
      discloserRelation: 'young-person',
      disclosedTo: 'Sam Teacher',
      disclosedAt: '2026-03-02T08:45:00.000Z',
      channel: 'in-person',
      account: 'Said an image of a classmate was going round.',
      platforms: ['Snapchat'],
      spreadNotes: '',
      imageryDescription: 'Not seen.',
      actionsTaken: 'Told the DSL in person.',
    },
    persons: [
      {
        id: 'p1',
        name: 'Ophelia Grindlewald',
        atEstablishment: true,
        involvement: ['pictured'],
        adult: 'no',
        worksWithChildren: 'no',
        ageYears: 14,
      },
    ],
  };
}

async function tamper(fn: (raw: ReturnType<typeof rawDb>) => Promise<void>): Promise<void> {
  const name = db().name;
  db().close();
  const raw = rawDb(name);
  await raw.open();
  await fn(raw);
  raw.close();
  useDatabase(name);
}

describe('the key staff seal to (issue 12 finding 5)', () => {
  it('is confirmed by the signing key from set-up, and shown as six words from a list of 256', async () => {
    await useCopyOf(device);
    const pub = (await getPublicSettings())!;
    expect(pub.sealingKeyConfirmed).toBe(true);
    expect(pub.sealingKeyWords).toEqual(fingerprintWords(await keyFingerprint(pub.sealingPublicJwk)));
    expect(pub.sealingKeyWords).toHaveLength(6);
    expect(new Set(FINGERPRINT_WORDS).size).toBe(256);
    expect(new Set(FINGERPRINT_WORDS.map((w) => w.slice(0, 4))).size).toBe(256);
  });

  it('swapped in the clear settings row: the staff form refuses to seal, and nothing is stored', async () => {
    await useCopyOf(device);
    const attacker = await generateSealingKeyPair();
    await tamper(async (raw) => {
      const row = await raw.table('meta').get('settings');
      await raw.table('meta').put({ ...row, sealingPublicJwk: attacker.publicJwk });
    });
    expect((await getPublicSettings())!.sealingKeyConfirmed).toBe(false);
    await expect(sealDisclosure(staffDraft())).rejects.toBeInstanceOf(SealingKeyNotConfirmedError);
    expect(await inboxCount()).toBe(0);
  });

  it('its signature removed to look like an older device: still refused, and unlock does not confirm a swapped key', async () => {
    await useCopyOf(device);
    const attacker = await generateSealingKeyPair();
    await tamper(async (raw) => {
      const { sealingKeySignature: _s, ...row } = await raw.table('meta').get('settings');
      await raw.table('meta').put({ ...row, sealingPublicJwk: attacker.publicJwk });
    });
    await expect(sealDisclosure(staffDraft())).rejects.toBeInstanceOf(SealingKeyNotConfirmedError);
    expect(await confirmSealingKey(device.session)).toBe(false);
    expect((await getPublicSettings())!.sealingKeyConfirmed).toBe(false);
  });

  it('swapped together with a signing key of the attacker’s that signs it: sealed (the residual risk), but the seal words change and the next unlock names the foreign key', async () => {
    await useCopyOf(device);
    const before = (await getPublicSettings())!.sealingKeyWords;
    const sealing = await generateSealingKeyPair();
    const signing = await generateSigningKeyPair();
    const signature = await signSealingKey(signing.privateKey, sealing.publicJwk);
    await tamper(async (raw) => {
      const row = await raw.table('meta').get('settings');
      await raw.table('meta').put({
        ...row,
        sealingPublicJwk: sealing.publicJwk,
        signingPublicJwk: signing.publicJwk,
        sealingKeySignature: signature,
      });
    });
    const pub = (await getPublicSettings())!;
    expect(pub.sealingKeyConfirmed).toBe(true);
    expect(pub.sealingKeyWords).not.toEqual(before);
    await sealDisclosure(staffDraft());
    // The attacker puts the settings back, to hide the swap: the sealed disclosure still gives it away.
    await tamper(async (raw) => {
      const row = await raw.table('meta').get('settings');
      await raw.table('meta').put({
        ...row,
        sealingPublicJwk: (await getPublicSettingsOf(device)).sealingPublicJwk,
        signingPublicJwk: (await getPublicSettingsOf(device)).signingPublicJwk,
        sealingKeySignature: (await getPublicSettingsOf(device)).sealingKeySignature,
      });
    });
    const words = fingerprintWords(await keyFingerprint(sealing.publicJwk)).join(' ');
    const quick = await quickVerify(device.session);
    expect(quick.ok).toBe(false);
    expect(quick.problems.map((p) => p.message).join(' ')).toContain(
      `sealed to a key that is not this establishment’s (its words: ${words})`,
    );
    expect((await fullVerify(device.session)).problems.map((p) => p.message).join(' ')).toContain(words);
  });

  it('a settings row from before sealing keys were signed is confirmed at unlock, once; a disclosure sealed to our key raises no alarm', async () => {
    await useCopyOf(device);
    const original = (await db().meta.get('settings')) as Record<string, unknown>;
    // How an older version stored it: no signature, and a MAC over the row without one.
    const { settingsRow } = await import('../../../src/storage/settings');
    const { secretsOf } = await import('../../../src/storage/keys/session');
    const { sealingKeySignature: _s, mac: _m, key: _k, ...body } = original as Record<string, never>;
    const legacy = await settingsRow(
      secretsOf(device.session).keys.macKey,
      body as unknown as Parameters<typeof settingsRow>[1],
    );
    await tamper(async (raw) => {
      await raw.table('meta').put(legacy);
    });
    expect((await getPublicSettings())!.sealingKeyConfirmed).toBe(false);
    expect((await quickVerify(device.session)).ok).toBe(true);
    expect(await confirmSealingKey(device.session)).toBe(true);
    expect(await confirmSealingKey(device.session)).toBe(false);
    expect((await getPublicSettings())!.sealingKeyConfirmed).toBe(true);
    await sealDisclosure(staffDraft());
    expect((await quickVerify(device.session)).ok).toBe(true);
  });
});

/** The settings row of the untouched device, raw. */
async function getPublicSettingsOf(d: Device): Promise<Record<string, unknown>> {
  const raw = rawDb(d.name);
  await raw.open();
  const row = await raw.table('meta').get('settings');
  raw.close();
  return row;
}
