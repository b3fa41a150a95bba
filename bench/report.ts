import { percentile } from './measure';

/**
 * One row of the bench table: a figure beside its reference from the same run, and whether the
 * issue's target holds. A measure with two targets (P2's ratio and growth) gives two rows.
 */
export interface BenchRow {
  /** The issue's id and the database, e.g. `P1 PostgreSQL`. */
  id: string;
  measure: string;
  /** Medians and p95 in `unit`; null when the measure has a single figure. */
  median: number | null;
  p95: number | null;
  reference: number | null;
  unit: string;
  /** figure ÷ reference, or the figure itself when the target is absolute. */
  ratio: number | null;
  target: Target;
  /** Why the row holds no figure (skipped, failed); its target then neither holds nor misses. */
  note?: string;
}

/**
 * A target on a row's ratio (or, for an absolute limit, its median or p95): at most or at least; or
 * none, for a row that shows a floor beside the measures it bounds (P1's and P5's trivial procedure).
 */
export interface Target {
  kind: 'at most' | 'at least' | 'none';
  limit: number;
  /** Which figure the limit applies to; the ratio unless the issue states an absolute bound. */
  of?: 'ratio' | 'median' | 'p95';
  /** How the limit reads in the table: `≤ 1.5×`, `≤ 700 ms`, `≤ 200 kB`. */
  label: string;
}

export const atMost = (limit: number, label = `≤ ${limit}×`): Target => ({ kind: 'at most', limit, label });
export const atLeast = (limit: number, label = `≥ ${limit}×`): Target => ({ kind: 'at least', limit, label });
/** No target: the row is a reference point, neither holding nor missed. */
export const noTarget = (label = '–'): Target => ({ kind: 'none', limit: Number.NaN, label });
/** An absolute bound on the row's median (or p95) in its unit, such as P3's 700 ms wall. */
export const medianAtMost = (limit: number, unit: string, of: 'median' | 'p95' = 'median'): Target => ({
  kind: 'at most',
  limit,
  of,
  label: `${of === 'p95' ? 'p95 ' : ''}≤ ${limit.toLocaleString('en-US')} ${unit}`,
});

/** True/false when the row has the figure its target reads; null when it was not measured. */
export function holds(row: Pick<BenchRow, 'ratio' | 'median' | 'p95' | 'target'>): boolean | null {
  const value = row.target.of === 'median' ? row.median : row.target.of === 'p95' ? row.p95 : row.ratio;
  if (row.target.kind === 'none' || value === null || !Number.isFinite(value)) return null;
  return row.target.kind === 'at most' ? value <= row.target.limit : value >= row.target.limit;
}

/** The rows whose target is missed; a row not measured is not a miss (`--quick` skips some). */
export function missedTargets(rows: BenchRow[]): BenchRow[] {
  return rows.filter((row) => holds(row) === false);
}

/** Median and p95 (nearest rank, as measure.ts) of unsorted samples. */
export function summarize(samples: number[]): { median: number; p95: number } {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/** Milliseconds covered by at least one of the intervals (P3: the time some model call was running). */
export function coveredMs(intervals: { start: number; end: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const { start, end } of sorted) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return covered;
}

export function ratioOf(figure: number, reference: number): number {
  return reference > 0 ? figure / reference : Number.POSITIVE_INFINITY;
}

function figure(value: number | null, unit: string): string {
  if (value === null) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

const HEADER = ['measure', 'median', 'p95', 'reference', 'ratio', 'target', 'holds'];

function cells(row: BenchRow): string[] {
  const verdict = holds(row);
  return [
    `${row.id}: ${row.measure}`,
    figure(row.median, row.unit),
    figure(row.p95, row.unit),
    figure(row.reference, row.unit),
    row.ratio === null ? '–' : Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}` : '∞',
    row.target.label,
    verdict === null ? (row.note ?? 'not measured') : verdict ? 'yes' : `NO${row.note ? ` (${row.note})` : ''}`,
  ];
}

/** The table for the terminal: aligned columns. */
export function renderText(rows: BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === 0 || i >= 5 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The same table in Markdown, for bench/results.md. */
export function renderMarkdown(rows: BenchRow[]): string {
  const escapePipes = (value: string) => value.replaceAll('|', '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i === 0 || i >= 5 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${cells(row).map(escapePipes).join(' | ')} |`),
  ].join('\n');
}
