// The unlock check of the summary index: each bucket against each case's own record, what does not match rebuilt from the case, and the repairs named.
import { readDeviceHead } from '../chain/commit';
import { type CaseRow, db } from '../db';
import { caseKeyFor } from '../caseSteps';
import { CaseRowSchema, Hex64, SummaryIndexHeadRowSchema } from '../schemas';
import { type Session } from '../keys/session';
import { acquireWriterLock } from '../writerLock';
import { FIRST_BUILD_REPAIR } from './repairs';
import {
  SUMMARY_INDEX_BUCKETS,
  STAMP_KEY,
  bucketOf,
  type Bucket,
  type Head,
  stateOf,
  decryptSummary,
  openBucket,
  sealBucket,
  ivOf,
  openHead,
  sealHead,
} from './buckets';
import { type SummaryList, BATCH, sortedOf } from './order';

type WorkBucket = Bucket & { dirty: boolean };

/** Checks one case row against its entry: kept, rebuilt from the case's own summary, or listed as unreadable. */
function checkRow(
  raw: unknown,
  buckets: Map<number, WorkBucket>,
  unreadable: SummaryList['unreadable'],
  rebuild: { row: CaseRow; bucket: WorkBucket }[],
): void {
  const id = typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '?';
  const bucket = buckets.get(bucketOf(id))!;
  const entry = bucket.entries.get(id);
  // The head is all that is compared; the whole row is parsed only when the entry must be rebuilt.
  const head = (raw as { head?: { seq?: unknown; digest?: unknown } }).head;
  if (
    entry &&
    head &&
    entry.seq === head.seq &&
    entry.digest === head.digest &&
    Hex64.safeParse(head.digest).success &&
    entry.summary.caseId === id
  )
    return;
  const parsed = CaseRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    unreadable.push({
      caseId: id,
      message: `A stored case is damaged (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}).`,
    });
    if (bucket.entries.delete(id)) bucket.dirty = true;
    return;
  }
  rebuild.push({ row: parsed.data, bucket });
}

export async function checkIndex(session: Session): Promise<SummaryList> {
  const st = stateOf(session);
  const d = db();
  // The head says up to which device sequence number the index is complete (in the clear, to find
  // later events; the encrypted copy must agree or the index is not trusted).
  const read = await d.transaction('r', [d.meta, d.heads, d.events, d.cases], async () => {
    const headRaw = await d.meta.get(STAMP_KEY);
    const plainDseq = SummaryIndexHeadRowSchema.safeParse(headRaw).data?.dseq ?? 0;
    return {
      headRaw,
      buckets: await d.meta.where('key').startsWith('summary-index/').toArray(),
      device: await readDeviceHead(d),
      later: (await d.events.where('dseq').above(plainDseq).primaryKeys()) as unknown as [string, number][],
      // Keys only: an entry whose case row is gone (destroyed, deleted) is never listed, even from an
      // older copy of the index put back whole (head and buckets agree, so nothing else says so).
      caseIds: new Set((await d.cases.toCollection().primaryKeys()) as unknown as string[]),
    };
  });
  const repairs: string[] = [];
  const head = await openHead(session, read.headRaw);
  let trusted = head !== null && head.dseq <= read.device.dseq;
  if (read.headRaw && !head)
    repairs.push('The summary index head could not be read (altered or damaged): every case was checked.');
  const buckets = new Map<number, WorkBucket>();
  for (let b = 0; b < SUMMARY_INDEX_BUCKETS; b++) buckets.set(b, { iv: null, entries: new Map(), dirty: false });
  const rowsByBucket = new Map<number, unknown>();
  for (const raw of read.buckets)
    rowsByBucket.set(Number(String((raw as { key?: unknown }).key).slice('summary-index/'.length)), raw);
  await Promise.all(
    [...buckets].map(async ([b, bucket]) => {
      const raw = rowsByBucket.get(b);
      bucket.iv = ivOf(raw);
      if (head && head.ivs[b] !== bucket.iv) {
        trusted = false;
        repairs.push(
          `Summary index part ${b} is not the one last written (put back or altered): every case was checked.`,
        );
      }
      if (!raw) return;
      try {
        bucket.entries = await openBucket(session, b, raw);
      } catch (e) {
        bucket.dirty = true;
        trusted = false;
        repairs.push(
          `Summary index part ${b} could not be read (${e instanceof Error ? e.message : String(e)}): rebuilt from each case's own summary.`,
        );
      }
    }),
  );

  const unreadable: SummaryList['unreadable'] = [];
  const rebuild: { row: CaseRow; bucket: WorkBucket }[] = [];
  let dropped = 0;
  if (trusted) {
    // Only the cases with an event after the index was last complete.
    const ids = [...new Set(read.later.map((k) => k[0]))];
    const rows = await d.cases.bulkGet(ids);
    rows.forEach((raw, i) => {
      if (raw) return checkRow(raw, buckets, unreadable, rebuild);
      const bucket = buckets.get(bucketOf(ids[i]!))!;
      if (bucket.entries.delete(ids[i]!)) {
        bucket.dirty = true;
        dropped++;
      }
    });
    for (const bucket of buckets.values()) {
      for (const id of [...bucket.entries.keys()]) {
        if (!read.caseIds.has(id)) {
          bucket.entries.delete(id);
          bucket.dirty = true;
          dropped++;
        }
      }
    }
    // Cases the index knows to be unreadable stay listed until they are repaired or gone.
    for (const u of st.unreadable)
      if (!unreadable.some((x) => x.caseId === u.caseId) && !ids.includes(u.caseId)) unreadable.push(u);
  } else {
    const rows = await d.cases.toArray();
    const seen = new Set<string>();
    for (const raw of rows) {
      seen.add(String((raw as { id?: unknown }).id));
      checkRow(raw, buckets, unreadable, rebuild);
    }
    for (const bucket of buckets.values()) {
      for (const id of [...bucket.entries.keys()]) {
        if (!seen.has(id)) {
          bucket.entries.delete(id);
          bucket.dirty = true;
          dropped++;
        }
      }
    }
    if (!read.headRaw && rows.length > 0) repairs.push(FIRST_BUILD_REPAIR);
  }
  for (let i = 0; i < rebuild.length; i += BATCH) {
    await Promise.all(
      rebuild.slice(i, i + BATCH).map(async ({ row, bucket }) => {
        try {
          const summary = await decryptSummary(await caseKeyFor(session, row.id, row.caseKey), row);
          bucket.entries.set(row.id, { seq: row.head.seq, digest: row.head.digest, summary });
        } catch (e) {
          if (bucket.entries.delete(row.id)) bucket.dirty = true;
          unreadable.push({ caseId: row.id, message: e instanceof Error ? e.message : String(e) });
          return;
        }
        bucket.dirty = true;
      }),
    );
  }
  if (rebuild.length > 0)
    repairs.push(
      `${rebuild.length} case${rebuild.length === 1 ? '' : 's'} added to the summary index from their own summaries.`,
    );
  if (dropped > 0)
    repairs.push(`${dropped} case${dropped === 1 ? '' : 's'} no longer stored dropped from the summary index.`);

  // Written back when anything changed, or when the head must move on (complete up to now).
  const dirty = [...buckets].filter(([, b]) => b.dirty);
  let newHead: (Head & { iv: string }) | null =
    trusted && head && dirty.length === 0 && head.dseq === read.device.dseq ? head : null;
  if (!newHead && (await acquireWriterLock())) {
    const rows = await Promise.all(dirty.map(([b, bucket]) => sealBucket(session, b, bucket.entries)));
    const ivs = [...buckets.values()].map((b) => b.iv);
    dirty.forEach(([b], i) => (ivs[b] = rows[i]!.enc.iv));
    const next: Head = { dseq: read.device.dseq, ivs };
    const headRow = await sealHead(session, next);
    const written = await d
      .transaction('rw', [d.meta, d.heads], async () => {
        // Nothing written since the read (the device head and the index head unchanged).
        const now = await readDeviceHead(d);
        if (
          now.dseq !== read.device.dseq ||
          now.mac !== read.device.mac ||
          ivOf(await d.meta.get(STAMP_KEY)) !== ivOf(read.headRaw)
        )
          return false;
        await d.meta.bulkPut([...rows, headRow]);
        return true;
      })
      // Not written (storage full, another writer): this session still shows the checked list.
      .catch(() => false);
    if (written) {
      dirty.forEach(([, bucket], i) => (bucket.iv = rows[i]!.enc.iv));
      newHead = { ...next, iv: headRow.enc.iv };
    }
  }
  st.buckets = new Map([...buckets].map(([b, { iv, entries }]) => [b, { iv, entries }]));
  st.unreadable = unreadable;
  st.head = newHead;
  st.checked = newHead !== null;
  st.sorted = null;
  return { summaries: sortedOf(st), unreadable, indexRepairs: repairs };
}
