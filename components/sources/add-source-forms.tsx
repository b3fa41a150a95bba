'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { fieldError, zodFieldMessage } from '@/components/workspaces/field-error';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { formatItemCount } from './source-format';

type SourceDTO = RouterOutputs['sources']['list'][number];

/** The server names the field it refused ("url: that address is …"); next to that field the name is noise. */
function withoutField(message: string | null): string | null {
  const text = message?.replace(/^(url|text): /, '');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : null;
}

/** What to tell the person once a source is added: for a feed, how its first fetch went. */
function addedMessage(source: SourceDTO): string {
  const name = source.title ?? source.url ?? 'the source';
  if (source.kind === 'note') return `Added the note “${name}”: the next idea generation can use it.`;
  if (source.lastError) return `Added “${name}”, but its first fetch failed: ${source.lastError}`;
  return `Added “${name}”: ${formatItemCount(source.itemCount).toLowerCase()} fetched.`;
}

/** The two ways in: follow a feed by its address, or paste a note and/or a link as a one-off signal. */
export function AddSourceForms({ brandId, onAdded }: { brandId: string; onAdded: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [feedUrl, setFeedUrl] = useState('');
  const [noteText, setNoteText] = useState('');
  const [noteUrl, setNoteUrl] = useState('');
  const feedForm = useEarlyInput();
  const noteForm = useEarlyInput();

  const added = (source: SourceDTO) => {
    onAdded(addedMessage(source));
    return queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey({ brandId }) });
  };
  const addFeed = useMutation(
    trpc.sources.add.mutationOptions({
      onSuccess: (source) => {
        setFeedUrl('');
        return added(source);
      },
    }),
  );
  const addNote = useMutation(
    trpc.sources.add.mutationOptions({
      onSuccess: (source) => {
        setNoteText('');
        setNoteUrl('');
        return added(source);
      },
    }),
  );

  const submitFeed = (event: FormEvent) => {
    event.preventDefault();
    addFeed.mutate({ brandId, kind: 'feed', url: feedUrl.trim() });
  };
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    addNote.mutate({
      brandId,
      kind: 'note',
      ...(noteText.trim() ? { text: noteText } : {}),
      ...(noteUrl.trim() ? { url: noteUrl.trim() } : {}),
    });
  };

  const feedError = withoutField(fieldError(addFeed.error, 'url'));
  const noteUrlError = withoutField(zodFieldMessage(addNote.error, 'url'));
  const noteTextError = noteUrlError ? null : withoutField(fieldError(addNote.error, 'text'));

  return (
    <div className="sources__add">
      <form ref={feedForm} className="panel sources__form" onSubmit={submitFeed} aria-labelledby={`${id}-feed`}>
        <h2 id={`${id}-feed`}>Follow a feed</h2>
        <label className="field" htmlFor={`${id}-feed-url`}>
          <span>Feed address (RSS, Atom or JSON Feed)</span>
          <input
            id={`${id}-feed-url`}
            type="url"
            inputMode="url"
            required
            placeholder="https://example.com/feed.xml"
            value={feedUrl}
            onChange={(event) => setFeedUrl(event.target.value)}
            aria-invalid={feedError ? true : undefined}
            aria-describedby={feedError ? `${id}-feed-error` : undefined}
          />
        </label>
        {feedError && (
          <p id={`${id}-feed-error`} className="form-error small" role="alert">
            {feedError}
          </p>
        )}
        <p className="small muted">Fetched now to check it works, then once a day.</p>
        <button type="submit" className="button" disabled={addFeed.isPending || !feedUrl.trim()}>
          {addFeed.isPending ? 'Adding and fetching…' : 'Add feed'}
        </button>
      </form>

      <form ref={noteForm} className="panel sources__form" onSubmit={submitNote} aria-labelledby={`${id}-note`}>
        <h2 id={`${id}-note`}>Paste a note or a link</h2>
        <label className="field" htmlFor={`${id}-note-text`}>
          <span>Note</span>
          <textarea
            id={`${id}-note-text`}
            rows={3}
            maxLength={4_000}
            placeholder="What you heard, read or noticed"
            value={noteText}
            onChange={(event) => setNoteText(event.target.value)}
            aria-invalid={noteTextError ? true : undefined}
            aria-describedby={noteTextError ? `${id}-note-text-error` : undefined}
          />
        </label>
        {noteTextError && (
          <p id={`${id}-note-text-error`} className="form-error small" role="alert">
            {noteTextError}
          </p>
        )}
        <label className="field" htmlFor={`${id}-note-url`}>
          <span>Link (optional)</span>
          <input
            id={`${id}-note-url`}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={noteUrl}
            onChange={(event) => setNoteUrl(event.target.value)}
            aria-invalid={noteUrlError ? true : undefined}
            aria-describedby={noteUrlError ? `${id}-note-url-error` : undefined}
          />
        </label>
        {noteUrlError && (
          <p id={`${id}-note-url-error`} className="form-error small" role="alert">
            {noteUrlError}
          </p>
        )}
        <p className="small muted">Kept as one signal for the next idea generation; a link here is not fetched.</p>
        <button type="submit" className="button" disabled={addNote.isPending || (!noteText.trim() && !noteUrl.trim())}>
          {addNote.isPending ? 'Adding…' : 'Add note'}
        </button>
      </form>
    </div>
  );
}
