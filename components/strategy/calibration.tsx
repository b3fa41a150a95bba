'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/trpc/react';

/** "Calibrated", or what the strategy still misses with a way to the setup questions. */
export function CalibrationPanel({ brandId, canEdit }: { brandId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const { data: calibration } = useSuspenseQuery(trpc.strategy.calibration.queryOptions({ brandId }));
  if (calibration.calibrated) {
    return (
      <p className="strategy-calibration strategy-calibration--ok" role="status">
        <span className="badge">Calibrated</span> The strategy meets every rule: opportunities and drafts are written within it.
      </p>
    );
  }
  return (
    <div className="notice stack strategy-calibration" role="status">
      <p>
        <strong>Not calibrated yet.</strong> The strategy still needs:
      </p>
      <ul>
        {calibration.missing.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      {canEdit ? (
        <p>
          Fill it in below, or <Link href={`/brands/${brandId}/strategy/setup`}>answer the five setup questions</Link> and review a proposed
          strategy.
        </p>
      ) : (
        <p className="muted small">An owner or admin of the workspace can complete it.</p>
      )}
    </div>
  );
}
