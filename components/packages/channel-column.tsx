'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useUnsavedGuard } from '@/components/app-shell/unsaved-guard';
import { rateLimitMessage } from '@/components/llm/rate-limited';
import { CHANNEL_LIMITS, type Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { VariantDTO } from '@/trpc/types';
import { useWorkspaceCache } from './use-workspace-cache';
import { VariantEditor } from './variant-editor';

const PACKAGE_UNSAVED_MESSAGE = 'A draft in this package has edits that are not saved. Leave this page and lose them?';

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
  /** Told whether any draft of the channel holds an unsaved edit (the workspace marks the channel's tab). */
  onDirtyChange?: (channel: Channel, dirty: boolean) => void;
}) {
  const trpc = useTRPC();
  const cache = useWorkspaceCache(brandId, packageId);
  const regenerate = useMutation(trpc.packages.regenerateVariants.mutationOptions({ onSuccess: cache.setView }));
  const rateLimited = rateLimitMessage(regenerate.error);
  const [unsaved, setUnsaved] = useState<ReadonlySet<string>>(new Set());
  const headingId = `channel-${channel}`;
  const dirty = unsaved.size > 0;
  useUnsavedGuard(dirty, PACKAGE_UNSAVED_MESSAGE);
  useEffect(() => onDirtyChange?.(channel, dirty), [channel, dirty, onDirtyChange]);
  const markUnsaved = (variantId: string, dirty: boolean) =>
    setUnsaved((current) => {
      if (current.has(variantId) === dirty) return current;
      const next = new Set(current);
      if (dirty) next.add(variantId);
      else next.delete(variantId);
      return next;
    });

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
              disabled={regenerate.isPending || unsaved.size > 0}
              onClick={() => regenerate.mutate({ brandId, packageId, channel })}
              aria-describedby={unsaved.size > 0 ? `${headingId}-unsaved` : undefined}
            >
              {regenerate.isPending ? 'Regenerating…' : `Regenerate ${CHANNEL_LABELS[channel]} drafts`}
            </button>
            {unsaved.size > 0 && (
              <span id={`${headingId}-unsaved`} className="small muted">
                Save or undo your edits first.
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
            onDirtyChange={(dirty) => markUnsaved(variant.id, dirty)}
          />
        ))
      )}
    </section>
  );
}
