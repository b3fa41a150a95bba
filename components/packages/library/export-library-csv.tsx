'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import { DownloadButton } from '../download-button';
import { useDownload } from '../use-download';
import type { LibraryFilter } from './library-filter';

/** "Export as CSV" of the packages the current filters show (every page, not only the ones loaded). */
export function ExportLibraryCsv({ brandId, filter }: { brandId: string; filter: LibraryFilter }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Always fresh: a cached export would miss the packages changed since.
  const download = useDownload(
    () => queryClient.fetchQuery({ ...trpc.packages.exportCsv.queryOptions({ brandId, ...filter }), staleTime: 0 }),
    (file) => file.csv,
    'text/csv;charset=utf-8',
  );

  return (
    <DownloadButton
      label="Export as CSV"
      className="library__export"
      download={download}
      savedMessage={(file) => `Exported ${file.rows === 1 ? '1 package' : `${file.rows} packages`}.`}
    />
  );
}
