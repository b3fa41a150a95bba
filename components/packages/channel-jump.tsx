'use client';

import type { Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';

/**
 * The package's channels as links to their sections, with each one's draft count and a mark while it
 * holds an edit that could not be saved, so a person working in one channel sees that another needs them.
 */
export function ChannelJump({
  channels,
  draftCounts,
  unsaved,
}: {
  channels: Channel[];
  draftCounts: Partial<Record<Channel, number>>;
  unsaved: ReadonlySet<Channel>;
}) {
  if (channels.length < 2) return null;
  return (
    <nav className="channel-jump small" aria-label="Channels in this package">
      <span className="muted">Jump to</span>
      {channels.map((channel) => {
        const count = draftCounts[channel] ?? 0;
        return (
          <a key={channel} href={`#channel-${channel}`} className="channel-jump__link">
            {CHANNEL_LABELS[channel]}
            <span className="muted">
              {' '}
              · {count} {count === 1 ? 'draft' : 'drafts'}
            </span>
            {unsaved.has(channel) && <span className="channel-jump__unsaved"> · not saved</span>}
          </a>
        );
      })}
    </nav>
  );
}
