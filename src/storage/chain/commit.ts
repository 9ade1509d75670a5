// Owns the one way chained records are written: serialised per tab, HMAC'd device head, optimistic re-check, one transaction, all or nothing.
import { type EncryptedRecord } from '../crypto';
import { GENESIS, LOG_CHAIN_ID, deviceHeadMac } from './chain';
import { raiseHighWater } from './highWater';
import { advancedCheckpoint, openCheckpointRow, rawCheckpointMac } from './checkpointRow';
import { type DeviceHeadRow, type EventRow, type LogRow, type YpsiDatabase, db } from '../db';
import { mapClosedError, mapWriteError } from '../durability';
import { ReadOnlyTabError, StorageError, WriteConflictError } from '../errors';
import { type ChainHead, ChainHeadSchema, DeviceHeadRowSchema, LogHeadRowSchema, parseRow } from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { acquireWriterLock } from '../writerLock';

/** One event joining a chain: a case's, or the establishment log (chain LOG_CHAIN_ID). */
export type ChainAppend = { chain: string; seq: number; eventId: string; digest: string; enc: EncryptedRecord };

export type WritePlan = {
  /** In chain order; each chain's appends continue from the head named in `expect`. */
  appends: ChainAppend[];
  /**
   * Heads the plan was built on (null: the chain must not exist yet). If any moved by the time
   * the transaction opens, the plan is thrown away and built again from fresh reads.
   */
  expect: { chain: string; head: ChainHead | null }[];
  /** Further Dexie writes in the same transaction (case row, snapshot, inbox removal...). No crypto here. */
  write?: (d: YpsiDatabase, ctx: { dseqOf: (a: ChainAppend) => number }) => Promise<void>;
};

export type DeviceHead = { dseq: number; mac: string };
const EMPTY_DEVICE_HEAD: DeviceHead = { dseq: 0, mac: GENESIS };

export async function readDeviceHead(d: YpsiDatabase = db()): Promise<DeviceHead> {
  const raw = await d.heads.get('device');
  if (!raw) return EMPTY_DEVICE_HEAD;
  const row = parseRow(DeviceHeadRowSchema, raw, 'device head');
  return { dseq: row.dseq, mac: row.mac };
}

export async function readLogHead(d: YpsiDatabase = db()): Promise<ChainHead> {
  const raw = await d.heads.get('log');
  if (!raw) return { seq: 0, digest: GENESIS };
  const row = parseRow(LogHeadRowSchema, raw, 'establishment log head');
  return { seq: row.seq, digest: row.digest };
}

async function readChainHead(d: YpsiDatabase, chain: string): Promise<ChainHead | null> {
  if (chain === LOG_CHAIN_ID) {
    const raw = await d.heads.get('log');
    return raw ? parseRow(LogHeadRowSchema, raw, 'establishment log head') : null;
  }
  const row = await d.cases.get(chain);
  if (!row) return null;
  // A head of the wrong shape never equals an expected one: the commit is refused, not written over it.
  const head = ChainHeadSchema.safeParse(row.head);
  return head.success ? head.data : { seq: -1, digest: '' };
}

function sameHead(a: ChainHead | null, b: ChainHead | null): boolean {
  if (a === null || b === null) return a === b;
  return a.seq === b.seq && a.digest === b.digest;
}

/** Thrown inside a plan's write when something it read has moved: the plan is rebuilt. */
export class ConflictRetry extends Error {}

/**
 * Extends the device head over `appends` (one HMAC each, in order). Done before the transaction:
 * WebCrypto promises are not IndexedDB requests, so awaiting one inside a transaction lets it
 * auto-commit half-way (Dexie's zones do not cover crypto.subtle).
 */
export async function extendDeviceHead(
  macKey: CryptoKey,
  start: DeviceHead,
  appends: readonly ChainAppend[],
): Promise<{ head: DeviceHead; dseqs: number[] }> {
  let mac = start.mac;
  const dseqs: number[] = [];
  for (let i = 0; i < appends.length; i++) {
    const a = appends[i]!;
    mac = await deviceHeadMac(macKey, mac, a.chain, a.seq, a.digest);
    dseqs.push(start.dseq + i + 1);
  }
  return { head: { dseq: start.dseq + appends.length, mac }, dseqs };
}

/** Rows for a plan's appends, given their device sequence numbers. */
export function rowsFor(
  appends: readonly ChainAppend[],
  dseqs: readonly number[],
): { events: EventRow[]; log: LogRow[] } {
  const events: EventRow[] = [];
  const log: LogRow[] = [];
  appends.forEach((a, i) => {
    const dseq = dseqs[i]!;
    if (a.chain === LOG_CHAIN_ID) log.push({ seq: a.seq, eventId: a.eventId, dseq, enc: a.enc, digest: a.digest });
    else events.push({ caseId: a.chain, seq: a.seq, eventId: a.eventId, dseq, enc: a.enc, digest: a.digest });
  });
  return { events, log };
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs writes of this tab one after another, so two steps never race for the same head. */
export function serialised<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

export async function requireWriter(): Promise<void> {
  if (!(await acquireWriterLock())) throw new ReadOnlyTabError();
}

const MAX_ATTEMPTS = 4;

/**
 * Builds a plan from fresh reads, then writes it in ONE read-write transaction over every table:
 * the event rows, the device head, the chain heads and whatever `plan.write` adds. If a head moved
 * in between (another writer), the plan is rebuilt. A refusal thrown by `build` (e.g. the domain's
 * RejectedEventError) propagates with nothing written; IndexedDB failures become StorageFullError
 * or WriteAbortedError, and the last committed step stays whole.
 */
export async function commit<T>(session: Session, build: () => Promise<{ plan: WritePlan; result: T }>): Promise<T> {
  try {
    return await commitOnce(session, build);
  } catch (e) {
    // The reads before the write fail too when the database was closed under the page: say why.
    throw mapClosedError(e);
  }
}

async function commitOnce<T>(session: Session, build: () => Promise<{ plan: WritePlan; result: T }>): Promise<T> {
  await requireWriter();
  return serialised(async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { macKey } = secretsOf(session).keys;
      const d = db();
      const start = await readDeviceHead(d);
      const { plan, result } = await build();
      const { head, dseqs } = await extendDeviceHead(macKey, start, plan.appends);
      // The checkpoint moves with the device head, in the same transaction (docs/SECURITY.md item 8):
      // no earlier head stays in storage to reset the heads to.
      const storedCheckpoint = await d.heads.get('checkpoint');
      const checkpointRow = await advancedCheckpoint(
        macKey,
        await openCheckpointRow(macKey, storedCheckpoint),
        start,
        head,
        plan.appends,
      );
      const checkpointWas = (storedCheckpoint as { mac?: unknown } | undefined)?.mac ?? null;
      const dseqByAppend = new Map(plan.appends.map((a, i) => [a, dseqs[i]!]));
      const rows = rowsFor(plan.appends, dseqs);
      const logAppends = plan.appends.filter((a) => a.chain === LOG_CHAIN_ID);
      const lastLog = logAppends[logAppends.length - 1];
      try {
        await d.transaction('rw', d.allTables(), async () => {
          const now = await readDeviceHead(d);
          if (now.dseq !== start.dseq || now.mac !== start.mac) throw new ConflictRetry();
          for (const e of plan.expect) {
            if (!sameHead(await readChainHead(d, e.chain), e.head)) throw new ConflictRetry();
          }
          if (rows.events.length > 0) await d.events.bulkAdd(rows.events);
          if (rows.log.length > 0) await d.log.bulkAdd(rows.log);
          if (lastLog) await d.heads.put({ id: 'log', seq: lastLog.seq, digest: lastLog.digest });
          const deviceRow: DeviceHeadRow = { id: 'device', dseq: head.dseq, mac: head.mac };
          if (plan.appends.length > 0) await d.heads.put(deviceRow);
          if (checkpointRow) {
            if ((await rawCheckpointMac(d)) !== checkpointWas) throw new ConflictRetry();
            await d.heads.put(checkpointRow);
          }
          await plan.write?.(d, { dseqOf: (a) => dseqByAppend.get(a) ?? 0 });
        });
        if (plan.appends.length > 0) await raiseHighWater(macKey, head);
        return result;
      } catch (e) {
        if (e instanceof ConflictRetry) continue;
        if (e instanceof StorageError) throw e;
        throw mapWriteError(e);
      }
    }
    throw new WriteConflictError();
  });
}
