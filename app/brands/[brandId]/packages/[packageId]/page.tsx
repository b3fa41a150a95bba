import type { Metadata } from 'next';
import { Suspense } from 'react';
import { brandNameFor, pageTitle } from '@/components/app-shell/page-metadata';
import { PackageWorkspace } from '@/components/packages/package-workspace';
import { fetchOrNotFound, getQueryClient, HydrateClient, trpc } from '@/trpc/server';

interface PackagePageProps {
  params: Promise<{ brandId: string; packageId: string }>;
}

/** "<package title> · <brand> · Kairo": the tab names the package and the brand it belongs to. */
export async function generateMetadata({ params }: PackagePageProps): Promise<Metadata> {
  const { brandId, packageId } = await params;
  const [brandName, view] = await Promise.all([
    brandNameFor(brandId),
    getQueryClient()
      .fetchQuery(trpc.packages.workspace.queryOptions({ brandId, packageId }))
      .catch(() => null),
  ]);
  const parts = [view?.package.title ?? 'Package', ...(brandName ? [brandName] : [])];
  return { title: pageTitle(...parts) };
}

/** The package workspace editor, rendered on the server first; a package the viewer cannot see is a 404. */
export default async function PackagePage({ params }: PackagePageProps) {
  const { brandId, packageId } = await params;
  await fetchOrNotFound(getQueryClient().fetchQuery(trpc.packages.workspace.queryOptions({ brandId, packageId })));
  return (
    <HydrateClient>
      <Suspense fallback={<p className="muted">Loading the package…</p>}>
        <PackageWorkspace brandId={brandId} packageId={packageId} />
      </Suspense>
    </HydrateClient>
  );
}
