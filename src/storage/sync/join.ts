// Owns joining this (empty) tablet to an establishment that already syncs (docs/SYNC.md, "Joining a
// tablet"): the enrolment code is checked and opened, the server's records are pulled, and a key
// holder's own passphrase opens their wrap of the data key. Only then, after the establishment log
// is walked as a chain from its first entry to at least the head the code names, and its latest
// keyring binding matches the key holders the server shows, is anything written here: the keyring,
// settings, private keys, the log (with this tablet's own device head) and the sync settings, in
// one transaction. This tablet then changes its own server password, so the code opens nothing
// again (docs/SECURITY.md item 17).
import {
  type WrappedDataKey,
  type WrappedSecret,
  bytesToBase64Url,
  openDataKey,
  openHolderPrivateKey,
  randomBytes,
  verifyHmac,
} from '../crypto';
import { GENESIS, LOG_CHAIN_ID, keyringMacInput, newId } from '../chain/chain';
import { type ChainAppend, extendDeviceHead, rowsFor } from '../chain/commit';
import { logChainTo } from './logChain';
import { writeCheckpoint } from '../chain/checkpoint';
import { type KeyringRow, type MetaRow, db } from '../db';
import { writeInstallationMarker } from '../durability';
import { StorageError } from '../errors';
import { type KeyRole, type Tombstone, HolderKeyringRowSchema } from '../schemas';
import { rowDigest, userOf, NeedsNewPassphraseError } from '../keys/keyring';
import { Session, lock } from '../keys/session';
import { settingsRowAuthentic } from '../settings';
import { syncServerRow } from './config';
import { type EstabSnapshot, latestSnapshot, openSnapshots } from './directory';
import { type EnrolDoc, type EstabDoc, type LogDoc, type TombstoneDoc, ruleProblem } from './docs';
import { receivedTombstoneRow, signedHere } from './receivedTombstones';
import { type EnrolBundle, openBundle, enrolSecrets } from './enrol';
import { joinedCounterRow } from '../tabletMark';
import { decodeEnrolmentCode } from './enrolCode';
import { type PullProgress, type SyncServer, SyncEngine, checkServer } from './engine';
import { type PouchConstructor, type PouchDatabase, loadPouch } from './pouch';
import { localNameFor } from './runtime';
import { setServerPassword } from './serverUser';

export class JoinError extends StorageError {
  constructor(
    readonly field: 'code' | 'passphrase' | null,
    message: string,
  ) {
    super(message);
    this.name = 'JoinError';
  }
}

export type JoinReady = {
  establishment: string;
  holders: { userId: string; name: string; role: KeyRole }[];
  /** A key holder's own passphrase completes the join (WrongPassphraseError if it does not open their key). */
  complete: (userId: string, passphrase: string) => Promise<void>;
  close: () => Promise<void>;
};

async function docsOf<T>(local: PouchDatabase, prefix: string): Promise<T[]> {
  const all = await local.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
  return all.rows
    .map((r) => r.doc)
    .filter((doc): doc is NonNullable<typeof doc> => !!doc && !ruleProblem(doc))
    .map((doc) => doc as unknown as T);
}

/** Reads the code, reaches the server with it, pulls everything, and finds who can unlock here. */
export async function startJoin(
  typed: string,
  appOrigin: string,
  options: {
    Pouch?: PouchConstructor;
    adapter?: string;
    fetch?: typeof fetch;
    onProgress?: (p: PullProgress) => void;
    now?: () => Date;
  } = {},
): Promise<JoinReady> {
  const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const d = db();
  if ((await d.meta.get('device')) || (await d.keyring.count()) > 0)
    throw new JoinError(null, 'This tablet is set up already. Only a new (empty) tablet joins with a code.');
  const code = await decodeEnrolmentCode(typed, appOrigin);
  if ('problem' in code) throw new JoinError('code', code.problem);
  const reached = await checkServer(code.server, fetcher);
  if (reached.kind === 'needs-sign-in')
    throw new JoinError(
      'code',
      'The school’s server did not accept this code: it was used already, or the tablet was revoked. Make a new code.',
    );
  if (reached.kind !== 'ok') throw new JoinError(null, reached.message);

  const engine = SyncEngine.open(options.Pouch ?? (await loadPouch()), code.server, {
    localName: localNameFor(code.server),
    ...(options.adapter ? { adapter: options.adapter } : {}),
    fetch: fetcher,
  });
  try {
    await engine.fetchAll(options.onProgress);
    const { docId } = await enrolSecrets(code.secret);
    const enrolDoc = (await docsOf<EnrolDoc>(engine.local, 'enrol:')).find((doc) => doc._id === docId);
    const bundle = enrolDoc ? await openBundle(code.secret, enrolDoc) : null;
    if (!bundle)
      throw new JoinError(
        'code',
        'The school’s server holds no enrolment for this code. Make a new code on a tablet that syncs.',
      );
    if (new Date(bundle.expiresAt) < (options.now?.() ?? new Date()))
      throw new JoinError('code', 'This code has expired. Make a new one on a tablet that syncs.');
    // The copy the enrolling tablet sent with the code (at the code's log head): other tablets' logs are other branches.
    const estabs = await docsOf<EstabDoc>(engine.local, 'estab:');
    const snapshot =
      (await openSnapshots(bundle.directoryKey, estabs))
        .map((x) => x.snapshot)
        .find((x) => x.logHead.seq === bundle.anchor.seq && x.logHead.digest === bundle.anchor.digest) ??
      (await latestSnapshot(bundle.directoryKey, estabs)).snapshot;
    if (!snapshot)
      throw new JoinError(
        null,
        'The school’s server holds no key holders for this establishment yet. Let the other tablet sync, then try again.',
      );
    const server: SyncServer = { ...code.server, directoryKey: bundle.directoryKey };
    return {
      establishment: snapshot.settings.settings.establishment.name,
      holders: snapshot.keyring
        .filter((r) => r.kind === 'user' && r.role !== null)
        .map((r) => ({ userId: r.userId, name: r.displayName ?? '', role: r.role! })),
      complete: (userId, passphrase) => completeJoin(engine, server, snapshot, bundle, userId, passphrase, fetcher),
      close: () => engine.close(),
    };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

/**
 * The log docs on the server, walked as the establishment's chain from its first entry to the head
 * the snapshot names (logChain.ts: other tablets' own later entries are other branches).
 */
async function checkedLog(
  local: PouchDatabase,
  dataKey: CryptoKey,
  epoch: string,
  head: { seq: number; digest: string },
  anchor: { seq: number; digest: string },
): Promise<{ docs: LogDoc[]; latestBinding: string[][] | null; destroyed: Tombstone[] }> {
  // The generation encrypted under this data key (entries sent before generations existed have none).
  const all = await docsOf<LogDoc>(local, 'log:');
  const ofEpoch = all.filter((doc) => doc.gen === epoch);
  const docs = ofEpoch.length > 0 ? ofEpoch : all.filter((doc) => doc.gen === undefined);
  const chain = head.seq >= anchor.seq ? await logChainTo(docs, head, dataKey) : null;
  if (!chain || chain.docs[anchor.seq - 1]?.digest !== anchor.digest) {
    const walked = chain ?? (await logChainTo(docs, anchor, dataKey));
    throw new JoinError(
      null,
      walked
        ? 'The school’s server does not show the establishment log as far as the code says it reaches: it was cut back or is still being sent. Try again later, or ask IT.'
        : 'The establishment log on the school’s server does not check out, or does not reach as far as the code says: it was altered, cut back or is still being sent. Try again later, or ask IT.',
    );
  }
  const bound = [...chain.entries].reverse().find((e) => e.type === 'keyring.bound');
  return {
    docs: chain.docs,
    latestBinding: bound && bound.type === 'keyring.bound' ? bound.rows : null,
    destroyed: chain.entries.flatMap((e) => (e.type === 'case.destroyed' ? [e.tombstone] : [])),
  };
}

async function completeJoin(
  engine: SyncEngine,
  server: SyncServer,
  snapshot: EstabSnapshot,
  { anchor, mark }: Pick<EnrolBundle, 'anchor' | 'mark'>,
  userId: string,
  passphrase: string,
  fetcher: typeof fetch,
): Promise<void> {
  const parsed = HolderKeyringRowSchema.safeParse(snapshot.keyring.find((r) => r.userId === userId));
  if (!parsed.success)
    throw new JoinError(
      null,
      'This key holder has not unlocked with this version on a tablet that syncs yet: they do that first, or another key holder joins this tablet.',
    );
  const row = parsed.data;
  if (!row.holder || !row.dataKey) throw new NeedsNewPassphraseError(row.displayName ?? '');
  const privateKey = await openHolderPrivateKey(row.holder.privateKey as WrappedSecret, passphrase, userId);
  const keys = await openDataKey(row.dataKey as WrappedDataKey, privateKey, userId);
  for (const r of snapshot.keyring)
    if (!(await verifyHmac(keys.macKey, keyringMacInput(r), r.mac)))
      throw new JoinError(
        null,
        'A key holder’s details on the school’s server were altered: this tablet will not join with them. Ask IT.',
      );
  if (!(await settingsRowAuthentic(keys.macKey, snapshot.settings)))
    throw new JoinError(
      null,
      'The establishment’s settings on the school’s server were altered: this tablet will not join with them. Ask IT.',
    );
  const log = await checkedLog(engine.local, keys.dataKey, row.dataKey.epoch, snapshot.logHead, anchor);
  const digests = new Map(
    await Promise.all(snapshot.keyring.map(async (r) => [r.userId, await rowDigest(r as KeyringRow)] as const)),
  );
  const bound = log.latestBinding;
  if (!bound || bound.length !== digests.size || bound.some(([id, dg]) => digests.get(id!) !== dg))
    throw new JoinError(
      null,
      'The key holders on the school’s server are not the ones its establishment log records as current: the other tablet may still be sending. Try again in a minute.',
    );

  // Cases destroyed before this tablet joined: their signed notes, as the log records them (this tablet has none of their steps).
  const theirs = new Map(
    (await docsOf<TombstoneDoc>(engine.local, 'tombstone:'))
      .filter((doc) => doc.gen === row.dataKey!.epoch)
      .map((doc) => [doc.chain, { v: 1 as const, iv: doc.iv, ct: doc.ct }]),
  );
  const tombstones = await Promise.all(
    log.destroyed.map(async (t) => {
      if (!(await signedHere(t, snapshot.settings.signingPublicJwk)))
        throw new JoinError(
          null,
          `The note of destroyed case ${t.reference} on the school’s server is not validly signed.`,
        );
      return receivedTombstoneRow(keys.dataKey, t, theirs.get(t.caseId), { seq: 0, digest: GENESIS });
    }),
  );
  const appends: ChainAppend[] = log.docs.map((doc) => ({
    chain: LOG_CHAIN_ID,
    seq: doc.seq,
    eventId: doc._id.split(':')[1]!,
    digest: doc.digest,
    enc: { v: 1, iv: doc.iv, ct: doc.ct },
  }));
  const { head, dseqs } = await extendDeviceHead(keys.macKey, { dseq: 0, mac: GENESIS }, appends);
  const logRows = rowsFor(appends, dseqs).log;
  const lastLog = log.docs[log.docs.length - 1]!;
  // This tablet's own password from now on: the one in the code stops working (one-time).
  const password = bytesToBase64Url(randomBytes(24));
  const changed = await setServerPassword(server, password, fetcher);
  if (changed.kind === 'failed' && changed.status === null)
    throw new JoinError(
      null,
      'The school’s server could not be reached while this tablet set its own password. Nothing was written here: try again.',
    );
  if (changed.kind !== 'changed')
    throw new JoinError(
      null,
      `The school’s server would not let this tablet set its own password${changed.kind === 'failed' ? ` (${changed.status})` : ''}. Ask IT.`,
    );
  const configRow = await syncServerRow(keys.dataKey, { ...server, password });
  const installationId = newId();
  const d = db();
  await d.transaction('rw', d.allTables(), async () => {
    if ((await d.meta.get('device')) || (await d.keyring.count()) > 0)
      throw new JoinError(null, 'This tablet was set up meanwhile (in another tab?): it cannot join as well.');
    await d.meta.bulkPut([
      { key: 'device', installationId, createdAt: new Date().toISOString() },
      snapshot.settings,
      snapshot.privateKeys,
      ...(snapshot.pdfSigner ? [snapshot.pdfSigner] : []),
      configRow,
      ...tombstones,
      // Its mark in case references, so its cases never share a reference with another tablet's.
      ...(mark ? [joinedCounterRow(mark)] : []),
    ] as MetaRow[]);
    await d.keyring.bulkPut(snapshot.keyring as KeyringRow[]);
    await d.log.bulkAdd(logRows);
    await d.heads.bulkPut([
      { id: 'log', seq: lastLog.seq, digest: lastLog.digest },
      { id: 'device', dseq: head.dseq, mac: head.mac },
    ]);
  });
  const session = new Session(userOf(row as KeyringRow), keys);
  try {
    await writeCheckpoint(session);
  } finally {
    lock(session);
  }
  writeInstallationMarker(installationId);
}
