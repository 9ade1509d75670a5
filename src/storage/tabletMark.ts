// Owns each tablet's mark in case references, so that two joined tablets never make the same
// reference (docs/SYNC.md, "Case references on several tablets"). The establishment's first tablet
// has no mark: its references stay as they always were (YPSI-2026-0007). Every tablet gives the
// tablets it enrols its own mark followed by one letter of its own, the next it has not given
// (the first tablet gives A, B, C...; tablet B gives BA, BB...): the marks form a tree, so two
// tablets never hold the same mark, with no server and no coordination between tablets, and a
// reference stays short enough to read aloud ("YPSI 2026 B 7").
import { db, type YpsiDatabase } from './db';
import { StorageError } from './errors';
import { CounterMetaRowSchema, TabletMarkSchema } from './schemas';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The longest mark: six enrolments deep. */
const MAX_MARK = 6;

/**
 * The mark a tablet marked `parent` gives the tablet it enrols as its `index`-th (from 0), or null
 * when it has no letter left or the mark would be too long. One letter per step: the marks are the
 * paths of the enrolment tree, so two tablets never share one.
 */
export function childMark(parent: string, index: number): string | null {
  if (index < 0 || index >= LETTERS.length || parent.length >= MAX_MARK) return null;
  return `${parent}${LETTERS[index]}`;
}

async function counterRow(d: YpsiDatabase) {
  const raw = await d.meta.get('reference-counter');
  const parsed = raw ? CounterMetaRowSchema.safeParse(raw) : null;
  return parsed?.success ? parsed.data : null;
}

/** This tablet's mark ('' for the establishment's first tablet, or one that never joined). */
export async function tabletMark(d: YpsiDatabase = db()): Promise<string> {
  return (await counterRow(d))?.mark ?? '';
}

/**
 * The mark for the next tablet this one enrols, counted as given at once (a code never used wastes
 * a letter, never repeats one). Refused once this tablet has given every letter.
 */
export async function giveMark(d: YpsiDatabase = db(), now: Date = new Date()): Promise<string> {
  return d.transaction('rw', d.meta, async () => {
    const row = await counterRow(d);
    const mark = row?.mark ?? '';
    const given = row?.given ?? 0;
    const child = childMark(mark, given);
    if (child === null)
      throw new StorageError(
        'This tablet has enrolled as many tablets as it can. Make the enrolment code on another tablet that syncs.',
      );
    await d.meta.put({
      key: 'reference-counter',
      year: row?.year ?? now.getFullYear(),
      next: row?.next ?? 1,
      ...(mark ? { mark } : {}),
      given: given + 1,
    });
    return TabletMarkSchema.parse(child);
  });
}

/** A joining tablet's counter: its mark from the enrolment, numbering from 1. */
export function joinedCounterRow(mark: string, now: Date = new Date()) {
  return CounterMetaRowSchema.parse({ key: 'reference-counter', year: now.getFullYear(), next: 1, mark });
}

/** The reference counter as a backup carries it (the row without its key), or null if there is none. */
export async function counterForBackup(d: YpsiDatabase = db()) {
  const row = await counterRow(d);
  if (!row) return null;
  const { key: _key, ...rest } = row;
  return rest;
}

/**
 * The reference counter of a restored tablet: the backup's (its mark kept), moved past every
 * reference of the restored cases numbered under that mark this year, so a new case never takes a
 * restored case's reference (a backup made before it carried the counter: from the references alone).
 */
export function restoredCounterRow(
  carried: { year: number; next: number; mark?: string; given?: number } | undefined,
  references: string[],
  now: Date = new Date(),
) {
  const year = now.getFullYear();
  const mark = carried?.mark;
  const pattern = new RegExp(`^YPSI-${year}-${mark ? `${mark}-` : ''}(\\d+)$`);
  const used = references.flatMap((r) => {
    const m = pattern.exec(r);
    return m ? [Number(m[1])] : [];
  });
  const next = Math.max(carried?.year === year ? carried.next : 1, ...used.map((n) => n + 1));
  return CounterMetaRowSchema.parse({
    key: 'reference-counter',
    year,
    next,
    ...(mark ? { mark } : {}),
    ...(carried?.given ? { given: carried.given } : {}),
  });
}
