'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
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
 * while the board has none, so a brand's first visit says what fills it.
 */
export function EmptyBoardHint({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const { data: board } = useQuery(trpc.today.get.queryOptions({ brandId }));
  if (!board || board.opportunities.length > 0) return null;
  return (
    <p className="muted small strategy-empty-hint">
      No opportunities yet. They arrive on this board as they are found for the brand and are scored against its pillars and personas, so a
      calibrated <Link href={`/brands/${brandId}/strategy`}>strategy</Link> comes first; packages are then built from them here.
    </p>
  );
}
