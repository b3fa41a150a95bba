export interface Measurement {
  operation: string;
  rows: number;
  p50: number;
  p95: number;
}

/** Times `run` `iterations` times after `warmup` untimed calls, and reports the median and p95 in ms. */
export async function measure(
  operation: string,
  rows: number,
  run: () => Promise<unknown>,
  { iterations = 20, warmup = 3 }: { iterations?: number; warmup?: number } = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { operation, rows, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Nearest-rank percentile of sorted samples (`p` in 0–1); the eval's build times use it too. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export function formatTable(results: Measurement[]): string {
  const header = ['operation', 'rows', 'p50 ms', 'p95 ms'];
  const body = results.map((r) => [r.operation, r.rows.toLocaleString('en-US'), r.p50.toFixed(1), r.p95.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
