// Rough figures at 1,000 seeded cases in fake-indexeddb (not a benchmark: `npm run bench` is): appendEvent, unlock, listSummaries, the checks.
import { beforeAll, expect, it } from 'vitest';
import { appendEvent, listSummaries } from '../../../src/storage/cases';
import { bulkSeedCases } from '../../../src/storage/seed';
import { quickVerify } from '../../../src/storage/chain/quickVerify';
import { fullVerify } from '../../../src/storage/chain/fullVerify';
import { unlock } from '../../../src/storage/keys/keyring';
import { lock } from '../../../src/storage/keys/session';
import { PASSPHRASES, setUpDevice, type Device } from './harness';
import { noteDraft } from './flows';

// YPSI_PERF_CASES=10000 for the 10,000-case figure (about a minute; not run by default).
const CASES = Number(process.env.YPSI_PERF_CASES ?? 1000);
let device: Device;
let ids: string[];
const figures: Record<string, number> = {};
const ms = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const out = await fn();
  figures[label] = Math.round(performance.now() - t);
  return out;
};

beforeAll(async () => {
  device = await setUpDevice('perf');
  ids = await ms(`bulkSeedCases(${CASES})`, () => bulkSeedCases(device.session, CASES));
}, 600_000);

it(`stays usable at ${CASES} cases`, async () => {
  const session = await ms('unlock', () => unlock(device.users.dsl, PASSPHRASES.dsl));
  const list = await ms('listSummaries (fresh session: unwrap + decrypt each)', () => listSummaries(session));
  expect(list.summaries).toHaveLength(CASES);
  await ms('quickVerify (first: every seeded event is new)', () => quickVerify(session));
  const quick = await ms('quickVerify (after the checkpoint)', () => quickVerify(session));
  expect(quick.ok).toBe(true);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await appendEvent(session, ids[i % ids.length]!, noteDraft(session, `note ${i}`));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  figures['appendEvent (median of 20)'] = Math.round(times[10]!);
  const full = await ms('fullVerify', () => fullVerify(session));
  expect(full.ok).toBe(true);
  lock(session);
  console.log(`figures at ${CASES} cases (fake-indexeddb, Node):`, figures);
}, 600_000);
