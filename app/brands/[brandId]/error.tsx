'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';

/**
 * A brand page that failed to render (the server or the database did not answer). The shell around it
 * stays, so the person can retry or go elsewhere; the message never shows internals.
 */
export default function BrandPageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { brandId } = useParams<{ brandId: string }>();
  return (
    <div className="notice notice--error stack" role="alert">
      <p>Something went wrong while loading this page. Your work is saved; try again in a moment.</p>
      <div className="opportunity__actions">
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
        <Link href={`/brands/${brandId}/today`} className="button button--quiet">
          Back to Today
        </Link>
      </div>
    </div>
  );
}
