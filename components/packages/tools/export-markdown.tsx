'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
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
    <div className="export-markdown">
      <button type="button" className="button button--quiet" disabled={download.pending} onClick={download.start}>
        {download.pending ? 'Exporting…' : 'Export as Markdown'}
      </button>
      <span className="small muted" role="status">
        {download.file ? `Saved ${download.file.filename}` : ''}
      </span>
      {download.error && (
        <p className="form-error small" role="alert">
          {download.error}
        </p>
      )}
    </div>
  );
}
