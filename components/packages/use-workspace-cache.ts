'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/trpc/react';
import type { PackageWorkspaceView, VariantDTO } from '@/trpc/types';

/**
 * Writes a mutation's answer into the cached workspace, so the page shows it without a refetch. The
 * same object across renders, so callbacks built on it (autosave's) keep their identity.
 */
export function useWorkspaceCache(brandId: string, packageId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const key = trpc.packages.workspace.queryKey({ brandId, packageId });
    return {
      setView: (view: PackageWorkspaceView) => queryClient.setQueryData(key, view),
      setVariant: (variant: VariantDTO) =>
        queryClient.setQueryData(key, (view) =>
          view
            ? {
                ...view,
                variantsByChannel: Object.fromEntries(
                  Object.entries(view.variantsByChannel).map(([channel, list]) => [
                    channel,
                    (list ?? []).map((v) => (v.id === variant.id ? variant : v)),
                  ]),
                ),
              }
            : view,
        ),
    };
  }, [trpc, queryClient, brandId, packageId]);
}
