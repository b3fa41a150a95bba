'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useReturnFocus } from '@/components/ui/use-return-focus';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { formatItemCount, formatLastFetched } from './source-format';

type SourceDTO = RouterOutputs['sources']['list'][number];

const KIND_LABELS: Record<SourceDTO['kind'], string> = { feed: 'Feed', note: 'Note' };

/** The feed's own title once fetched, a note's first line; else the address's host, not the address twice. */
function sourceName(source: SourceDTO): string {
  if (source.title && source.title !== source.url) return source.title;
  if (source.url) return URL.canParse(source.url) ? new URL(source.url).host : source.url;
  return KIND_LABELS[source.kind];
}

/** A note's text below its heading: without the first line when that line is the heading already. */
function withoutFirstLine(note: string, heading: string): string | null {
  const text = note.trim();
  if (!text.startsWith(heading)) return text;
  return text.slice(heading.length).trim() || null;
}

/**
 * One source: what it is, when it was last fetched, how many items it brought and its last error in
 * plain words. Owners and admins (`canEdit`) fetch a feed now and remove a source, after confirming.
 */
export function SourceItem({
  brandId,
  source,
  canEdit,
  onChanged,
}: {
  brandId: string;
  source: SourceDTO;
  canEdit: boolean;
  onChanged: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  // Cancel puts focus back on Remove, which is hidden while the question is open.
  const removeButton = useReturnFocus<HTMLButtonElement>(confirmingRemove);
  // "Fetch now" and "Remove" repeat on every source: each names its own source to a screen reader.
  const nameId = useId();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey({ brandId }) });
  const name = sourceName(source);
  const noteBody = source.note ? withoutFirstLine(source.note, name) : null;

  const fetchNow = useMutation(
    trpc.sources.fetchNow.mutationOptions({
      onSuccess: (fetched) => {
        onChanged(
          fetched.lastError
            ? `Fetched “${name}”: it failed again.`
            : `Fetched “${name}”: ${formatItemCount(fetched.itemCount).toLowerCase()}.`,
        );
        return refresh();
      },
      // A refusal is stored as the last error too: show it in the list.
      onError: () => refresh(),
    }),
  );
  const remove = useMutation(
    trpc.sources.remove.mutationOptions({
      onSuccess: () => {
        setConfirmingRemove(false);
        onChanged(`Removed “${name}”.`);
        return refresh();
      },
    }),
  );
  const pending = fetchNow.isPending || remove.isPending;
  const failure = fetchNow.error ?? remove.error;

  return (
    <li className="source panel" data-kind={source.kind}>
      <div className="source__head">
        <span className="badge">{KIND_LABELS[source.kind]}</span>
        <h3 className="source__name" id={nameId}>
          {name}
        </h3>
      </div>
      {source.url && (
        <p className="source__url small">
          <a href={source.url} target="_blank" rel="noopener noreferrer nofollow">
            {source.url}
          </a>
        </p>
      )}
      {noteBody && <p className="source__note small">{noteBody}</p>}
      {source.kind === 'feed' && (
        <p className="small muted">
          Last fetched:{' '}
          <time dateTime={source.lastFetchedAt?.toISOString()} title={source.lastFetchedAt?.toUTCString()} suppressHydrationWarning>
            {formatLastFetched(source.lastFetchedAt, new Date())}
          </time>{' '}
          · {formatItemCount(source.itemCount)}
        </p>
      )}
      {source.lastError && <p className="form-error small source__error">Last fetch failed: {source.lastError}</p>}
      {canEdit && !confirmingRemove && (
        <div className="source__actions">
          {source.kind === 'feed' && (
            <button
              type="button"
              className="button button--quiet"
              disabled={pending}
              aria-describedby={nameId}
              onClick={() => fetchNow.mutate({ brandId, sourceId: source.id })}
            >
              {fetchNow.isPending ? 'Fetching…' : 'Fetch now'}
            </button>
          )}
          <button
            ref={removeButton}
            type="button"
            className="button button--quiet"
            disabled={pending}
            aria-describedby={nameId}
            onClick={() => setConfirmingRemove(true)}
          >
            Remove
          </button>
        </div>
      )}
      {confirmingRemove && (
        <div className="notice source__confirm" role="group" aria-label={`Remove ${name}?`}>
          <p>
            Remove “{name}”? Its items that no idea has used yet leave with it; ideas already made from it stay.
            {source.kind === 'feed' && ' The feed is no longer fetched.'}
          </p>
          <div className="source__actions">
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ brandId, sourceId: source.id })}
            >
              {remove.isPending ? 'Removing…' : 'Remove source'}
            </button>
            <button type="button" className="button button--quiet" disabled={remove.isPending} onClick={() => setConfirmingRemove(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {failure && (
        <p className="form-error small" role="alert">
          {failure.message.replace(/^url: /, 'Refused: ')}
        </p>
      )}
    </li>
  );
}
