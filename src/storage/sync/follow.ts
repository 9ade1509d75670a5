// Owns following, on this tablet, a rotation of the data key made on another tablet (docs/SYNC.md,
// docs/SECURITY.md item 18): once generation.ts has found and checked the newer data key, this
// tablet takes it on in ONE transaction (the rotation's own, keys/rotate.ts): every case key
// wrapped under it, everything the data key protects re-keyed, the key holders that rotation
// removed dropped (their passphrase no longer unlocks here), the cases destroyed there erased here
// exactly as destroyCase erases them (rows, snapshot, drafts, wrapped key, other tablets' steps,
// summary index entry, a tombstone and a 'case.destroyed' log entry), and the change logged.
import { type EncryptedRecord, wrapDataKeyTo, zeroize } from '../crypto';
import { recordId } from '../chain/chain';
import { tombstoneKey } from '../chain/tombstones';
import { receivedTombstoneRow, signedHere } from './receivedTombstones';
import { type KeyringRow, type TombstoneMetaRow, type YpsiDatabase, db } from '../db';
import { draftsMentioning } from '../destroy';
import { loadCase } from '../cases';
import { StorageError } from '../errors';
import { commitKeyringChange, isLegacyRow, latestBinding, userRow } from '../keys/keyring';
import { type DestroyInRotation, type NewKeys, rotateDataKey } from '../keys/rotate';
import { staffDisclosures } from '../keys/rotateDestroy';
import { type Session, lock, secretsOf } from '../keys/session';
import { CaseRowSchema, PublicEcJwkSchema, TombstoneSchema } from '../schemas';
import { getPublicSettings } from '../settings';
import type { Refusal } from './applyEvents';
import { type KeyDoc, type TombstoneDoc, ruleProblem } from './docs';
import { type Generation, findGeneration } from './generation';
import type { PouchDatabase, PouchDoc } from './pouch';
import { followChanges } from './followChange';
import type { ChangeTaken } from './followApply';

export type FollowReport = {
  /** The generation taken on in this pull: who no longer holds a key here, how many cases were erased. */
  followed: { epoch: string; removed: string[]; erased: number } | null;
  /** Why a newer key on the server was not taken on yet ('' when there is none). */
  waiting: string;
  /** The signed-in key holder was removed on another tablet: signed out here (the session is locked). */
  signedOut?: boolean;
  refused: Refusal[];
  /** Key holders or settings changed on other tablets without a rotation, taken on in this pull (followChange.ts). */
  changed?: ChangeTaken[];
};

/**
 * At each pull while a key holder is signed in: a newer data key first (below), then what changed
 * among the key holders and settings on other tablets under the key this tablet is then on.
 */
export async function followRotation(
  local: PouchDatabase,
  session: Session,
  d: YpsiDatabase = db(),
): Promise<FollowReport> {
  const rotation = await followKey(local, session, d);
  if (rotation.signedOut || session.locked) return rotation;
  const change = await followChanges(local, session, d);
  return {
    ...rotation,
    waiting: rotation.waiting || change.waiting,
    refused: [...rotation.refused, ...change.refused],
    ...(change.changed.length > 0 ? { changed: change.changed } : {}),
    ...(change.signedOut ? { signedOut: true, waiting: change.waiting } : {}),
  };
}

/** Finds a newer data key on the server and, if it checks out, takes it on (see the file's head). */
async function followKey(local: PouchDatabase, session: Session, d: YpsiDatabase): Promise<FollowReport> {
  // One generation at a time: each is vouched for by the one before (generation.ts).
  let report: FollowReport = { followed: null, waiting: '', refused: [] };
  for (let step = 0; step < MAX_STEPS; step++) {
    const found = await findGeneration(local, session);
    const known = new Set(report.refused.map((r) => r.docId));
    const refused = [...report.refused, ...(found.refused ?? []).filter((r) => !known.has(r.docId))];
    if (found.kind === 'removed') return { ...report, refused, ...(await signOutRemoved(session)) };
    if (found.kind !== 'follow') return { ...report, refused, waiting: found.kind === 'wait' ? found.reason : '' };
    const g = found.generation;
    try {
      const done = (await takeOn(local, session, g, d)).followed!;
      const before = report.followed;
      report = {
        followed: before
          ? { ...done, removed: [...before.removed, ...done.removed], erased: before.erased + done.erased }
          : done,
        waiting: '',
        refused,
      };
    } catch (e) {
      if (e instanceof StorageError)
        return { ...report, refused, waiting: `The records’ key was renewed on another tablet: ${e.message}` };
      throw e;
    } finally {
      zeroize(g.root);
    }
  }
  return report;
}

/**
 * The signed-in key holder was removed on another tablet (a rotation vouched for by this tablet's
 * key): their row goes from this tablet's keyring at once, under the key it is on, logged, and the
 * session ends. The rotation itself is taken on when another key holder signs in.
 */
async function signOutRemoved(session: Session): Promise<Pick<FollowReport, 'waiting' | 'signedOut'>> {
  const { userId, name, role } = session.user;
  const epoch = (await latestBinding(secretsOf(session).keys.dataKey))!.epoch;
  await commitKeyringChange(session, { remove: [userId] }, 'removed', epoch, [
    { type: 'user.removed', user: { userId, name, role }, reason: 'Removed as a key holder on another tablet.' },
  ]);
  lock(session);
  return {
    waiting: `${name || 'The person signed in'} is no longer a key holder: they were removed on another tablet, and are signed out here. Another key holder signs in to bring this tablet up to date.`,
    signedOut: true,
  };
}

/** Rotations made on other tablets taken on in one pull, at most (the rest at the next). */
const MAX_STEPS = 8;

async function docsOf<T>(local: PouchDatabase, prefix: string, gen: string): Promise<T[]> {
  const all = await local.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
  return all.rows
    .map((r) => r.doc as PouchDoc | undefined)
    .filter((doc): doc is PouchDoc => !!doc && doc.gen === gen && !doc._conflicts?.length && !ruleProblem(doc))
    .map((doc) => doc as unknown as T);
}

async function takeOn(
  local: PouchDatabase,
  session: Session,
  g: Generation,
  d: YpsiDatabase,
): Promise<Omit<FollowReport, 'refused'>> {
  const removedThere = new Set(g.log.entries.flatMap((e) => (e.type === 'user.removed' ? [e.user.userId] : [])));
  const inSnapshot = new Set(g.snapshot.keyring.map((r) => r.userId));
  const removed = (await d.keyring.toArray())
    .map((r) => r as KeyringRow)
    .filter((r) => removedThere.has(r.userId) && !inSnapshot.has(r.userId));

  // What the other tablet already sent under the new key: the same records, as the same documents.
  const records = new Map<string, EncryptedRecord>();
  for (const doc of g.log.docs) records.set(recordId.log(doc._id.split(':')[1]!), { v: 1, iv: doc.iv, ct: doc.ct });
  for (const doc of await docsOf<TombstoneDoc>(local, 'tombstone:', g.epoch))
    records.set(recordId.tombstone(doc.chain), { v: 1, iv: doc.iv, ct: doc.ct });
  const caseKeys = new Map<string, EncryptedRecord>();
  for (const doc of await docsOf<KeyDoc>(local, 'key:case:', g.epoch))
    caseKeys.set(doc.of, { v: 1, iv: doc.iv, ct: doc.ct });

  // Cases destroyed there that this tablet still holds: erased in the same transaction.
  const signing = (await getPublicSettings())?.signingPublicJwk ?? null;
  const erase: { destroy: DestroyInRotation; row: TombstoneMetaRow }[] = [];
  for (const e of g.log.entries) {
    if (e.type !== 'case.destroyed') continue;
    const raw = await d.cases.get(e.caseId);
    if (!raw || (await d.meta.get(tombstoneKey(e.caseId)))) continue;
    const row = CaseRowSchema.parse(raw);
    const t = TombstoneSchema.parse(e.tombstone);
    if (!(await signedHere(t, signing)))
      throw new StorageError(`the note of destroyed case ${t.reference} is not signed by this establishment.`);
    const loaded = await loadCase(session, e.caseId);
    const drafts = await draftsMentioning(session, e.caseId, [
      e.caseId,
      loaded.summary.reference,
      ...loaded.snapshot.context.facts.persons.map((p) => p.name),
    ]);
    erase.push({
      destroy: { caseId: e.caseId, head: row.head, tombstone: t, drafts, disclosures: staffDisclosures(loaded.events) },
      row: await receivedTombstoneRow(g.keys.dataKey, t, records.get(recordId.tombstone(e.caseId)), row.head),
    });
  }

  await rotateDataKey(session, {
    change: 'followed',
    entries: [
      {
        type: 'keyring.followed',
        epoch: g.epoch,
        from: g.snapshot.logHead,
        removed: removed.map((r) => ({ userId: r.userId, name: r.displayName ?? '', role: r.role! })),
        destroyed: erase.length,
      },
      ...erase.map((x) => ({
        type: 'case.destroyed' as const,
        caseId: x.destroy.caseId,
        tombstone: x.destroy.tombstone,
        ownHead: x.destroy.head,
      })),
    ],
    follow: {
      keys: (keyring) => followKeys(keyring, g, new Set(removed.map((r) => r.userId))),
      erase,
      reuse: { records, caseKeys },
    },
  });
  return {
    followed: { epoch: g.epoch, removed: removed.map((r) => r.displayName ?? r.userId), erased: erase.length },
    waiting: '',
  };
}

/**
 * This tablet's key holders under the new data key: each keeps their own key pair as this tablet
 * knows it (a passphrase changed here stays), the new key wrapped to it; the holders the other
 * tablet's rotation removed are dropped; holders added there come as that tablet wrapped them.
 */
async function followKeys(
  keyring: readonly KeyringRow[],
  g: Generation,
  removed: ReadonlySet<string>,
): Promise<NewKeys> {
  const next = g.keys;
  const newKeyring: KeyringRow[] = [];
  const needsNewPassphrase: string[] = [];
  let recoveryKeyLost = false;
  const here = new Set(keyring.map((r) => r.userId));
  for (const r of keyring) {
    if (removed.has(r.userId)) continue;
    const fields = { userId: r.userId, kind: r.kind, role: r.role, displayName: r.displayName };
    if (!isLegacyRow(r) && r.holder) {
      const dataKey = await wrapDataKeyTo(g.root, r.holder.publicJwk, r.userId, g.epoch);
      newKeyring.push(
        await userRow(
          next.macKey,
          { ...fields, holder: r.holder, dataKey: { ...dataKey, epk: PublicEcJwkSchema.parse(dataKey.epk) } },
          r.createdAt,
        ),
      );
    } else {
      if (r.kind === 'recovery') recoveryKeyLost = true;
      else needsNewPassphrase.push(r.displayName ?? r.userId);
      newKeyring.push(await userRow(next.macKey, { ...fields, holder: null, dataKey: null }, r.createdAt));
    }
  }
  for (const r of g.snapshot.keyring) {
    if (here.has(r.userId) || isLegacyRow(r as KeyringRow)) continue;
    const { mac: _m, createdAt, updatedAt: _u, ...body } = r as KeyringRow & { createdAt: string; updatedAt: string };
    newKeyring.push(await userRow(next.macKey, body as never, createdAt));
  }
  return { next, epoch: g.epoch, newKeyring, needsNewPassphrase, recoveryKeyLost };
}
