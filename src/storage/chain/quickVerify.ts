// The quick check at unlock (docs/SECURITY.md): each chain's head, checkpoints and the tombstones, without decrypting every record.
import { GENESIS, LOG_CHAIN_ID } from './chain';
import { EMPTY_CHECKPOINT, readCheckpoint, writeCheckpoint } from './checkpoint';
import { caseKeyFor } from '../caseSteps';
import { readDeviceHead, readLogHead } from './commit';
import { db } from '../db';
import { highWaterProblem } from './highWater';
import { deviceChainStart, isDeviceHead } from './deviceAnchor';
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
import { type VerifyReport, now, startBefore, checkTombstones } from './verifyShared';

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
      tombstoneHeads(tombRaw).get(id)?.head ?? t.finalHead,
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
