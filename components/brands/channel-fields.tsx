'use client';

import { useId } from 'react';
import type { Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { Field } from '../ui/field';
import { CHANNELS, type ChannelDraft } from './brand-fields';

interface ChannelFieldsProps {
  primaryChannel: Channel;
  drafts: ChannelDraft[];
  onPrimaryChange: (channel: Channel) => void;
  onDraftsChange: (drafts: ChannelDraft[]) => void;
  disabled: boolean;
  primaryError?: string;
  channelsError?: string;
}

/** The primary channel, then every channel with a tick (the brand publishes there) and its handle. */
export function ChannelFields({
  primaryChannel,
  drafts,
  onPrimaryChange,
  onDraftsChange,
  disabled,
  primaryError,
  channelsError,
}: ChannelFieldsProps) {
  const channelsErrorId = useId();
  const change = (channel: Channel, patch: Partial<ChannelDraft>) =>
    onDraftsChange(drafts.map((draft) => (draft.channel === channel ? { ...draft, ...patch } : draft)));

  return (
    <>
      <Field label="Primary channel" hint="Where the brand publishes first; drafts start there." error={primaryError}>
        {(control) => (
          <select
            {...control}
            value={primaryChannel}
            disabled={disabled}
            onChange={(event) => onPrimaryChange(event.target.value as Channel)}
          >
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_LABELS[channel]}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset className="brand-channels" aria-describedby={channelsError ? channelsErrorId : undefined} disabled={disabled}>
        <legend>Channels and handles</legend>
        <p className="muted small">Tick every channel the brand publishes on. A handle can wait until you know it.</p>
        {drafts.map((draft) => {
          const isPrimary = draft.channel === primaryChannel;
          const label = CHANNEL_LABELS[draft.channel];
          return (
            <div key={draft.channel} className="brand-channels__row">
              <label className="brand-channels__tick">
                <input
                  type="checkbox"
                  checked={draft.selected || isPrimary}
                  disabled={isPrimary}
                  onChange={(event) => change(draft.channel, { selected: event.target.checked })}
                />
                <span>
                  {label}
                  {isPrimary && <span className="muted small"> (primary)</span>}
                </span>
              </label>
              <label className="brand-channels__handle">
                <span className="visually-hidden">{label} handle</span>
                <input
                  value={draft.handle}
                  maxLength={100}
                  placeholder="Handle"
                  disabled={!(draft.selected || isPrimary)}
                  onChange={(event) => change(draft.channel, { handle: event.target.value })}
                />
              </label>
            </div>
          );
        })}
        {channelsError && (
          <p id={channelsErrorId} className="form-error small" role="alert">
            {channelsError}
          </p>
        )}
      </fieldset>
    </>
  );
}
