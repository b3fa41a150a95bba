import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { InsightsView } from '@/components/insights/insights-view';
import { windowFromParam } from '@/components/insights/window-choice';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Insights');

interface InsightsPageProps {
  params: Promise<{ brandId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** What the brand's published posts taught (F3), for the window in the URL; rendered on the server first. */
export default async function InsightsPage({ params, searchParams }: InsightsPageProps) {
  const { brandId } = await params;
  const windowDays = windowFromParam((await searchParams).days);
  // The layout already fetched the brands into this request's query client; this reads it back.
  const brands = await getQueryClient().fetchQuery(trpc.brands.list.queryOptions());
  const role = brands.find((b) => b.id === brandId)?.role;
  const canAdminister = role === 'owner' || role === 'admin';
  prefetch(trpc.learning.insights.queryOptions({ brandId, windowDays }));
  if (canAdminister) prefetch(trpc.ingestKeys.list.queryOptions({ brandId }));
  return (
    <HydrateClient>
      <h1 className="page-title">Insights</h1>
      <Suspense fallback={<p className="muted">Loading insights…</p>}>
        <InsightsView brandId={brandId} windowDays={windowDays} canAdminister={canAdminister} />
      </Suspense>
    </HydrateClient>
  );
}
