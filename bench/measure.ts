/** Nearest-rank percentile of sorted samples (`p` in 0–1); the bench's report and the eval's build times use it. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
