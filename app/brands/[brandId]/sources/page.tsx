import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { SourceList } from '@/components/sources/source-list';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Sources');

/** The brand's feeds and notes, with each feed's last fetch, item count and last error; rendered on the server first. */
export default async function SourcesPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  // The layout already fetched the brands into this request's query client; this reads it back.
  const brands = await getQueryClient().fetchQuery(trpc.brands.list.queryOptions());
  const role = brands.find((b) => b.id === brandId)?.role;
  prefetch(trpc.sources.list.queryOptions({ brandId }));
  return (
    <HydrateClient>
      <h1 className="page-title">Sources</h1>
      <Suspense fallback={<p className="muted">Loading sources…</p>}>
        <SourceList brandId={brandId} canEdit={role === 'owner' || role === 'admin'} />
      </Suspense>
    </HydrateClient>
  );
}
