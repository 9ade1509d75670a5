// Owns destroying a case (docs/SECURITY.md items 3 and 13): two key holders' passphrases, the domain's gate, then ONE transaction that removes the case's key and every record of it and leaves a signed tombstone in its place.
import type { Reason } from '../domain/reasons';
import { retentionFacts, reviewDateFrom, DEFAULT_RETENTION_YEARS } from '../domain/retention';
import { explainDestruction } from '../domain/retentionGates';
import { stageOf } from '../domain/machine';
import { canonicalJson } from '../codec/canonical';
import { decryptJson, keyFingerprint, signText } from './crypto';
import { recordId } from './chain/chain';
import { loadCase } from './cases';
import { db } from './db';
import { StorageError } from './errors';
import { opensKey, readKeyringRow, userOf } from './keys/keyring';
import { type RotationProgress, rotateDataKey } from './keys/rotate';
import { staffDisclosures } from './keys/rotateDestroy';
import { readLog } from './chain/log';
import { signingPrivateKey } from './keys/privateKeys';
import { type Tombstone, DraftRowSchema, PublicEcJwkSchema, TombstoneSchema } from './schemas';
import { type Session, type SessionUser, requireRole, secretsOf } from './keys/session';
import { getPublicSettings } from './settings';
import { unwrapDraft } from './drafts';

export type DestroyRequest = {
  /** Why the case is destroyed (kept in the tombstone). */
  reason: string;
  /** The signed-in user's own passphrase, asked again at the moment of destruction. */
  passphrase: string;
  /** The second key holder who agrees, and their passphrase. */
  secondUserId: string;
  secondPassphrase: string;
};

/** Destruction was refused: nothing was changed. `field` says which answer to fix. */
export class DestructionRefusedError extends StorageError {
  constructor(
    message: string,
    readonly field: 'passphrase' | 'secondUser' | 'secondPassphrase' | 'case',
    readonly reasons: Reason[] = [],
  ) {
    super(message);
    this.name = 'DestructionRefusedError';
  }
}

/**
 * Does `passphrase` open `userId`'s key? Their stored row must be authentic (MAC) and the current
 * one (the keyring's binding in the establishment log). Wrong answers count towards the same
 * slow-down as unlock.
 */
export async function verifyKeyHolder(
  session: Session,
  userId: string,
  passphrase: string,
): Promise<SessionUser | null> {
  const user = userOf(await readKeyringRow(userId));
  return (await opensKey(session, userId, passphrase)) ? user : null;
}

/**
 * Destroys a case: both passphrases are checked, then the domain's gate (closed, past its review
 * date, no legal hold, the DSL or a deputy with a different key holder, a reason). Then ONE
 * transaction, the rotation of the data key (keys/rotate.ts), deletes the case's wrapped key, its
 * snapshot and summary, every event's ciphertext (each event row keeps only its chain position,
 * write number and digest, so the case chain still verifies) and any draft that mentions it, writes
 * the signed tombstone twice (as a meta row the checks read, and as a 'case.destroyed' entry in the
 * establishment log), and re-wraps every other case key under a new data key.
 * Refused: DestructionRefusedError, and nothing changed.
 */
export async function destroyCase(
  session: Session,
  caseId: string,
  req: DestroyRequest,
  onProgress?: (p: RotationProgress) => void,
): Promise<Tombstone> {
  requireRole(session, 'destroy-case', 'destroy a case');
  if (!req.secondUserId) throw new DestructionRefusedError('Choose the second key holder who agrees.', 'secondUser');
  if (req.secondUserId === session.user.userId)
    throw new DestructionRefusedError('The second key holder must be someone other than you.', 'secondUser');
  const settings = await getPublicSettings();
  if (!settings) throw new StorageError('This device is not set up.');

  // The case and its gate first: a refusal costs no passphrase attempts.
  const loaded = await loadCase(session, caseId);
  const today = new Date().toISOString().slice(0, 10);
  const years = settings.settings.retentionYears ?? DEFAULT_RETENTION_YEARS;
  const secondRow = await readKeyringRow(req.secondUserId).catch(() => null);
  if (!secondRow)
    throw new DestructionRefusedError('The second key holder is not a user of this device.', 'secondUser');
  const secondUser = userOf(secondRow);
  const gate = explainDestruction(loaded.snapshot.context, stageOf(loaded.snapshot), {
    today,
    by: session.actor,
    second: { userId: secondUser.userId, role: secondUser.role, name: secondUser.name },
    reason: req.reason,
    years,
  });
  if (!gate.allowed) throw new DestructionRefusedError(gate.reasons.map((r) => r.text).join(' '), 'case', gate.reasons);

  await confirmTwoKeyHolders(session, secondUser, req, (message, field) => new DestructionRefusedError(message, field));

  const facts = retentionFacts(loaded.snapshot.context);
  const destroyedAt = new Date().toISOString();
  const unsigned: Omit<Tombstone, 'signature'> = {
    format: 'ypsi-response-tombstone',
    version: 1,
    caseId,
    reference: loaded.summary.reference,
    openedAt: loaded.summary.openedAt,
    closedAt: facts.closedAt,
    reviewDate: reviewDateFrom(facts, years).date,
    destroyedAt,
    destroyedBy: { userId: session.user.userId, name: session.user.name, role: session.user.role },
    approvedBy: { userId: secondUser.userId, name: secondUser.name, role: secondUser.role },
    reason: req.reason.trim(),
    finalHead: loaded.head,
    establishment: settings.settings.establishment.name,
    publicKey: PublicEcJwkSchema.parse(settings.signingPublicJwk),
    keyFingerprint: await keyFingerprint(settings.signingPublicJwk),
  };
  const tombstone = TombstoneSchema.parse({
    ...unsigned,
    signature: await signText(await signingPrivateKey(session), canonicalJson(unsigned)),
  });
  const doomedDrafts = await draftsMentioning(session, caseId, [
    caseId,
    loaded.summary.reference,
    ...loaded.snapshot.context.facts.persons.map((p) => p.name),
  ]);

  // ONE transaction (docs/SECURITY.md items 1 and 13): the case's records go, its tombstone and log
  // entry are written, and the data key that wrapped its key is replaced, all at once. A tab killed
  // at any moment leaves either the case whole under the old key, or it destroyed under a new key:
  // never a destroyed case whose wrapped key a live data key still opens.
  await rotateDataKey(
    session,
    {
      change: 'case-destroyed',
      entries: [{ type: 'case.destroyed', caseId, tombstone }],
      destroy: {
        caseId,
        head: loaded.head,
        tombstone,
        drafts: doomedDrafts,
        disclosures: staffDisclosures(loaded.events),
      },
    },
    onProgress,
  );
  return tombstone;
}

/**
 * Two people, not one with two passphrases (docs/SECURITY.md item 13; destruction, and bringing a review
 * date forward): each key holder's passphrase must be one they set themselves (not one another
 * manager chose when adding them or resetting it), and the second passphrase may not be the first
 * one typed again. Throws `refuse(message, field)` at the first problem; a wrong passphrase counts
 * towards the unlock slow-down.
 */
export async function confirmTwoKeyHolders(
  session: Session,
  secondUser: SessionUser,
  req: { passphrase: string; secondPassphrase: string },
  refuse: (message: string, field: 'passphrase' | 'secondUser' | 'secondPassphrase') => Error,
): Promise<void> {
  const setBy = await passphraseSetByOthers(session, [session.user.userId, secondUser.userId]);
  const own = setBy.get(session.user.userId);
  if (own)
    throw refuse(
      `Your passphrase was set by ${own} and you have not changed it since. Change your passphrase (Settings, key holders), then try again.`,
      'passphrase',
    );
  const theirs = setBy.get(secondUser.userId);
  if (theirs) {
    throw refuse(
      `${secondUser.name || 'The second key holder'}’s passphrase was set by ${theirs} and they have not changed it since, so it may not be theirs alone. Ask them to change it (Settings, key holders), then try again.`,
      'secondUser',
    );
  }
  if (!req.passphrase) throw refuse('Enter your passphrase.', 'passphrase');
  if (!req.secondPassphrase)
    throw refuse(`${secondUser.name || 'The second key holder'} must enter their passphrase.`, 'secondPassphrase');
  if (!(await verifyKeyHolder(session, session.user.userId, req.passphrase)))
    throw refuse('Your passphrase is not right.', 'passphrase');
  if (req.secondPassphrase === req.passphrase)
    throw refuse(
      `${secondUser.name || 'The second key holder'} must enter their own passphrase, not yours.`,
      'secondPassphrase',
    );
  if (!(await verifyKeyHolder(session, secondUser.userId, req.secondPassphrase))) {
    throw refuse(`The passphrase for ${secondUser.name || 'the second key holder'} is not right.`, 'secondPassphrase');
  }
}

/**
 * For each of `userIds` whose passphrase was last set by someone else (added, or reset by another
 * manager) and not changed by them since: that person's name. From the establishment log, so the
 * answer is as tamper-evident as the log. The passphrases chosen at set-up count as the holders' own.
 */
async function passphraseSetByOthers(session: Session, userIds: readonly string[]): Promise<Map<string, string>> {
  const last = new Map<string, string | null>();
  for (const e of await readLog(session)) {
    const target =
      e.type === 'user.added'
        ? e.user.userId
        : e.type === 'user.passphrase-reset' || e.type === 'user.passphrase-changed' || e.type === 'recovery.used'
          ? e.userId
          : null;
    if (target === null || !userIds.includes(target)) continue;
    const byOther = (e.type === 'user.added' || e.type === 'user.passphrase-reset') && e.actor.userId !== target;
    last.set(target, byOther ? e.actor.name || 'another key holder' : null);
  }
  return new Map([...last].flatMap(([id, by]) => (by ? [[id, by] as const] : [])));
}

/** Drafts (any user's) of the case's screens (their form key names the case id), or whose content names the case, its reference or anyone in it. */
export async function draftsMentioning(
  session: Session,
  caseId: string,
  needles: readonly string[],
): Promise<string[]> {
  const words = needles.map((n) => n.trim()).filter((n) => n.length >= 3);
  const { dataKey } = secretsOf(session).keys;
  const out: string[] = [];
  for (const raw of await db().drafts.toArray()) {
    const p = DraftRowSchema.safeParse(raw);
    if (!p.success) continue;
    try {
      const { key, value } = unwrapDraft(await decryptJson(dataKey, recordId.draft(p.data.id), p.data.enc));
      const text = JSON.stringify(value);
      if ((key !== null && key.includes(caseId)) || words.some((w) => text.includes(w))) out.push(p.data.id);
    } catch {
      // not readable: not ours to judge
    }
  }
  return out;
}
