'use client';

import { ErrorInPlace } from '@/components/errors/error-in-place';
import type { Download } from './use-download';

interface DownloadButtonProps<File> {
  label: string;
  className: string;
  download: Download<File>;
  /** The status line once the file is saved. */
  savedMessage: (file: File) => string;
}

/** An export button: "Exporting…" while it runs, what it saved in a status line, a refusal in place. */
export function DownloadButton<File>({ label, className, download, savedMessage }: DownloadButtonProps<File>) {
  return (
    <div className={className}>
      <button type="button" className="button button--quiet" disabled={download.pending} onClick={download.start}>
        {download.pending ? 'Exporting…' : label}
      </button>
      <span className="small muted" role="status">
        {download.file ? savedMessage(download.file) : ''}
      </span>
      <ErrorInPlace message={download.error} className="small" />
    </div>
  );
}
