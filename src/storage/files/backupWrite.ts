// Writing an opened, checked backup into the empty device in one transaction: keys, users, cases, log and tombstones.
import type { CaseEvent } from '../../domain/events';
import type { CaseSummary } from '../../domain/summary';
import { RejectedEventError, initialSnapshot } from '../../domain/machine';
import { encryptJson } from '../crypto';
import { GENESIS, LOG_CHAIN_ID, recordId } from '../chain/chain';
import { buildSteps, caseRows, newCaseKey } from '../caseSteps';
import { writeCheckpoint } from '../chain/checkpoint';
import { commit } from '../chain/commit';
import { type CaseRow, type KeyringRow, type SnapshotRow, db } from '../db';
import { ImportError } from '../errors';
import { type LogEntry, chainLogEntries, prepareLogAppends } from '../chain/log';
import { pdfSignerRowFromBackup } from '../keys/pdfSigner';
import { type ChainHead } from '../schemas';
import { Session, secretsOf } from '../keys/session';
import { settingsRow } from '../settings';
import { prepareIndexWrite } from '../summary-index/summaryIndex';
import { bindingEntry } from '../keys/keyring';
import { destroyedChainProblem, encryptTombstone, tombstoneSignatureValid } from '../chain/tombstones';
import { canonicalJson } from '../../codec/canonical';
import type { ChainAppend } from '../chain/commit';
import { type BackupPayload } from './backupPayload';
import { type RebuiltShared, type SharedChains, rebuildShared } from './backupShared';
import { restoredCounterRow } from '../tabletMark';

export type RestoreResult = {
  backupId: string;
  backupCreatedAt: string;
  caseCount: number;
  users: { userId: string; name: string; role: string }[];
};

export async function deviceIsEmpty(): Promise<string | null> {
  const d = db();
  const cases = await d.cases.count();
  if (cases > 0)
    return `This device already holds ${cases} case${cases === 1 ? '' : 's'}. A backup is restored only into an empty device, so nothing here is overwritten. Nothing was changed.`;
  if ((await d.meta.get('device')) || (await d.keyring.count()) > 0) {
    return 'This device is already set up. A backup is restored only into an empty device (a new installation, or one whose data was cleared). Nothing was changed.';
  }
  return null;
}

/**
 * Restores a backup into an EMPTY device. Every check runs before anything is written: the file's
 * kind, version and shape, the KDF floor, the passphrase, the payload's shape, and a replay of
 * every case's events through the case machine that must reproduce each stored chain head. Then
 * one transaction writes it all (new case keys, re-chained device head, a 'backup.restored' log
 * entry). Any failure: a typed ImportError with a clear message, and the device unchanged.
 */

export async function restoreInto(
  session: Session,
  payload: BackupPayload,
  logEntries: LogEntry[],
  keyringRows: KeyringRow[],
  epoch: string,
): Promise<RestoreResult> {
  const { keys } = secretsOf(session);
  // Re-chain the log exactly as it was, and check it ends where the backup said.
  const log = await chainLogEntries(session, { seq: 0, digest: GENESIS }, logEntries);
  if (log.head.seq !== payload.log.head.seq || log.head.digest !== payload.log.head.digest) {
    throw new ImportError(
      'corrupt',
      'The establishment log in this backup does not match its recorded head. Nothing was changed.',
    );
  }
  // Replay every case through the machine: same events, same digests, new keys.
  const built: {
    caseId: string;
    rows: { row: CaseRow; snapshot: SnapshotRow };
    appends: Awaited<ReturnType<typeof buildSteps>>['appends'];
    head: ChainHead;
    summary: CaseSummary;
    peerEvents?: RebuiltShared['peerEvents'];
    peerHeads?: RebuiltShared['peerHeads'];
  }[] = [];
  // Other tablets' chains of shared cases (backupShared.ts); absent in older backups.
  const sharedBy = new Map<string, SharedChains>();
  for (const x of payload.shared ?? []) sharedBy.set(x.caseId, [...(sharedBy.get(x.caseId) ?? []), x]);
  for (const id of sharedBy.keys())
    if (!payload.cases.some((c) => c.caseId === id))
      throw new ImportError(
        'corrupt',
        'This backup holds another tablet’s steps of a case it does not hold. Nothing was changed.',
      );
  for (const c of payload.cases) {
    const events = c.events as unknown as CaseEvent[];
    const chains = sharedBy.get(c.caseId);
    if (chains) {
      const { key, wrapped } = await newCaseKey(session, c.caseId);
      built.push(await rebuildShared(key, wrapped, { caseId: c.caseId, head: c.head, events }, chains));
      continue;
    }
    const first = events[0];
    if (!first || first.type !== 'case.opened' || first.caseId !== c.caseId)
      throw new ImportError(
        'corrupt',
        `A case in this backup (${c.caseId.slice(0, 8)}) does not start with its opening. Nothing was changed.`,
      );
    const { key, wrapped } = await newCaseKey(session, c.caseId);
    let steps: Awaited<ReturnType<typeof buildSteps>>;
    try {
      steps = await buildSteps(
        key,
        c.caseId,
        { head: { seq: 0, digest: GENESIS }, snapshot: initialSnapshot() },
        events,
      );
    } catch (e) {
      if (e instanceof RejectedEventError)
        throw new ImportError(
          'refused-by-policy',
          `Case ${first.reference}: an event in the backup is refused by this version of the app (${e.message}). Nothing was changed.`,
          { cause: e },
        );
      throw new ImportError('corrupt', `Case ${first.reference} in this backup is damaged. Nothing was changed.`, {
        cause: e,
      });
    }
    if (steps.head.seq !== c.head.seq || steps.head.digest !== c.head.digest) {
      throw new ImportError(
        'corrupt',
        `Case ${first.reference} in this backup does not match its recorded head (it was altered). Nothing was changed.`,
      );
    }
    built.push({
      caseId: c.caseId,
      rows: caseRows(c.caseId, wrapped, steps, first.recordedAt, events[events.length - 1]!.recordedAt),
      appends: steps.appends,
      head: steps.head,
      summary: steps.summary,
    });
  }
  // Destroyed cases come back as what they were: a signed tombstone and each event's place and digest.
  const destroyed: { appends: ChainAppend[]; meta: Awaited<ReturnType<typeof encryptTombstone>>; caseId: string }[] =
    [];
  const loggedDestructions = new Map(
    logEntries.flatMap((e) => (e.type === 'case.destroyed' ? [[e.caseId, e.tombstone.signature] as const] : [])),
  );
  for (const x of payload.destroyed ?? []) {
    const t = x.tombstone;
    const bad = (why: string) =>
      new ImportError(
        'corrupt',
        `The note of destroyed case ${t.reference} in this backup ${why}. Nothing was changed.`,
      );
    if (
      canonicalJson(t.publicKey) !== canonicalJson(payload.establishment.signingPublicJwk) ||
      !(await tombstoneSignatureValid(t))
    )
      throw bad('is not validly signed');
    if (loggedDestructions.get(t.caseId) !== t.signature) throw bad('is not the one the establishment log records');
    if (payload.cases.some((c) => c.caseId === t.caseId)) throw bad('names a case that is also in the backup');
    const problem = destroyedChainProblem(
      t.caseId,
      `destroyed case ${t.reference}`,
      x.ownHead ?? t.finalHead,
      x.events,
    );
    if (problem) throw bad('does not match its recorded head');
    destroyed.push({
      caseId: t.caseId,
      appends: x.events.map((e) => ({
        chain: t.caseId,
        seq: e.seq,
        eventId: e.eventId,
        digest: e.digest,
        enc: { v: 1 as const, iv: '', ct: '' },
      })),
      meta: { ...(await encryptTombstone(keys.dataKey, t)), ...(x.ownHead ? { own: x.ownHead } : {}) },
    });
  }
  const now = new Date().toISOString();
  // New cases never take a restored case's reference (tabletMark.ts).
  const references = payload.cases.flatMap((c) => {
    const first = c.events[0] as unknown as CaseEvent | undefined;
    return first?.type === 'case.opened' ? [first.reference] : [];
  });
  const settingsMeta = await settingsRow(keys.macKey, {
    settings: payload.establishment.settings,
    sealingPublicJwk: payload.establishment.sealingPublicJwk,
    signingPublicJwk: payload.establishment.signingPublicJwk,
    updatedAt: now,
  });
  const privateKeys = {
    key: 'private-keys' as const,
    sealing: await encryptJson(keys.dataKey, recordId.sealingPrivateKey, payload.keys.sealingPrivateJwk),
    signing: await encryptJson(keys.dataKey, recordId.signingPrivateKey, payload.keys.signingPrivateJwk),
  };
  const pdfSignerRow = payload.keys.pdfSigner
    ? await pdfSignerRowFromBackup(keys, payload.keys.pdfSigner).catch(() => {
        throw new ImportError('corrupt', 'The PDF signing certificate in this backup is damaged. Nothing was changed.');
      })
    : null;
  const restored = await prepareLogAppends(
    session,
    log.head,
    [
      {
        type: 'backup.restored',
        backupId: payload.backupId,
        backupCreatedAt: payload.createdAt,
        caseCount: payload.cases.length,
      },
      await bindingEntry(keyringRows, 'restored', epoch),
    ],
    { userId: 'system', role: 'system', name: 'Restore from backup' },
  );

  const index = await commit(session, async () => {
    const appends = [
      ...log.appends,
      ...restored.appends,
      ...built.flatMap((b) => b.appends),
      ...destroyed.flatMap((x) => x.appends),
    ];
    // Destroyed cases never enter the index: only their tombstones come back.
    const idx = await prepareIndexWrite(
      session,
      built.map((b) => ({ caseId: b.caseId, head: b.head, summary: b.summary })),
      appends.length,
    );
    return {
      plan: {
        appends,
        expect: [
          { chain: LOG_CHAIN_ID, head: null },
          ...built.map((b) => ({ chain: b.caseId, head: null })),
          ...destroyed.map((x) => ({ chain: x.caseId, head: null })),
        ],
        write: async (d, ctx) => {
          // A destroyed case's rows keep their place and digest only: the placeholder content is dropped at once.
          const stripped = destroyed.flatMap((x) =>
            x.appends.map((a) => ({
              caseId: a.chain,
              seq: a.seq,
              eventId: a.eventId,
              dseq: ctx.dseqOf(a),
              digest: a.digest,
            })),
          );
          if (stripped.length > 0) await d.events.bulkPut(stripped as never);
          if (destroyed.length > 0) await d.meta.bulkPut(destroyed.map((x) => x.meta));
          const why = await deviceIsEmpty();
          if (why) throw new ImportError('device-not-empty', why);
          await d.meta.bulkPut([
            { key: 'device', installationId: payload.establishment.installationId, createdAt: now },
            settingsMeta,
            privateKeys,
            ...(pdfSignerRow ? [pdfSignerRow] : []),
            restoredCounterRow(payload.referenceCounter, references),
          ]);
          await d.keyring.bulkPut(keyringRows);
          await d.cases.bulkAdd(built.map((b) => b.rows.row));
          await d.snapshots.bulkPut(built.map((b) => b.rows.snapshot));
          await d.peerEvents.bulkPut(built.flatMap((b) => b.peerEvents ?? []));
          await d.peerHeads.bulkPut(built.flatMap((b) => b.peerHeads ?? []));
          if (payload.inbox.length > 0) await d.inbox.bulkPut(payload.inbox);
          await idx.write(d);
        },
      },
      result: idx,
    };
  });
  index.apply();
  await writeCheckpoint(session);
  return {
    backupId: payload.backupId,
    backupCreatedAt: payload.createdAt,
    caseCount: payload.cases.length,
    users: payload.keys.keyring
      .filter((k) => k.kind === 'user')
      .map((k) => ({ userId: k.userId, name: k.displayName ?? '', role: k.role ?? '' })),
  };
}
