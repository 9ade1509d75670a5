// Owns the IndexedDB schema (Dexie) and every version of it, the open connection, and what happens when another tab upgrades it.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { z } from 'zod';
import type {
  CaseRowSchema,
  CheckpointRowSchema,
  CounterMetaRowSchema,
  DeviceAnchorRowSchema,
  DeviceHeadRowSchema,
  DeviceMetaRowSchema,
  DraftRowSchema,
  EarlierDisclosuresMetaRowSchema,
  EventRowSchema,
  InboxRowSchema,
  KeyringRowSchema,
  LogHeadRowSchema,
  LogRowSchema,
  PrivateKeysMetaRowSchema,
  PdfSignerMetaRowSchema,
  SettingsMetaRowSchema,
  SnapshotRowSchema,
  SummaryIndexBucketRowSchema,
  SummaryIndexHeadRowSchema,
  ThrottleMetaRowSchema,
  TombstoneMetaRowSchema,
} from './schemas';

import { DB_NAME } from './summary-index/names';
import type { PeerEventRow, PeerHeadRow } from './chain/peerRows';

export { DB_NAME };

/**
 * !!! STORAGE NAMES - NEVER CHANGE a shipped version's stores, table names or key paths.
 * A later version is ADDED below (db.version(2).stores({...new or changed stores only...})
 * with an upgrade() if data must move) and tested from a database seeded in the v1 shape
 * (test/unit/storage/harness.ts). Only opaque ids, dates, status and stage are indexed: names and
 * text are never in an index (docs/SECURITY.md item 4).
 */
export const SCHEMA_V1 = {
  /** !!! NEVER CHANGE these row keys: 'device' | 'settings' | 'private-keys' | 'throttle' | 'reference-counter' | 'tombstone/<caseId>' | 'earlier-disclosures-searched' */
  meta: 'key',
  /** one row per key-holder, plus 'recovery' */
  keyring: 'userId',
  cases: 'id, status, stage, openedAt, updatedAt',
  /**
   * The encrypted machine snapshot, one row per case. Kept out of `cases` so the home screen and
   * the unlock check read small rows only (a snapshot is tens of KB; 10,000 of them are not read to list).
   */
  snapshots: 'caseId',
  /** compound primary key [caseId+seq]; dseq orders every chained write on the device */
  events: '[caseId+seq], dseq',
  /** the establishment log (settings, users, exports): its own chain, same shape as a case's */
  log: 'seq, dseq',
  /** sealed staff disclosures waiting for a DSL */
  inbox: 'id, sealedAt',
  /** unsaved answers kept encrypted when the app locks */
  drafts: 'id, updatedAt',
  /** !!! NEVER CHANGE these row ids: 'device' (the HMAC'd device head) | 'log' (the log's chain head) | 'checkpoint' | 'device-anchor' (where the device head was last re-keyed) */
  heads: 'id',
} as const;

/**
 * Version 2 (issue 13): several tablets, one case. Each tablet's steps of a case are its own chain;
 * this tablet's stay in `events`, other tablets' (pulled from the sync server and verified) go to
 * `peerEvents`, one row per step, with each tablet's head of each case in `peerHeads`
 * (src/storage/chain/peerRows.ts). A database made by version 1 needs no data moved: its events are
 * this tablet's own chains, and each of its events followed the one before it (src/domain/dag.ts).
 */
export const SCHEMA_V2 = {
  peerEvents: '[caseId+device+seq], caseId, eventId',
  peerHeads: '[caseId+device], caseId',
} as const;

/** Every schema version, oldest first. Never remove or edit an entry: append. */
export const SCHEMA_VERSIONS: readonly {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 2, stores: SCHEMA_V2 },
];
export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export type DeviceMetaRow = z.infer<typeof DeviceMetaRowSchema>;
export type SettingsMetaRow = z.infer<typeof SettingsMetaRowSchema>;
export type PrivateKeysMetaRow = z.infer<typeof PrivateKeysMetaRowSchema>;
export type ThrottleMetaRow = z.infer<typeof ThrottleMetaRowSchema>;
export type CounterMetaRow = z.infer<typeof CounterMetaRowSchema>;
export type EarlierDisclosuresMetaRow = z.infer<typeof EarlierDisclosuresMetaRowSchema>;
export type PdfSignerMetaRow = z.infer<typeof PdfSignerMetaRowSchema>;
export type TombstoneMetaRow = z.infer<typeof TombstoneMetaRowSchema>;
export type SummaryIndexBucketRow = z.infer<typeof SummaryIndexBucketRowSchema>;
export type SummaryIndexHeadRow = z.infer<typeof SummaryIndexHeadRowSchema>;
export type MetaRow =
  | DeviceMetaRow
  | SettingsMetaRow
  | PrivateKeysMetaRow
  | ThrottleMetaRow
  | CounterMetaRow
  | EarlierDisclosuresMetaRow
  | PdfSignerMetaRow
  | TombstoneMetaRow
  | SummaryIndexBucketRow
  | SummaryIndexHeadRow;
export type KeyringRow = z.infer<typeof KeyringRowSchema>;
export type CaseRow = z.infer<typeof CaseRowSchema>;
export type SnapshotRow = z.infer<typeof SnapshotRowSchema>;
export type EventRow = z.infer<typeof EventRowSchema>;
export type LogRow = z.infer<typeof LogRowSchema>;
export type InboxRow = z.infer<typeof InboxRowSchema>;
export type DraftRow = z.infer<typeof DraftRowSchema>;
export type DeviceHeadRow = z.infer<typeof DeviceHeadRowSchema>;
export type LogHeadRow = z.infer<typeof LogHeadRowSchema>;
export type CheckpointRow = z.infer<typeof CheckpointRowSchema>;
export type DeviceAnchorRow = z.infer<typeof DeviceAnchorRowSchema>;
export type HeadRow = DeviceHeadRow | LogHeadRow | CheckpointRow | DeviceAnchorRow;

export class YpsiDatabase extends Dexie {
  declare meta: Table<MetaRow, string>;
  declare keyring: Table<KeyringRow, string>;
  declare cases: Table<CaseRow, string>;
  declare snapshots: Table<SnapshotRow, string>;
  declare events: Table<EventRow, [string, number]>;
  declare log: Table<LogRow, number>;
  declare inbox: Table<InboxRow, string>;
  declare drafts: Table<DraftRow, string>;
  declare heads: Table<HeadRow, string>;
  declare peerEvents: Table<PeerEventRow, [string, string, number]>;
  declare peerHeads: Table<PeerHeadRow, [string, string]>;

  constructor(name: string = DB_NAME) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    // Another tab opened a newer version (an app update). Close at once so its upgrade is not
    // blocked, and do not reopen silently: this tab's code is older than the data now.
    this.on('versionchange', (event: IDBVersionChangeEvent) => {
      this.close({ disableAutoOpen: true });
      const info: VersionChangeInfo = {
        databaseName: this.name,
        oldVersion: event.oldVersion,
        newVersion: event.newVersion,
      };
      for (const listener of [...versionChangeListeners]) listener(info);
      return false;
    });
  }

  /** Every table this version knows, for all-or-nothing transactions. */
  allTables(): Table[] {
    return [
      this.meta,
      this.keyring,
      this.cases,
      this.snapshots,
      this.events,
      this.log,
      this.inbox,
      this.drafts,
      this.heads,
      this.peerEvents,
      this.peerHeads,
    ];
  }
}

export type VersionChangeInfo = { databaseName: string; oldVersion: number; newVersion: number | null };
const versionChangeListeners = new Set<(info: VersionChangeInfo) => void>();

/**
 * Called when another tab upgrades or deletes the database: this tab's connection is already
 * closed; the UI should say "the app was updated in another tab: reload" (unsaved answers are
 * kept in drafts first if the session is still unlocked). Returns an unsubscribe function.
 */
export function onVersionChange(listener: (info: VersionChangeInfo) => void): () => void {
  versionChangeListeners.add(listener);
  return () => {
    versionChangeListeners.delete(listener);
  };
}

let current: YpsiDatabase | null = null;
let currentName = DB_NAME;

/** The open database (opened lazily on first use). */
export function db(): YpsiDatabase {
  current ??= new YpsiDatabase(currentName);
  return current;
}

/** Tests and benchmarks: switch to another database name (closing the current connection). */
export function useDatabase(name: string): YpsiDatabase {
  current?.close();
  current = null;
  currentName = name;
  return db();
}

/** Closes the connection; the next call to db() opens a new one. */
export function closeDatabase(): void {
  current?.close();
  current = null;
}
