// Owns the sharing copy's event log: what the DSL marked as not for sharing becomes "[redacted]"
// in every event, so the printed record, and the record hash over this log, leave it out.
import type { CaseEvent, CaseEventType, Signature } from '../domain/events';
import type { Person } from '../domain/types';
import { ageForBirthDate, caseDay, isPerson, personsIn, STRUCTURAL_KEYS, wholeWord } from '../domain/redaction';

export const REDACTED = '[redacted]';

interface FieldSpec {
  label: string;
  /** The event type that carries the field, or 'person' for a field of every person. */
  eventType: CaseEventType | 'person';
  /** Dotted path inside the event (or person). A whole object or array is redacted string by string. */
  path: string;
}

/** The free-text fields a DSL can leave out of a sharing copy. Enumerations and dates are never redacted: the record must still read under the policy. */
export const REDACTABLE_FIELDS = {
  'disclosure.disclosedBy': {
    label: 'Who made the disclosure',
    eventType: 'disclosure.recorded',
    path: 'disclosure.disclosedBy',
  },
  'disclosure.account': {
    label: "The disclosure in the young person's own words",
    eventType: 'disclosure.recorded',
    path: 'disclosure.account',
  },
  'disclosure.imageryDescription': {
    label: 'What the imagery shows, as described',
    eventType: 'disclosure.recorded',
    path: 'disclosure.imageryDescription',
  },
  'disclosure.spreadNotes': {
    label: 'How far the imagery spread',
    eventType: 'disclosure.recorded',
    path: 'disclosure.spreadNotes',
  },
  'disclosure.actionsTaken': {
    label: 'Actions taken at the disclosure',
    eventType: 'disclosure.recorded',
    path: 'disclosure.actionsTaken',
  },
  'person.otherVulnerabilities': {
    label: "Young people's other vulnerabilities",
    eventType: 'person',
    path: 'otherVulnerabilities',
  },
  'review.relevantFacts': {
    label: 'Initial review: relevant facts about the young people (R5.7)',
    eventType: 'review.decided',
    path: 'decision.answers.relevantFacts',
  },
  'risk.answers': { label: 'Risk assessment answers', eventType: 'risk.assessed', path: 'answers' },
  'conversation.summary': {
    label: 'Conversations with the young people',
    eventType: 'conversation.recorded',
    path: 'summary',
  },
  'parents.reason': {
    label: 'Reasons about informing parents and carers',
    eventType: 'parents.recorded',
    path: 'reason',
  },
  'referral.note': { label: 'Referral notes', eventType: 'referral.made', path: 'note' },
  'referral.outcome': { label: 'Referral outcomes', eventType: 'referral.outcome', path: 'outcome' },
  'social-care.outcome': {
    label: "Children's social care contact outcomes",
    eventType: 'social-care.contacted',
    path: 'outcome',
  },
  'viewing.why': { label: 'Why the imagery was viewed', eventType: 'viewing.recorded', path: 'why' },
  'support.note': { label: 'Support offered to staff', eventType: 'support.offered', path: 'note' },
  'note.text': { label: 'Notes', eventType: 'note.added', path: 'text' },
  'advice.advice': { label: 'Advice given by agencies', eventType: 'advice.sought', path: 'advice' },
  'review.consultation': {
    label: 'Initial review: what the agency consulted on an override advised',
    eventType: 'review.decided',
    path: 'decision.consultation.advice',
  },
  'deletion.refusal': {
    label: 'What a young person said when refusing to delete',
    eventType: 'deletion.refused',
    path: 'note',
  },
} as const satisfies Record<string, FieldSpec>;

export type RedactableField = keyof typeof REDACTABLE_FIELDS;

export interface Redactions {
  /** People not for sharing (e.g. uninvolved pupils): their names become "[redacted]" everywhere, free text included. */
  personIds: readonly string[];
  /** Fields not for sharing. */
  fields: readonly RedactableField[];
}

export function hasRedactions(r: Redactions | null | undefined): r is Redactions {
  return !!r && (r.personIds.length > 0 || r.fields.length > 0);
}

function isSignature(v: unknown): v is Signature {
  const s = v as Partial<Signature> | null;
  return (
    typeof s === 'object' && s !== null && typeof s.name === 'string' && (s.kind === 'drawn' || s.kind === 'typed')
  );
}

const parts = (name: string): string[] => name.trim().split(/[\s]+/).filter(Boolean);

/**
 * Patterns for every name a redacted person had in the log: the full name, then each part of it
 * (2+ letters) that no person kept in the copy shares. Case-insensitive and whole-word, so "Leo's"
 * loses "Leo" but "Leon" keeps it. Best effort on free text: a nickname or a misspelling is not
 * recognised, which is why the DSL reads the copy before it is signed.
 */
function namePatterns(persons: Map<string, Person[]>, redactedIds: ReadonlySet<string>): RegExp[] {
  const kept = new Set<string>();
  for (const [id, versions] of persons)
    if (!redactedIds.has(id)) for (const p of versions) for (const w of parts(p.name)) kept.add(w.toLowerCase());
  const words = new Set<string>();
  for (const id of redactedIds) {
    for (const p of persons.get(id) ?? []) {
      const full = p.name.trim().normalize('NFC');
      if (full) words.add(full);
      for (const w of parts(full)) if (w.length >= 2 && !kept.has(w.toLowerCase())) words.add(w);
    }
  }
  // Longest first, so a full name goes before its parts.
  return [...words].sort((a, b) => b.length - a.length).map(wholeWord);
}

function pathMatches(spec: string, path: string): boolean {
  return path === spec || path.startsWith(`${spec}.`);
}

/**
 * The events of a case as a sharing copy: each redacted person's name (wherever it appears, in
 * free text too) and each marked field become "[redacted]"; a redacted person's date of birth
 * becomes their age on the case's date (so the policy reads the copy as it read the case) and
 * their other vulnerabilities are left out; a drawn signature by a redacted name loses its
 * strokes. Ids, dates and enumerations are kept, so the copy replays like the case. Pure.
 */
export function redactEvents(events: readonly CaseEvent[], redactions: Redactions): CaseEvent[] {
  const redactedIds = new Set(redactions.personIds);
  const persons = personsIn(events);
  const patterns = namePatterns(persons, redactedIds);
  const replaceNames = (s: string): string => {
    const n = s.normalize('NFC');
    const out = patterns.reduce((acc, re) => acc.replace(re, REDACTED), n);
    return out === n ? s : out;
  };
  const specs = redactions.fields.map((f) => REDACTABLE_FIELDS[f]).filter(Boolean) as FieldSpec[];
  const personFieldSpecs = specs.filter((s) => s.eventType === 'person');
  const byId = new Map(events.map((e) => [e.id, e]));

  const refDate = caseDay(events);

  const redactAll = (v: unknown): unknown => {
    if (typeof v === 'string') return v.trim() ? REDACTED : v;
    if (isSignature(v)) return { kind: 'typed', name: REDACTED } satisfies Signature;
    if (Array.isArray(v)) return v.map(redactAll);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, STRUCTURAL_KEYS.has(k) ? x : redactAll(x)]));
    return v;
  };

  const mapPerson = (p: Person, path: string, eventSpecs: FieldSpec[]): Person => {
    const out = mapValue({ ...p, name: '' }, `${path}#person`, eventSpecs) as Person;
    out.name = redactedIds.has(p.id) ? REDACTED : p.name;
    for (const s of personFieldSpecs) {
      const v = (p as unknown as Record<string, unknown>)[s.path];
      if (typeof v === 'string' && v.trim()) (out as unknown as Record<string, unknown>)[s.path] = REDACTED;
    }
    if (redactedIds.has(p.id)) {
      if (p.otherVulnerabilities?.trim()) out.otherVulnerabilities = REDACTED;
      ageForBirthDate(p, out, refDate);
    }
    return out;
  };

  function mapValue(v: unknown, path: string, eventSpecs: FieldSpec[]): unknown {
    const key =
      path
        .replace(/#person$/, '')
        .split('.')
        .at(-1) ?? '';
    if (eventSpecs.some((s) => pathMatches(s.path, path))) return redactAll(v);
    if (typeof v === 'string') return STRUCTURAL_KEYS.has(key) ? v : replaceNames(v);
    if (Array.isArray(v)) return v.map((x) => mapValue(x, path, eventSpecs));
    if (typeof v === 'object' && v !== null) {
      if (!path.endsWith('#person') && isPerson(v)) return mapPerson(v, path, eventSpecs);
      if (isSignature(v)) {
        const name = replaceNames(v.name);
        if (name !== v.name) return { kind: 'typed', name } satisfies Signature;
        return v;
      }
      const base = path.replace(/#person$/, '');
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, mapValue(x, base ? `${base}.${k}` : k, eventSpecs)]),
      );
    }
    return v;
  }

  return events.map((e) => {
    const eventSpecs = specs.filter((s) => s.eventType === e.type);
    const { actor, ...rest } = e;
    const mapped = mapValue(rest, '', eventSpecs) as Omit<CaseEvent, 'actor'>;
    const out = { ...mapped, actor } as CaseEvent;
    // An amendment of a redacted field would otherwise print the field's text as "before" and "after".
    if (out.type === 'answer.amended') {
      const target = byId.get(out.targetEventId);
      if (
        target &&
        specs.some(
          (s) => s.eventType === target.type && (pathMatches(s.path, out.field) || pathMatches(out.field, s.path)),
        )
      ) {
        return { ...out, before: REDACTED, after: REDACTED };
      }
    }
    return out;
  });
}
