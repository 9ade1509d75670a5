// The day a case's ages are worked out on (issue 11 item 6, R3.1, R6.1, R6.2): every age rule reads it.
import type { AgeDates } from '../rules/age';
import { isoDay } from '../validation';
import type { CaseRecord } from './record';

/**
 * The day the ages are worked out on (issue 11 item 6): the incident date (when the imagery was made
 * or shared) where it is known, else the disclosure's date, else the day the case opened; and the
 * day an age or year group was told (the disclosure's, else the opening's). Every age rule reads it.
 */
export function referenceDate(c: Pick<CaseRecord, 'disclosure' | 'opened' | 'facts'>): AgeDates | undefined {
  return ageDatesFrom({
    incidentDate: c.facts.incidentDate,
    disclosedAt: c.disclosure?.disclosedAt,
    openedAt: c.opened?.at,
  });
}

/** The same from the dates alone (a form before anything is recorded): see referenceDate. */
export function ageDatesFrom(d: {
  incidentDate?: string | undefined;
  disclosedAt?: string | undefined;
  openedAt?: string | undefined;
}): AgeDates | undefined {
  const disclosed = isoDay(d.disclosedAt ?? '');
  const told = disclosed ?? isoDay(d.openedAt ?? '') ?? undefined;
  const incident = isoDay(d.incidentDate ?? '');
  if (incident) return { on: incident, basis: 'incident', toldOn: told };
  if (!told) return undefined;
  return { on: told, basis: disclosed ? 'disclosure' : 'opened', toldOn: told };
}
