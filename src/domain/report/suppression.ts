// Small-number suppression for reports (docs/REPORTS.md): a count under 3 is never shown, nor any cell it could be worked out from.

// ---- shown values and suppression -----------------------------------------------------------------

/** A count as it may be shown. The true value of a suppressed count is not kept. */
export type Shown =
  | { kind: 'count'; value: number }
  | { kind: 'fewer-than-3' }
  /** Hidden so that a "fewer than 3" elsewhere in the table cannot be worked out from the total. */
  | { kind: 'not-shown' }
  /** Within 2 of the total: the cases without it are fewer than 3. */
  | { kind: 'all-but-fewer-than-3' };

export const SUPPRESSION_THRESHOLD = 3;

export function showCount(n: number): Shown {
  return n >= 1 && n < SUPPRESSION_THRESHOLD ? { kind: 'fewer-than-3' } : { kind: 'count', value: n };
}

export function shownText(s: Shown): string {
  switch (s.kind) {
    case 'count':
      return String(s.value);
    case 'fewer-than-3':
      return 'fewer than 3';
    case 'not-shown':
      return 'not shown';
    case 'all-but-fewer-than-3':
      return 'all but fewer than 3';
  }
}

type Hidden = { primary: boolean };

/**
 * Can each hidden cell still take two values, given the shown cells and the total? A "fewer than 3"
 * is 1 or 2; a "not shown" is at least 3 and at least `secondaryMin` (the largest count still
 * shown: cells are hidden largest first, so a hidden one is no smaller than any still shown).
 */
function hiddenCellsProtected(hidden: readonly Hidden[], hiddenSum: number, secondaryMin: number): boolean {
  const min = (h: Hidden) => (h.primary ? 1 : Math.max(SUPPRESSION_THRESHOLD, secondaryMin));
  const max = (h: Hidden) => (h.primary ? SUPPRESSION_THRESHOLD - 1 : Infinity);
  return hidden.every((h, i) => {
    const others = hidden.filter((_, j) => j !== i);
    const lo = others.reduce((s, o) => s + min(o), 0);
    const hi = others.reduce((s, o) => s + max(o), 0);
    let feasible = 0;
    for (let v = min(h); v <= Math.min(max(h), hiddenSum); v++) {
      if (hiddenSum - v >= lo && hiddenSum - v <= hi) feasible += 1;
      if (feasible >= 2) return true;
    }
    return false;
  });
}

/**
 * Suppression for cells that add up to `total` (total >= 3). Primary: 1-2 become "fewer than 3".
 * Secondary: while some hidden cell could be worked out from the total, hide the largest shown
 * count as "not shown" (hiding a large count leaves the most room for doubt). Null when no choice
 * of cells protects them: the breakdown is then withheld as a whole.
 */
export function suppressPartition(values: readonly number[], total: number): Shown[] | null {
  const out: Shown[] = values.map(showCount);
  if (!out.some((s) => s.kind === 'fewer-than-3')) return out;
  for (;;) {
    const hidden = out.flatMap((s): Hidden[] =>
      s.kind === 'fewer-than-3' ? [{ primary: true }] : s.kind === 'not-shown' ? [{ primary: false }] : [],
    );
    const shown = out.flatMap((s) => (s.kind === 'count' ? [s.value] : []));
    const shownSum = shown.reduce((a, b) => a + b, 0);
    const largestShown = Math.max(0, ...shown);
    if (hiddenCellsProtected(hidden, total - shownSum, largestShown)) return out;
    if (largestShown === 0) return null;
    out[out.findIndex((s) => s.kind === 'count' && s.value === largestShown)] = { kind: 'not-shown' };
  }
}

/** Suppression for counts out of a total that need not add up (each case may count in several). */
export function suppressEach(values: readonly number[], total: number): Shown[] {
  return values.map((v) =>
    v > 0 && total - v >= 1 && total - v < SUPPRESSION_THRESHOLD && v >= SUPPRESSION_THRESHOLD
      ? { kind: 'all-but-fewer-than-3' }
      : showCount(v),
  );
}
