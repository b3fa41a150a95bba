import type { Metadata } from 'next';
import { Suspense } from 'react';
import { filterFromSearchParams, toURLSearchParams } from '@/components/today/today-filter';
import { TodayBoard } from '@/components/today/today-board';
import { HydrateClient, prefetch, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Today · Kairo' };

interface TodayPageProps {
  params: Promise<{ brandId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** "What should I work on today?": F1's board for the brand, rendered on the server first. */
export default async function TodayPage({ params, searchParams }: TodayPageProps) {
  const { brandId } = await params;
  const filter = filterFromSearchParams(toURLSearchParams(await searchParams));
  prefetch(trpc.today.get.queryOptions({ brandId, ...filter }));
  return (
    <HydrateClient>
      <h1 className="page-title">Today</h1>
      <Suspense fallback={<p className="muted">Loading the board…</p>}>
        <TodayBoard brandId={brandId} />
      </Suspense>
    </HydrateClient>
  );
}
