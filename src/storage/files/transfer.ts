// Owns case transfer files (one case, or one young person's part) sealed for a recipient passphrase, and the signed receipt the importer gives back.
import { z } from 'zod';
import type { CaseEvent } from '../../domain/events';
import { RejectedEventError, initialSnapshot } from '../../domain/machine';
import { canonicalJson } from '../../codec/canonical';
import { keyFingerprint, signText } from '../crypto';
import { GENESIS, LOG_CHAIN_ID, newId } from '../chain/chain';
import { loadCase } from '../cases';
import { buildSteps, caseRows, newCaseKey } from '../caseSteps';
import { commit, readLogHead } from '../chain/commit';
import { db } from '../db';
import { ImportError, StorageError, WeakPassphraseError } from '../errors';
import {
  FILE_VERSION,
  RECEIPT_FORMAT,
  TRANSFER_FORMAT,
  checkSealedFile,
  openSealedFile,
  parseFile,
  writeSealedFile,
} from './files';
import { recordHash } from '../chain/integrity';
import { appendLog, prepareLogAppends } from '../chain/log';
import { isDestroyed } from '../chain/tombstones';
import { signingPrivateKey } from '../keys/privateKeys';
import { redactForYoungPerson } from './redact';
import { ActorSchema, CaseEventEnvelopeSchema, Hex64, Id, IsoDateTime } from '../schemas';
import { type Session, requireRole } from '../keys/session';
import { getPublicSettings } from '../settings';
import { type IndexWrite, prepareIndexWrite } from '../summary-index/summaryIndex';
import { MIN_PASSPHRASE_LENGTH } from '../keys/keyring';
import { ReceiptSchema, type TransferReceipt } from './transferReceipt';
export { ReceiptSchema, verifyTransferReceipt, recordTransferReceipt, listTransfersSent } from './transferReceipt';
export type { TransferReceipt } from './transferReceipt';

const PAYLOAD_FORMAT = 'ypsi-response-case-transfer-payload';

export const TransferPayloadSchema = z.strictObject({
  format: z.literal(PAYLOAD_FORMAT),
  version: z.literal(FILE_VERSION),
  transferId: Id,
  createdAt: IsoDateTime,
  from: z.strictObject({ establishment: z.string().max(200), sender: ActorSchema }),
  to: z.string().max(500),
  why: z.string().max(2000),
  scope: z.enum(['whole-case', 'one-young-person']),
  youngPersonId: Id.optional(),
  caseId: Id,
  reference: z.string().max(100),
  events: z.array(CaseEventEnvelopeSchema).min(1),
  /** SHA-256 of the canonical JSON of `events`. */
  recordHash: Hex64,
});
export type TransferPayload = z.infer<typeof TransferPayloadSchema>;

export type TransferOptions = {
  /** Given to the recipient separately (by phone, never with the file). */
  passphrase: string;
  /** Who it is for, e.g. "DSL, Northfield High School". */
  to: string;
  /** Why, e.g. "Pupil moved school on 3 March". */
  why: string;
  /** Only this young person's part: other young people are left out ("Young person B"...). */
  youngPersonId?: string;
};

/**
 * One case (or one young person's part of it) as a file sealed for the recipient's passphrase,
 * the same way as a backup. Logged: who, when, to whom, why, and the record hash a receipt must match.
 */
export async function exportCaseTransfer(
  session: Session,
  caseId: string,
  options: TransferOptions,
): Promise<{ text: string; transferId: string; recordHash: string; fileName: string }> {
  requireRole(session, 'transfer-case', 'transfer a case');
  if ([...(options.passphrase ?? '').normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new WeakPassphraseError(
      `A transfer passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters. Give it to the recipient separately, never with the file.`,
    );
  }
  if (!options.to?.trim() || !options.why?.trim()) throw new StorageError('Say who the transfer is for and why.');
  const loaded = await loadCase(session, caseId);
  const events = options.youngPersonId
    ? redactForYoungPerson(loaded.events, options.youngPersonId).events
    : loaded.events;
  const hash = await recordHash(events);
  const pub = await getPublicSettings();
  const transferId = newId();
  const createdAt = new Date().toISOString();
  const payload: TransferPayload = {
    format: PAYLOAD_FORMAT,
    version: FILE_VERSION,
    transferId,
    createdAt,
    from: { establishment: pub?.settings.establishment.name ?? '', sender: session.actor },
    to: options.to.trim(),
    why: options.why.trim(),
    scope: options.youngPersonId ? 'one-young-person' : 'whole-case',
    ...(options.youngPersonId ? { youngPersonId: options.youngPersonId } : {}),
    caseId,
    reference: loaded.summary.reference,
    events: events as unknown as TransferPayload['events'],
    recordHash: hash,
  };
  const text = await writeSealedFile(TRANSFER_FORMAT, transferId, createdAt, options.passphrase, payload);
  await appendLog(session, [
    {
      type: 'export.made',
      kind: 'case-transfer',
      fileId: transferId,
      to: payload.to,
      why: payload.why,
      caseIds: [caseId],
      recordHash: hash,
      scope: payload.scope === 'whole-case' ? 'whole-case' : 'one-young-person',
    },
  ]);
  return {
    text,
    transferId,
    recordHash: hash,
    fileName: `ypsi-transfer-${loaded.summary.reference}-${createdAt.slice(0, 10)}.json`,
  };
}

/**
 * Imports a transfer file as a new case on this device (the events replayed through the case
 * machine), logs it, and returns a receipt signed with this establishment's ECDSA key for the
 * sender. Every refusal is an ImportError with a clear message, with nothing changed.
 */
export async function importCaseTransfer(
  session: Session,
  text: string,
  passphrase: string,
): Promise<{ caseId: string; reference: string; receiptText: string; receipt: TransferReceipt }> {
  requireRole(session, 'transfer-case', 'import a case');
  const file = checkSealedFile(parseFile(text, TRANSFER_FORMAT), TRANSFER_FORMAT);
  const parsed = TransferPayloadSchema.safeParse(await openSealedFile(file, passphrase));
  if (!parsed.success || parsed.data.transferId !== file.id)
    throw new ImportError('corrupt', 'This transfer file opened but its contents are damaged. Nothing was changed.');
  const p = parsed.data;
  const events = p.events as unknown as CaseEvent[];
  if ((await recordHash(events)) !== p.recordHash)
    throw new ImportError(
      'corrupt',
      'This transfer file’s record does not match its record hash (it was altered). Nothing was changed.',
    );
  const first = events[0]!;
  if (first.type !== 'case.opened' || first.caseId !== p.caseId)
    throw new ImportError(
      'corrupt',
      'This transfer file does not start with the opening of its case. Nothing was changed.',
    );
  if (await db().cases.get(p.caseId))
    throw new ImportError('already-imported', `Case ${p.reference} is already on this device. Nothing was changed.`);
  if (await isDestroyed(p.caseId)) {
    throw new ImportError(
      'already-imported',
      `Case ${p.reference} was destroyed on this device after its retention review; it cannot be brought back from a transfer file. Nothing was changed.`,
    );
  }

  const { key, wrapped } = await newCaseKey(session, p.caseId);
  let steps: Awaited<ReturnType<typeof buildSteps>>;
  try {
    steps = await buildSteps(key, p.caseId, { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() }, events);
  } catch (e) {
    if (e instanceof RejectedEventError)
      throw new ImportError(
        'refused-by-policy',
        `An event in this transfer is refused by this version of the app (${e.message}). Nothing was changed.`,
        { cause: e },
      );
    throw new ImportError('corrupt', 'This transfer file is damaged. Nothing was changed.', { cause: e });
  }
  const rows = caseRows(p.caseId, wrapped, steps, first.recordedAt, events[events.length - 1]!.recordedAt);
  let index: IndexWrite | undefined;
  await commit(session, async () => {
    const head = await readLogHead();
    const log = await prepareLogAppends(session, head, [
      {
        type: 'import.made',
        kind: 'case-transfer',
        fileId: p.transferId,
        from: `${p.from.sender.name}, ${p.from.establishment}`,
        caseIds: [p.caseId],
        recordHash: p.recordHash,
      },
    ]);
    const idx = await prepareIndexWrite(
      session,
      [{ caseId: p.caseId, head: steps.head, summary: steps.summary }],
      steps.appends.length + log.appends.length,
    );
    index = idx;
    return {
      plan: {
        appends: [...steps.appends, ...log.appends],
        expect: [
          { chain: p.caseId, head: null },
          { chain: LOG_CHAIN_ID, head },
        ],
        write: async (d) => {
          await d.cases.add(rows.row);
          await d.snapshots.put(rows.snapshot);
          await idx.write(d);
        },
      },
      result: undefined,
    };
  });
  index?.apply();

  const pub = (await getPublicSettings())!;
  const unsigned = {
    format: RECEIPT_FORMAT,
    version: FILE_VERSION,
    transferId: p.transferId,
    caseId: p.caseId,
    reference: p.reference,
    recordHash: p.recordHash,
    eventCount: events.length,
    receivedAt: new Date().toISOString(),
    receivedBy: { name: session.user.name, role: session.user.role },
    establishment: pub.settings.establishment.name,
    publicKey: pub.signingPublicJwk,
    keyFingerprint: await keyFingerprint(pub.signingPublicJwk),
  } as const;
  const receipt: TransferReceipt = ReceiptSchema.parse({
    ...unsigned,
    signature: await signText(await signingPrivateKey(session), canonicalJson(unsigned)),
  });
  return { caseId: p.caseId, reference: p.reference, receiptText: `${JSON.stringify(receipt, null, 2)}\n`, receipt };
}
