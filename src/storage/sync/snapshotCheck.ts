// Owns the checks a copy of the key holders and settings (an `estab` record, directory.ts) passes
// before this tablet takes anything from it, whether a new data key (generation.ts) or a change
// made under the key it is on (followChange.ts): every key holder's row and the settings carry
// valid MACs under the data key the copy is of, the establishment log of that generation walks as
// a hash chain from its first entry to the head the copy names (logChain.ts), and that log's latest
// keyring binding lists exactly the rows shown (docs/SECURITY.md items 1, 16 and 18).
import { type EstablishmentKeys, verifyHmac } from '../crypto';
import { keyringMacInput } from '../chain/chain';
import type { KeyringRow } from '../db';
import { rowDigest } from '../keys/keyring';
import { settingsRowAuthentic } from '../settings';
import type { EstabSnapshot } from './directory';
import { type LogDoc, ruleProblem } from './docs';
import { type LogChain, logChainTo } from './logChain';
import type { PouchDatabase } from './pouch';

/** The establishment log records of one generation of the data key (checked against the server's rules, one version each). */
export async function logDocsOf(local: PouchDatabase, epoch: string): Promise<LogDoc[]> {
  const all = await local.allDocs({ include_docs: true, startkey: 'log:', endkey: 'log:\ufff0' });
  return all.rows
    .map((r) => r.doc)
    .filter((doc): doc is NonNullable<typeof doc> => !!doc && !doc._conflicts?.length && !ruleProblem(doc))
    .map((doc) => doc as unknown as LogDoc)
    .filter((doc) => doc.gen === epoch);
}

export type SnapshotChecked = { log: LogChain } | { refused: string } | { wait: string };

/**
 * Checks `snapshot` under `keys` (the data key of generation `epoch`) against the log records
 * `logDocs` of that generation. A log that does not reach the copy's head yet is waited for.
 */
export async function checkSnapshot(
  logDocs: readonly LogDoc[],
  snapshot: EstabSnapshot,
  keys: Pick<EstablishmentKeys, 'macKey' | 'dataKey'>,
  epoch: string,
): Promise<SnapshotChecked> {
  for (const r of snapshot.keyring)
    if (!(await verifyHmac(keys.macKey, keyringMacInput(r), r.mac)))
      return { refused: 'A key holder’s details in it were altered: not used.' };
  if (!(await settingsRowAuthentic(keys.macKey, snapshot.settings)))
    return { refused: 'The establishment’s settings in it were altered: not used.' };
  const log = await logChainTo(logDocs, snapshot.logHead, keys.dataKey);
  if (!log) return { wait: 'its establishment log is still arriving.' };
  const latest = log.entries.filter((e) => e.type === 'keyring.bound').at(-1);
  const digests = new Map(
    await Promise.all(snapshot.keyring.map(async (r) => [r.userId, await rowDigest(r as KeyringRow)] as const)),
  );
  if (
    !latest ||
    latest.type !== 'keyring.bound' ||
    latest.epoch !== epoch ||
    latest.rows.length !== digests.size ||
    latest.rows.some(([id, dg]) => digests.get(id) !== dg)
  )
    return { refused: 'Its key holders are not the ones its establishment log records as current: not used.' };
  return { log };
}
