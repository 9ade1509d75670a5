// Owns "one young person's part" of a case for a transfer: every other young person becomes "Young person B", "C"... in every event.
import type { CaseEvent } from '../../domain/events';
import type { Person } from '../../domain/types';
import { ageForBirthDate, caseDay, isPerson, personsIn, STRUCTURAL_KEYS, wholeWord } from '../../domain/redaction';
import { youngPeople } from '../../domain/rules/triggers';
import { StorageError } from '../errors';

// A lower-case slug ("young-person", "no") is an enumeration value, not prose.
const SLUG = /^[a-z0-9][a-z0-9.-]*$/;

function alias(i: number): string {
  // B, C, ... Z, then numbers: the young person the transfer is about is, implicitly, A.
  return i < 25 ? `Young person ${String.fromCharCode(66 + i)}` : `Young person ${i + 2}`;
}

export type Redaction = { events: CaseEvent[]; aliases: { personId: string; alias: string }[] };

/**
 * The events of a case as the part about one young person: every other young person's name is
 * replaced by "Young person B", "C"... wherever it appears verbatim in free text (full name first,
 * then each part of it not shared with the kept young person's name), their date of birth becomes
 * an age on the case's date (so the policy reads the case the same way) and their other
 * vulnerabilities are left out. Adults (staff, agencies) are kept. Best effort on free text: a
 * nickname or misspelling is not recognised, so the UI shows the result before it is sealed.
 */
export function redactForYoungPerson(events: readonly CaseEvent[], keepPersonId: string): Redaction {
  // The latest version of each person, as the case now holds them.
  const persons = [...personsIn(events).values()].map((versions) => versions.at(-1)!);
  const refDate = caseDay(events);
  const yp = youngPeople(persons, refDate);
  const keep = yp.find((p) => p.id === keepPersonId);
  if (!keep) throw new StorageError('Choose one of the young people involved in this case.');
  const keptParts = new Set(keep.name.toLowerCase().split(/\s+/).filter(Boolean));
  const others = yp.filter((p) => p.id !== keepPersonId);
  const aliases = new Map(others.map((p, i) => [p.id, alias(i)]));

  const patterns: { re: RegExp; alias: string }[] = [];
  for (const p of others) {
    const a = aliases.get(p.id)!;
    const full = p.name.trim();
    const parts = full.split(/\s+/).filter((w) => w.length >= 2 && !keptParts.has(w.toLowerCase()));
    for (const n of [full, ...parts]) if (n) patterns.push({ re: wholeWord(n), alias: a });
  }
  patterns.sort((x, y) => y.re.source.length - x.re.source.length);
  const replaceNames = (s: string): string => patterns.reduce((acc, p) => acc.replace(p.re, p.alias), s);

  const redactPerson = (p: Person): Person => {
    // '#person' maps the person's own fields without coming back here.
    const out: Person = { ...(mapValue(p, '#person') as Person), name: aliases.get(p.id)! };
    ageForBirthDate(p, out, refDate);
    if (p.otherVulnerabilities?.trim()) out.otherVulnerabilities = 'Left out of this transfer.';
    return out;
  };

  function mapValue(v: unknown, key: string | undefined): unknown {
    if (typeof v === 'string')
      return (key !== undefined && STRUCTURAL_KEYS.has(key)) || SLUG.test(v) ? v : replaceNames(v);
    if (Array.isArray(v)) return v.map((x) => mapValue(x, key));
    if (typeof v === 'object' && v !== null) {
      if (key !== '#person' && isPerson(v) && aliases.has(v.id)) return redactPerson(v);
      if (key === 'actor') return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapValue(x, k)]));
    }
    return v;
  }
  return {
    events: events.map((e) => mapValue(e, undefined) as CaseEvent),
    aliases: others.map((p) => ({ personId: p.id, alias: aliases.get(p.id)! })),
  };
}
