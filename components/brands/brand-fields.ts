import type { Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';

// The brand form's state and what a failed save says about each field. Shared by the new-brand form
// and the brand settings, which edit the same fields.

/** Every channel, in the order the labels list them (the enum's order). */
export const CHANNELS = Object.keys(CHANNEL_LABELS) as Channel[];

/** One row of the channel list: whether the brand publishes there, and its handle there. */
export interface ChannelDraft {
  channel: Channel;
  selected: boolean;
  handle: string;
}

export function channelDrafts(channels: { channel: Channel; handle: string }[]): ChannelDraft[] {
  return CHANNELS.map((channel) => {
    const stored = channels.find((entry) => entry.channel === channel);
    return { channel, selected: stored !== undefined, handle: stored?.handle ?? '' };
  });
}

/** The channels to send: the ticked ones (the primary channel always), each with its trimmed handle. */
export function selectedChannels(drafts: ChannelDraft[], primaryChannel: Channel): { channel: Channel; handle: string }[] {
  return drafts
    .filter((draft) => draft.selected || draft.channel === primaryChannel)
    .map((draft) => ({ channel: draft.channel, handle: draft.handle.trim() }));
}

/** What a tRPC failure carries: its message, and zod's field errors when the input was refused. */
export interface SaveError {
  message: string;
  data?: { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | null;
}

export const BRAND_FIELDS = ['workspaceId', 'name', 'slug', 'primaryChannel', 'channels', 'timeZone'] as const;
export type BrandField = (typeof BRAND_FIELDS)[number];

/**
 * The message to show beside each field, and the rest for the whole form (shown once, not beside
 * every control). Input validation names fields by path ("channels.1.handle"); the engine's refusals
 * start with the field ("slug: …").
 */
export function errorsByField(error: SaveError | null): { fields: Partial<Record<BrandField, string>>; form: string | null } {
  return errorsForFields(error, BRAND_FIELDS);
}

/** `errorsByField` for any form: the same two sources of field messages, over that form's `known` fields. */
export function errorsForFields<Field extends string>(
  error: SaveError | null,
  known: readonly Field[],
): { fields: Partial<Record<Field, string>>; form: string | null } {
  if (!error) return { fields: {}, form: null };
  const isKnown = (name: string): name is Field => (known as readonly string[]).includes(name);
  const fields: Partial<Record<Field, string>> = {};
  for (const [path, messages] of Object.entries(error.data?.zodError?.fieldErrors ?? {})) {
    const field = path.split('.')[0]!;
    if (isKnown(field) && messages?.[0]) fields[field] ??= messages[0];
  }
  const [prefix, ...rest] = error.message.split(': ');
  if (prefix && isKnown(prefix) && rest.length > 0) fields[prefix] ??= rest.join(': ');
  return { fields, form: Object.keys(fields).length > 0 ? null : error.message };
}
