import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { brandNameFor, pageTitle } from '@/components/app-shell/page-metadata';
import { PackageWorkspace } from '@/components/packages/package-workspace';
import { trpcErrorCode } from '@/server/trpc/errors';
import { getQueryClient, HydrateClient, trpc } from '@/trpc/server';

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
  try {
    await getQueryClient().fetchQuery(trpc.packages.workspace.queryOptions({ brandId, packageId }));
  } catch (error) {
    const code = trpcErrorCode(error);
    if (code === 'NOT_FOUND' || code === 'BAD_REQUEST') notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <Suspense fallback={<p className="muted">Loading the package…</p>}>
        <PackageWorkspace brandId={brandId} packageId={packageId} />
      </Suspense>
    </HydrateClient>
  );
}
