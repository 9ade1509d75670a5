// The sync actor's states and timing, driven by a scripted engine (the real engine is tested
// against a real server in engine.test.ts) and XState's simulated clock (no real waiting).
import { describe, expect, it } from 'vitest';
import { SimulatedClock, createActor, waitFor } from 'xstate';
import { type SyncDriver, backoffMs, syncMachine } from '../../../src/storage/sync/machine';
import { type ConnectResult, SyncFailure } from '../../../src/storage/sync/engine';
import type { InboxReport } from '../../../src/storage/sync/inbox';
import type { PulledReport } from '../../../src/storage/sync/machineTypes';

type Script = { connect: ConnectResult[]; pushFails?: SyncFailure[]; pending?: number };

function scripted(script: Script) {
  const calls: string[] = [];
  let watcher: { change: () => void; error: (f: SyncFailure) => void } | null = null;
  const reports: PulledReport[] = [];
  const report: InboxReport = { confirmed: 0, held: 0, applied: 0, refused: [] };
  const driver: SyncDriver = {
    connect: async () => {
      calls.push('connect');
      return script.connect.shift() ?? { kind: 'ok' };
    },
    pull: async (onProgress) => {
      calls.push('pull');
      onProgress({ read: 5, total: 10 });
      return reports.shift() ?? report;
    },
    push: async () => {
      calls.push('push');
      const fail = script.pushFails?.shift();
      if (fail) throw fail;
      return { sent: 1, refusedByServer: [], unsendable: [] };
    },
    pending: async () => script.pending ?? 0,
    watch: (change, error) => {
      calls.push('watch');
      watcher = { change, error };
      return () => {
        calls.push('unwatch');
        watcher = null;
      };
    },
  };
  return {
    driver,
    calls,
    reports,
    remoteChange: () => watcher?.change(),
    feedBreaks: (f: SyncFailure) => watcher?.error(f),
  };
}

/** Lets pending promise callbacks run (no timers) until `done`, or a bounded number of turns. */
async function settled(done: () => boolean) {
  for (let i = 0; i < 100 && !done(); i++) await Promise.resolve();
}

function start(driver: SyncDriver, online = true) {
  const clock = new SimulatedClock();
  const actor = createActor(syncMachine, { input: { driver, online }, clock });
  actor.start();
  return { actor, clock };
}

describe('the sync actor', () => {
  it('online: connects, pulls, pushes and is up to date, then pushes each local change and pulls each remote one', async () => {
    const s = scripted({ connect: [] });
    const { actor } = start(s.driver);
    const up = await waitFor(actor, (snap) => snap.matches('upToDate'));
    expect(up.context.lastSyncedAt).not.toBeNull();
    expect(up.context.pulledOnce).toBe(true);
    expect(s.calls).toEqual(['connect', 'pull', 'push', 'watch']);
    actor.send({ type: 'LOCAL_CHANGE' });
    await waitFor(actor, (snap) => snap.matches('upToDate') && s.calls.length > 4);
    s.remoteChange();
    await waitFor(actor, (snap) => snap.matches('upToDate') && s.calls.filter((c) => c === 'pull').length === 2);
    expect(s.calls).toEqual([
      'connect',
      'pull',
      'push',
      'watch',
      'unwatch',
      'push',
      'watch',
      'unwatch',
      'pull',
      'push',
      'watch',
    ]);
    actor.stop();
  });

  it('pushes again when a step is recorded during a push, before it says it is up to date', async () => {
    const s = scripted({ connect: [] });
    let release: () => void = () => {};
    const firstPushHeld = new Promise<void>((ok) => (release = ok));
    const push = s.driver.push;
    let pushes = 0;
    s.driver.push = async () => {
      pushes++;
      if (pushes === 1) await firstPushHeld;
      return push();
    };
    const { actor } = start(s.driver);
    await waitFor(actor, (snap) => snap.matches('pushing'));
    actor.send({ type: 'LOCAL_CHANGE' });
    release();
    await waitFor(actor, (snap) => snap.matches('upToDate'));
    expect(pushes).toBe(2);
    actor.stop();
  });

  it('offline at the start: waits, counts what is waiting, and connects when the network is back', async () => {
    const s = scripted({ connect: [], pending: 3 });
    const { actor } = start(s.driver, false);
    const off = await waitFor(actor, (snap) => snap.matches('offline') && snap.context.pending === 3);
    expect(off.context.pending).toBe(3);
    expect(s.calls).toEqual([]);
    actor.send({ type: 'ONLINE' });
    await waitFor(actor, (snap) => snap.matches('upToDate'));
    actor.send({ type: 'OFFLINE' });
    expect(actor.getSnapshot().value).toBe('offline');
    expect(s.calls.at(-1)).toBe('unwatch');
    actor.stop();
  });

  it('backs off when the server cannot be reached: 2 s, then 4 s, then up to 5 minutes, and a retry goes at once', async () => {
    const unreachable: ConnectResult = { kind: 'unreachable', message: 'The school’s server could not be reached.' };
    const s = scripted({ connect: [unreachable, unreachable, unreachable] });
    const { actor, clock } = start(s.driver);
    const first = await waitFor(actor, (snap) => snap.matches('error'));
    expect(first.context).toMatchObject({ failures: 1, message: 'The school’s server could not be reached.' });
    clock.increment(1999);
    expect(actor.getSnapshot().value).toBe('error');
    clock.increment(1);
    const second = await waitFor(actor, (snap) => snap.matches('error') && snap.context.failures === 2);
    expect(second.context.failures).toBe(2);
    clock.increment(3999);
    expect(actor.getSnapshot().value).toBe('error');
    actor.send({ type: 'RETRY' });
    await waitFor(actor, (snap) => snap.matches('error') && snap.context.failures === 3);
    actor.send({ type: 'RETRY' });
    const up = await waitFor(actor, (snap) => snap.matches('upToDate'));
    expect(up.context.failures).toBe(0);
    expect([1, 2, 3, 9, 20].map(backoffMs)).toEqual([2000, 4000, 8000, 300000, 300000]);
    actor.stop();
  });

  it('stops and asks for sign-in when the credentials are refused, and never retries by itself', async () => {
    const s = scripted({
      connect: [{ kind: 'needs-sign-in', message: 'The server did not accept this tablet’s name and password.' }],
    });
    const { actor, clock } = start(s.driver);
    const snap = await waitFor(actor, (x) => x.matches('needsSignIn'));
    expect(snap.context.message).toContain('did not accept');
    clock.increment(60 * 60_000);
    expect(actor.getSnapshot().value).toBe('needsSignIn');
    expect(s.calls).toEqual(['connect']);
    actor.stop();
  });

  it('is refused when the tablet was revoked during a push, and says so', async () => {
    const s = scripted({
      connect: [],
      pushFails: [
        new SyncFailure(
          'refused',
          'The server refused this tablet: it is not (or no longer) a member of the database.',
        ),
      ],
    });
    const { actor } = start(s.driver);
    const snap = await waitFor(actor, (x) => x.matches('refused'));
    expect(snap.context.message).toContain('no longer) a member');
    actor.stop();
  });

  it('pauses on request (counting what waits) and resumes', async () => {
    const s = scripted({ connect: [], pending: 2 });
    const { actor } = start(s.driver);
    await waitFor(actor, (x) => x.matches('upToDate'));
    actor.send({ type: 'PAUSE' });
    const paused = await waitFor(actor, (x) => x.matches('paused') && x.context.pending === 2);
    expect(paused.context.pending).toBe(2);
    actor.send({ type: 'RESUME' });
    await waitFor(actor, (x) => x.matches('upToDate'));
    actor.stop();
  });

  it('goes to error with back-off when the live feed breaks', async () => {
    const s = scripted({ connect: [] });
    const { actor } = start(s.driver);
    await waitFor(actor, (x) => x.matches('upToDate'));
    s.feedBreaks(new SyncFailure('unreachable', 'The school’s server could not be reached.'));
    const snap = await waitFor(actor, (x) => x.matches('error'));
    expect(snap.context.failures).toBe(1);
    expect(snap.context.retryAt).not.toBeNull();
    actor.stop();
  });

  it('counts the pulls that changed something, naming the cases they moved on, for the open screens', async () => {
    const s = scripted({ connect: [] });
    const pulls = () => s.calls.filter((c) => c === 'pull').length;
    s.reports.push({ confirmed: 0, held: 0, applied: 2, refused: [], changedCases: ['case-1'] });
    const { actor } = start(s.driver);
    const first = await waitFor(actor, (snap) => snap.matches('upToDate'));
    expect(first.context.changes).toMatchObject({ serial: 1, cases: ['case-1'], all: false });
    expect(first.context.changes.at).not.toBeNull();
    // A pull that changes nothing leaves the record as it was (no screen reloads for nothing).
    s.remoteChange();
    const quiet = await waitFor(actor, (snap) => snap.matches('upToDate') && pulls() === 2);
    expect(quiet.context.changes.serial).toBe(1);
    // A disclosure delivered, then a rotation taken on (cases may have been erased): each counts.
    s.reports.push({ confirmed: 1, held: 0, applied: 2, refused: [], changedCases: [], delivered: 1 });
    s.remoteChange();
    const delivered = await waitFor(actor, (snap) => snap.matches('upToDate') && pulls() === 3);
    expect(delivered.context.changes).toMatchObject({ serial: 2, cases: [], all: false });
    s.reports.push({ confirmed: 0, held: 0, applied: 2, refused: [], followed: { erased: 1 } });
    s.remoteChange();
    const rotated = await waitFor(actor, (snap) => snap.matches('upToDate') && pulls() === 4);
    expect(rotated.context.changes).toMatchObject({ serial: 3, all: true });
    actor.stop();
  });

  it('counts a pull that finished after the tablet went offline: what it applied is on the tablet all the same', async () => {
    const s = scripted({ connect: [] });
    let finish: (r: PulledReport) => void = () => {};
    let started: () => void = () => {};
    const pulling = new Promise<void>((ok) => (started = ok));
    const { actor } = start({
      ...s.driver,
      pull: () =>
        new Promise<PulledReport>((ok) => {
          finish = ok;
          started();
        }),
    });
    await pulling;
    actor.send({ type: 'OFFLINE' });
    expect(actor.getSnapshot().matches('offline')).toBe(true);
    finish({ confirmed: 0, held: 0, applied: 1, refused: [], changedCases: ['case-9'] });
    const after = await waitFor(actor, (snap) => snap.context.changes.serial === 1);
    expect(after.context.changes.cases).toEqual(['case-9']);
    expect(after.matches('offline')).toBe(true);
    actor.stop();
  });

  it('never runs a second pull while one left behind (offline, then online again) is still checking', async () => {
    const s = scripted({ connect: [] });
    const finishers: ((r: PulledReport) => void)[] = [];
    let running = 0;
    let most = 0;
    const { actor } = start({
      ...s.driver,
      pull: () => {
        most = Math.max(most, ++running);
        return new Promise<PulledReport>((ok) => finishers.push((r) => (running--, ok(r))));
      },
    });
    await settled(() => finishers.length === 1);
    actor.send({ type: 'OFFLINE' });
    actor.send({ type: 'ONLINE' });
    await waitFor(actor, (snap) => snap.matches('pulling'));
    // The second pull waits for the first: only one has started.
    await settled(() => false);
    expect(finishers).toHaveLength(1);
    finishers[0]!({ confirmed: 0, held: 0, applied: 0, refused: [] });
    await settled(() => finishers.length === 2);
    finishers[1]!({ confirmed: 0, held: 0, applied: 0, refused: [] });
    await waitFor(actor, (snap) => snap.matches('upToDate'));
    expect(most).toBe(1);
    actor.stop();
  });
});
