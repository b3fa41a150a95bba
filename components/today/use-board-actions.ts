'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorsInPlace } from '@/components/errors/error-in-place';
import { useTRPC } from '@/trpc/react';
import type { BoardCard, TodayBoardView } from '@/trpc/types';

type Snapshot = [readonly unknown[], TodayBoardView | undefined][];

/** The control a refusal belongs to: shown next to that card's button, never at the top of the page. */
export type BoardAction = 'pin' | 'snooze' | 'dismiss' | 'unsnooze';
export const actionKey = (action: BoardAction, opportunityId: string) => `${action}:${opportunityId}`;

/** The last snooze, for its "Snoozed until … Undo" line. */
export interface RecentSnooze {
  opportunityId: string;
  title: string;
  until: Date;
}

/**
 * Pin, snooze and dismiss with optimistic updates: every cached board of the brand (one per filter) changes at
 * once, rolls back if the server refuses (the reason shows next to the card's control), and is refetched either
 * way so counts and focus catch up. A pin changes the card in place; the board re-ranks it a moment later.
 */
export function useBoardActions(brandId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useErrorsInPlace();
  const [recentSnooze, setRecentSnooze] = useState<RecentSnooze | null>(null);
  const boards = trpc.today.get.queryFilter({ brandId });

  async function applyOptimistic(change: (list: BoardCard[]) => BoardCard[]): Promise<Snapshot> {
    await queryClient.cancelQueries(boards);
    const snapshot = queryClient.getQueriesData<TodayBoardView>(boards);
    queryClient.setQueriesData<TodayBoardView>(boards, (view) => view && { ...view, opportunities: change(view.opportunities) });
    return snapshot;
  }

  const rollBack = (key: string, error: unknown, snapshot: Snapshot | undefined) => {
    for (const [queryKey, view] of snapshot ?? []) queryClient.setQueryData(queryKey, view);
    errors.report(key, error);
  };

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(boards),
      queryClient.invalidateQueries(trpc.today.summary.queryFilter({ brandId })),
      queryClient.invalidateQueries(trpc.opportunities.snoozed.queryFilter({ brandId })),
    ]);

  const pin = useMutation(
    trpc.opportunities.pin.mutationOptions({
      onMutate: ({ opportunityId, pinned }) => {
        errors.clear(actionKey('pin', opportunityId));
        return applyOptimistic((list) =>
          list.map((o) => (o.id === opportunityId ? { ...o, isPinned: pinned, lastTouchedAt: new Date() } : o)),
        );
      },
      onError: (error, { opportunityId }, snapshot) => rollBack(actionKey('pin', opportunityId), error, snapshot),
      onSettled: refresh,
    }),
  );

  const snooze = useMutation(
    trpc.opportunities.snooze.mutationOptions({
      onMutate: ({ opportunityId, until }) => {
        errors.clear(actionKey(until ? 'snooze' : 'unsnooze', opportunityId));
        return until ? applyOptimistic((list) => list.filter((o) => o.id !== opportunityId)) : Promise.resolve(undefined);
      },
      onError: (error, { opportunityId, until }, snapshot) => {
        if (until) setRecentSnooze(null);
        rollBack(actionKey(until ? 'snooze' : 'unsnooze', opportunityId), error, snapshot);
      },
      onSettled: refresh,
    }),
  );

  const dismiss = useMutation(
    trpc.opportunities.dismiss.mutationOptions({
      onMutate: ({ opportunityId }) => {
        errors.clear(actionKey('dismiss', opportunityId));
        return applyOptimistic((list) => list.filter((o) => o.id !== opportunityId));
      },
      onError: (error, { opportunityId }, snapshot) => rollBack(actionKey('dismiss', opportunityId), error, snapshot),
      onSettled: refresh,
    }),
  );

  return {
    errors,
    recentSnooze,
    forgetRecentSnooze: () => setRecentSnooze(null),
    setPinned: (opportunityId: string, pinned: boolean) => pin.mutate({ brandId, opportunityId, pinned }),
    snooze: (opportunity: Pick<BoardCard, 'id' | 'title'>, until: Date) => {
      setRecentSnooze({ opportunityId: opportunity.id, title: opportunity.title, until });
      snooze.mutate({ brandId, opportunityId: opportunity.id, until });
    },
    /** Snooze until null: the idea is back on the board now. */
    bringBack: (opportunityId: string) => {
      setRecentSnooze((recent) => (recent?.opportunityId === opportunityId ? null : recent));
      snooze.mutate({ brandId, opportunityId, until: null });
    },
    bringingBack: (opportunityId: string) =>
      snooze.isPending && snooze.variables?.opportunityId === opportunityId && !snooze.variables.until,
    dismiss: (opportunityId: string, reason: string | undefined) => dismiss.mutate({ brandId, opportunityId, reason }),
  };
}

export type BoardActions = ReturnType<typeof useBoardActions>;
