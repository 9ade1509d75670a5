// Medians and the formatting of the bench table.

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** "12.3 ms", "456 ms", "1.23 s" */
export function ms(value) {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${Math.round(value)} ms`;
  if (value >= 0.1) return `${value.toFixed(1)} ms`;
  return `${(value * 1000).toFixed(1)} µs`;
}

/** "412–530 ms": the range of the samples, in one unit where they share it. */
export function spread(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length < 2) return '';
  const lo = ms(Math.min(...v));
  const hi = ms(Math.max(...v));
  const unit = (s) => s.slice(s.lastIndexOf(' ') + 1);
  return unit(lo) === unit(hi) ? `${lo.slice(0, lo.lastIndexOf(' '))}–${hi}` : `${lo}–${hi}`;
}

export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
export const MB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
export const x = (r) => (Number.isFinite(r) ? `${r >= 100 ? Math.round(r) : r.toFixed(r >= 10 ? 1 : 2)}x` : 'n/a');
export const verdict = (ok) => (ok === null ? '' : ok ? 'meets' : '**misses**');

/** A markdown table from a header row and rows of cells. */
export function markdownTable(header, rows) {
  const esc = (c) => String(c ?? '').replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
