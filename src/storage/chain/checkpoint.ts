// Owns checkpoints: an HMAC'd record of every chain head and the device head at one moment, so the unlock check reads only what came after.
import { type CheckpointBody, LOG_CHAIN_ID, checkpointMac } from './chain';
import { type Checkpoint, openCheckpointRow } from './checkpointRow';
import { type DeviceHead, readDeviceHead, readLogHead, serialised } from './commit';
import { type CheckpointRow, db } from '../db';
import { CheckpointRowSchema, parseRow } from '../schemas';
import { type Session, secretsOf } from '../keys/session';
import { acquireWriterLock } from '../writerLock';
import { raiseHighWater } from './highWater';
import { rawTombstoneRows, tombstoneHeads } from './tombstones';

export { EMPTY_CHECKPOINT, type Checkpoint } from './checkpointRow';

/** The stored checkpoint, its MAC checked; null if there is none; 'forged' if the MAC fails. */
export async function readCheckpoint(session: Session): Promise<Checkpoint | null | 'forged'> {
  return openCheckpointRow(secretsOf(session).keys.macKey, await db().heads.get('checkpoint'));
}

/** Every chain's head as stored now, sorted by chain id, with the device head: read in one transaction. */
export async function currentHeads(): Promise<{ device: DeviceHead; heads: [string, number, string][] }> {
  const d = db();
  return d.transaction('r', [d.cases, d.heads, d.meta], async () => {
    const device = await readDeviceHead(d);
    const log = await readLogHead(d);
    const heads: [string, number, string][] = [];
    await d.cases.each((row) => {
      heads.push([row.id, row.head.seq, row.head.digest]);
    });
    // A destroyed case keeps its final head in the checkpoint: its tombstone cannot be removed unseen.
    for (const [id, t] of tombstoneHeads(await rawTombstoneRows(d))) heads.push([id, t.head.seq, t.head.digest]);
    if (log.seq > 0) heads.push([LOG_CHAIN_ID, log.seq, log.digest]);
    heads.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { device, heads };
  });
}

/**
 * Records the current heads as verified. Call only after a check passed (quickVerify does), or
 * after writes this session made itself: a checkpoint vouches for what it records. Returns false
 * (and writes nothing) in a tab that is not the writer, or if a write slipped in meanwhile.
 */
export async function writeCheckpoint(session: Session): Promise<boolean> {
  if (!(await acquireWriterLock())) return false;
  return serialised(async () => {
    const { device, heads } = await currentHeads();
    // Written after a check that read everything: all of it is checked.
    const body: CheckpointBody = { dseq: device.dseq, deviceMac: device.mac, heads, checked: device.dseq };
    const row: CheckpointRow = {
      id: 'checkpoint',
      ...body,
      at: new Date().toISOString(),
      mac: await checkpointMac(secretsOf(session).keys.macKey, body),
    };
    const d = db();
    return d
      .transaction('rw', d.heads, async () => {
        const now = await readDeviceHead(d);
        if (now.dseq !== device.dseq || now.mac !== device.mac) return false;
        await d.heads.put(row);
        return true;
      })
      .then(async (written) => {
        if (written) await raiseHighWater(secretsOf(session).keys.macKey, device);
        return written;
      });
  });
}

export function parseCheckpointRow(raw: unknown): CheckpointRow {
  return parseRow(CheckpointRowSchema, raw, 'checkpoint');
}
