// R4.5, R6.9, R14.1: what a change of facts does to a case: the causes of each route the policy
// asks for and when each arose, and the answers set back (each kept as an amendment).
import type { IncidentFacts, RouteId } from '../types';
import { assess } from '../rules/assess';
import { TRI_FACT_KEYS } from '../types';
import { currentDecision, type CaseRecord } from './record';
import { referenceDate } from './dates';

/**
 * The causes behind each act-now or recommended route for these facts: "route|rule" for each rule a
 * reason cites (with "?" when it rests on an unknown), and "route|person:id" for each person it is about.
 */
export function routeCauses(c: CaseRecord, facts: IncidentFacts = c.facts): Map<RouteId, string[]> {
  const a = assess(facts, { confirmedTypology: currentDecision(c)?.typology ?? null, referenceDate: referenceDate(c) });
  const out = new Map<RouteId, string[]>();
  for (const r of a.routes.routes) {
    if (r.strength !== 'act-now' && r.strength !== 'recommended') continue;
    const keys = new Set<string>();
    // R6.7's reading follows the typology chosen, not the facts: it is no cause of its own.
    for (const why of r.reasons) if (why.rule !== 'R6.7') keys.add(`${r.route}|${why.rule}${why.unknown ? '?' : ''}`);
    for (const id of r.persons ?? []) keys.add(`${r.route}|person:${id}`);
    keys.add(`${r.route}|${r.strength}`);
    out.set(r.route, [...keys]);
  }
  return out;
}
export function withOnsets(c: CaseRecord, seq: number, prev: CaseRecord): CaseRecord {
  // A record saved before causes were dated: what it already had counts as from the start (-1), so
  // a referral it already holds still answers them; only what arises from now on is dated.
  const before =
    prev.onsets ??
    (prev.eventCount > 0 ? Object.fromEntries([...routeCauses(prev).values()].flat().map((k) => [k, -1])) : {});
  const onsets: Record<string, number> = {};
  for (const keys of routeCauses(c).values()) for (const k of keys) onsets[k] = before[k] ?? seq;
  return { ...c, onsets };
}

const TRI_RANK = { no: 0, unknown: 1, yes: 2 } as const;

/**
 * R14.1: what a change of facts sets back or takes away: a trigger fact from yes (or, once a decision
 * is recorded, from not known) to something less, a person removed. Each needs a reason, and is kept
 * as an amendment beside the event that made it.
 */
export function factsSetBack(
  c: CaseRecord,
  next: Partial<IncidentFacts>,
): { field: string; before: string; after: string; label: string }[] {
  const out: { field: string; before: string; after: string; label: string }[] = [];
  const words = (k: string) => k.replace(/([A-Z])/g, ' $1').toLowerCase();
  const said = (t: string) => (t === 'unknown' ? 'not known' : t);
  const decided = c.decisions.length > 0;
  for (const k of TRI_FACT_KEYS) {
    const was = c.facts[k];
    const now = next[k];
    if (now === undefined || TRI_RANK[now] >= TRI_RANK[was]) continue;
    if (was === 'yes' || decided)
      out.push({
        field: `facts.${k}`,
        before: was,
        after: now,
        label: `${words(k)} from ${said(was)} to ${said(now)}`,
      });
  }
  if (next.persons) {
    for (const p of c.facts.persons) {
      if (!next.persons.some((x) => x.id === p.id))
        out.push({
          field: 'facts.persons',
          before: p.name || 'a person involved',
          after: 'removed',
          label: `${p.name || 'a person involved'} removed from the case`,
        });
    }
  }
  return out;
}
