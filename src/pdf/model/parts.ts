// Small shared pieces of the document model: who did something, block constructors, people's names.
import type { Stamp } from '../../domain/case';
import type { Actor, Person } from '../../domain/types';
import { ROLE_LABELS } from '../../domain/stages';
import { describeAge, type AgeReference } from '../../domain/rules/age';
import { personDetails } from '../../domain/describe';
import type { Block, FieldRow } from './types';
import { formatDateTime } from './format';

export interface Ctx {
  timeZone: string;
  /** Every person the log ever named, by id (the latest version of each). */
  persons: Map<string, Person>;
  /** The day ages are worked out on (the incident date where known) and the day they were told. */
  referenceDate: AgeReference;
}

export function who(a: Pick<Actor, 'name' | 'role'>): string {
  return `${a.name.trim() || 'Unnamed user'} (${ROLE_LABELS[a.role] ?? a.role})`;
}

export function when(ctx: Ctx, iso: string | null | undefined): string {
  return formatDateTime(iso, ctx.timeZone);
}

/** "Recorded by X; happened Mon 2 March 2026, 09:10 (recorded 09:12)". */
export function stampText(ctx: Ctx, s: Stamp): string {
  const happened = when(ctx, s.at);
  const recorded = when(ctx, s.recordedAt);
  return `${who(s.by)}. Happened ${happened}${recorded === happened ? '' : `; recorded ${recorded}`}.`;
}

export function personName(ctx: Ctx, id: string | undefined): string {
  if (!id) return 'Not recorded';
  const p = ctx.persons.get(id);
  return p ? p.name.trim() || 'Unnamed person' : 'A person no longer on the case';
}

/** "aged 12 on 15 January 2026, the day the imagery was made or shared (from the date of birth), Year 8". */
export function ageText(ctx: Ctx, p: Person): string {
  const year = typeof p.yearGroup === 'number' ? `, ${p.yearGroup === 0 ? 'Reception' : `Year ${p.yearGroup}`}` : '';
  return `${describeAge(p, ctx.referenceDate)}${year}`;
}

export function personSummary(ctx: Ctx, p: Person): string {
  return `${p.name.trim() || 'Unnamed person'} (${ageText(ctx, p)}; ${personDetails(p)})`;
}

export const fields = (rows: (FieldRow | null | false | undefined)[]): Block => ({
  kind: 'fields',
  rows: rows.filter((r): r is FieldRow => !!r),
});
export const row = (label: string, value: string): FieldRow => ({ label, value });
export const wideRow = (label: string, value: string): FieldRow => ({ label, value, wide: true });
export const p = (text: string, style?: 'normal' | 'bold' | 'small' | 'notice'): Block =>
  style ? { kind: 'paragraph', text, style } : { kind: 'paragraph', text };
export const h = (text: string): Block => ({ kind: 'heading', text });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const none = (what = 'None recorded.'): Block => p(what, 'small');
