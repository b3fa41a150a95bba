import type { PatternDTO } from '@/trpc/types';

export type PatternChannel = PatternDTO['supportedChannels'][number];
export type PatternStatusValue = PatternDTO['status'];

/** The library page's filters; 'all' leaves that side open. */
export interface PatternFilter {
  status: PatternStatusValue | 'all';
  channel: PatternChannel | 'all';
}

export const NO_FILTER: PatternFilter = { status: 'all', channel: 'all' };

/** The patterns the filter lets through, split into the brand's own and the shared library, order kept. */
export function groupPatterns(patterns: readonly PatternDTO[], filter: PatternFilter): { own: PatternDTO[]; shared: PatternDTO[] } {
  const shown = patterns.filter(
    (pattern) =>
      (filter.status === 'all' || pattern.status === filter.status) &&
      (filter.channel === 'all' || pattern.supportedChannels.includes(filter.channel)),
  );
  return { own: shown.filter((p) => p.scope === 'brand'), shared: shown.filter((p) => p.scope === 'shared') };
}

export const MAX_BEATS = 8;
export const MAX_BEAT_CHARS = 80;

/** The beats typed one per line: blank lines dropped, each trimmed. */
export function beatsFromText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** What is wrong with the beats before they are sent, or null. */
export function beatsProblem(beats: readonly string[]): string | null {
  if (beats.length === 0) return 'Add at least one beat, one per line.';
  if (beats.length > MAX_BEATS) return `At most ${MAX_BEATS} beats; this has ${beats.length}.`;
  const long = beats.find((beat) => beat.length > MAX_BEAT_CHARS);
  return long ? `Each beat is at most ${MAX_BEAT_CHARS} characters; "${long.slice(0, 20)}…" is ${long.length}.` : null;
}
