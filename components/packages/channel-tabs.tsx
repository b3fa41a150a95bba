'use client';

import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';
import type { Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';

/**
 * One channel at a time, so each editor gets the page's width. Tabs follow the ARIA tabs pattern
 * (arrow keys, Home and End move between them; only the selected tab is in the tab order). Every panel
 * stays mounted while hidden, so an edit in one channel survives a look at another; a tab whose
 * channel holds an unsaved edit says so.
 */
export function ChannelTabs({
  channels,
  draftCounts,
  unsaved,
  renderPanel,
}: {
  channels: Channel[];
  draftCounts: Partial<Record<Channel, number>>;
  unsaved: ReadonlySet<Channel>;
  renderPanel: (channel: Channel) => ReactNode;
}) {
  const ids = useId();
  const [chosen, setChosen] = useState<Channel | null>(null);
  const selected = chosen && channels.includes(chosen) ? chosen : channels[0];
  const tabs = useRef(new Map<Channel, HTMLButtonElement>());

  const move = (event: KeyboardEvent, from: number) => {
    const last = channels.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? (from + 1) % channels.length
        : event.key === 'ArrowLeft'
          ? (from - 1 + channels.length) % channels.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const next = channels[to]!;
    setChosen(next);
    tabs.current.get(next)?.focus();
  };

  if (channels.length === 0) return <p className="muted">This package has no channels.</p>;
  return (
    <div className="channel-tabs">
      <div className="channel-tabs__list" role="tablist" aria-label="Channels">
        {channels.map((channel, index) => {
          const isSelected = channel === selected;
          const count = draftCounts[channel] ?? 0;
          return (
            <button
              key={channel}
              ref={(element) => {
                if (element) tabs.current.set(channel, element);
                else tabs.current.delete(channel);
              }}
              type="button"
              role="tab"
              id={`${ids}-tab-${channel}`}
              aria-selected={isSelected}
              aria-controls={`${ids}-panel-${channel}`}
              tabIndex={isSelected ? 0 : -1}
              className="channel-tabs__tab"
              onClick={() => setChosen(channel)}
              onKeyDown={(event) => move(event, index)}
            >
              {CHANNEL_LABELS[channel]}
              <span className="channel-tabs__count">
                {count} {count === 1 ? 'draft' : 'drafts'}
              </span>
              {unsaved.has(channel) && (
                <span className="channel-tabs__unsaved" title="Unsaved edits">
                  <span aria-hidden="true">●</span>
                  <span className="visually-hidden">, unsaved edits</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      {channels.map((channel) => (
        <div
          key={channel}
          role="tabpanel"
          id={`${ids}-panel-${channel}`}
          aria-labelledby={`${ids}-tab-${channel}`}
          hidden={channel !== selected}
          className="channel-tabs__panel"
        >
          {renderPanel(channel)}
        </div>
      ))}
    </div>
  );
}
