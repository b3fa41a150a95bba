import { z } from 'zod';
import { SourceKind } from '../enums';
import { storableString, Text } from '../text';

/** A brand follows a handful of feeds; the daily fetch of all of them must fit one cron call. */
export const MAX_SOURCES_PER_BRAND = 50;
/** The generation flow's prompt holds at most this many signals. */
export const MAX_UNUSED_SIGNALS = 30;
/** What one signal may take of the generation prompt. */
export const SIGNAL_TITLE_CAP = 200;
export const SIGNAL_SUMMARY_CAP = 500;
/** A feed page rarely lists more; anything past this on one fetch is older news. */
export const MAX_ITEMS_PER_FETCH = 100;
/** A stored fetch error is a line for a person, not a dump. */
export const LAST_ERROR_CAP = 300;

/** A web address the server may fetch: http or https only, absolute, at most 2,000 characters. */
export const WebUrl = storableString()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2_000));

// ----- inputs -----

/** What `sources.add` takes: a feed's address, or a note (text and/or a link). */
export const AddSourceInput = z
  .object({
    kind: SourceKind,
    url: WebUrl.optional(),
    text: Text(4_000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'feed' && !input.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a feed needs its address' });
    if (input.kind === 'feed' && input.text) ctx.addIssue({ code: 'custom', path: ['text'], message: 'a feed takes no text' });
    if (input.kind === 'note' && !input.url && !input.text) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a note needs its text, a link, or both' });
    }
  });
export type AddSourceInput = z.infer<typeof AddSourceInput>;

export const AddFeedInput = z.object({ url: WebUrl, createdByUserId: z.uuid().nullish() });
export type AddFeedInput = z.input<typeof AddFeedInput>;

export const AddNoteInput = z
  .object({ text: Text(4_000).optional(), url: WebUrl.optional(), createdByUserId: z.uuid().nullish() })
  .refine((input) => input.text || input.url, { path: ['text'], message: 'a note needs its text, a link, or both' });
export type AddNoteInput = z.input<typeof AddNoteInput>;

export const SourceIdInput = z.object({ sourceId: z.uuid() });
export type SourceIdInput = z.infer<typeof SourceIdInput>;

/**
 * Text from a feed: whatever the publisher wrote, made storable (no NUL, no lone surrogate) and cut to
 * `max` instead of refused — one long title must not lose the whole fetch.
 */
const FeedText = (max: number) =>
  z.string().transform((text) =>
    text
      .replaceAll('\u0000', '')
      .replace(/\p{Surrogate}/gu, '')
      .trim()
      .slice(0, max)
      .replace(/\p{Surrogate}/gu, ''),
  );

/** One entry of a fetched feed, as the parser read it. */
export const FeedItem = z.object({
  /** The entry's own id: RSS guid, Atom id, JSON Feed id. */
  guid: FeedText(500).nullish(),
  link: FeedText(2_000).nullish(),
  title: FeedText(300).nullish(),
  summary: FeedText(2_000).nullish(),
  publishedAt: z.date().nullish(),
});
export type FeedItem = z.input<typeof FeedItem>;

/**
 * The outcome of one fetch. `etag` / `lastModified` undefined keep what is stored (a 304, a failure);
 * `error` set means the fetch failed: it is kept as the source's last error and nothing else changes.
 */
export const RecordFetchInput = z.object({
  sourceId: z.uuid(),
  etag: FeedText(500).nullish(),
  lastModified: FeedText(200).nullish(),
  /** The feed's own title, shown for a feed source once known. */
  title: FeedText(300).nullish(),
  items: z.array(FeedItem).max(MAX_ITEMS_PER_FETCH).default([]),
  error: FeedText(LAST_ERROR_CAP).nullish(),
});
export type RecordFetchInput = z.input<typeof RecordFetchInput>;
export type RecordFetch = z.output<typeof RecordFetchInput>;

export const DueFeedsInput = z.object({
  /** Feeds last fetched before this (or never) are due. */
  olderThan: z.date(),
  limit: z.int().min(1).max(500).default(50),
});
export type DueFeedsInput = z.input<typeof DueFeedsInput>;

export const ListUnusedSignalsInput = z.object({ limit: z.int().min(1).max(MAX_UNUSED_SIGNALS).default(MAX_UNUSED_SIGNALS) });
export type ListUnusedSignalsInput = z.input<typeof ListUnusedSignalsInput>;

export const MarkSignalsUsedInput = z.object({ signalIds: z.array(z.uuid()).max(200), runId: z.uuid() });
export type MarkSignalsUsedInput = z.infer<typeof MarkSignalsUsedInput>;

// ----- outputs -----

export const SourceDTO = z.object({
  id: z.uuid(),
  kind: SourceKind,
  url: z.string().nullable(),
  title: z.string().nullable(),
  note: z.string().nullable(),
  lastFetchedAt: z.date().nullable(),
  /** Signals this source has brought (a note: one). */
  itemCount: z.int(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
});
export type SourceDTO = z.infer<typeof SourceDTO>;

export const RecordedFetch = z.object({ source: SourceDTO, added: z.int() });
export type RecordedFetch = z.infer<typeof RecordedFetch>;

export const RemovedSource = z.object({ sourceId: z.uuid(), removedSignals: z.int() });
export type RemovedSource = z.infer<typeof RemovedSource>;

/** A feed the cron should fetch, with what its conditional GET sends. */
export const DueFeed = z.object({
  tenantId: z.uuid(),
  brandId: z.uuid(),
  sourceId: z.uuid(),
  url: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastFetchedAt: z.date().nullable(),
});
export type DueFeed = z.infer<typeof DueFeed>;

/** A signal as the generation flow reads it: title and summary already cut to their prompt caps. */
export const SignalDTO = z.object({
  id: z.uuid(),
  sourceId: z.uuid(),
  title: z.string(),
  summary: z.string(),
  url: z.string().nullable(),
  publishedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type SignalDTO = z.infer<typeof SignalDTO>;

export const MarkedSignals = z.object({ markedIds: z.array(z.uuid()) });
export type MarkedSignals = z.infer<typeof MarkedSignals>;
