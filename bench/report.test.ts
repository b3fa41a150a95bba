import { describe, expect, it } from 'vitest';
import {
  atLeast,
  atMost,
  type BenchRow,
  coveredMs,
  holds,
  medianAtMost,
  missedTargets,
  noTarget,
  ratioOf,
  renderMarkdown,
  renderText,
  summarize,
} from './report';

const row = (overrides: Partial<BenchRow>): BenchRow => ({
  id: 'P1 PostgreSQL',
  measure: 'today.get over HTTP',
  median: 12,
  p95: 20,
  reference: 10,
  unit: 'ms',
  ratio: 1.2,
  target: atMost(1.5),
  ...overrides,
});

describe('bench report', () => {
  it('summarizes unsorted samples by nearest-rank median and p95', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).toEqual({ median: 50, p95: 95 });
    expect(summarize([7])).toEqual({ median: 7, p95: 7 });
    expect(() => summarize([])).toThrow(/no samples/);
  });

  it('counts time covered by overlapping model calls once', () => {
    expect(coveredMs([])).toBe(0);
    expect(coveredMs([{ start: 0, end: 300 }])).toBe(300);
    // A thesis call, then four channel calls in parallel, then a gap and one more call.
    const calls = [
      { start: 0, end: 300 },
      { start: 310, end: 610 },
      { start: 312, end: 615 },
      { start: 311, end: 600 },
      { start: 700, end: 750 },
    ];
    expect(coveredMs(calls)).toBe(300 + 305 + 50);
  });

  it('holds an at-most target up to and including its limit, and an at-least target from it', () => {
    expect(holds(row({ ratio: 1.5 }))).toBe(true);
    expect(holds(row({ ratio: 1.51 }))).toBe(false);
    expect(holds(row({ ratio: 0.5, target: atLeast(0.5) }))).toBe(true);
    expect(holds(row({ ratio: 0.49, target: atLeast(0.5) }))).toBe(false);
  });

  it('reads an absolute target on the median or the p95 instead of the ratio', () => {
    expect(holds(row({ median: 700, ratio: 9, target: medianAtMost(700, 'ms') }))).toBe(true);
    expect(holds(row({ median: 701, ratio: 0.1, target: medianAtMost(700, 'ms') }))).toBe(false);
    expect(holds(row({ median: 10, p95: 60, target: medianAtMost(50, 'ms', 'p95') }))).toBe(false);
    expect(medianAtMost(200, 'kB').label).toBe('≤ 200 kB');
  });

  it('counts a row without a figure as neither holding nor missed', () => {
    const skipped = row({ median: null, p95: null, ratio: null, note: 'skipped in --quick' });
    expect(holds(skipped)).toBeNull();
    expect(missedTargets([skipped, row({ ratio: 3 }), row({})]).map((r) => r.ratio)).toEqual([3]);
  });

  it('counts a floor row (no target) as neither holding nor missed, whatever its ratio', () => {
    const floor = row({ ratio: 4, target: noTarget('floor'), note: 'the floor' });
    expect(holds(floor)).toBeNull();
    expect(missedTargets([floor])).toEqual([]);
    expect(renderText([floor])).toContain('the floor');
  });

  it('treats a zero reference as an infinite ratio, which misses an at-most target', () => {
    expect(ratioOf(5, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(holds(row({ ratio: ratioOf(5, 0) }))).toBeNull();
  });

  it('renders one aligned line per row with the verdict, and the same cells as Markdown', () => {
    const rows = [row({}), row({ id: 'P3 PGlite', ratio: 2, median: 1_250, note: 'profiled' })];
    const text = renderText(rows).split('\n');
    expect(text[0]).toMatch(/^measure\s+median\s+p95\s+reference\s+ratio\s+target\s+holds$/);
    expect(text).toHaveLength(4);
    expect(text[2]).toContain('12.0 ms');
    expect(text[2]).toMatch(/≤ 1.5×\s+yes$/);
    expect(text[3]).toContain('1,250 ms');
    expect(text[3]).toContain('NO (profiled)');
    const markdown = renderMarkdown(rows).split('\n');
    expect(markdown[1]).toBe('|---|---:|---:|---:|---:|---|---|');
    expect(markdown[2]).toBe('| P1 PostgreSQL: today.get over HTTP | 12.0 ms | 20.0 ms | 10.0 ms | 1.20 | ≤ 1.5× | yes |');
  });
});
