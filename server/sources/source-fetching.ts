import { InvariantViolationError } from '../../engines/errors';
import { BrandScope } from '../../engines/scope';
import { AddSourceInput, type DueFeed, type SourceDTO, SourceIdInput } from '../../engines/sources/dto';
import { DAY_MS } from '../../lib/dates';
import { logger } from '../logging/logger';
import type { SystemContext } from '../orchestrator/context';
import { fetchRecord, readFeed } from './read-feed';
import { FETCH_TIMEOUT_MS, type SafeFetchOptions } from './safe-fetch';

/** A feed is due again a day after its last fetch: feeds change daily at most, for a content lead. */
export const FEED_REFRESH_MS = DAY_MS;
/** Feeds one cron call fetches at most, whatever its budget. */
export const MAX_FEEDS_PER_CALL = 100;
/** Feeds fetched side by side: each mostly waits on the network. */
const PARALLEL_FETCHES = 4;

/**
 * `sources.add`: a note is stored as its signal at once; a feed is fetched right away, so the person
 * sees at once whether it works. An address the server must not fetch is refused (bad input) and
 * nothing is stored; a feed that fails to answer is stored with the failure as its last error.
 */
export async function addSource(
  ctx: SystemContext,
  brand: BrandScope,
  input: AddSourceInput & { userId: string | null },
  options: SafeFetchOptions = {},
): Promise<SourceDTO> {
  const scope = BrandScope.parse(brand);
  const { kind, url, text } = AddSourceInput.parse(input);
  if (kind === 'note') return ctx.engines.sources.addNote(scope, { text, url, createdByUserId: input.userId });
  const result = await readFeed(url!, {}, options);
  if (result.status === 'refused') throw new InvariantViolationError(`url: ${result.reason}`, 'input');
  const source = await ctx.engines.sources.addFeed(scope, { url: url!, createdByUserId: input.userId });
  return (await ctx.engines.sources.recordFetch(scope, fetchRecord(source.id, result))).source;
}

/**
 * `sources.fetchNow`: one feed fetched at once, its outcome stored. A failure comes back as the
 * source's last error; a refusal (the host now resolves to an internal address) is stored the same
 * way and answered as bad input with its reason.
 */
export async function fetchSourceNow(
  ctx: SystemContext,
  brand: BrandScope,
  input: SourceIdInput,
  options: SafeFetchOptions = {},
): Promise<SourceDTO> {
  const scope = BrandScope.parse(brand);
  const { sourceId } = SourceIdInput.parse(input);
  const feed = await ctx.engines.sources.feedToFetch(scope, { sourceId });
  const result = await readFeed(feed.url, feed, options);
  const { source } = await ctx.engines.sources.recordFetch(scope, fetchRecord(sourceId, result));
  if (result.status === 'refused') throw new InvariantViolationError(`url: ${result.reason}`, 'input');
  return source;
}

export interface DueSourcesReport {
  fetched: number;
  notModified: number;
  failed: number;
  /** Due feeds left for the next call: the budget or the per-call bound ran out first. */
  leftOver: number;
}

/**
 * The daily cron's first step: fetches feeds (of every live brand) not fetched in the last 24 hours,
 * the longest waiting first, while the budget leaves room for one more fetch's timeout. A feed that
 * fails only gets its last error; one whose source was removed meanwhile is skipped.
 */
export async function fetchDueSources(
  ctx: SystemContext,
  input: { budgetMs: number; now?: Date; limit?: number },
  options: SafeFetchOptions = {},
): Promise<DueSourcesReport> {
  const startedAt = Date.now();
  const now = input.now ?? new Date();
  const due = await ctx.engines.sources.dueFeeds('global', {
    olderThan: new Date(now.getTime() - FEED_REFRESH_MS),
    limit: Math.min(input.limit ?? MAX_FEEDS_PER_CALL, MAX_FEEDS_PER_CALL),
  });
  const report: DueSourcesReport = { fetched: 0, notModified: 0, failed: 0, leftOver: 0 };
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const queue = [...due];
  const worker = async () => {
    for (let feed = queue.shift(); feed; feed = queue.shift()) {
      if (Date.now() - startedAt + timeoutMs > input.budgetMs) {
        report.leftOver += 1 + queue.length;
        queue.length = 0;
        return;
      }
      await fetchOne(ctx, feed, report, options);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_FETCHES }, worker));
  return report;
}

async function fetchOne(ctx: SystemContext, feed: DueFeed, report: DueSourcesReport, options: SafeFetchOptions): Promise<void> {
  const scope = { tenantId: feed.tenantId, brandId: feed.brandId };
  const result = await readFeed(feed.url, feed, options);
  try {
    await ctx.engines.sources.recordFetch(scope, fetchRecord(feed.sourceId, result));
  } catch (error) {
    // Removed (or its brand archived) while it was being fetched: nothing to store, the walk goes on.
    logger.warn({ sourceId: feed.sourceId, err: error }, 'feed fetch not recorded');
    report.failed += 1;
    return;
  }
  if (result.status === 'ok') report.fetched += 1;
  else if (result.status === 'not_modified') report.notModified += 1;
  else report.failed += 1;
}
