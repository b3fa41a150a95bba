'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '@/trpc/react';

interface SaveStateProps {
  pending: boolean;
  dirty: boolean;
  saved: boolean;
  error: { message: string } | null;
}

/** Where a form's save stands: saving, saved, unsaved changes, or the server's refusal as it is. */
export function SaveState({ pending, dirty, saved, error }: SaveStateProps) {
  if (error && !pending) {
    return (
      <span className="form-error small" role="alert">
        Not saved: {error.message}
      </span>
    );
  }
  return (
    <span className="muted small" role="status">
      {pending ? 'Saving…' : dirty ? 'Unsaved changes' : saved ? 'Saved' : ''}
    </span>
  );
}

/** Reports a form's unsaved state to the page, which asks before leaving while any form has some. */
export function useReportDirty(key: string, dirty: boolean, report: (key: string, dirty: boolean) => void): void {
  useEffect(() => {
    report(key, dirty);
    return () => report(key, false);
  }, [key, dirty, report]);
}

/** After a save: the strategy, the pillar list, the calibration and the Today board (its filters list pillars and personas). */
export function useStrategyRefresh(brandId: string): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.brands.strategy.queryKey({ brandId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.strategy.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.today.pathKey() }),
    ]);
  };
}
