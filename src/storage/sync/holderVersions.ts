// Owns what an establishment log says about the versions of each key holder's row and of the
// settings (docs/SYNC.md, "Key holders and settings changed on another tablet"): a version is the
// log entry that made it (a keyring binding that changed a row's digest for a reason of its own: set
// up, added, passphrase changed or reset, recovery; or a settings change), carried over by the
// `establishment.followed` entry of a tablet that took it on. A rotation re-wraps every row and
// makes no version. Which of two versions came after the other is read from the logs (hash-chained,
// under the data key: only a key holder writes them), never from the server's order or a clock,
// except to break a tie between two changes made apart (docs/SECURITY.md items 1 and 16).
import type { LogEntry } from '../chain/log';
import type { PublicSettings } from '../schemas';

export type Version = { id: string; change: string; at: string };

export type History = {
  /** The version each key holder's current row is, by user id. */
  holders: Map<string, Version>;
  /** Every version of each key holder's row this log has seen. */
  seenHolders: Map<string, Set<string>>;
  settings: Version | null;
  seenSettings: Set<string>;
  /** The settings as the log last recorded them. */
  settingsContent: PublicSettings | null;
  /** Key holders removed (here, or on another tablet and followed here). */
  removed: Set<string>;
};

/**
 * The binding changes that make no new version of a row: a rotation wraps every row's data key
 * afresh (here, or taken on from another tablet), a restore writes the rows of a backup, and a
 * change taken on from another tablet carries its versions in its own entry. Every other change
 * (set up, added, upgraded, a passphrase changed or reset, the recovery key, and any added later,
 * such as a new name or role) makes one.
 */
const NOT_VERSIONING = new Set(['removed', 'case-destroyed', 'followed', 'followed-change', 'restored']);
/** Changes that give a holder a new key pair set by someone else: they win a tie (below). */
const RESETS = new Set(['passphrase-reset', 'recovery-used', 'recovery-replaced']);

export function historyOf(entries: readonly LogEntry[]): History {
  const h: History = {
    holders: new Map(),
    seenHolders: new Map(),
    settings: null,
    seenSettings: new Set(),
    settingsContent: null,
    removed: new Set(),
  };
  const see = (userId: string, ids: readonly string[]) => {
    const set = h.seenHolders.get(userId) ?? new Set<string>();
    for (const id of ids) set.add(id);
    h.seenHolders.set(userId, set);
  };
  const settingsVersion = (v: Version, content: PublicSettings) => {
    h.settings = v;
    h.settingsContent = content;
    h.seenSettings.add(v.id);
  };
  let bound = new Map<string, string>();
  for (const e of entries) {
    if (e.type === 'keyring.bound') {
      const rows = new Map(e.rows.map(([id, dg]) => [id!, dg!] as const));
      for (const [id, dg] of rows)
        if (
          bound.get(id) !== dg &&
          // A row first bound by a rotation taken on (added on a third tablet) is a version too.
          (!NOT_VERSIONING.has(e.change) || (!bound.has(id) && e.change !== 'followed-change'))
        ) {
          h.holders.set(id, { id: e.id, change: e.change, at: e.recordedAt });
          see(id, [e.id]);
        }
      bound = rows;
    } else if (e.type === 'establishment.followed') {
      for (const x of e.holders) {
        see(x.user.userId, [...x.seen, x.version]);
        if (x.outcome !== 'kept') h.holders.set(x.user.userId, { id: x.version, change: x.change, at: x.changedAt });
      }
      if (e.settings) {
        for (const id of [...e.settings.seen, e.settings.version]) h.seenSettings.add(id);
        if (e.settings.outcome === 'taken')
          settingsVersion({ id: e.settings.version, change: 'settings', at: e.settings.changedAt }, e.settings.after);
      }
    } else if (e.type === 'establishment.set-up')
      settingsVersion({ id: e.id, change: 'settings', at: e.recordedAt }, e.settings);
    else if (e.type === 'settings.changed')
      settingsVersion({ id: e.id, change: 'settings', at: e.recordedAt }, e.after);
    else if (e.type === 'user.removed') h.removed.add(e.user.userId);
    else if (e.type === 'keyring.followed') for (const u of e.removed) h.removed.add(u.userId);
  }
  return h;
}

export type Verdict = 'same' | 'keep' | 'take' | 'keep-apart' | 'take-apart';

/**
 * Which of this tablet's version (`mine`) and the other tablet's (`theirs`) of one row stands:
 * the one whose log has seen the other's and moved on; if neither has (both changed it apart), a
 * rule every tablet applies alike, so all end with the same row: a key pair set by another key
 * holder (a reset, the recovery key) over a passphrase changed by its holder, as neither tablet's
 * earlier passphrase opens either; then the later change; then the greater id.
 */
export function decide(
  mine: Version | undefined,
  mySeen: ReadonlySet<string> | undefined,
  theirs: Version,
  theirSeen: ReadonlySet<string> | undefined,
): Verdict {
  if (!mine) return 'take';
  if (mine.id === theirs.id) return 'same';
  if (mySeen?.has(theirs.id)) return 'keep';
  if (theirSeen?.has(mine.id)) return 'take';
  const rank = (v: Version) => (RESETS.has(v.change) ? 1 : 0);
  const theirsWins =
    rank(theirs) !== rank(mine)
      ? rank(theirs) > rank(mine)
      : theirs.at !== mine.at
        ? theirs.at > mine.at
        : theirs.id > mine.id;
  return theirsWins ? 'take-apart' : 'keep-apart';
}
