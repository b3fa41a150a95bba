import { Channel, PackageStatus } from '@/engines/enums';

/** The library's filters as the URL carries them (`?status=…&channel=…&q=…`), so a reload keeps them. */
export interface LibraryFilter {
  status?: PackageStatus;
  channel?: Channel;
  search?: string;
}

/** Anything the list would refuse (an unknown status, a hand-edited channel) reads as no filter. */
export function libraryFilterFromSearchParams(params: URLSearchParams): LibraryFilter {
  const search = params.get('q')?.trim().slice(0, 200);
  return {
    status: PackageStatus.safeParse(params.get('status')).data,
    channel: Channel.safeParse(params.get('channel')).data,
    search: search || undefined,
  };
}

export function libraryQueryString(filter: LibraryFilter): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.channel) params.set('channel', filter.channel);
  if (filter.search) params.set('q', filter.search);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const isLibraryFiltered = (filter: LibraryFilter) => Boolean(filter.status || filter.channel || filter.search);
