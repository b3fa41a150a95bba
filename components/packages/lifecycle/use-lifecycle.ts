'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';

/**
 * After a lifecycle step: the workspace (a variant's step moves its package too), the package's
 * history and the library list are read again.
 */
export function useLifecycleRefresh(brandId: string, packageId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.packages.workspace.queryKey({ brandId, packageId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.packages.history.queryKey({ brandId, packageId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.packages.list.pathKey() }),
    ]);
}

/** The hard rules a refusal says an override would get past; null for any other refusal. */
export function violationsOf(error: unknown): string[] | null {
  const violations = (error as { data?: { violations?: unknown } } | null)?.data?.violations;
  return Array.isArray(violations) && violations.length > 0 ? (violations as string[]) : null;
}

export interface OverrideRequest<Input> {
  /** The step, as its button names it ("Approve"). */
  action: string;
  input: Input;
  violations: string[];
}

/**
 * The override dialog's state: a refusal that lists violations opens it for the step that was
 * refused; confirming sends the same step again with `override: {reason}`.
 */
export function useOverride<Input>() {
  const [request, setRequest] = useState<OverrideRequest<Input> | null>(null);
  return {
    request,
    /** Opens the dialog when `error` can be overridden; true when it did (the refusal is shown there). */
    offer(action: string, input: Input, error: unknown): boolean {
      const violations = violationsOf(error);
      if (violations) setRequest({ action, input, violations });
      return violations !== null;
    },
    close: () => setRequest(null),
  };
}
