'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import { DownloadButton } from '../download-button';
import { useDownload } from '../use-download';

/** "Export as Markdown": the package's title, thesis and every channel's variants as one .md file. */
export function ExportMarkdown({ brandId, packageId }: { brandId: string; packageId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Always fresh: the export must hold the edits made since the page loaded.
  const download = useDownload(
    () => queryClient.fetchQuery({ ...trpc.packages.exportMarkdown.queryOptions({ brandId, packageId }), staleTime: 0 }),
    (file) => file.markdown,
    'text/markdown;charset=utf-8',
  );

  return (
    <DownloadButton
      label="Export as Markdown"
      className="export-markdown"
      download={download}
      savedMessage={(file) => `Saved ${file.filename}`}
    />
  );
}
