'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { rateLimitMessage } from '@/components/llm/rate-limited';
import type { Channel } from '@/engines/enums';
import { WIRED_CHANNELS } from '@/lib/channels';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { PackageWorkspaceView } from '@/trpc/types';
import { useWorkspaceCache } from '../use-workspace-cache';

/** "Add channel": one of the brand's (drafting-wired) channels the package lacks, with drafts written in its thesis. */
export function AddChannel({ brandId, view }: { brandId: string; view: PackageWorkspaceView }) {
  const trpc = useTRPC();
  const packageId = view.package.id;
  const cache = useWorkspaceCache(brandId, packageId);
  const strategy = useQuery(trpc.brands.strategy.queryOptions({ brandId }));
  const addChannel = useMutation(trpc.packages.addChannel.mutationOptions({ onSuccess: cache.setView }));
  const [chosen, setChosen] = useState<Channel | ''>('');
  const brandChannels = strategy.data ? [strategy.data.primaryChannel, ...strategy.data.channels.map((c) => c.channel)] : [];
  // As on "Create package": only channels whose drafting is wired, so a new channel arrives with drafts.
  const missing = (WIRED_CHANNELS as readonly Channel[]).filter(
    (channel) => brandChannels.includes(channel) && !view.package.channels.includes(channel),
  );
  const selected = chosen && missing.includes(chosen) ? chosen : (missing[0] ?? '');
  const errorId = `add-channel-error-${packageId}`;

  if (view.package.status === 'archived' || (strategy.data && missing.length === 0)) return null;
  return (
    <form
      className="add-channel"
      aria-label="Add a channel to the package"
      onSubmit={(event) => {
        event.preventDefault();
        if (selected) addChannel.mutate({ brandId, packageId, channel: selected }, { onSuccess: () => setChosen('') });
      }}
    >
      <label className="field field--inline">
        <span>Add channel</span>
        <select
          value={selected}
          disabled={!strategy.data || addChannel.isPending}
          aria-describedby={addChannel.isError ? errorId : undefined}
          onChange={(e) => setChosen(e.target.value as Channel)}
        >
          {missing.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNEL_LABELS[channel]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--quiet" disabled={!selected || addChannel.isPending}>
        {addChannel.isPending ? 'Writing drafts…' : 'Add with drafts'}
      </button>
      {addChannel.isError && (
        <p id={errorId} className="form-error small" role="alert">
          {rateLimitMessage(addChannel.error) ?? addChannel.error.message}
        </p>
      )}
    </form>
  );
}
