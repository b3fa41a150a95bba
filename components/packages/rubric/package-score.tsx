'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { PackageWorkspaceView } from '@/trpc/types';

const DIMENSION_LABELS = {
  thesis_clarity: 'Thesis clarity',
  cross_channel_coherence: 'Cross-channel coherence',
  relevance: 'Relevance to the opportunity',
  call_to_action: 'Call-to-action quality',
  brand_pattern_alignment: 'Brand and pattern alignment',
} as const;

const BAND_LABELS = { invalid: 'invalid', weak: 'weak', board_ready: 'board-ready' } as const;

/**
 * The package rubric's score (packages.rubricScore, computed on read) with its five dimensions or the
 * hard rule it breaks; fetched again whenever the workspace's thesis or drafts change.
 */
export function PackageScore({ brandId, view }: { brandId: string; view: PackageWorkspaceView }) {
  const trpc = useTRPC();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const packageId = view.package.id;
  const { data: scored, refetch, isError } = useQuery(trpc.packages.rubricScore.queryOptions({ brandId, packageId }));
  // What the score reads: the thesis and every draft's text. A change to either asks again.
  const signature = `${view.package.updatedAt.valueOf()}|${Object.values(view.variantsByChannel)
    .flat()
    .map((v) => `${v?.id}:${v?.text.length}:${v?.updatedAt.valueOf()}`)
    .join(',')}`;
  useEffect(() => {
    if (signature) void refetch();
  }, [signature, refetch]);

  if (isError) return <p className="small muted">The package score could not be computed.</p>;
  if (!scored) return null;
  const tone = scored.band === 'board_ready' ? 'good' : scored.band === 'weak' ? 'weak' : 'bad';
  return (
    <div className="quality">
      <button
        type="button"
        className="badge quality__badge"
        data-quality={tone}
        aria-expanded={open}
        aria-controls={`${ids}-dimensions`}
        onClick={() => setOpen((value) => !value)}
      >
        Package rubric {scored.score} · {BAND_LABELS[scored.band]}
      </button>
      {open && (
        <ul id={`${ids}-dimensions`} className="quality__reasons small">
          {scored.valid
            ? scored.dimensions.map((dimension) => (
                <li key={dimension.id}>
                  {DIMENSION_LABELS[dimension.id]} {dimension.score}/3: {dimension.reason}
                </li>
              ))
            : scored.hardFailures.map((failure, index) => <li key={index}>Invalid: {failure.message}</li>)}
          {scored.valid && <li className="muted">{scored.notes[0]}</li>}
        </ul>
      )}
    </div>
  );
}
