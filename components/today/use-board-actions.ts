'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { OpportunityDTO, TodayBoardView } from '@/trpc/types';
import { compareBoardOrder } from './board-order';

type Snapshot = [readonly unknown[], TodayBoardView | undefined][];

/**
 * Pin, snooze and dismiss with optimistic updates: every cached board of the brand (one per filter) changes at
 * once, rolls back if the server refuses, and is refetched either way so counts and focus catch up.
 */
export function useBoardActions(brandId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const boards = trpc.today.get.queryFilter({ brandId });

  async function applyOptimistic(change: (list: OpportunityDTO[]) => OpportunityDTO[]): Promise<Snapshot> {
    await queryClient.cancelQueries(boards);
    const snapshot = queryClient.getQueriesData<TodayBoardView>(boards);
    queryClient.setQueriesData<TodayBoardView>(boards, (view) => view && { ...view, opportunities: change(view.opportunities) });
    setError(null);
    return snapshot;
  }

  const rollBack = (message: string, snapshot: Snapshot | undefined) => {
    for (const [key, view] of snapshot ?? []) queryClient.setQueryData(key, view);
    setError(message);
  };

  const refresh = () =>
    Promise.all([queryClient.invalidateQueries(boards), queryClient.invalidateQueries(trpc.today.summary.queryFilter({ brandId }))]);

  const pin = useMutation(
    trpc.opportunities.pin.mutationOptions({
      onMutate: ({ opportunityId, pinned }) =>
        applyOptimistic((list) =>
          list.map((o) => (o.id === opportunityId ? { ...o, isPinned: pinned, lastTouchedAt: new Date() } : o)).sort(compareBoardOrder),
        ),
      onError: (err, _input, snapshot) => rollBack(err.message, snapshot),
      onSettled: refresh,
    }),
  );

  const snooze = useMutation(
    trpc.opportunities.snooze.mutationOptions({
      onMutate: ({ opportunityId }) => applyOptimistic((list) => list.filter((o) => o.id !== opportunityId)),
      onError: (err, _input, snapshot) => rollBack(err.message, snapshot),
      onSettled: refresh,
    }),
  );

  const dismiss = useMutation(
    trpc.opportunities.dismiss.mutationOptions({
      onMutate: ({ opportunityId }) => applyOptimistic((list) => list.filter((o) => o.id !== opportunityId)),
      onError: (err, _input, snapshot) => rollBack(err.message, snapshot),
      onSettled: refresh,
    }),
  );

  return {
    error,
    dismissError: () => setError(null),
    setPinned: (opportunityId: string, pinned: boolean) => pin.mutate({ brandId, opportunityId, pinned }),
    snoozeUntil: (opportunityId: string, until: Date) => snooze.mutate({ brandId, opportunityId, until }),
    dismiss: (opportunityId: string, reason: string | undefined) => dismiss.mutate({ brandId, opportunityId, reason }),
  };
}
