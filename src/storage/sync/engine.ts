// Owns one tablet's connection to the school's sync server: checking the credentials and the
// server's rules, pulling (then checking what came, inbox.ts) and pushing (after staging, outbox.ts),
// and watching for new records. The sync actor (machine.ts) decides when each runs.
import { type YpsiDatabase, db } from '../db';
import type { Session } from '../keys/session';
import { type InboxReport, type Refusal, checkPulled, readInboxState } from './inbox';
import { markPushed, pendingCount, stageOutgoing } from './outbox';
import type { ChangesFeed, PouchConstructor, PouchDatabase, PouchDoc, Replication } from './pouch';
import { LOCAL_ADAPTER } from './pouch';
import { type StageContext } from './outbox';
import { type SyncDoc, ruleProblem } from './docs';
import { latestBinding } from '../keys/keyring';
import { secretsOf } from '../keys/session';
import { readSyncServer } from './config';
import { type FollowReport, followRotation } from './follow';
import { noteGeneration } from './generationState';
import { currentHandover } from './generation';
import { SyncFailure, failureFrom } from './failure';
import { noteRevocations, noticesToCarry, pulledNotices } from './revocations';

export type PullReport = InboxReport & {
  newlyRefused: Refusal[];
  /** A rotation made on another tablet, taken on in this pull. */
  followed?: NonNullable<FollowReport['followed']>;
  /** Why a newer data key on the server was not taken on yet. */
  keyWaiting?: string;
  /** The signed-in key holder was removed on another tablet and is signed out here (follow.ts). */
  signedOut?: boolean;
  /** Key holders or settings changed on other tablets without a rotation, taken on in this pull (followChange.ts). */
  changed?: NonNullable<FollowReport['changed']>;
};

/** The data key's epoch and the directory key, read under an unlocked session; null without one. */
async function stageContext(session: Session | null): Promise<StageContext | null> {
  if (!session || session.locked) return null;
  const binding = await latestBinding(secretsOf(session).keys.dataKey);
  const server = await readSyncServer(session);
  return {
    gen: binding?.epoch ?? null,
    ...(server?.directoryKey ? { directoryKey: server.directoryKey } : {}),
    handover: () => currentHandover(session),
  };
}

/** The design document `npm run sync:setup` installs; without it a server is not used. */
export const RULES_DOC_ID = '_design/ypsi-sync';

export type SyncServer = {
  /** The database's address, e.g. https://couch.example.sch.uk/ypsi-hillside (or /db/ypsi-hillside on the app's origin). */
  url: string;
  /** This tablet's own CouchDB user (never an admin). */
  username: string;
  password: string;
  /** The establishment's directory key (directory.ts), once this tablet has one. */
  directoryKey?: string;
  /** The revoked tablets (device ids) this tablet's password was set after (revoke.ts). */
  knownRevocations?: string[];
};

export type ConnectResult =
  | { kind: 'ok' }
  | { kind: 'needs-sign-in'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'not-set-up'; message: string }
  | { kind: 'unreachable'; message: string };

export { SyncFailure, failureFrom } from './failure';

export type PushReport = {
  /** Documents the server took in this push. */
  sent: number;
  /** Records the server refused (named by id) and why: kept here, never retried silently. */
  refusedByServer: { id: string; reason: string }[];
  /** Records this tablet holds that the server's rules would refuse: not sent. */
  unsendable: { id: string; reason: string }[];
};

export type PullProgress = { read: number; total: number };

/** The address of the server root and the Authorization header, for the checks made with fetch. */
function endpoint(server: SyncServer): { dbUrl: string; root: string; auth: string } {
  const u = new URL(server.url);
  const dbUrl = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  const root = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '').replace(/\/[^/]+$/, '')}`;
  const bytes = new TextEncoder().encode(`${server.username}:${server.password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return { dbUrl, root, auth: `Basic ${btoa(bin)}` };
}

export class SyncEngine {
  private constructor(
    readonly server: SyncServer,
    readonly local: PouchDatabase,
    private readonly remote: PouchDatabase,
    private readonly fetcher: typeof fetch,
    private readonly d: () => YpsiDatabase,
    private readonly pushBatchSize: number,
  ) {}

  /** Replications under way: cancelled, and let finish the batch they are writing, before the databases close. */
  private readonly running = new Set<Replication>();

  private track(rep: Replication): Replication {
    this.running.add(rep);
    void rep.then(
      () => this.running.delete(rep),
      () => this.running.delete(rep),
    );
    return rep;
  }

  /**
   * Opens the local replication database `localName` (IndexedDB in the browser) beside Dexie and
   * the server's database over HTTP. `fetch` is injectable only for a test to cut the connection.
   */
  static open(
    Pouch: PouchConstructor,
    server: SyncServer,
    options: {
      localName: string;
      adapter?: string;
      fetch?: typeof fetch;
      database?: () => YpsiDatabase;
      pushBatchSize?: number;
    },
  ): SyncEngine {
    const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const local = new Pouch(options.localName, { adapter: options.adapter ?? LOCAL_ADAPTER });
    const remote = new Pouch(endpoint(server).dbUrl, {
      skip_setup: true,
      auth: { username: server.username, password: server.password },
      fetch: (url, opts) => fetcher(url, opts),
    });
    return new SyncEngine(server, local, remote, fetcher, options.database ?? db, options.pushBatchSize ?? 100);
  }

  /** Are the address, the credentials and the server's rules all right? Says which is not. */
  connect(): Promise<ConnectResult> {
    return checkServer(this.server, this.fetcher);
  }

  /** Pulls what is new on the server into the replication database, then checks all of it. */
  async pull(session: Session | null, onProgress?: (p: PullProgress) => void): Promise<PullReport> {
    try {
      await this.fetchAll(onProgress);
      const unlocked = session && !session.locked ? session : null;
      // Revocation notices recorded in this tablet's log before a rotation replaces the key they are under (revocations.ts).
      if (unlocked) await noteRevocations(this.local, unlocked);
      // A newer data key from another tablet's rotation first (follow.ts): what was sent under it is then this tablet's own.
      const follow = unlocked ? await followRotation(this.local, unlocked, this.d()) : null;
      const generation = await noteGeneration(this.local, follow);
      const report = await checkPulled(this.local, session, this.d());
      // Each revocation recorded here, posted again under the data key it is on now if none is (docs/SECURITY.md item 19).
      if (unlocked && !unlocked.locked && !follow?.signedOut)
        for (const doc of await noticesToCarry(
          unlocked,
          await pulledNotices(this.local, unlocked),
          this.server.username,
        ))
          await this.addOutgoing(doc);
      return {
        ...report,
        refused: [...report.refused, ...generation.all],
        newlyRefused: [...report.newlyRefused, ...generation.added],
        ...(follow?.followed ? { followed: follow.followed } : {}),
        ...(follow?.waiting ? { keyWaiting: follow.waiting } : {}),
        ...(follow?.signedOut ? { signedOut: true } : {}),
        ...(follow?.changed ? { changed: follow.changed } : {}),
      };
    } catch (e) {
      throw failureFrom(e);
    }
  }

  /** Copies what is new on the server into the replication database, without checking it (joining: join.ts). */
  async fetchAll(onProgress?: (p: PullProgress) => void): Promise<void> {
    try {
      const total = (await this.remote.info()).doc_count;
      const rep = this.track(this.local.replicate.from(this.remote, { batch_size: 250 }));
      rep.on('change', ((info: { docs_read: number }) => onProgress?.({ read: info.docs_read, total })) as never);
      const result = await rep;
      if (!result.ok && result.errors.length > 0) throw failureFrom(result.errors[0]);
      onProgress?.({ read: total, total });
    } catch (e) {
      throw failureFrom(e);
    }
  }

  /** Stages this tablet's new records and pushes them; the server's refusals are named. */
  async push(session: Session | null = null): Promise<PushReport> {
    try {
      const staged = await stageOutgoing(this.local, this.d(), await stageContext(session));
      const refusedByServer: PushReport['refusedByServer'] = [];
      const rep = this.track(this.local.replicate.to(this.remote, { batch_size: this.pushBatchSize }));
      rep.on('denied', ((err: { id?: string; reason?: string; message?: string }) =>
        refusedByServer.push({ id: err.id ?? '?', reason: err.reason ?? err.message ?? 'refused' })) as never);
      const result = await rep;
      if (result.errors.length > 0 && result.doc_write_failures === 0) throw failureFrom(result.errors[0]);
      if (result.last_seq !== undefined) await markPushed(this.local, result.last_seq);
      return { sent: result.docs_written, refusedByServer, unsendable: staged.unsendable };
    } catch (e) {
      throw failureFrom(e);
    }
  }

  /** Records waiting to be sent (staging first, so a step just recorded counts). */
  async pending(session: Session | null = null): Promise<number> {
    await stageOutgoing(this.local, this.d(), await stageContext(session));
    return pendingCount(this.local);
  }

  /** Adds a record of this tablet's own making (an enrolment: enrol.ts) to what the next push sends. */
  async addOutgoing(doc: SyncDoc): Promise<void> {
    const problem = ruleProblem(doc as unknown as Record<string, unknown>);
    if (problem) throw new Error(problem);
    await this.local.put(doc as unknown as PouchDoc);
  }

  /** What the last checks refused, kept until the record is dealt with. */
  async refusals(): Promise<Refusal[]> {
    return [...(await readInboxState(this.local)).refused, ...(await noteGeneration(this.local, null)).all];
  }

  /** Calls `onChange` when the server has something new; `onError` when the feed breaks. */
  watch(onChange: () => void, onError: (failure: SyncFailure) => void): () => void {
    const feed: ChangesFeed = this.remote.changes({ live: true, since: 'now', heartbeat: 25_000 });
    feed.on('change', (() => onChange()) as never);
    feed.on('error', ((e: unknown) => onError(failureFrom(e))) as never);
    return () => feed.cancel();
  }

  async close(): Promise<void> {
    // A replication cut off by closing its database mid-batch fails inside PouchDB, out of anyone's
    // reach (an unhandled rejection at every lock while a pull runs): cancel it and wait first.
    const running = [...this.running];
    for (const rep of running) rep.cancel();
    await Promise.allSettled(running);
    await Promise.allSettled([this.local.close(), this.remote.close()]);
  }
}

/** The sync actor's view of an engine, for one unlocked session. */
export function driverFor(engine: SyncEngine, session: Session) {
  return {
    connect: () => engine.connect(),
    pull: (onProgress: (p: PullProgress) => void) => engine.pull(session, onProgress),
    push: () => engine.push(session),
    pending: () => engine.pending(session),
    watch: (onChange: () => void, onError: (failure: SyncFailure) => void) => engine.watch(onChange, onError),
  };
}

/** Are the address, the credentials and the server's rules all right? Says which is not. */
export async function checkServer(server: SyncServer, fetcher: typeof fetch): Promise<ConnectResult> {
  const { dbUrl, root, auth } = endpoint(server);
  const get = (url: string) =>
    fetcher(url, { headers: { Authorization: auth, Accept: 'application/json' }, credentials: 'omit' });
  let res: Response;
  try {
    res = await get(`${dbUrl}/${RULES_DOC_ID}`);
  } catch {
    return {
      kind: 'unreachable',
      message: 'The school’s server could not be reached. Check the address, and that this tablet is online.',
    };
  }
  if (res.status === 200) return { kind: 'ok' };
  if (res.status === 404) {
    return {
      kind: 'not-set-up',
      message:
        'The server answers, but this database has not been set up for the app (its rules are missing). Ask IT to run npm run sync:setup.',
    };
  }
  if (res.status === 401 || res.status === 403) {
    // Is it the password, or is this tablet no longer a member?
    try {
      const session = (await (await get(`${root}/_session`)).json()) as { userCtx?: { name?: string | null } };
      if (session.userCtx?.name === server.username) {
        return {
          kind: 'refused',
          message:
            'The server knows this tablet but refuses it access to the database: it may have been revoked. Ask IT.',
        };
      }
    } catch {
      // Fall through: treat as a sign-in problem.
    }
    return {
      kind: 'needs-sign-in',
      message:
        'The server did not accept this tablet’s name and password. Check them, or ask IT whether the tablet was revoked.',
    };
  }
  return { kind: 'unreachable', message: `The server answered ${res.status}. Try again later, or ask IT.` };
}
