'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '@/components/errors/error-in-place';
import { useTRPC } from '@/trpc/react';
import { downloadText } from '../download';

/** "Export as Markdown": the package's title, thesis and every channel's variants as one .md file. */
export function ExportMarkdown({ brandId, packageId }: { brandId: string; packageId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ pending: boolean; error: string | null; saved: string | null }>({
    pending: false,
    error: null,
    saved: null,
  });

  const exportMarkdown = async () => {
    setState({ pending: true, error: null, saved: null });
    try {
      // Always fresh: the export must hold the edits made since the page loaded.
      const file = await queryClient.fetchQuery({ ...trpc.packages.exportMarkdown.queryOptions({ brandId, packageId }), staleTime: 0 });
      downloadText(file.filename, file.markdown, 'text/markdown;charset=utf-8');
      setState({ pending: false, error: null, saved: file.filename });
    } catch (error) {
      setState({ pending: false, error: readableError(error), saved: null });
    }
  };

  return (
    <div className="export-markdown">
      <button type="button" className="button button--quiet" disabled={state.pending} onClick={exportMarkdown}>
        {state.pending ? 'Exporting…' : 'Export as Markdown'}
      </button>
      <span className="small muted" role="status">
        {state.saved ? `Saved ${state.saved}` : ''}
      </span>
      {state.error && (
        <p className="form-error small" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
