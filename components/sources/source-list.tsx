'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { AddSourceForms } from './add-source-forms';
import { SourceItem } from './source-item';

/**
 * The brand's sources: feeds the server fetches daily and notes pasted as one-off signals, which the
 * idea generation reads. Owners and admins (`canEdit`) add, fetch and remove; members read.
 */
export function SourceList({ brandId, canEdit }: { brandId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const { data: sources } = useSuspenseQuery(trpc.sources.list.queryOptions({ brandId }));
  const [message, setMessage] = useState<string | null>(null);

  return (
    <div className="sources">
      <p className="muted">
        Ideas come from what you follow. Feeds (RSS, Atom or JSON Feed) are fetched once a day; a note or a link you paste counts as one
        signal. The idea generation reads the newest signals it has not used yet.
      </p>
      {canEdit ? (
        <AddSourceForms brandId={brandId} onAdded={setMessage} />
      ) : (
        <p className="notice">
          You can read the sources. Only the workspace's owners and admins add, fetch or remove them; ask one of them for a change.
        </p>
      )}
      <p className="small" role="status">
        {message}
      </p>
      <section aria-labelledby="sources-list-title">
        <h2 id="sources-list-title">
          Sources <span className="muted small">({sources.length})</span>
        </h2>
        {sources.length === 0 ? (
          <p className="muted">{canEdit ? 'No sources yet: follow a feed or paste a note above.' : 'No sources yet.'}</p>
        ) : (
          <ul className="sources__list">
            {sources.map((source) => (
              <SourceItem key={source.id} brandId={brandId} source={source} canEdit={canEdit} onChanged={setMessage} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
