import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { brandSectionHref } from '@/components/app-shell/sections';
import { EmptyBoardHint, StrategyNotice } from '@/components/strategy/strategy-notice';
import { AddIdea } from '@/components/today/add-idea';
import { GenerateIdeas } from '@/components/today/generate-ideas';
import { TodayBoard } from '@/components/today/today-board';
import { isFiltered, toURLSearchParams } from '@/components/today/today-filter';
import { filterFromSearchParams } from '@/components/today/today-filter-from-url';
import { trpcErrorCode } from '@/server/trpc/errors';
import { getQueryClient, HydrateClient, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Today');

interface TodayPageProps {
  params: Promise<{ brandId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** "What should I work on today?": F1's board for the brand, rendered on the server first. */
export default async function TodayPage({ params, searchParams }: TodayPageProps) {
  const { brandId } = await params;
  const filter = filterFromSearchParams(toURLSearchParams(await searchParams));
  try {
    const queryClient = getQueryClient();
    // The calibration notice above the board renders on the server too, instead of popping in.
    await Promise.all([
      queryClient.fetchQuery(trpc.today.get.queryOptions({ brandId, ...filter })),
      queryClient.fetchQuery(trpc.strategy.calibration.queryOptions({ brandId })),
      // The latest generation's board class shows with the board, not after it.
      queryClient.fetchQuery(trpc.opportunities.generationStatus.queryOptions({ brandId })),
    ]);
  } catch (error) {
    if (trpcErrorCode(error) !== 'NOT_FOUND') throw error;
    // A bookmarked filter naming a pillar or persona the brand no longer has: show the whole board
    // rather than an error. Without a filter, the brand itself is not the viewer's.
    if (isFiltered(filter)) redirect(brandSectionHref(brandId, 'today'));
    notFound();
  }
  return (
    <HydrateClient>
      <div className="today-heading">
        <h1 className="page-title">Today</h1>
        <Link className="small" href={brandSectionHref(brandId, 'packages')}>
          Package library
        </Link>
      </div>
      <StrategyNotice brandId={brandId} />
      <GenerateIdeas brandId={brandId} />
      <AddIdea brandId={brandId} />
      <Suspense fallback={<p className="muted">Loading the board…</p>}>
        <TodayBoard brandId={brandId} filter={filter} />
        {!isFiltered(filter) && <EmptyBoardHint brandId={brandId} />}
      </Suspense>
    </HydrateClient>
  );
}
