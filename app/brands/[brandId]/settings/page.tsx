import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { BrandSettings } from '@/components/brands/brand-settings';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Settings');

/** The brand's name, slug and channels, and archiving it; members see them read-only. */
export default async function BrandSettingsPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  // The layout already fetched the brands into this request's query client; this reads it back. The
  // page renders beside the layout, not after it, so it answers a brand it cannot see itself.
  const brands = await getQueryClient().fetchQuery(trpc.brands.list.queryOptions());
  const brand = brands.find((b) => b.id === brandId);
  if (!brand) notFound();
  prefetch(trpc.brands.strategy.queryOptions({ brandId }));
  return (
    <HydrateClient>
      <h1 className="page-title">Settings</h1>
      <Suspense fallback={<p className="muted">Loading settings…</p>}>
        <BrandSettings brand={brand} />
      </Suspense>
    </HydrateClient>
  );
}
