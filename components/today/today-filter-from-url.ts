import { BoardFilter } from '@/engines/opportunities/dto';
import { PARAM_OF } from './today-filter';

/**
 * Reads the filter from search params. A value that is not even well-formed (a hand-edited URL) is
 * dropped rather than failing the page; an id of the right shape that names nothing of this brand
 * reaches the server, which answers NOT_FOUND. The Today page reads it on the server and hands it to
 * the board, so zod's parser never ships to the browser.
 */
export function filterFromSearchParams(params: Pick<URLSearchParams, 'get'>): BoardFilter {
  const filter: BoardFilter = {};
  for (const key of Object.keys(PARAM_OF) as (keyof BoardFilter)[]) {
    const parsed = BoardFilter.shape[key].safeParse(params.get(PARAM_OF[key]) ?? undefined);
    if (parsed.success && parsed.data !== undefined) Object.assign(filter, { [key]: parsed.data });
  }
  return filter;
}
