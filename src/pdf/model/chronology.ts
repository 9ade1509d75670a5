// The full chronology: every event in log order, who, when it happened, when it was recorded, what
// and why (from the domain's describeEvent), with each amendment shown beside what it amends.
import type { CaseEvent } from '../../domain/events';
import type { CaseRecord } from '../../domain/case';
import { describeEvent } from '../../domain/describe';
import { factLine } from '../../domain/describeWords';
import { amendedFieldLabel } from '../../domain/questions';
import { TRI_FACT_KEYS, type Person, type TriFactKey } from '../../domain/types';
import { FACT_LABELS, REVIEW_QUESTIONS, triText } from './labels';
import { p, who, when, type Ctx } from './parts';
import type { Block, Section } from './types';

const isTriFact = (k: string): k is TriFactKey => (TRI_FACT_KEYS as readonly string[]).includes(k);

/** describeEvent writes some facts as "key: value"; the printed record uses the question's words. */
function readable(e: CaseEvent, lines: string[]): string[] {
  if (e.type === 'facts.updated') {
    return Object.entries(e.facts)
      .filter(([k, v]) => k !== 'persons' && v !== undefined)
      .map(([k, v]) => (isTriFact(k) ? `${FACT_LABELS[k]} ${triText(v as 'yes' | 'no' | 'unknown')}` : factLine(k, v)));
  }
  if (e.type === 'review.decided') {
    // describeEvent writes each answer under its question (src/domain/questions.ts); the printed record adds the rule.
    return lines.map((l) => {
      const q = REVIEW_QUESTIONS.find((x) => l.startsWith(`${x.label} `) || l.startsWith(`${x.label}: `));
      return q ? `${q.rule} ${l}` : l;
    });
  }
  return lines;
}

export function chronologySection(
  events: readonly CaseEvent[],
  persons: readonly Person[],
  ctx: Ctx,
  record?: CaseRecord,
): Section {
  const number = new Map(events.map((e, i) => [e.id, i + 1]));
  const amendmentsOf = new Map<string, string[]>();
  // R14.1: an answer set back, or a person removed, by the event itself: who, when, why, beside it.
  for (const a of record?.amendments ?? []) {
    if (a.eventId !== a.targetEventId) continue;
    const what =
      a.field === 'facts.persons'
        ? `${a.before} removed from the case`
        : `${isTriFact(a.field.slice(6)) ? FACT_LABELS[a.field.slice(6) as TriFactKey] : a.field} set back from ${a.before} to ${a.after}`;
    const note = `Amendment (recorded ${when(ctx, a.recordedAt)} by ${who(a.by)}): ${what}. Why: ${a.reason}`;
    amendmentsOf.set(a.targetEventId, [...(amendmentsOf.get(a.targetEventId) ?? []), note]);
  }
  for (const e of events) {
    if (e.type !== 'answer.amended') continue;
    const note = `Amended in entry ${number.get(e.id)} (recorded ${when(ctx, e.recordedAt)} by ${who(e.actor)}): ${amendedFieldLabel(e.field)} was "${e.before}", now "${e.after}". Why: ${e.reason}`;
    amendmentsOf.set(e.targetEventId, [...(amendmentsOf.get(e.targetEventId) ?? []), note]);
  }
  const blocks: Block[] = [
    p(
      `All ${events.length} events recorded on this case, in the order they were recorded. "Happened" is when it happened, as told; "recorded" is when it was entered. An amendment appears in its own place and beside the entry it amends; nothing recorded is ever removed.`,
      'small',
    ),
  ];
  for (const e of events) {
    const d = describeEvent(e, persons, record?.id);
    const n = number.get(e.id)!;
    const lines = readable(e, d.lines);
    if (e.type === 'answer.amended') {
      const target = events.find((x) => x.id === e.targetEventId);
      lines.unshift(
        target
          ? `Amends entry ${number.get(target.id)} (${describeEvent(target, persons).title}).`
          : `Amends an entry not in this record (${e.targetEventId}).`,
      );
    }
    blocks.push({
      kind: 'entry',
      title: `${n}. ${d.title}`,
      meta: [`By ${who(e.actor)}`, `Happened ${when(ctx, e.occurredAt)}; recorded ${when(ctx, e.recordedAt)}`],
      lines,
      ...(d.why ? { why: d.why } : {}),
      amendments: amendmentsOf.get(e.id) ?? [],
    });
  }
  return { id: 'chronology', title: 'Chronology', blocks, newPage: true };
}
