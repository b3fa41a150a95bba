import { BoardFilter } from '@/engines/opportunities/dto';

/** The board filter as it lives in the URL: `?pillar=…&persona=…&channel=…`. */
const PARAM_OF = { pillarId: 'pillar', personaId: 'persona', channel: 'channel' } as const satisfies Record<keyof BoardFilter, string>;

type ParamSource = Pick<URLSearchParams, 'get'>;

/**
 * Reads the filter from search params. A value that is not even well-formed (a hand-edited URL) is
 * dropped rather than failing the page; an id of the right shape that names nothing of this brand
 * reaches the server, which answers NOT_FOUND.
 */
export function filterFromSearchParams(params: ParamSource): BoardFilter {
  const filter: BoardFilter = {};
  for (const key of Object.keys(PARAM_OF) as (keyof BoardFilter)[]) {
    const parsed = BoardFilter.shape[key].safeParse(params.get(PARAM_OF[key]) ?? undefined);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [key]: parsed.data });
  }
  return filter;
}

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
