import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { libraryFilterFromSearchParams } from '@/components/packages/library/library-filter';
import { PackageLibrary } from '@/components/packages/library/package-library';
import { toURLSearchParams } from '@/components/today/today-filter';
import { fetchOrNotFound, getQueryClient, HydrateClient, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Packages');

interface PackagesPageProps {
  params: Promise<{ brandId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The brand's package library under the filters in the URL, its first page rendered on the server. */
export default async function PackagesPage({ params, searchParams }: PackagesPageProps) {
  const { brandId } = await params;
  const filter = libraryFilterFromSearchParams(toURLSearchParams(await searchParams));
  await fetchOrNotFound(
    getQueryClient().fetchInfiniteQuery(
      trpc.packages.list.infiniteQueryOptions({ brandId, ...filter }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
    ),
  );
  return (
    <HydrateClient>
      <h1 className="page-title">Packages</h1>
      <Suspense fallback={<p className="muted">Loading the packages…</p>}>
        <PackageLibrary brandId={brandId} />
      </Suspense>
    </HydrateClient>
  );
}
