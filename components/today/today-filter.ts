import type { BoardFilter } from '@/trpc/types';

// No runtime import: the board (a client component) writes the filter into the URL with these, and the
// browser bundle stays without zod. Reading it back is validated on the server (today-filter-from-url.ts).

/** The board filter as it lives in the URL: `?pillar=…&persona=…&channel=…`. */
export const PARAM_OF = { pillarId: 'pillar', personaId: 'persona', channel: 'channel' } as const satisfies Record<
  keyof BoardFilter,
  string
>;

/** Search params for a filter, keeping every other parameter of `current`. */
export function searchParamsWithFilter(current: string, filter: BoardFilter): string {
  const params = new URLSearchParams(current);
  for (const key of Object.keys(PARAM_OF) as (keyof BoardFilter)[]) {
    const value = filter[key];
    if (value) params.set(PARAM_OF[key], value);
    else params.delete(PARAM_OF[key]);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Next's `searchParams` prop → URLSearchParams (the first value of a repeated key wins). */
export function toURLSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

export const isFiltered = (filter: BoardFilter): boolean => Object.values(filter).some(Boolean);
