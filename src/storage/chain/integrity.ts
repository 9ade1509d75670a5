// Owns the integrity checks: the quick one at unlock (only what is new since the last checkpoint) and the full one that names the first bad event.
import type { CaseEvent } from '../../domain/events';
import { canonicalJson } from '../../codec/canonical';
import { decryptJson, sha256Hex } from '../crypto';
import { GENESIS, LOG_CHAIN_ID, recordId } from './chain';
import { EMPTY_CHECKPOINT, readCheckpoint, writeCheckpoint } from './checkpoint';
import { caseKeyFor } from '../caseSteps';
import { readDeviceHead, readLogHead } from './commit';
import { type CaseRow, db } from '../db';
import type { IntegrityProblem } from './integrityTypes';
import { highWaterProblem } from './highWater';
import { deviceChainStart, isDeviceHead } from './deviceAnchor';
import { pdfSignerProblem, pinnedCertificates } from '../keys/pdfSigner';
import {
  type DeviceTuple,
  cap,
  caseLabel,
  checkDeviceChain,
  openCaseEvent,
  openLogEntry,
  publicRecordProblems,
  tolerantRow,
} from './integrityParts';
import { type ChainHead, CaseRowSchema } from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { type ChainRow, walkChain } from './verifyChain';
import {
  destroyedChainProblem,
  establishmentSigningKey,
  openTombstone,
  rawTombstoneRows,
  tombstoneHeads,
} from './tombstones';
import type { Tombstone } from '../schemas';

export type { IntegrityProblem, TamperKind } from './integrityTypes';

export type VerifyReport = {
  ok: boolean;
  /** The first problem of each chain that has one, then device-wide ones. Empty when ok. */
  problems: IntegrityProblem[];
  casesChecked: number;
  eventsChecked: number;
  ms: number;
};

/** SHA-256 of the canonical JSON of an event log: the record hash printed on an exported record. */
export async function recordHash(events: readonly CaseEvent[]): Promise<string> {
  return sha256Hex(canonicalJson(events));
}

const now = (): number => (globalThis.performance ?? Date).now();

/**
 * The check at unlock. Reads the case rows and only the events written after the last checkpoint:
 * checks the checkpoint's MAC, that no chain is behind its checkpointed head, that every new event
 * decrypts and chains on, and that the device head's HMAC covers exactly those writes. Also checks
 * the public settings' and keyring's MACs. When all is well it writes a new checkpoint.
 */
export async function quickVerify(
  session: Session,
  /** false: the caller writes its own checkpoint over what this read (a rotation of the data key). */
  options: { writeCheckpoint?: boolean } = {},
): Promise<VerifyReport> {
  const t0 = now();
  const problems = await publicRecordProblems(session);
  const d = db();
  const cp = await readCheckpoint(session);
  // Content is read from the last write the check itself read (`checked`); heads and the device
  // chain from the checkpoint, which every committed step moved on (docs/SECURITY.md item 8).
  const checked = cp && cp !== 'forged' ? (cp.checked ?? cp.dseq) : 0;
  const { device, logHead, caseRows, newEvents, newLog, tombRaw } = await d.transaction(
    'r',
    [d.heads, d.cases, d.events, d.log, d.meta],
    async () => {
      const base = checked;
      return {
        device: await readDeviceHead(d),
        logHead: await readLogHead(d),
        caseRows: await d.cases.toArray(),
        newEvents: await d.events.where('dseq').above(base).toArray(),
        newLog: await d.log.where('dseq').above(base).toArray(),
        tombRaw: await rawTombstoneRows(d),
      };
    },
  );
  if (cp === 'forged') {
    problems.push({
      scope: 'checkpoint',
      kind: 'edited',
      message: 'The last integrity checkpoint was altered. Run the full check.',
    });
  } else if (cp === null && device.dseq > 0) {
    problems.push({
      scope: 'checkpoint',
      kind: 'deleted',
      message: 'The last integrity checkpoint was removed. Run the full check.',
    });
  }
  const base = cp && cp !== 'forged' ? cp : EMPTY_CHECKPOINT;
  const baseHeads = new Map<string, ChainHead>(base.heads.map(([id, seq, digest]) => [id, { seq, digest }]));

  const events = newEvents.flatMap((r) => tolerantRow(r) ?? []);
  const log = newLog.flatMap((r) => tolerantRow(r) ?? []);
  const byCase = new Map<string, ChainRow[]>();
  for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  for (const list of byCase.values()) list.sort((a, b) => a.seq - b.seq);

  let casesChecked = 0;
  const seen = new Set<string>();
  for (const raw of caseRows) {
    const parsed = CaseRowSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({
        scope: 'case',
        kind: 'edited',
        caseId: String((raw as { id?: unknown }).id),
        message: 'A case record has been altered (it has an unexpected shape).',
      });
      continue;
    }
    const row = parsed.data;
    seen.add(row.id);
    casesChecked++;
    const cpHead = baseHeads.get(row.id) ?? { seq: 0, digest: GENESIS };
    const fresh = byCase.get(row.id) ?? [];
    if (row.head.seq === cpHead.seq && row.head.digest !== cpHead.digest && cpHead.seq > 0) {
      problems.push({
        scope: 'case',
        kind: 'edited',
        caseId: row.id,
        seq: row.head.seq,
        message: `The head of ${await caseLabel(session, row)} was altered since the last check.`,
      });
      continue;
    }
    const from =
      fresh.length > 0
        ? await startBefore(
            fresh[0]!.seq,
            cpHead,
            async (seq) => tolerantRow(await d.events.get([row.id, seq]))?.digest ?? '',
          )
        : cpHead;
    if (row.head.seq < cpHead.seq) {
      problems.push({
        scope: 'case',
        kind: 'truncated',
        caseId: row.id,
        seq: row.head.seq + 1,
        message: `${cap(await caseLabel(session, row))} had ${cpHead.seq} events at the last check and now has ${row.head.seq}: the latest were removed.`,
      });
      continue;
    }
    if (row.head.seq === from.seq && fresh.length === 0) {
      if (row.head.digest !== from.digest)
        problems.push({
          scope: 'case',
          kind: 'edited',
          caseId: row.id,
          seq: row.head.seq,
          message: `The head of ${await caseLabel(session, row)} was altered since the last check.`,
        });
      continue;
    }
    let key: CryptoKey;
    try {
      key = await caseKeyFor(session, row.id, row.caseKey);
    } catch {
      problems.push({
        scope: 'case',
        kind: 'edited',
        caseId: row.id,
        message: `The key of case ${row.id.slice(0, 8)} has been altered: the case cannot be opened.`,
      });
      continue;
    }
    const walk = await walkChain({
      scope: 'case',
      chainId: row.id,
      label: 'this case',
      rows: fresh,
      head: row.head,
      from,
      open: openCaseEvent(key),
    });
    if (walk.problem)
      problems.push({
        ...walk.problem,
        message: walk.problem.message.replace('this case', await caseLabel(session, row)),
      });
  }
  // Destroyed cases (docs/SECURITY.md item 13): a signed tombstone, and event rows without content that end at its head.
  const destroyed = await checkTombstones(session, tombRaw, problems);
  for (const [id, t] of destroyed) {
    if (seen.has(id)) {
      problems.push({
        scope: 'case',
        kind: 'inserted',
        caseId: id,
        message: `Case ${t.reference} was destroyed, but a record of it is back on this device.`,
      });
      continue;
    }
    seen.add(id);
    // Only rows above the checkpoint: the checkpoint already holds the destroyed case's final head.
    const fresh = newEvents.filter(
      (r) => (r as { caseId?: unknown }).caseId === id && Number((r as { dseq?: unknown }).dseq) > base.dseq,
    ) as Record<string, unknown>[];
    const problem = destroyedChainProblem(
      id,
      `destroyed case ${t.reference}`,
      t.finalHead,
      fresh,
      baseHeads.get(id) ?? { seq: 0, digest: GENESIS },
    );
    if (problem) problems.push(problem);
  }
  for (const [id] of baseHeads) {
    if (id !== LOG_CHAIN_ID && !seen.has(id))
      problems.push({
        scope: 'case',
        kind: 'deleted',
        caseId: id,
        message: `A case (${id.slice(0, 8)}) that was here at the last check has been deleted.`,
      });
  }
  for (const id of byCase.keys()) {
    if (!seen.has(id) && !baseHeads.has(id))
      problems.push({
        scope: 'case',
        kind: 'inserted',
        caseId: id,
        message: `Events were found for a case (${id.slice(0, 8)}) that has no case record.`,
      });
  }

  const logCp = baseHeads.get(LOG_CHAIN_ID) ?? { seq: 0, digest: GENESIS };
  const freshLog = log.sort((a, b) => a.seq - b.seq);
  const logFrom =
    freshLog.length > 0
      ? await startBefore(freshLog[0]!.seq, logCp, async (seq) => tolerantRow(await d.log.get(seq))?.digest ?? '')
      : logCp;
  if (logHead.seq < logCp.seq) {
    problems.push({
      scope: 'establishment-log',
      kind: 'truncated',
      seq: logHead.seq + 1,
      message: 'The latest entries of the establishment log were removed since the last check.',
    });
  } else {
    const walk = await walkChain({
      scope: 'establishment-log',
      chainId: LOG_CHAIN_ID,
      label: 'the establishment log',
      rows: freshLog,
      head: logHead,
      from: logFrom,
      open: openLogEntry(secretsOf(session).keys.dataKey),
    });
    if (walk.problem) problems.push(walk.problem);
  }

  // The device chain from the checkpoint's device head: only writes after it (normally none).
  const tuples: DeviceTuple[] = [
    ...events.map((e) => ({ dseq: e.dseq, chain: e.caseId, seq: e.seq, digest: e.digest })),
    ...log.map((l) => ({ dseq: l.dseq, chain: LOG_CHAIN_ID, seq: l.seq, digest: l.digest })),
  ].sort((a, b) => a.dseq - b.dseq);
  // No checkpoint to start from (it was removed): the last re-keying of the device head, if any.
  const anchor =
    base.dseq === 0 ? await deviceChainStart(secretsOf(session).keys.macKey, { dseq: 0, mac: GENESIS }) : null;
  const from = anchor && isDeviceHead(anchor) ? anchor : { dseq: base.dseq, mac: base.deviceMac };
  const deviceProblem =
    anchor && !isDeviceHead(anchor)
      ? anchor
      : await checkDeviceChain(
          session,
          from,
          tuples.filter((t) => t.dseq > from.dseq),
          device,
        );
  if (deviceProblem) problems.push(deviceProblem);
  const behind = await highWaterProblem(secretsOf(session).keys.macKey, device);
  if (behind) problems.push(behind);

  const ok = problems.length === 0;
  if (ok && options.writeCheckpoint !== false) await writeCheckpoint(session);
  return { ok, problems, casesChecked, eventsChecked: events.length + log.length, ms: Math.round(now() - t0) };
}

/**
 * Where a walk of fresh events starts: just before the first of them. Its digest is the
 * checkpoint's head when that is where it sits, the genesis at the start, or else the stored
 * digest of the event before (itself read at an earlier check; if it was altered, the first fresh
 * event will not chain on, and is named).
 */
async function startBefore(
  firstSeq: number,
  cpHead: ChainHead,
  digestAt: (seq: number) => Promise<string>,
): Promise<ChainHead> {
  const seq = firstSeq - 1;
  if (seq <= 0) return { seq: 0, digest: GENESIS };
  if (seq === cpHead.seq) return cpHead;
  return { seq, digest: await digestAt(seq) };
}

/**
 * The full check, on demand: every event of every case and of the establishment log is decrypted
 * and its digest recomputed from the genesis; the first bad event of each chain is named (edited,
 * deleted, reordered, truncated, moved from another record); snapshots and summaries must belong
 * to their case's head; no case may be behind the last checkpoint; and the device head's HMAC is
 * recomputed over every write. Slow on purpose (seconds at thousands of cases); read-only.
 */
export async function fullVerify(session: Session): Promise<VerifyReport> {
  const t0 = now();
  const problems = await publicRecordProblems(session);
  const d = db();
  const { dataKey } = secretsOf(session).keys;
  const cp = await readCheckpoint(session);
  if (cp === 'forged')
    problems.push({ scope: 'checkpoint', kind: 'edited', message: 'The last integrity checkpoint was altered.' });
  const cpHeads = new Map<string, ChainHead>(
    cp && cp !== 'forged' ? cp.heads.map(([id, seq, digest]) => [id, { seq, digest }]) : [],
  );

  const rows = (await d.cases.toArray()).flatMap((raw) => {
    const p = CaseRowSchema.safeParse(raw);
    if (!p.success)
      problems.push({
        scope: 'case',
        kind: 'edited',
        caseId: String((raw as { id?: unknown }).id),
        message: 'A case record has been altered (it has an unexpected shape).',
      });
    return p.success ? [p.data] : [];
  });
  rows.sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id));
  const caseIds = new Set(rows.map((r) => r.id));
  const tombRaw = await rawTombstoneRows(d);
  const destroyed = await checkTombstones(session, tombRaw, problems);
  const destroyedIds = new Set(tombstoneHeads(tombRaw).keys());

  // Every case key, for naming a ciphertext moved in from another case.
  const keys = new Map<string, CryptoKey>();
  for (const row of rows) {
    try {
      keys.set(row.id, await caseKeyFor(session, row.id, row.caseKey));
    } catch {
      problems.push({
        scope: 'case',
        kind: 'edited',
        caseId: row.id,
        message: `The key of case ${row.id.slice(0, 8)} has been altered: the case cannot be opened.`,
      });
    }
  }
  const labels = new Map<string, string>();
  const labelOf = async (row: CaseRow) =>
    labels.get(row.id) ?? (labels.set(row.id, await caseLabel(session, row)), labels.get(row.id)!);
  const whereFrom =
    (self: string) =>
    async (r: ChainRow): Promise<string | null> => {
      for (const [id, key] of keys) {
        if (id === self) continue;
        try {
          await decryptJson(key, r.eventId, r.enc);
          const other = rows.find((x) => x.id === id);
          return other ? await labelOf(other) : `case ${id.slice(0, 8)}`;
        } catch {
          // not from this one
        }
      }
      try {
        await decryptJson(dataKey, recordId.log(r.eventId), r.enc);
        return 'the establishment log';
      } catch {
        return null;
      }
    };

  const digests = new Map<string, string>();
  let eventsChecked = 0;
  for (const row of rows) {
    const key = keys.get(row.id);
    if (!key) continue;
    const evRows = (await d.events.where('[caseId+seq]').between([row.id, 0], [row.id, Infinity]).toArray()).flatMap(
      (r) => tolerantRow(r) ?? [],
    );
    for (const e of evRows) digests.set(`${row.id}\u0000${e.seq}`, e.digest);
    const walk = await walkChain({
      scope: 'case',
      chainId: row.id,
      label: 'this case',
      rows: evRows,
      head: row.head,
      open: openCaseEvent(key),
      whereFrom: whereFrom(row.id),
    });
    eventsChecked += walk.entries.length;
    const label = await labelOf(row);
    if (walk.problem) {
      problems.push({ ...walk.problem, message: walk.problem.message.replace('this case', label) });
      continue;
    }
    const cpHead = cpHeads.get(row.id);
    if (cpHead && row.head.seq < cpHead.seq) {
      problems.push({
        scope: 'case',
        kind: 'truncated',
        caseId: row.id,
        seq: row.head.seq + 1,
        message: `${cap(label)} had ${cpHead.seq} events at the last check and now has ${row.head.seq}: the latest were removed.`,
      });
      continue;
    }
    try {
      await decryptJson(key, recordId.snapshot(row.id, row.head.digest), (await d.snapshots.get(row.id))!.enc);
      await decryptJson(key, recordId.summary(row.id, row.head.digest), row.summary);
    } catch {
      problems.push({
        scope: 'case',
        kind: 'rolled-back',
        caseId: row.id,
        seq: row.head.seq,
        message: `The saved state or summary of ${label} does not belong to its latest event (altered or put back).`,
      });
    }
  }
  // Destroyed cases: rows without content, contiguous from the first event, ending at the tombstone's head.
  for (const [id, t] of destroyed) {
    if (caseIds.has(id)) {
      problems.push({
        scope: 'case',
        kind: 'inserted',
        caseId: id,
        message: `Case ${t.reference} was destroyed, but a record of it is back on this device.`,
      });
      continue;
    }
    const raw = (await d.events.where('[caseId+seq]').between([id, 0], [id, Infinity]).toArray()) as unknown as Record<
      string,
      unknown
    >[];
    for (const r of raw)
      if (typeof r.seq === 'number' && typeof r.digest === 'string') digests.set(`${id}\u0000${r.seq}`, r.digest);
    const problem = destroyedChainProblem(id, `destroyed case ${t.reference}`, t.finalHead, raw);
    if (problem) problems.push(problem);
    const cpHead = cpHeads.get(id);
    if (
      !problem &&
      cpHead &&
      (cpHead.seq > t.finalHead.seq || (cpHead.seq === t.finalHead.seq && cpHead.digest !== t.finalHead.digest))
    ) {
      problems.push({
        scope: 'case',
        kind: 'edited',
        caseId: id,
        message: `Destroyed case ${t.reference} does not end where it did at the last check.`,
      });
    }
  }
  for (const [id] of cpHeads) {
    if (id !== LOG_CHAIN_ID && !caseIds.has(id) && !destroyedIds.has(id))
      problems.push({
        scope: 'case',
        kind: 'deleted',
        caseId: id,
        message: `A case (${id.slice(0, 8)}) that was here at the last check has been deleted.`,
      });
  }

  // The establishment log.
  const logRows = (await d.log.orderBy('seq').toArray()).flatMap((r) => tolerantRow(r) ?? []);
  const logHead = await readLogHead();
  const logWalk = await walkChain({
    scope: 'establishment-log',
    chainId: LOG_CHAIN_ID,
    label: 'the establishment log',
    rows: logRows,
    head: logHead,
    open: openLogEntry(dataKey),
  });
  eventsChecked += logWalk.entries.length;
  if (logWalk.problem) problems.push(logWalk.problem);
  else {
    // Each destruction is in the log, and each logged destruction left its tombstone: neither goes silently.
    const logged = new Map(
      logWalk.entries.flatMap((e) => (e.type === 'case.destroyed' ? [[e.caseId, e.tombstone] as const] : [])),
    );
    for (const [id, t] of logged) {
      if (!destroyedIds.has(id))
        problems.push({
          scope: 'case',
          kind: 'deleted',
          caseId: id,
          message: `The note left by destroyed case ${t.reference} has been removed.`,
        });
      else if (destroyed.get(id) && destroyed.get(id)!.signature !== t.signature)
        problems.push({
          scope: 'case',
          kind: 'edited',
          caseId: id,
          message: `The note left by destroyed case ${t.reference} differs from the one in the establishment log.`,
        });
    }
    for (const [id, t] of destroyed) {
      if (!logged.has(id))
        problems.push({
          scope: 'case',
          kind: 'inserted',
          caseId: id,
          message: `A note says case ${t.reference} was destroyed, but the establishment log does not record it.`,
        });
    }
    // The PDF signer row must be the certificate the log last pinned (an older genuine row put back shows here).
    const signer = await pdfSignerProblem(session, pinnedCertificates(logWalk.entries).at(-1)?.fingerprint ?? null);
    if (signer && !problems.some((p) => p.message === signer.message)) problems.push(signer);
  }
  const cpLog = cpHeads.get(LOG_CHAIN_ID);
  if (!logWalk.problem && cpLog && logHead.seq < cpLog.seq) {
    problems.push({
      scope: 'establishment-log',
      kind: 'truncated',
      seq: logHead.seq + 1,
      message: 'The latest entries of the establishment log were removed since the last check.',
    });
  }

  // The device head over every write, in write order. Orphan events (no case row) are named here.
  const tuples: DeviceTuple[] = [];
  const orphans = new Set<string>();
  await d.events.orderBy('dseq').eachKey((dseq, cursor) => {
    const [caseId, seq] = cursor.primaryKey as [string, number];
    if (!caseIds.has(caseId) && !destroyedIds.has(caseId)) orphans.add(caseId);
    tuples.push({ dseq: dseq as number, chain: caseId, seq, digest: digests.get(`${caseId}\u0000${seq}`) ?? '' });
  });
  for (const id of orphans) {
    if (!cpHeads.has(id))
      problems.push({
        scope: 'case',
        kind: 'deleted',
        caseId: id,
        message: `The record of a case (${id.slice(0, 8)}) was deleted; some of its events remain.`,
      });
  }
  // Orphans' digests were never read through a walk: read them now so the device check is exact.
  for (const t of tuples) {
    if (t.digest === '') {
      t.digest = tolerantRow(await d.events.get([t.chain, t.seq]))?.digest ?? '';
    }
  }
  tuples.push(...logRows.map((l) => ({ dseq: l.dseq, chain: LOG_CHAIN_ID, seq: l.seq, digest: l.digest })));
  tuples.sort((a, b) => a.dseq - b.dseq);
  // From the last re-keying of the device head (a rotation of the data key), or the genesis.
  const start = await deviceChainStart(secretsOf(session).keys.macKey, { dseq: 0, mac: GENESIS });
  const deviceProblem = isDeviceHead(start)
    ? await checkDeviceChain(
        session,
        start,
        tuples.filter((t) => t.dseq > start.dseq),
        await readDeviceHead(),
      )
    : start;
  if (deviceProblem) problems.push(deviceProblem);
  const deviceNow = await readDeviceHead();
  if (cp && cp !== 'forged' && deviceNow.dseq < cp.dseq) {
    problems.push({
      scope: 'device',
      kind: 'truncated',
      message: 'Records written on this device since the last check were removed.',
    });
  }
  const behind = await highWaterProblem(secretsOf(session).keys.macKey, deviceNow);
  if (behind) problems.push(behind);

  return { ok: problems.length === 0, problems, casesChecked: rows.length, eventsChecked, ms: Math.round(now() - t0) };
}

/** Opens every tombstone row; each one that is damaged or wrongly signed is a problem. Returns the good ones by case id. */
async function checkTombstones(
  session: Session,
  tombRaw: readonly unknown[],
  problems: IntegrityProblem[],
): Promise<Map<string, Tombstone>> {
  const out = new Map<string, Tombstone>();
  if (tombRaw.length === 0) return out;
  const key = await establishmentSigningKey();
  for (const raw of tombRaw) {
    const { tombstone, problem } = await openTombstone(session, raw, key);
    if (problem) problems.push(problem);
    if (tombstone) out.set(tombstone.caseId, tombstone);
  }
  return out;
}
