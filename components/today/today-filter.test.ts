import { describe, expect, it } from 'vitest';
import { isFiltered, searchParamsWithFilter, toURLSearchParams } from './today-filter';
import { filterFromSearchParams } from './today-filter-from-url';

const PILLAR = '6f1c1e0a-3b1a-4c55-9d7e-0a1b2c3d4e5f';
const PERSONA = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

describe('the Today filter in the URL', () => {
  it('reads pillar, persona and channel from search params', () => {
    const params = new URLSearchParams({ pillar: PILLAR, persona: PERSONA, channel: 'x' });
    expect(filterFromSearchParams(params)).toEqual({ pillarId: PILLAR, personaId: PERSONA, channel: 'x' });
  });

  it('drops malformed values instead of failing the page', () => {
    const params = new URLSearchParams({ pillar: 'not-a-uuid', channel: 'myspace', persona: PERSONA });
    expect(filterFromSearchParams(params)).toEqual({ personaId: PERSONA });
    expect(filterFromSearchParams(new URLSearchParams())).toEqual({});
  });

  it('writes a filter back, keeping unrelated params and removing cleared ones', () => {
    expect(searchParamsWithFilter('channel=x&tab=2', { pillarId: PILLAR })).toBe(`?tab=2&pillar=${PILLAR}`);
    expect(searchParamsWithFilter(`pillar=${PILLAR}`, {})).toBe('');
  });

  it("round-trips through Next's searchParams object, first value winning", () => {
    const params = toURLSearchParams({ pillar: [PILLAR, 'other'], channel: 'newsletter', empty: undefined });
    expect(filterFromSearchParams(params)).toEqual({ pillarId: PILLAR, channel: 'newsletter' });
  });

  it('knows whether anything is filtered', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ channel: undefined })).toBe(false);
    expect(isFiltered({ channel: 'linkedin' })).toBe(true);
  });
});
