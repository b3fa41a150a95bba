'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { readableError } from '@/components/errors/error-in-place';
import { useTRPC } from '@/trpc/react';
import { downloadText } from '../download';
import type { LibraryFilter } from './library-filter';

/** "Export as CSV" of the packages the current filters show (every page, not only the ones loaded). */
export function ExportLibraryCsv({ brandId, filter }: { brandId: string; filter: LibraryFilter }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ pending: boolean; error: string | null; rows: number | null }>({
    pending: false,
    error: null,
    rows: null,
  });

  const exportCsv = async () => {
    setState({ pending: true, error: null, rows: null });
    try {
      // Always fresh: a cached export would miss the packages changed since.
      const file = await queryClient.fetchQuery({ ...trpc.packages.exportCsv.queryOptions({ brandId, ...filter }), staleTime: 0 });
      downloadText(file.filename, file.csv, 'text/csv;charset=utf-8');
      setState({ pending: false, error: null, rows: file.rows });
    } catch (error) {
      setState({ pending: false, error: readableError(error), rows: null });
    }
  };

  return (
    <div className="library__export">
      <button type="button" className="button button--quiet" disabled={state.pending} onClick={exportCsv}>
        {state.pending ? 'Exporting…' : 'Export as CSV'}
      </button>
      <span className="small muted" role="status">
        {state.rows !== null ? `Exported ${state.rows === 1 ? '1 package' : `${state.rows} packages`}.` : ''}
      </span>
      {state.error && (
        <p className="form-error small" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
