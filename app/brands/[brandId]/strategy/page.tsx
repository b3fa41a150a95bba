import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { StrategyEditor } from '@/components/strategy/strategy-editor';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Strategy');

/** The brand's strategy: voice, pillars and personas, and whether it is calibrated; members read it. */
export default async function StrategyPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  // The layout already fetched the brands into this request's query client; this reads it back.
  const brands = await getQueryClient().fetchQuery(trpc.brands.list.queryOptions());
  const brand = brands.find((b) => b.id === brandId);
  if (!brand) notFound();
  prefetch(trpc.brands.strategy.queryOptions({ brandId }));
  prefetch(trpc.strategy.pillars.queryOptions({ brandId }));
  prefetch(trpc.strategy.calibration.queryOptions({ brandId }));
  return (
    <HydrateClient>
      <h1 className="page-title">Strategy</h1>
      <Suspense fallback={<p className="muted">Loading the strategy…</p>}>
        <StrategyEditor brand={brand} />
      </Suspense>
    </HydrateClient>
  );
}
