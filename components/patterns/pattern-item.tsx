'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDay } from '@/components/insights/format';
import { FormError } from '@/components/ui/field';
import { useReturnFocus } from '@/components/ui/use-return-focus';
import { CHANNEL_LABELS, PATTERN_CATEGORY_LABELS, PATTERN_STATUS_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { PatternDTO } from '@/trpc/types';
import { PatternForm } from './pattern-form';

/** Uses, average engagement and last use, as learning recorded them. */
function Figures({ pattern }: { pattern: PatternDTO }) {
  if (pattern.usageCount === 0 && !pattern.lastUsedAt) return <span>Never used</span>;
  const uses = `${pattern.usageCount} ${pattern.usageCount === 1 ? 'use' : 'uses'}`;
  const engagement =
    pattern.avgEngagementScore === null ? 'engagement not measured' : `avg engagement ${pattern.avgEngagementScore.toFixed(0)}/100`;
  const last = pattern.lastUsedAt ? `last used ${formatDay(pattern.lastUsedAt)}` : 'never used';
  return (
    <span>
      {uses} · {engagement} · {last}
    </span>
  );
}

/**
 * One pattern of the library. Owners and admins (`canEdit`) edit, retire and restore the brand's own
 * patterns and copy shared ones into the brand; the shared library itself is read-only here.
 */
export function PatternItem({
  brandId,
  pattern,
  canEdit,
  onChanged,
}: {
  brandId: string;
  pattern: PatternDTO;
  canEdit: boolean;
  onChanged: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirmingRetire, setConfirmingRetire] = useState(false);
  // Closing the edit form or the retire question puts focus back on the button that opened it.
  const editButton = useReturnFocus<HTMLButtonElement>(editing);
  const retireButton = useReturnFocus<HTMLButtonElement>(confirmingRetire);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.patterns.list.queryKey({ brandId }) });
  const retire = useMutation(
    trpc.patterns.retire.mutationOptions({
      onSuccess: (result) => {
        setConfirmingRetire(false);
        onChanged(`Retired "${result.name}": it is no longer recommended.`);
        return refresh();
      },
    }),
  );
  const restore = useMutation(
    trpc.patterns.update.mutationOptions({
      onSuccess: (result) => {
        onChanged(`Restored "${result.name}".`);
        return refresh();
      },
    }),
  );
  const copy = useMutation(
    trpc.patterns.copyShared.mutationOptions({
      onSuccess: (result) => {
        onChanged(`Copied "${result.name}" into your brand's patterns, where you can edit it.`);
        return refresh();
      },
    }),
  );
  const pending = retire.isPending || restore.isPending || copy.isPending;
  const failure = retire.error ?? restore.error ?? copy.error;
  const own = pattern.scope === 'brand';

  if (editing) {
    return (
      <li className="pattern panel">
        <h3 className="pattern__name">Edit "{pattern.name}"</h3>
        <PatternForm
          brandId={brandId}
          pattern={pattern}
          onSaved={(name) => {
            setEditing(false);
            onChanged(`Saved "${name}".`);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  return (
    <li className="pattern panel" data-status={pattern.status}>
      <div className="pattern__head">
        <h3 className="pattern__name">{pattern.name}</h3>
        <span className="badge" data-status={pattern.status}>
          {PATTERN_STATUS_LABELS[pattern.status]}
        </span>
        <span className="muted small">{PATTERN_CATEGORY_LABELS[pattern.category]}</span>
      </div>
      <ul className="chips" aria-label="Channels">
        {pattern.supportedChannels.map((channel) => (
          <li key={channel} className="chip">
            {CHANNEL_LABELS[channel]}
          </li>
        ))}
      </ul>
      <ol className="pattern__beats" aria-label="Structure">
        {pattern.beats.map((beat, index) => (
          // Beats may repeat ("Proof", "Proof"); their position is what tells them apart.
          <li key={index}>{beat}</li>
        ))}
      </ol>
      {pattern.exampleSnippet && <p className="pattern__snippet small">“{pattern.exampleSnippet}”</p>}
      <p className="small muted pattern__figures">
        <Figures pattern={pattern} />
      </p>
      {canEdit && (
        <div className="pattern__actions">
          {own && (
            <button ref={editButton} type="button" className="button button--quiet" disabled={pending} onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {own && pattern.status !== 'retired' && !confirmingRetire && (
            <button
              ref={retireButton}
              type="button"
              className="button button--quiet"
              disabled={pending}
              onClick={() => setConfirmingRetire(true)}
            >
              Retire
            </button>
          )}
          {own && pattern.status === 'retired' && (
            <button
              type="button"
              className="button button--quiet"
              disabled={pending}
              onClick={() => restore.mutate({ brandId, patternId: pattern.id, status: 'active' })}
            >
              {restore.isPending ? 'Restoring…' : 'Restore'}
            </button>
          )}
          {!own && pattern.status !== 'retired' && (
            <button
              type="button"
              className="button button--quiet"
              disabled={pending}
              onClick={() => copy.mutate({ brandId, patternId: pattern.id })}
            >
              {copy.isPending ? 'Copying…' : 'Copy to brand'}
            </button>
          )}
        </div>
      )}
      {confirmingRetire && (
        <div className="notice pattern__confirm" role="group" aria-label={`Retire ${pattern.name}?`}>
          <p>
            Retire "{pattern.name}"? It will no longer be recommended for new drafts. Its figures and the posts written with it stay, and
            you can restore it later.
          </p>
          <div className="pattern__actions">
            <button
              type="button"
              className="button"
              disabled={retire.isPending}
              onClick={() => retire.mutate({ brandId, patternId: pattern.id })}
            >
              {retire.isPending ? 'Retiring…' : 'Retire pattern'}
            </button>
            <button type="button" className="button button--quiet" disabled={retire.isPending} onClick={() => setConfirmingRetire(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormError message={failure?.message} />
    </li>
  );
}
