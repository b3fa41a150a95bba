'use client';

import type { PackageWorkspaceView } from '@/trpc/types';
import { AddChannel } from './add-channel';
import { ExportMarkdown } from './export-markdown';

/** The workspace's package-wide tools above the channels: add a channel, export the package. */
export function PackageTools({ brandId, view }: { brandId: string; view: PackageWorkspaceView }) {
  return (
    <div className="package-tools">
      <AddChannel brandId={brandId} view={view} />
      <ExportMarkdown brandId={brandId} packageId={view.package.id} />
    </div>
  );
}
