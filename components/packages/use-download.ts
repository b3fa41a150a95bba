'use client';

import { useState } from 'react';
import { readableError } from '@/components/errors/error-in-place';
import { downloadText } from './download';

interface DownloadState<File> {
  pending: boolean;
  /** Why the last export was refused, in words; null when it was not. */
  error: string | null;
  /** The file the last export saved; null before one has. */
  file: File | null;
}

/**
 * An export button's fetch-then-download, shared by the package and library exports: `fetchFile` asks
 * the server for the file, `contentOf` picks its text, and it is saved as `type`. The state is what the
 * button shows: pending, the refusal, or the file it saved.
 */
export function useDownload<File extends { filename: string }>(
  fetchFile: () => Promise<File>,
  contentOf: (file: File) => string,
  type: string,
) {
  const [state, setState] = useState<DownloadState<File>>({ pending: false, error: null, file: null });
  const start = async () => {
    setState({ pending: true, error: null, file: null });
    try {
      const file = await fetchFile();
      downloadText(file.filename, contentOf(file), type);
      setState({ pending: false, error: null, file });
    } catch (error) {
      setState({ pending: false, error: readableError(error), file: null });
    }
  };
  return { ...state, start };
}

export type Download<File> = DownloadState<File> & { start: () => Promise<void> };
