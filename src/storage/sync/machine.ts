// The sync actor (XState v5): decides when the tablet connects, pulls, pushes and waits, while the
// session is unlocked. Live while online; backs off when the server cannot be reached; stops at
// the first sign-in or membership problem and says which (docs/SYNC.md).
import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { ConnectResult, PullProgress, PushReport, SyncFailure } from './engine';
import type { PulledChanges, PulledReport, SyncContext, SyncDriver, SyncEvent } from './machineTypes';

export type { PulledChanges, SyncContext, SyncDriver, SyncEvent, SyncStateName } from './machineTypes';

export const MAX_BACKOFF_MS = 5 * 60_000;
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.max(0, failures - 1));
}

function failureOf(error: unknown): { kind: string; message: string } {
  if (error && typeof error === 'object' && 'kind' in error && 'message' in error)
    return { kind: String((error as SyncFailure).kind), message: String((error as SyncFailure).message) };
  return { kind: 'error', message: error instanceof Error ? error.message : 'Sync failed.' };
}

const now = () => new Date().toISOString();

/**
 * One pull or push at a time per engine. A state left while its pull or push runs (offline, paused)
 * does not stop that promise; the next one waits for it, so two checks never apply the same pulled
 * steps at once (the second would find them applied under it and refuse them as inserted).
 */
const running = new WeakMap<SyncDriver, Promise<unknown>>();
function oneAtATime<T>(driver: SyncDriver, run: () => Promise<T>): Promise<T> {
  const next = (running.get(driver) ?? Promise.resolve()).catch(() => undefined).then(run);
  running.set(driver, next);
  return next;
}

/** The screens' record of what pulls changed, moved on when this pull changed anything (machineTypes.ts). */
function changesAfter(before: PulledChanges, report: PulledReport): PulledChanges {
  const cases = report.changedCases ?? [];
  const all = !!report.followed;
  if (cases.length === 0 && !all && !report.delivered) return before;
  return { serial: before.serial + 1, cases, all, at: now() };
}

export const syncMachine = setup({
  types: {
    context: {} as SyncContext,
    events: {} as SyncEvent,
    input: {} as { driver: SyncDriver; online: boolean; lastSyncedAt?: string | null; pulledOnce?: boolean },
  },
  actors: {
    connect: fromPromise<ConnectResult, { driver: SyncDriver }>(({ input }) => input.driver.connect()),
    pull: fromPromise<
      PulledReport,
      { driver: SyncDriver; onProgress: (p: PullProgress) => void; onReport: (r: PulledReport) => void }
    >(async ({ input }) => {
      const report = await oneAtATime(input.driver, () => input.driver.pull(input.onProgress));
      // What it applied is on this tablet now, whatever state the actor has moved to meanwhile.
      input.onReport(report);
      return report;
    }),
    push: fromPromise<PushReport & { pending: number }, { driver: SyncDriver }>(async ({ input }) => {
      const report = await oneAtATime(input.driver, () => input.driver.push());
      return { ...report, pending: await input.driver.pending() };
    }),
    count: fromPromise<number, { driver: SyncDriver }>(({ input }) => input.driver.pending()),
    watch: fromCallback<SyncEvent, { driver: SyncDriver }>(({ input, sendBack }) =>
      input.driver.watch(
        () => sendBack({ type: 'REMOTE_CHANGE' }),
        (failure) => sendBack({ type: 'FAILED', failure }),
      ),
    ),
  },
  delays: {
    backoff: ({ context }) => backoffMs(context.failures),
  },
  guards: {
    connected: (_, result: ConnectResult) => result.kind === 'ok',
    signIn: (_, result: ConnectResult) => result.kind === 'needs-sign-in',
    refusedOrNotSetUp: (_, result: ConnectResult) => result.kind === 'refused' || result.kind === 'not-set-up',
  },
}).createMachine({
  id: 'sync',
  context: ({ input }) => ({
    driver: input.driver,
    pending: 0,
    lastSyncedAt: input.lastSyncedAt ?? null,
    failures: 0,
    retryAt: null,
    message: null,
    refused: [],
    progress: null,
    pulledOnce: input.pulledOnce ?? false,
    startOnline: input.online,
    dirty: false,
    changes: { serial: 0, cases: [], all: false, at: null },
  }),
  initial: 'starting',
  on: {
    OFFLINE: { target: '.offline' },
    PAUSE: { target: '.paused' },
    // While connecting, pulling or pushing: remembered, so the step is sent before the actor rests.
    LOCAL_CHANGE: { actions: assign({ dirty: true }) },
    PULLED: { actions: assign({ changes: ({ context, event }) => changesAfter(context.changes, event.report) }) },
  },
  states: {
    starting: {
      // Online or not, as the browser said when the actor started.
      always: [{ guard: ({ context }) => context.startOnline, target: 'connecting' }, { target: 'offline' }],
    },
    offline: {
      invoke: {
        src: 'count',
        input: ({ context }) => ({ driver: context.driver }),
        onDone: { actions: assign({ pending: ({ event }) => event.output }) },
      },
      on: {
        ONLINE: 'connecting',
        RETRY: 'connecting',
        LOCAL_CHANGE: { target: 'offline', reenter: true },
      },
    },
    connecting: {
      invoke: {
        src: 'connect',
        input: ({ context }) => ({ driver: context.driver }),
        onDone: [
          {
            guard: { type: 'connected', params: ({ event }) => event.output },
            target: 'pulling',
            actions: assign({ message: null }),
          },
          {
            guard: { type: 'signIn', params: ({ event }) => event.output },
            target: 'needsSignIn',
            actions: assign({ message: ({ event }) => ('message' in event.output ? event.output.message : null) }),
          },
          {
            guard: { type: 'refusedOrNotSetUp', params: ({ event }) => event.output },
            target: 'refused',
            actions: assign({ message: ({ event }) => ('message' in event.output ? event.output.message : null) }),
          },
          {
            target: 'error',
            actions: assign({
              message: ({ event }) => ('message' in event.output ? event.output.message : null),
              failures: ({ context }) => context.failures + 1,
            }),
          },
        ],
        onError: {
          target: 'error',
          actions: assign({
            message: ({ event }) => failureOf(event.error).message,
            failures: ({ context }) => context.failures + 1,
          }),
        },
      },
    },
    pulling: {
      invoke: {
        src: 'pull',
        input: ({ context, self }) => ({
          driver: context.driver,
          onProgress: (progress: PullProgress) =>
            context.pulledOnce ? undefined : self.send({ type: 'PROGRESS', progress }),
          onReport: (report: PulledReport) => self.send({ type: 'PULLED', report }),
        }),
        onDone: {
          target: 'pushing',
          actions: assign({
            refused: ({ event }) => event.output.refused,
            progress: null,
            pulledOnce: true,
          }),
        },
        onError: [
          {
            guard: ({ event }) => failureOf(event.error).kind === 'needs-sign-in',
            target: 'needsSignIn',
            actions: assign({ message: ({ event }) => failureOf(event.error).message }),
          },
          {
            guard: ({ event }) => failureOf(event.error).kind === 'refused',
            target: 'refused',
            actions: assign({ message: ({ event }) => failureOf(event.error).message }),
          },
          {
            target: 'error',
            actions: assign({
              message: ({ event }) => failureOf(event.error).message,
              failures: ({ context }) => context.failures + 1,
              progress: null,
            }),
          },
        ],
      },
      on: { PROGRESS: { actions: assign({ progress: ({ event }) => event.progress }) } },
    },
    pushing: {
      entry: assign({ dirty: false }),
      invoke: {
        src: 'push',
        input: ({ context }) => ({ driver: context.driver }),
        onDone: [
          {
            guard: ({ context }) => context.dirty,
            target: 'pushing',
            reenter: true,
            actions: assign({ failures: 0, retryAt: null, message: null }),
          },
          {
            target: 'upToDate',
            actions: assign({
              pending: ({ event }) => event.output.pending,
              lastSyncedAt: () => now(),
              failures: 0,
              retryAt: null,
              message: null,
            }),
          },
        ],
        onError: [
          {
            guard: ({ event }) => failureOf(event.error).kind === 'needs-sign-in',
            target: 'needsSignIn',
            actions: assign({ message: ({ event }) => failureOf(event.error).message }),
          },
          {
            guard: ({ event }) => failureOf(event.error).kind === 'refused',
            target: 'refused',
            actions: assign({ message: ({ event }) => failureOf(event.error).message }),
          },
          {
            target: 'error',
            actions: assign({
              message: ({ event }) => failureOf(event.error).message,
              failures: ({ context }) => context.failures + 1,
            }),
          },
        ],
      },
    },
    upToDate: {
      invoke: { src: 'watch', input: ({ context }) => ({ driver: context.driver }) },
      on: {
        LOCAL_CHANGE: 'pushing',
        REMOTE_CHANGE: 'pulling',
        FAILED: {
          target: 'error',
          actions: assign({
            message: ({ event }) => event.failure.message,
            failures: ({ context }) => context.failures + 1,
          }),
        },
      },
    },
    paused: {
      invoke: {
        src: 'count',
        input: ({ context }) => ({ driver: context.driver }),
        onDone: { actions: assign({ pending: ({ event }) => event.output }) },
      },
      on: { RESUME: 'connecting', LOCAL_CHANGE: { target: 'paused', reenter: true } },
    },
    needsSignIn: {
      on: { RETRY: 'connecting' },
    },
    refused: {
      on: { RETRY: 'connecting' },
    },
    error: {
      entry: assign({ retryAt: ({ context }) => new Date(Date.now() + backoffMs(context.failures)).toISOString() }),
      invoke: {
        src: 'count',
        input: ({ context }) => ({ driver: context.driver }),
        onDone: { actions: assign({ pending: ({ event }) => event.output }) },
      },
      after: { backoff: 'connecting' },
      on: {
        RETRY: 'connecting',
        ONLINE: 'connecting',
        LOCAL_CHANGE: { actions: assign({ pending: ({ context }) => context.pending + 1 }) },
      },
    },
  },
});
