'use client';

import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';
import { formatStamp } from '@/components/insights/format';
import { Channel, PackageStatus, type VariantStatus } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { PACKAGE_STATUS_LABELS, VARIANT_STATUS_LABELS } from '@/lib/package-lifecycle';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { ExportLibraryCsv } from './export-library-csv';
import { isLibraryFiltered, type LibraryFilter, libraryFilterFromSearchParams, libraryQueryString } from './library-filter';

type LibraryItem = RouterOutputs['packages']['list']['items'][number];

/** The brand's packages, most recently changed first, filtered by the URL and paged with "Show more". */
export function PackageLibrary({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const filter = libraryFilterFromSearchParams(useSearchParams());
  const [filtering, startFiltering] = useTransition();
  const list = useSuspenseInfiniteQuery(
    trpc.packages.list.infiniteQueryOptions({ brandId, ...filter }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const items = list.data.pages.flatMap((page) => page.items);
  const changeFilter = (next: LibraryFilter) =>
    startFiltering(() => router.replace(`${pathname}${libraryQueryString(next)}`, { scroll: false }));

  return (
    <div className="library">
      <LibraryFilters key={filter.search ?? ''} filter={filter} pending={filtering} onChange={changeFilter} />
      <ExportLibraryCsv brandId={brandId} filter={filter} />
      {items.length === 0 ? (
        <div className="empty-state">
          {isLibraryFiltered(filter) ? (
            <>
              <p>No packages match these filters.</p>
              <button type="button" className="button button--quiet" onClick={() => changeFilter({})}>
                Clear filters
              </button>
            </>
          ) : (
            <p>
              No packages yet. Open an idea from <Link href={`/brands/${brandId}/today`}>Today</Link> as a package to start one.
            </p>
          )}
        </div>
      ) : (
        <ul className="library__list" aria-label="Packages, most recently changed first" aria-busy={filtering}>
          {items.map((item) => (
            <li key={item.id}>
              <LibraryRow brandId={brandId} item={item} />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button type="button" className="button button--quiet" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      )}
      {list.isFetchNextPageError && (
        <p className="form-error small" role="alert">
          {list.error?.message}
        </p>
      )}
    </div>
  );
}

function LibraryRow({ brandId, item }: { brandId: string; item: LibraryItem }) {
  return (
    <article className="card library__item">
      <h2 className="library__title">
        <Link href={`/brands/${brandId}/packages/${item.id}`}>{item.title}</Link>
      </h2>
      <p>
        <span className="badge" data-status={item.status}>
          {PACKAGE_STATUS_LABELS[item.status]}
        </span>{' '}
        <span className="small muted">Updated {formatStamp(item.updatedAt)}</span>
      </p>
      {item.origin && (
        <p className="small">
          From the idea <Link href={`/brands/${brandId}/today`}>{item.origin.title}</Link>
        </p>
      )}
      <ul className="library__channels" aria-label="Channels and their drafts">
        {item.channels.map((channel) => (
          <li key={channel}>
            <strong>{CHANNEL_LABELS[channel]}</strong> <span className="muted">{variantStates(item, channel)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

/** "2 draft · 1 published", or "no drafts". */
function variantStates(item: LibraryItem, channel: Channel): string {
  const counts = new Map<VariantStatus, number>();
  for (const variant of item.variants) {
    if (variant.channel === channel) counts.set(variant.status, (counts.get(variant.status) ?? 0) + 1);
  }
  if (counts.size === 0) return 'no drafts';
  return [...counts].map(([status, count]) => `${count} ${VARIANT_STATUS_LABELS[status].toLowerCase()}`).join(' · ');
}

interface LibraryFiltersProps {
  filter: LibraryFilter;
  pending: boolean;
  onChange: (filter: LibraryFilter) => void;
}

function LibraryFilters({ filter, pending, onChange }: LibraryFiltersProps) {
  return (
    <form
      className="filters"
      aria-label="Filter the packages"
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        const search = new FormData(event.currentTarget).get('q');
        onChange({ ...filter, search: typeof search === 'string' && search.trim() ? search.trim() : undefined });
      }}
    >
      <label className="field field--inline">
        <span>Status</span>
        <select value={filter.status ?? ''} onChange={(e) => onChange({ ...filter, status: PackageStatus.safeParse(e.target.value).data })}>
          <option value="">All but archived</option>
          {PackageStatus.options.map((status) => (
            <option key={status} value={status}>
              {PACKAGE_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Channel</span>
        <select value={filter.channel ?? ''} onChange={(e) => onChange({ ...filter, channel: Channel.safeParse(e.target.value).data })}>
          <option value="">All channels</option>
          {Channel.options.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNEL_LABELS[channel]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Title</span>
        <input type="search" name="q" defaultValue={filter.search ?? ''} maxLength={200} placeholder="Search titles" />
      </label>
      <button type="submit" className="button button--quiet" disabled={pending}>
        Search
      </button>
      {isLibraryFiltered(filter) && (
        <button type="button" className="button button--quiet" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}
