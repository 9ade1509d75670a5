// Owns the staff disclosure inbox: sealed with no session to the establishment's public key, opened and accepted into a case by a DSL.
import { z } from 'zod';
import type { CaseEvent } from '../domain/events';
import { explainEvent, initialSnapshot, step, RejectedEventError } from '../domain/machine';
import { CURRENT_POLICY_VERSION } from '../domain/types';
import { keyFingerprint, openSealed, sealToPublicKey, utf8Encode } from './crypto';
import { GENESIS, LOG_CHAIN_ID, asStored, newId } from './chain/chain';
import { buildSteps, caseRows, newCaseKey, referenceFor } from './caseSteps';
import { commit, readLogHead } from './chain/commit';
import { type InboxRow, db } from './db';
import { mapWriteError } from './durability';
import {
  DisclosureTooLargeError,
  ImportError,
  NotSetUpError,
  SealingKeyNotConfirmedError,
  StorageError,
} from './errors';
import { exportPrivateJwks, sealingPrivateKey } from './keys/privateKeys';
import { fingerprintWords } from '../codec/words';
import type { IntegrityProblem } from './chain/integrityTypes';
import { Id, InboxRowSchema, IsoDateTime, SealedSchema, parseRow } from './schemas';
import { type Session, requireRole, secretsOf } from './keys/session';
import { getPublicSettings } from './settings';
import { type IndexWrite, prepareIndexWrite } from './summary-index/summaryIndex';
import { prepareLogAppends, readLog } from './chain/log';

/** 64 KiB of JSON: several pages of typed account, far below what a pupil could use to fill the disk. */
export const MAX_DISCLOSURE_BYTES = 64 * 1024;
const MAX_FILE_CHARS = 160 * 1024;

// !!! FILE FORMAT NAME - NEVER CHANGE: files written by every version carry it.
export const SEALED_DISCLOSURE_FORMAT = 'ypsi-response-sealed-disclosure';

const s = (max: number) => z.string().max(max);
const DisclosureSchema = z.strictObject({
  disclosedBy: s(500),
  discloserRelation: z.enum(['young-person', 'friend', 'parent', 'staff', 'police', 'other']),
  disclosedTo: s(500),
  disclosedAt: IsoDateTime,
  channel: z.enum(['in-person', 'phone', 'online', 'written', 'overheard', 'other']),
  account: s(MAX_DISCLOSURE_BYTES),
  platforms: z.array(s(200)).max(50),
  spreadNotes: s(10_000),
  imageryDescription: s(10_000),
  actionsTaken: s(10_000),
  /** When the imagery was made or shared (YYYY-MM-DD, or 'unknown'); absent in older disclosures. */
  incidentDate: s(10).optional(),
});
const PersonSchema = z.looseObject({
  id: Id,
  name: s(200),
  atEstablishment: z.boolean(),
  involvement: z.array(z.string()),
  adult: z.enum(['yes', 'no', 'unknown']),
  worksWithChildren: z.string(),
  /** Issue 15: optional, and absent in older disclosures (read as "not recorded"). */
  dateOfBirth: s(10).optional(),
  sex: z.enum(['female', 'male', 'other', 'not-known', 'not-recorded']).optional(),
});

/** What a member of staff writes. They hold no key: once sealed, not even they can read it back. */
export const DisclosureDraftSchema = z.strictObject({
  /** The member of staff recording it; named on the case when a DSL accepts it. */
  writer: z.strictObject({ name: z.string().trim().min(1).max(200), jobTitle: s(200).optional() }),
  disclosure: DisclosureSchema,
  persons: z.array(PersonSchema).max(50),
  /** When it happened (as told); defaults to when it was disclosed. */
  occurredAt: IsoDateTime.optional(),
});
export type DisclosureDraft = z.infer<typeof DisclosureDraftSchema>;

const SealedPayloadSchema = DisclosureDraftSchema.extend({ v: z.literal(1), id: Id, sealedAt: IsoDateTime });
type SealedPayload = z.infer<typeof SealedPayloadSchema>;

const context = (id: string) => `disclosure/${id}`;
const staffActor = (inboxId: string, name: string): CaseEvent['actor'] => ({
  userId: `staff/${inboxId}`,
  role: 'staff',
  name,
});

function disclosureEvent(p: SealedPayload): CaseEvent {
  return asStored({
    id: newId(),
    type: 'disclosure.recorded',
    actor: staffActor(p.id, p.writer.name),
    occurredAt: p.occurredAt ?? p.disclosure.disclosedAt,
    recordedAt: p.sealedAt,
    disclosure: p.disclosure,
    persons: p.persons,
  } as CaseEvent);
}

/**
 * Seals a staff disclosure to the establishment's public key (no session: "Record a disclosure" on
 * the lock screen) and stores it in the inbox. Asks the case machine first, so a disclosure it would
 * refuse (RejectedEventError, with reasons) is fixed before sealing, while the writer can still see
 * it. Returns only the id and time: nothing that can read it stays with the writer.
 */
export async function sealDisclosure(draft: DisclosureDraft): Promise<{ id: string; sealedAt: string }> {
  const sealed = await sealDraft(draft);
  try {
    await db().inbox.add(sealed.row);
  } catch (e) {
    throw mapWriteError(e);
  }
  return { id: sealed.row.id, sealedAt: sealed.row.sealedAt };
}

async function sealDraft(draft: DisclosureDraft): Promise<{ row: InboxRow }> {
  // The cap first, so an over-long account gets the message that says what to do about it.
  const draftBytes = utf8Encode(JSON.stringify(draft) ?? '').length;
  if (draftBytes > MAX_DISCLOSURE_BYTES) throw new DisclosureTooLargeError(draftBytes, MAX_DISCLOSURE_BYTES);
  const parsed = DisclosureDraftSchema.safeParse(draft);
  if (!parsed.success)
    throw new StorageError(
      `The disclosure is incomplete: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
    );
  const pub = await getPublicSettings();
  if (!pub) throw new NotSetUpError();
  // Checked before sealing, not after the leak: only to a key the establishment's signing key confirms.
  if (!pub.sealingKeyConfirmed) throw new SealingKeyNotConfirmedError();
  const payload: SealedPayload = { ...parsed.data, v: 1, id: newId(), sealedAt: new Date().toISOString() };
  const bytes = utf8Encode(JSON.stringify(payload)).length;
  if (bytes > MAX_DISCLOSURE_BYTES) throw new DisclosureTooLargeError(bytes, MAX_DISCLOSURE_BYTES);
  // The machine decides what a disclosure must contain; asked with a stand-in case, never repeated here.
  const opened = step(initialSnapshot(), {
    id: 'check',
    type: 'case.opened',
    caseId: 'check',
    reference: 'check',
    policyVersion: CURRENT_POLICY_VERSION,
    actor: { userId: 'check', role: 'dsl', name: 'check' },
    occurredAt: payload.sealedAt,
    recordedAt: payload.sealedAt,
  });
  const event = disclosureEvent(payload);
  const why = explainEvent(opened, event);
  if (!why.allowed) throw new RejectedEventError(event, why);
  const sealed = await sealToPublicKey(pub.sealingPublicJwk, payload, context(payload.id));
  return {
    row: {
      id: payload.id,
      sealedAt: payload.sealedAt,
      keyFingerprint: await keyFingerprint(pub.sealingPublicJwk),
      sealed: SealedSchema.parse(sealed),
      source: 'this-device',
    },
  };
}

/** How many disclosures wait, for the lock screen ("2 disclosures waiting for the DSL"). No session needed: reveals only a count. */
export async function inboxCount(): Promise<number> {
  return db().inbox.count();
}

export type InboxItem =
  | {
      id: string;
      sealedAt: string;
      readable: true;
      writer: DisclosureDraft['writer'];
      disclosure: DisclosureDraft['disclosure'];
      persons: DisclosureDraft['persons'];
      occurredAt: string;
    }
  | { id: string; sealedAt: string; readable: false; message: string };

async function openRow(session: Session, row: InboxRow): Promise<SealedPayload> {
  const payload = SealedPayloadSchema.parse(
    await openSealed(await sealingPrivateKey(session), row.sealed, context(row.id)),
  );
  if (payload.id !== row.id) throw new StorageError('The disclosure does not belong to this inbox entry.');
  return payload;
}

/** Opens every waiting disclosure (oldest first). One that will not open is listed as unreadable, never hidden. */
export async function listInbox(session: Session): Promise<InboxItem[]> {
  secretsOf(session);
  const rows = await db().inbox.orderBy('sealedAt').toArray();
  const out: InboxItem[] = [];
  for (const raw of rows) {
    let row: InboxRow;
    try {
      row = parseRow(InboxRowSchema, raw, 'inbox entry');
    } catch (e) {
      out.push({
        id: String((raw as { id?: unknown }).id),
        sealedAt: '',
        readable: false,
        message: (e as Error).message,
      });
      continue;
    }
    try {
      const p = await openRow(session, row);
      out.push({
        id: row.id,
        sealedAt: row.sealedAt,
        readable: true,
        writer: p.writer,
        disclosure: p.disclosure,
        persons: p.persons,
        occurredAt: p.occurredAt ?? p.disclosure.disclosedAt,
      });
    } catch {
      out.push({
        id: row.id,
        sealedAt: row.sealedAt,
        readable: false,
        message: 'This disclosure cannot be opened: it was sealed to another key or altered.',
      });
    }
  }
  return out;
}

/** The case a disclosure was already accepted into, from the establishment log (encrypted and chained), or null. */
async function alreadyAccepted(
  session: Session,
  disclosureId: string,
): Promise<{ reference: string; at: string } | null> {
  for (const e of await readLog(session)) {
    if (e.type === 'disclosure.accepted' && e.disclosureId === disclosureId)
      return { reference: e.reference, at: e.recordedAt };
    // Accepted before the ids were kept: recorded once, at the first unlock check since (earlierDisclosures.ts).
    const earlier = e.type === 'disclosure.accepted-earlier' && e.accepted.find((a) => a.disclosureId === disclosureId);
    if (earlier) return { reference: earlier.reference, at: earlier.sealedAt };
  }
  return null;
}

const acceptedDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function acceptedMessage(done: { reference: string; at: string }): string {
  return `This disclosure was already accepted into case ${done.reference} on ${acceptedDay.format(new Date(done.at))}. It has not been added again: open that case instead.`;
}

/**
 * Accepts a disclosure: opens a case whose 'disclosure.recorded' event names the member of staff
 * who wrote it (actor role 'staff'), records its id in the establishment log, and removes the
 * inbox entry, in the same transaction. A disclosure already accepted (the same sealed file
 * imported again) is refused: one disclosure never becomes two cases.
 */
export async function acceptDisclosure(
  session: Session,
  inboxId: string,
  options: { reference?: string } = {},
): Promise<{ caseId: string; reference: string }> {
  requireRole(session, 'accept-disclosure', 'accept a disclosure');
  const raw = await db().inbox.get(inboxId);
  if (!raw) throw new StorageError('This disclosure is no longer in the inbox (it may have been accepted already).');
  const row = parseRow(InboxRowSchema, raw, 'inbox entry');
  const payload = await openRow(session, row);
  const caseId = newId();
  const { key, wrapped } = await newCaseKey(session, caseId);
  let index: IndexWrite | undefined;
  const result = await commit(session, async () => {
    // Read afresh on every attempt; the log head below is expected unchanged at the write.
    const done = await alreadyAccepted(session, payload.id);
    if (done) throw new ImportError('already-accepted', acceptedMessage(done));
    const now = new Date().toISOString();
    const ref = await referenceFor(options.reference);
    const reference = ref.reference;
    const opened = asStored({
      id: newId(),
      type: 'case.opened',
      caseId,
      reference,
      policyVersion: CURRENT_POLICY_VERSION,
      actor: session.actor,
      occurredAt: now,
      recordedAt: now,
    } as CaseEvent);
    const disclosed = { ...disclosureEvent(payload), recordedAt: now };
    const built = await buildSteps(key, caseId, { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() }, [
      opened,
      disclosed,
    ]);
    const rows = caseRows(caseId, wrapped, built, now, now);
    const logHead = await readLogHead();
    const log = await prepareLogAppends(session, logHead, [
      { type: 'disclosure.accepted', disclosureId: payload.id, caseId, reference, sealedAt: payload.sealedAt },
    ]);
    const idx = await prepareIndexWrite(
      session,
      [{ caseId, head: built.head, summary: built.summary }],
      built.appends.length + log.appends.length,
    );
    index = idx;
    return {
      plan: {
        appends: [...built.appends, ...log.appends],
        expect: [
          { chain: caseId, head: null },
          { chain: LOG_CHAIN_ID, head: logHead.seq === 0 ? null : logHead },
        ],
        write: async (d) => {
          if (!(await d.inbox.get(inboxId)))
            throw new StorageError('This disclosure was accepted elsewhere meanwhile.');
          await ref.write(d);
          await d.cases.add(rows.row);
          await d.snapshots.put(rows.snapshot);
          await d.inbox.delete(inboxId);
          await idx.write(d);
        },
      },
      result: { caseId, reference },
    };
  });
  index?.apply();
  return result;
}

const SealedFileSchema = z.strictObject({
  format: z.literal(SEALED_DISCLOSURE_FORMAT),
  version: z.literal(1),
  id: Id,
  sealedAt: IsoDateTime,
  keyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  sealed: SealedSchema,
});

/**
 * A waiting disclosure as a file, to carry to the DSL's device. Still sealed: no session needed,
 * nothing readable. The inbox entry stays: nothing on the lock screen may delete a disclosure
 * (a pupil could), and an entry this device cannot open harms no one.
 */
export async function exportSealedDisclosure(inboxId: string): Promise<string> {
  const raw = await db().inbox.get(inboxId);
  if (!raw) throw new StorageError('This disclosure is no longer in the inbox.');
  const row = parseRow(InboxRowSchema, raw, 'inbox entry');
  const text = JSON.stringify(
    {
      format: SEALED_DISCLOSURE_FORMAT,
      version: 1,
      id: row.id,
      sealedAt: row.sealedAt,
      keyFingerprint: row.keyFingerprint,
      sealed: row.sealed,
    },
    null,
    2,
  );
  return text;
}

/** Seals straight to a file without keeping it in this device's inbox (a device that is not the DSL's). */
export async function sealDisclosureToFile(draft: DisclosureDraft): Promise<string> {
  const { row } = await sealDraft(draft);
  return JSON.stringify(
    {
      format: SEALED_DISCLOSURE_FORMAT,
      version: 1,
      id: row.id,
      sealedAt: row.sealedAt,
      keyFingerprint: row.keyFingerprint,
      sealed: row.sealed,
    },
    null,
    2,
  );
}

/**
 * Adds a sealed disclosure recorded on another device to this inbox. Refused with a clear message
 * if it is not such a file, was sealed for another establishment's key, is already waiting, or was
 * already accepted into a case (the establishment log keeps every accepted id; the session reads it).
 */
export async function importSealedDisclosureFile(
  session: Session,
  text: string,
): Promise<{ id: string; sealedAt: string }> {
  secretsOf(session);
  if (typeof text !== 'string' || text.length > MAX_FILE_CHARS)
    throw new ImportError('not-a-file', 'This is not a sealed disclosure file (it is too large).');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError(
      text.includes(SEALED_DISCLOSURE_FORMAT) ? 'truncated' : 'not-a-file',
      'This is not a sealed disclosure file, or it is incomplete.',
    );
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== SEALED_DISCLOSURE_FORMAT)
    throw new ImportError(
      typeof format === 'string' ? 'wrong-kind' : 'not-a-file',
      'This is not a sealed disclosure file.',
    );
  if ((json as { version?: unknown }).version !== 1)
    throw new ImportError(
      'unsupported-version',
      'This sealed disclosure was made by a newer version of the app. Update the app, then try again.',
    );
  const parsed = SealedFileSchema.safeParse(json);
  if (!parsed.success) throw new ImportError('corrupt', 'This sealed disclosure file is damaged.');
  const pub = await getPublicSettings();
  if (!pub) throw new NotSetUpError();
  if (parsed.data.keyFingerprint !== (await keyFingerprint(pub.sealingPublicJwk))) {
    throw new ImportError(
      'wrong-establishment',
      'This disclosure was sealed for another establishment (or an older key) and cannot be opened here. Ask the person who recorded it to record it again on this device.',
    );
  }
  if (await db().inbox.get(parsed.data.id))
    throw new ImportError('already-imported', 'This disclosure is already in the inbox.');
  const done = await alreadyAccepted(session, parsed.data.id);
  if (done) throw new ImportError('already-accepted', acceptedMessage(done));
  const row: InboxRow = {
    id: parsed.data.id,
    sealedAt: parsed.data.sealedAt,
    keyFingerprint: parsed.data.keyFingerprint,
    sealed: parsed.data.sealed,
    source: 'file',
  };
  try {
    await db().inbox.add(row);
  } catch (e) {
    throw mapWriteError(e);
  }
  return { id: row.id, sealedAt: row.sealedAt };
}

/**
 * The alarm at unlock (docs/SECURITY.md item 16): every waiting disclosure that was sealed to a key
 * other than this establishment's (as its own private key says, not the clear settings row), or
 * that will not open, named with the foreign key's words and when it was sealed.
 */
export async function foreignSealProblems(session: Session): Promise<IntegrityProblem[]> {
  const rows = await db().inbox.toArray();
  if (rows.length === 0) return [];
  const ours = await keyFingerprint((await exportPrivateJwks(session)).sealing);
  const out: IntegrityProblem[] = [];
  for (const raw of rows) {
    const row = InboxRowSchema.safeParse(raw);
    if (!row.success) continue; // listed as unreadable in the inbox
    const when = sealedDay.format(new Date(row.data.sealedAt));
    if (row.data.keyFingerprint !== ours) {
      out.push({
        scope: 'settings',
        kind: 'edited',
        message: `A disclosure sealed on ${when} was sealed to a key that is not this establishment’s (its words: ${fingerprintWords(row.data.keyFingerprint).join(' ')}). Someone changed the key staff seal to on this tablet, and whoever holds that key may have read it. Ask who recorded it, and check the seal words on the lock screen against your staff notice.`,
      });
      continue;
    }
    try {
      await openRow(session, row.data);
    } catch {
      out.push({
        scope: 'settings',
        kind: 'edited',
        message: `A disclosure sealed on ${when} does not open with this establishment’s key: it was sealed to another key or altered.`,
      });
    }
  }
  return out;
}

const sealedDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
