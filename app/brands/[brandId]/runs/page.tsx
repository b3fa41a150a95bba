import { Suspense } from 'react';
import { brandSectionMetadata } from '@/components/app-shell/page-metadata';
import { RUNS_SHOWN } from '@/components/runs/runs-limit';
import { RunsList } from '@/components/runs/runs-list';
import { HydrateClient, prefetch, trpc } from '@/trpc/server';

export const generateMetadata = brandSectionMetadata('Runs');

/** Recent flow runs of the brand (package builds, learning) with their recorded events. */
export default async function RunsPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  prefetch(trpc.runs.list.queryOptions({ brandId, limit: RUNS_SHOWN }));
  return (
    <HydrateClient>
      <h1 className="page-title">Runs</h1>
      <Suspense fallback={<p className="muted">Loading runs…</p>}>
        <RunsList brandId={brandId} />
      </Suspense>
    </HydrateClient>
  );
}
