'use client';

import type { Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { CHANNELS, type ChannelDraft } from './brand-fields';

interface ChannelFieldsProps {
  idPrefix: string;
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
  idPrefix,
  primaryChannel,
  drafts,
  onPrimaryChange,
  onDraftsChange,
  disabled,
  primaryError,
  channelsError,
}: ChannelFieldsProps) {
  const change = (channel: Channel, patch: Partial<ChannelDraft>) =>
    onDraftsChange(drafts.map((draft) => (draft.channel === channel ? { ...draft, ...patch } : draft)));

  return (
    <>
      <label className="field">
        <span>Primary channel</span>
        <select
          value={primaryChannel}
          disabled={disabled}
          aria-invalid={primaryError ? true : undefined}
          aria-describedby={primaryError ? `${idPrefix}-primary-error` : `${idPrefix}-primary-hint`}
          onChange={(event) => onPrimaryChange(event.target.value as Channel)}
        >
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNEL_LABELS[channel]}
            </option>
          ))}
        </select>
        <span id={`${idPrefix}-primary-hint`} className="muted small">
          Where the brand publishes first; drafts start there.
        </span>
        {primaryError && (
          <span id={`${idPrefix}-primary-error`} className="form-error small" role="alert">
            {primaryError}
          </span>
        )}
      </label>

      <fieldset className="brand-channels" aria-describedby={channelsError ? `${idPrefix}-channels-error` : undefined} disabled={disabled}>
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
          <p id={`${idPrefix}-channels-error`} className="form-error small" role="alert">
            {channelsError}
          </p>
        )}
      </fieldset>
    </>
  );
}
