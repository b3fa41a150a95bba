import Link from 'next/link';
import { notFound } from 'next/navigation';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { StrategySetup } from '@/components/strategy/strategy-setup';
import { canManage } from '@/components/workspaces/roles';
import { getQueryClient, HydrateClient, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Strategy setup');

/** F0: the five questions, then the proposed strategy to review and accept (owners and admins). */
export default async function StrategySetupPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  // The layout already fetched the brands into this request's query client; this reads it back.
  const brands = await getQueryClient().fetchQuery(trpc.brands.list.queryOptions());
  const brand = brands.find((b) => b.id === brandId);
  if (!brand) notFound();
  return (
    <HydrateClient>
      <h1 className="page-title">Set up the strategy</h1>
      {canManage(brand.role) ? (
        <StrategySetup brandId={brand.id} brandName={brand.name} />
      ) : (
        <p className="notice">
          Only owners and admins of {brand.tenantName} set up the brand’s strategy; you are a member. You can read it on the{' '}
          <Link href={`/brands/${brand.id}/strategy`}>Strategy page</Link>.
        </p>
      )}
    </HydrateClient>
  );
}
