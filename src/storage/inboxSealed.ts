// A sealed disclosure's shape and its sealing: what staff may write (with size limits), sealed for the DSL's key, opened with it, and whether a case was already made from it.
import { z } from 'zod';
import type { CaseEvent } from '../domain/events';
import { explainEvent, initialSnapshot, step, RejectedEventError } from '../domain/machine';
import { CURRENT_POLICY_VERSION } from '../domain/types';
import { keyFingerprint, openSealed, sealToPublicKey, utf8Encode } from './crypto';
import { asStored, newId } from './chain/chain';
import { type InboxRow } from './db';
import { DisclosureTooLargeError, NotSetUpError, SealingKeyNotConfirmedError, StorageError } from './errors';
import { sealingPrivateKey } from './keys/privateKeys';
import { Id, IsoDateTime, SealedSchema } from './schemas';
import { type Session } from './keys/session';
import { getPublicSettings } from './settings';
import { acceptedOnOtherTablets } from './acceptedElsewhere';
import { readLog } from './chain/log';

/** 64 KiB of JSON: several pages of typed account, far below what a pupil could use to fill the disk. */
export const MAX_DISCLOSURE_BYTES = 64 * 1024;

export const MAX_FILE_CHARS = 160 * 1024;

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

export function disclosureEvent(p: SealedPayload): CaseEvent {
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

export async function sealDraft(draft: DisclosureDraft): Promise<{ row: InboxRow }> {
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

export async function openRow(session: Session, row: InboxRow): Promise<SealedPayload> {
  const payload = SealedPayloadSchema.parse(
    await openSealed(await sealingPrivateKey(session), row.sealed, context(row.id)),
  );
  if (payload.id !== row.id) throw new StorageError('The disclosure does not belong to this inbox entry.');
  return payload;
}

/** The case a disclosure was already accepted into, from the establishment log (encrypted and chained), or null. */
export async function alreadyAccepted(
  session: Session,
  disclosureId: string,
): Promise<{ reference: string; at: string; elsewhere?: true } | null> {
  for (const e of await readLog(session)) {
    if (e.type === 'disclosure.accepted' && e.disclosureId === disclosureId)
      return { reference: e.reference, at: e.recordedAt };
    // Accepted before the ids were kept: recorded once, at the first unlock check since (earlierDisclosures.ts).
    const earlier = e.type === 'disclosure.accepted-earlier' && e.accepted.find((a) => a.disclosureId === disclosureId);
    if (earlier) return { reference: earlier.reference, at: earlier.sealedAt };
  }
  // Accepted on another tablet: its case, pulled and applied here, says so (acceptedElsewhere.ts).
  const elsewhere = (await acceptedOnOtherTablets(session)).find((a) => a.disclosureId === disclosureId);
  return elsewhere ? { reference: elsewhere.reference, at: elsewhere.at, elsewhere: true } : null;
}

const acceptedDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export function acceptedMessage(done: { reference: string; at: string; elsewhere?: true }): string {
  return `This disclosure was already accepted${done.elsewhere ? ' on another tablet' : ''} into case ${done.reference} on ${acceptedDay.format(new Date(done.at))}. It has not been added again: open that case instead.`;
}
