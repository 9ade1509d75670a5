// The full check (docs/SECURITY.md): every record decrypted, every chain and signature checked, every tombstone matched; each problem named, nothing repaired.
import { peerChainProblem } from '../caseDag';
import { decryptJson } from '../crypto';
import { caseKeys } from './verifyShared';
import { GENESIS, LOG_CHAIN_ID, recordId } from './chain';
import { readCheckpoint } from './checkpoint';
import { readDeviceHead, readLogHead } from './commit';
import { type CaseRow, db } from '../db';
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
import { destroyedChainProblem, rawTombstoneRows, tombstoneHeads } from './tombstones';
import { type VerifyReport, now, checkTombstones } from './verifyShared';

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
  const ownHeads = tombstoneHeads(tombRaw);
  const destroyedIds = new Set(ownHeads.keys());

  // Every case key, for naming a ciphertext moved in from another case.
  const keys = await caseKeys(session, rows, problems);
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
    // Then other tablets' steps of the case (docs/SYNC.md), each tablet's chain to its sealed head.
    const bad = walk.problem ?? (await peerChainProblem(key, row.id, d));
    if (bad) {
      problems.push({ ...bad, message: bad.message.replace('this case', label) });
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
    // This tablet's own steps of the case end at the tombstone's head, or (destroyed on another tablet) where they stopped here.
    const end = ownHeads.get(id)?.head ?? t.finalHead;
    const problem = destroyedChainProblem(id, `destroyed case ${t.reference}`, end, raw);
    if (problem) problems.push(problem);
    const cpHead = cpHeads.get(id);
    if (!problem && cpHead && (cpHead.seq > end.seq || (cpHead.seq === end.seq && cpHead.digest !== end.digest))) {
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
