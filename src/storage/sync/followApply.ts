// Owns taking on, in ONE transaction with an `establishment.followed` entry in this tablet's own
// establishment log, what a checked copy of the key holders and settings from another tablet
// (followChange.ts) holds that this tablet does not, under the data key both are on (docs/SYNC.md,
// "Key holders and settings changed on another tablet"; docs/SECURITY.md items 1 and 16): a key
// holder added there (they unlock here with their own passphrase), a row set again there (a
// passphrase reset or changed, a name or role), and the settings. Which version stands is decided
// from the two logs (holderVersions.ts), never from the server's order: a row or settings this
// tablet's log has already seen replaced is never put back (a rollback), and a key holder this
// tablet's log says was removed is never added. The rows are the other tablet's exactly (their
// MACs hold under the shared key), so the keyring bound in each tablet's log converges.
import { canonicalJson } from '../../codec/canonical';
import { LOG_CHAIN_ID } from '../chain/chain';
import { commit, readLogHead } from '../chain/commit';
import { prepareLogAppends } from '../chain/log';
import type { LogEntryDraft } from '../chain/log';
import { type KeyringRow, type SettingsMetaRow, type YpsiDatabase, db } from '../db';
import { StorageError } from '../errors';
import { commitKeyringChange } from '../keys/keyring';
import type { Session } from '../keys/session';
import { signOut } from './signedOut';
import { HolderKeyringRowSchema, KeyringRowSchema, SettingsMetaRowSchema } from '../schemas';
import type { EstabSnapshot } from './directory';
import { type History, type Version, decide } from './holderVersions';

type FollowedEntry = Extract<LogEntryDraft, { type: 'establishment.followed' }>;

export type ChangeTaken = {
  /** The other tablet's log head the copy was taken at. */
  from: { seq: number; digest: string };
  added: string[];
  replaced: string[];
  /** Changed on both tablets apart: this tablet's own row kept by the rule (holderVersions.ts). */
  keptHere: string[];
  settings: boolean;
};

/** What a row is apart from its wrap of the data key (each tablet wraps it afresh at a rotation) and its times. */
function substance(r: KeyringRow): string {
  const { userId, kind, role, displayName } = r;
  return canonicalJson(
    'wrapped' in r
      ? { userId, kind, role, displayName, wrapped: r.wrapped }
      : { userId, kind, role, displayName, holder: r.holder },
  );
}

const settingsSubstance = (s: SettingsMetaRow) =>
  canonicalJson({ s: s.settings, k: s.sealingPublicJwk, g: s.signingPublicJwk, x: s.sealingKeySignature ?? null });

const versioned = (v: Version, seen: ReadonlySet<string> | undefined, apart: boolean) => ({
  version: v.id,
  change: v.change,
  changedAt: v.at,
  seen: [...(seen ?? [])].filter((id) => id !== v.id).slice(-499),
  ...(apart ? { apart: true as const } : {}),
});

/**
 * Takes on what `snapshot` (checked; its log's history `theirs`) holds that is newer than this
 * tablet's (`own`, from its own log). Returns what was done (null: nothing), or a refusal.
 */
export async function applySnapshot(
  session: Session,
  snapshot: EstabSnapshot,
  epoch: string,
  own: History,
  theirs: History,
  d: YpsiDatabase = db(),
): Promise<{ taken: ChangeTaken | null; signedOut?: boolean } | { refused: string }> {
  const here = new Map((await d.keyring.toArray()).map((raw) => [(raw as KeyringRow).userId, raw as KeyringRow]));
  const put: KeyringRow[] = [];
  const holders: FollowedEntry['holders'] = [];
  const taken: ChangeTaken = { from: snapshot.logHead, added: [], replaced: [], keptHere: [], settings: false };
  let signedOut = false;
  for (const raw of snapshot.keyring) {
    const row = KeyringRowSchema.parse(raw) as KeyringRow;
    const v = theirs.holders.get(row.userId);
    const mine = here.get(row.userId);
    if (!v || (mine && substance(mine) === substance(row))) continue;
    // Only a row that opens the data key this tablet is on (never one of an older generation).
    const holder = HolderKeyringRowSchema.safeParse(row);
    if (holder.success && holder.data.dataKey && holder.data.dataKey.epoch !== epoch) continue;
    const user = { userId: row.userId, name: row.displayName ?? '', role: row.role };
    if (!mine) {
      // A key holder added there, unless this tablet's own log says they were removed.
      if (own.removed.has(row.userId) || row.kind !== 'user' || !holder.success || !holder.data.dataKey) continue;
      put.push(row);
      holders.push({ user, outcome: 'added', ...versioned(v, theirs.seenHolders.get(row.userId), false) });
      taken.added.push(user.name);
      continue;
    }
    const verdict = decide(
      own.holders.get(row.userId),
      own.seenHolders.get(row.userId),
      v,
      theirs.seenHolders.get(row.userId),
    );
    if (verdict === 'same' || verdict === 'keep') continue;
    const apart = verdict.endsWith('apart');
    if (verdict === 'keep-apart') {
      holders.push({ user, outcome: 'kept', ...versioned(v, theirs.seenHolders.get(row.userId), true) });
      taken.keptHere.push(user.name);
      continue;
    }
    put.push(row);
    holders.push({ user, outcome: 'replaced', ...versioned(v, theirs.seenHolders.get(row.userId), apart) });
    taken.replaced.push(user.name);
    // The person signed in here was given a new key pair there (a reset): their session's key is not theirs any more.
    if (row.userId === session.user.userId && 'holder' in row && 'holder' in mine)
      signedOut = canonicalJson(row.holder?.publicJwk ?? null) !== canonicalJson(mine.holder?.publicJwk ?? null);
  }

  // The settings: the copy's must be the ones its log last recorded (a MAC'd older row under a newer head is not).
  const current = SettingsMetaRowSchema.parse(await d.meta.get('settings'));
  const next = snapshot.settings;
  let settings: FollowedEntry['settings'] = null;
  if (theirs.settingsContent && canonicalJson(next.settings) !== canonicalJson(theirs.settingsContent))
    return { refused: 'Its settings are not the ones its establishment log records: not used.' };
  if (theirs.settings && settingsSubstance(current) !== settingsSubstance(next)) {
    if (
      canonicalJson([current.sealingPublicJwk, current.signingPublicJwk]) !==
      canonicalJson([next.sealingPublicJwk, next.signingPublicJwk])
    )
      return { refused: 'Its settings carry other keys of the establishment than this tablet’s: not used.' };
    const verdict = decide(own.settings ?? undefined, own.seenSettings, theirs.settings, theirs.seenSettings);
    if (verdict === 'take' || verdict === 'take-apart' || verdict === 'keep-apart') {
      const took = verdict !== 'keep-apart';
      settings = {
        outcome: took ? 'taken' : 'kept',
        before: current.settings,
        after: next.settings,
        ...versioned(theirs.settings, theirs.seenSettings, verdict !== 'take'),
      };
      taken.settings = took;
    }
  }
  if (holders.length === 0 && !settings) return { taken: null };

  const entry: FollowedEntry = {
    type: 'establishment.followed',
    from: snapshot.logHead,
    at: snapshot.at,
    holders,
    settings,
  };
  const writeSettings =
    settings?.outcome === 'taken'
      ? async (t: YpsiDatabase) => {
          // Changed here meanwhile (in another tab): taken at the next pull, from fresh reads.
          if (((await t.meta.get('settings')) as SettingsMetaRow | undefined)?.mac !== current.mac)
            throw new StorageError('The settings changed on this tablet meanwhile.');
          await t.meta.put(next);
        }
      : undefined;
  if (put.length > 0) await commitKeyringChange(session, { put }, 'followed-change', epoch, [entry], writeSettings);
  else
    await commit(session, async () => {
      const head = await readLogHead();
      const log = await prepareLogAppends(session, head, [entry]);
      return {
        plan: {
          appends: log.appends,
          expect: [{ chain: LOG_CHAIN_ID, head }],
          ...(writeSettings ? { write: writeSettings } : {}),
        },
        result: undefined,
      };
    });
  if (signedOut)
    signOut(
      session,
      'Your passphrase was set again on another tablet, so this tablet signed you out. Sign in with the new one.',
    );
  return { taken, ...(signedOut ? { signedOut } : {}) };
}
