// A report's tables: counts by key with their suppressed form, and how a table is drawn or why it is withheld.
import {
  type Shown,
  SUPPRESSION_THRESHOLD,
  showCount,
  shownText,
  suppressPartition,
  suppressEach,
} from './suppression';

// ---- the report --------------------------------------------------------------------------------------

export interface ReportTableRow {
  key: string;
  label: string;
  shown: Shown;
}

export interface ReportTable {
  id:
    | 'typology'
    | 'routes'
    | 'year-group'
    | 'sex'
    | 'referral-agency'
    | 'referral-outcome'
    | 'non-referral'
    | 'overdue';
  title: string;
  /** What is counted: "cases", "young people", "referrals", "decisions", "items". */
  unit: string;
  /** 'partition': each is counted once, the rows add up to the total; 'each': a case may count in several rows. */
  kind: 'partition' | 'each';
  total: Shown;
  /** The breakdown is withheld (rows is then empty): the total is under 3, or no hiding protects a small count. */
  withheld: boolean;
  rows: ReportTableRow[];
  note?: string;
}

export function table(
  id: ReportTable['id'],
  title: string,
  unit: string,
  kind: ReportTable['kind'],
  total: number,
  cells: readonly { key: string; label: string; value: number }[],
  note?: string,
): ReportTable {
  const shown =
    total < SUPPRESSION_THRESHOLD
      ? null
      : kind === 'partition'
        ? suppressPartition(
            cells.map((c) => c.value),
            total,
          )
        : suppressEach(
            cells.map((c) => c.value),
            total,
          );
  return {
    id,
    title,
    unit,
    kind,
    total: showCount(total),
    withheld: shown === null,
    rows: shown === null ? [] : cells.map((c, i) => ({ key: c.key, label: c.label, shown: shown[i]! })),
    ...(note ? { note } : {}),
  };
}

export function countBy<K extends string>(keys: readonly K[], items: readonly K[]): { key: K; value: number }[] {
  return keys.map((key) => ({ key, value: items.filter((i) => i === key).length }));
}

/**
 * A table's rows for a bar chart: the words to show, and the bar as a share of the table's total
 * (so a shown bar never looks like the largest when a larger count is hidden); null: no bar.
 */
export function chartRows(t: ReportTable): { key: string; label: string; value: string; fraction: number | null }[] {
  const total = t.total.kind === 'count' ? t.total.value : 0;
  return t.rows.map((r) => ({
    key: r.key,
    label: r.label,
    value: shownText(r.shown),
    fraction: r.shown.kind === 'count' && total > 0 ? r.shown.value / total : null,
  }));
}

/** Why a table shows no breakdown, in words. */
export function withheldText(t: ReportTable): string {
  return t.total.kind === 'count' && t.total.value === 0
    ? `None in this period.`
    : t.total.kind === 'fewer-than-3'
      ? `Fewer than 3 ${t.unit} in this period: the breakdown is not shown, to protect the young people involved.`
      : `The breakdown is not shown: every way of showing it would give away a count of fewer than 3.`;
}
