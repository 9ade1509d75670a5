// Issue 13: any interleaving of appends on three tablets, exchanged through the server in any
// order (whole or in part), converges: once every tablet has sent and fetched everything, each
// holds the same case, its steps in the same replay order, the same derived state and the same
// fork or merge status. Real storage, real sync inbox and outbox; the server is a PouchDB in memory.
// Bounded and seeded.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendEvent, createCase, loadCase } from '../../../src/storage/cases';
import { persist } from '../../../src/domain/machine';
import { CaseNotFoundError } from '../../../src/storage/errors';
import type { PouchDatabase } from '../../../src/storage/sync/pouch';
import { setUpDevice } from '../storage/harness';
import { disclosureDraft, noteDraft } from '../storage/flows';
import { type Tablet, newTablet, on, pullFrom, pushTo } from './tablets';
import { pouch } from './tablet';

type Action =
  | { kind: 'note'; t: number }
  | { kind: 'merge'; t: number }
  | { kind: 'push'; t: number }
  | { kind: 'pull'; t: number; part: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('note' as const), t: fc.nat(2) }),
  fc.record({ kind: fc.constant('merge' as const), t: fc.nat(2) }),
  fc.record({ kind: fc.constant('push' as const), t: fc.nat(2) }),
  // part: which of the server's documents this pull fetches (a bit per document; 0 fetches all).
  fc.record({ kind: fc.constant('pull' as const), t: fc.nat(2), part: fc.nat(1023) }),
);

let tablets: Tablet[];
beforeAll(async () => {
  const device = await setUpDevice('sync-converge');
  tablets = [await newTablet(device, 'a'), await newTablet(device, 'b'), await newTablet(device, 'c')];
}, 60_000);

let runs = 0;
async function converge(actions: Action[]) {
  const Pouch = await pouch();
  const server: PouchDatabase = new Pouch(`converge-server-${++runs}`, { adapter: 'memory' });
  const [a] = tablets as [Tablet, Tablet, Tablet];
  const s = on(a);
  const c = await createCase(s);
  await appendEvent(s, c.caseId, disclosureDraft(s));
  await pushTo(a, server);
  let n = 0;
  const refusedOnTheWay: unknown[] = [];
  for (const x of actions) {
    const t = tablets[x.t]!;
    const session = on(t);
    if (x.kind === 'note') {
      try {
        await appendEvent(session, c.caseId, noteDraft(session, `Note ${++n} on tablet ${'ABC'[x.t]}.`));
      } catch (e) {
        // A tablet that has not fetched the case yet cannot add to it.
        if (!(e instanceof CaseNotFoundError)) throw e;
      }
    } else if (x.kind === 'merge') {
      const here = await loadCase(session, c.caseId).catch(() => null);
      const branches = here?.snapshot.context.branches;
      if (branches?.forked)
        await appendEvent(session, c.caseId, {
          type: 'branches.merged',
          actor: session.actor,
          occurredAt: new Date().toISOString(),
          heads: branches.heads,
          reconciliation: `Merged on tablet ${'ABC'[x.t]}: both branches stand.`,
        });
    } else if (x.kind === 'push') await pushTo(t, server);
    else {
      const ids = (await server.allDocs({})).rows
        .map((r) => r.id)
        .filter((_, i) => x.part === 0 || (x.part >> (i % 10)) & 1);
      const report = await pullFrom(t, server, ids);
      refusedOnTheWay.push(...report.newlyRefused);
    }
  }
  expect(refusedOnTheWay).toEqual([]);
  // Everyone sends and fetches everything (twice: what one fetched, another may not have sent yet).
  for (let round = 0; round < 2; round++)
    for (const t of tablets) {
      await pushTo(t, server);
      for (const u of tablets) expect((await pullFrom(u, server)).newlyRefused).toEqual([]);
    }
  const seen = [];
  for (const t of tablets) {
    const loaded = await loadCase(on(t), c.caseId);
    seen.push({
      order: loaded.events.map((e) => e.id),
      state: persist(loaded.snapshot),
      branches: loaded.snapshot.context.branches ?? null,
    });
  }
  expect(seen[1]).toEqual(seen[0]);
  expect(seen[2]).toEqual(seen[0]);
  await server.destroy();
  return seen[0]!;
}

describe('three tablets, one case', () => {
  it('converge to the same case whatever the interleaving of appends and exchanges (property)', async () => {
    await expect(
      fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
          await converge(actions);
        }),
        { numRuns: 10, seed: 20261303 },
      ),
    ).resolves.toBeUndefined();
  }, 240_000);

  it('converge when all three add to the case at once and one merges', async () => {
    const result = await converge([
      { kind: 'pull', t: 1, part: 0 },
      { kind: 'pull', t: 2, part: 0 },
      { kind: 'note', t: 0 },
      { kind: 'note', t: 1 },
      { kind: 'note', t: 2 },
      { kind: 'push', t: 1 },
      { kind: 'push', t: 2 },
      { kind: 'pull', t: 0, part: 0 },
      { kind: 'merge', t: 0 },
    ]);
    // Three heads were merged in one step; nothing is forked on any tablet.
    expect(result.branches?.forked).toBe(false);
    expect(new Set(result.branches?.devices)).toEqual(new Set(tablets.map((t) => t.device)));
    const merges = (result.state as { context: { merges?: { heads: string[] }[] } }).context.merges;
    expect(merges).toHaveLength(1);
    expect(merges![0]!.heads).toHaveLength(3);
  });

  it('converge to a fork shown on every tablet when nobody merges', async () => {
    const result = await converge([
      { kind: 'pull', t: 1, part: 0 },
      { kind: 'note', t: 0 },
      { kind: 'note', t: 1 },
    ]);
    expect(result.branches).toMatchObject({ forked: true });
    expect(result.branches!.heads).toHaveLength(2);
  }, 120_000);
});
