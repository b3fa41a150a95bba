import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { PackageWorkspace } from '@/components/packages/package-workspace';
import { trpcErrorCode } from '@/server/trpc/errors';
import { getQueryClient, HydrateClient, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Package · Kairo' };

interface PackagePageProps {
  params: Promise<{ brandId: string; packageId: string }>;
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
