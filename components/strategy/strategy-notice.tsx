'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { brandSectionHref } from '@/components/app-shell/sections';
import { useTRPC } from '@/trpc/react';

/**
 * Above the Today board: a brand whose strategy is not calibrated says what is missing and links to
 * the strategy page. Nothing shows for a calibrated brand, or while the calibration loads.
 */
export function StrategyNotice({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const { data: calibration } = useQuery(trpc.strategy.calibration.queryOptions({ brandId }));
  if (!calibration || calibration.calibrated) return null;
  return (
    <div className="notice strategy-notice" role="status">
      <p>
        <strong>This brand’s strategy is not calibrated yet</strong>, so the board cannot weigh ideas against it. Still needed:{' '}
        {calibration.missing.join('; ')}.
      </p>
      <p>
        <Link href={`/brands/${brandId}/strategy`}>Complete the strategy →</Link>
      </p>
    </div>
  );
}

/**
 * Under an empty, unfiltered Today board: where opportunities come from. Shown by the Today page only
 * while the board has none, so a brand's first visit says what fills it: for a calibrated brand, the
 * ways to add ideas (by hand or CSV above, or generated from followed sources); before that, the
 * strategy they are scored against.
 */
export function EmptyBoardHint({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const { data: board } = useQuery(trpc.today.get.queryOptions({ brandId }));
  const { data: calibration } = useQuery(trpc.strategy.calibration.queryOptions({ brandId }));
  if (!board || board.opportunities.length > 0 || !calibration) return null;
  return (
    <p className="muted small strategy-empty-hint">
      {calibration.calibrated ? (
        <>
          No opportunities yet. Add one with <strong>Add idea</strong> above (or import a CSV of them), or{' '}
          <Link href={brandSectionHref(brandId, 'sources')}>follow sources</Link> and press <strong>Generate ideas</strong> to get ideas
          scored against the strategy. Packages are then built from them here.
        </>
      ) : (
        <>
          No opportunities yet. Ideas are scored against the brand’s pillars and personas, so complete the{' '}
          <Link href={brandSectionHref(brandId, 'strategy')}>strategy</Link> first; then add ideas or follow sources.
        </>
      )}
    </p>
  );
}
