import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { PatternLibrary } from '@/components/patterns/pattern-library';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Patterns');

/** The brand's pattern library (its own and the shared patterns, with their learned figures); rendered on the server first. */
export default async function PatternsPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  // The layout already fetched the brands into this request's query client; this reads it back.
  const brands = await getQueryClient().fetchQuery(trpc.brands.list.queryOptions());
  const role = brands.find((b) => b.id === brandId)?.role;
  prefetch(trpc.patterns.list.queryOptions({ brandId }));
  return (
    <HydrateClient>
      <h1 className="page-title">Patterns</h1>
      <Suspense fallback={<p className="muted">Loading patterns…</p>}>
        <PatternLibrary brandId={brandId} canEdit={role === 'owner' || role === 'admin'} />
      </Suspense>
    </HydrateClient>
  );
}
