'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useUnsavedGuard } from '@/components/app-shell/unsaved-guard';
import { rateLimitMessage } from '@/components/llm/rate-limited';
import { CHANNEL_LIMITS, type Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { VariantDTO } from '@/trpc/types';
import type { DraftSaveSummary } from './use-draft-autosave';
import { useWorkspaceCache } from './use-workspace-cache';
import { VariantEditor } from './variant-editor';

const PACKAGE_UNSAVED_MESSAGE = 'A draft in this package could not be saved. Leave this page and lose the edit?';

/** One channel of the package: its drafts, and new drafts on request (blocked while an edit is unsaved). */
export function ChannelColumn({
  brandId,
  packageId,
  channel,
  variants,
  editable,
  onDirtyChange,
}: {
  brandId: string;
  packageId: string;
  channel: Channel;
  variants: VariantDTO[];
  editable: boolean;
  /** Told whether a draft of the channel holds an edit that could not be saved (the workspace marks the channel's link). */
  onDirtyChange?: (channel: Channel, failed: boolean) => void;
}) {
  const trpc = useTRPC();
  const cache = useWorkspaceCache(brandId, packageId);
  const regenerate = useMutation(trpc.packages.regenerateVariants.mutationOptions({ onSuccess: cache.setView }));
  const rateLimited = rateLimitMessage(regenerate.error);
  const [saves, setSaves] = useState<ReadonlyMap<string, DraftSaveSummary>>(new Map());
  const headingId = `channel-${channel}`;
  const states = [...saves.values()];
  const failed = states.includes('failed');
  const pending = states.includes('pending');
  // A failed save is lost on any way out, so every way asks; an edit still saving is saved when its
  // editor goes away inside the app, so only a reload or closing the tab (which cut the save short) asks.
  useUnsavedGuard(failed, PACKAGE_UNSAVED_MESSAGE);
  useUnsavedGuard(pending, PACKAGE_UNSAVED_MESSAGE, { onlyOnUnload: true });
  useEffect(() => onDirtyChange?.(channel, failed), [channel, failed, onDirtyChange]);
  const markSave = (variantId: string, summary: DraftSaveSummary) =>
    setSaves((current) => {
      if ((current.get(variantId) ?? 'clean') === summary) return current;
      const next = new Map(current);
      if (summary === 'clean') next.delete(variantId);
      else next.set(variantId, summary);
      return next;
    });
  const unsaved = failed || pending;

  return (
    <section className="channel" aria-labelledby={headingId} data-channel={channel}>
      <header className="channel__header">
        <h2 id={headingId}>{CHANNEL_LABELS[channel]}</h2>
        <span className="small muted">limit {CHANNEL_LIMITS[channel].toLocaleString('en')} characters</span>
        {editable && (
          <div className="channel__actions">
            <button
              type="button"
              className="button button--quiet"
              disabled={regenerate.isPending || unsaved}
              onClick={() => regenerate.mutate({ brandId, packageId, channel })}
              aria-describedby={unsaved ? `${headingId}-unsaved` : undefined}
            >
              {regenerate.isPending ? (
                'Regenerating…'
              ) : (
                // One span, so the button's flex gap does not open between the words.
                <span>
                  {/* A phone shows "Regenerate" beside the channel's name; the name read out stays whole. */}
                  Regenerate<span className="channel__regenerate-what"> {CHANNEL_LABELS[channel]} drafts</span>
                </span>
              )}
            </button>
            {unsaved && (
              <span id={`${headingId}-unsaved`} className="small muted">
                {failed ? 'Save or undo your edits first.' : 'Waiting for your edits to save.'}
              </span>
            )}
            {regenerate.isError && (
              <p className="form-error small" role="alert">
                {rateLimited
                  ? `${rateLimited}. Your drafts are unchanged; regenerate again after the wait.`
                  : `Could not regenerate: ${regenerate.error.message}`}
              </p>
            )}
          </div>
        )}
      </header>
      {variants.length === 0 ? (
        <p className="muted">No drafts for this channel yet.</p>
      ) : (
        variants.map((variant, i) => (
          <VariantEditor
            key={variant.id}
            brandId={brandId}
            variant={variant}
            label={`${CHANNEL_LABELS[channel]} draft ${i + 1}`}
            patternName={variant.patternName ?? 'No pattern'}
            editable={editable}
            onSaveChange={(summary) => markSave(variant.id, summary)}
          />
        ))
      )}
    </section>
  );
}
