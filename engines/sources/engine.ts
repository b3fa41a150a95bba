import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { brands, signals, sources } from '../db/schema';
import { ConflictError, InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, BrandScope, brandIsLive, type Executor, inBrand, isUniqueViolation } from '../scope';
import {
  AddFeedInput,
  AddNoteInput,
  DueFeed,
  DueFeedsInput,
  ListUnusedSignalsInput,
  MAX_SOURCES_PER_BRAND,
  MarkedSignals,
  MarkSignalsUsedInput,
  RecordedFetch,
  type RecordFetch,
  RecordFetchInput,
  RemovedSource,
  SIGNAL_SUMMARY_CAP,
  SIGNAL_TITLE_CAP,
  SignalDTO,
  SourceDTO,
  SourceIdInput,
} from './dto';

/** A note is one signal; its external id is fixed, so storing it twice stays one row. */
const NOTE_EXTERNAL_ID = 'note';
const NOTE_TITLE_CAP = 120;

const sourceColumns = {
  id: sources.id,
  kind: sources.kind,
  url: sources.url,
  title: sources.title,
  note: sources.note,
  lastFetchedAt: sources.lastFetchedAt,
  itemCount: sources.itemCount,
  lastError: sources.lastError,
  createdAt: sources.createdAt,
};

/**
 * Where signals come from: feeds the server fetches and notes a person pastes. The engine stores what a
 * fetch brought (server/sources does the network part) and hands the generation flow the newest
 * signals it has not used yet.
 */
export class SourcesEngine {
  private readonly clock: Clock;

  constructor(
    private readonly db: Database,
    deps: { clock?: Clock } = {},
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  async list(brand: BrandScope): Promise<SourceDTO[]> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const rows = await this.db
      .select(sourceColumns)
      .from(sources)
      .where(inBrand(sources, scope))
      .orderBy(desc(sources.createdAt), desc(sources.id));
    return rows.map((row) => SourceDTO.parse(row));
  }

  /** A feed to fetch; the same address twice in one brand is a ConflictError. */
  async addFeed(brand: BrandScope, input: AddFeedInput): Promise<SourceDTO> {
    const scope = BrandScope.parse(brand);
    const { url, createdByUserId } = AddFeedInput.parse(input);
    return this.db.transaction(async (tx) => {
      await this.assertRoomForSource(tx, scope);
      try {
        const [row] = await tx
          .insert(sources)
          .values({ ...scope, kind: 'feed', url, createdByUserId, createdAt: this.clock() })
          .returning(sourceColumns);
        return SourceDTO.parse(row);
      } catch (error) {
        if (isUniqueViolation(error, 'sources_feed_url_uq')) throw new ConflictError('This feed is already one of the brand’s sources');
        throw error;
      }
    });
  }

  /** A pasted note or link: stored as a source and, at once, as its one signal. */
  async addNote(brand: BrandScope, input: AddNoteInput): Promise<SourceDTO> {
    const scope = BrandScope.parse(brand);
    const { text, url, createdByUserId } = AddNoteInput.parse(input);
    const title = noteTitle(text, url);
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      await this.assertRoomForSource(tx, scope);
      const [row] = await tx
        .insert(sources)
        .values({ ...scope, kind: 'note', url, note: text, title, itemCount: 1, lastFetchedAt: now, createdByUserId, createdAt: now })
        .returning(sourceColumns);
      await tx.insert(signals).values({
        ...scope,
        sourceId: row!.id,
        externalId: NOTE_EXTERNAL_ID,
        title,
        summary: text ?? '',
        url,
        publishedAt: now,
        createdAt: now,
      });
      return SourceDTO.parse(row);
    });
  }

  /** Soft-deletes the source; its unused signals leave with it, the used ones stay behind the ideas they fed. */
  async remove(brand: BrandScope, input: SourceIdInput): Promise<RemovedSource> {
    const scope = BrandScope.parse(brand);
    const { sourceId } = SourceIdInput.parse(input);
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      const [removed] = await tx
        .update(sources)
        .set({ deletedAt: now, updatedAt: sql`now()` })
        .where(and(eq(sources.id, sourceId), inBrand(sources, scope)))
        .returning({ id: sources.id });
      if (!removed) throw new NotFoundError('Source', sourceId);
      const dropped = await tx
        .update(signals)
        .set({ deletedAt: now, updatedAt: sql`now()` })
        .where(and(eq(signals.sourceId, sourceId), inBrand(signals, scope), isNull(signals.usedAt)))
        .returning({ id: signals.id });
      return RemovedSource.parse({ sourceId, removedSignals: dropped.length });
    });
  }

  /** What a fetch of this feed sends: its address and the validators of the last answer. */
  async feedToFetch(brand: BrandScope, input: SourceIdInput): Promise<DueFeed> {
    const scope = BrandScope.parse(brand);
    const { sourceId } = SourceIdInput.parse(input);
    await assertBrandLive(this.db, scope);
    const [row] = await this.db
      .select({ ...dueFeedColumns, kind: sources.kind })
      .from(sources)
      .where(and(eq(sources.id, sourceId), inBrand(sources, scope)));
    if (!row) throw new NotFoundError('Source', sourceId);
    if (row.kind !== 'feed') throw new InvariantViolationError('sourceId: only a feed is fetched; a note is already its signal', 'input');
    return DueFeed.parse(row);
  }

  /**
   * Stores one fetch's outcome: new entries become signals (an entry already stored, by its external
   * id, is skipped, so fetching twice adds nothing twice); the time, the count and the error are kept.
   */
  async recordFetch(brand: BrandScope, input: RecordFetchInput): Promise<RecordedFetch> {
    const scope = BrandScope.parse(brand);
    const { sourceId, etag, lastModified, title, items, error } = RecordFetchInput.parse(input);
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      const [source] = await tx
        .select({ id: sources.id, kind: sources.kind })
        .from(sources)
        .where(and(eq(sources.id, sourceId), inBrand(sources, scope)))
        .for('no key update');
      if (!source) throw new NotFoundError('Source', sourceId);
      if (source.kind !== 'feed')
        throw new InvariantViolationError('sourceId: only a feed is fetched; a note is already its signal', 'input');
      const rows = error ? [] : signalRows(items, now);
      const added = rows.length
        ? await tx
            .insert(signals)
            .values(rows.map((row) => ({ ...scope, sourceId, ...row })))
            .onConflictDoNothing({ target: [signals.sourceId, signals.externalId] })
            .returning({ id: signals.id })
        : [];
      const [{ stored } = { stored: 0 }] = await tx
        .select({ stored: count() })
        .from(signals)
        .where(and(eq(signals.sourceId, sourceId), isNull(signals.deletedAt)));
      const [row] = await tx
        .update(sources)
        .set({
          lastFetchedAt: now,
          itemCount: stored,
          lastError: error ?? null,
          ...(error || etag === undefined ? {} : { etag }),
          ...(error || lastModified === undefined ? {} : { lastModified }),
          ...(title ? { title } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(sources.id, sourceId))
        .returning(sourceColumns);
      return RecordedFetch.parse({ source: row, added: added.length });
    });
  }

  /**
   * Feeds not fetched since `olderThan` (never-fetched first, then the longest waiting), of live brands:
   * of one brand, or of every brand when `scope` is 'global' (the cron's walk).
   */
  async dueFeeds(brand: BrandScope | 'global', input: DueFeedsInput): Promise<DueFeed[]> {
    const { olderThan, limit } = DueFeedsInput.parse(input);
    const scope = brand === 'global' ? null : BrandScope.parse(brand);
    const rows = await this.db
      .select(dueFeedColumns)
      .from(sources)
      .innerJoin(brands, and(eq(brands.id, sources.brandId), eq(brands.tenantId, sources.tenantId)))
      .where(
        and(
          scope ? inBrand(sources, scope) : isNull(sources.deletedAt),
          brandIsLive(),
          eq(sources.kind, 'feed'),
          or(isNull(sources.lastFetchedAt), lt(sources.lastFetchedAt, olderThan)),
        ),
      )
      .orderBy(sql`${sources.lastFetchedAt} asc nulls first`, asc(sources.id))
      .limit(limit);
    return rows.map((row) => DueFeed.parse(row));
  }

  /** The newest signals no generation run has used yet, each cut to what a prompt may hold. */
  async listUnusedSignals(brand: BrandScope, input: ListUnusedSignalsInput = {}): Promise<SignalDTO[]> {
    const scope = BrandScope.parse(brand);
    const { limit } = ListUnusedSignalsInput.parse(input);
    await assertBrandLive(this.db, scope);
    const rows = await this.db
      .select({
        id: signals.id,
        sourceId: signals.sourceId,
        title: signals.title,
        summary: signals.summary,
        url: signals.url,
        publishedAt: signals.publishedAt,
        createdAt: signals.createdAt,
      })
      .from(signals)
      .where(and(inBrand(signals, scope), isNull(signals.usedAt)))
      .orderBy(sql`coalesce(${signals.publishedAt}, ${signals.createdAt}) desc`, desc(signals.id))
      .limit(limit);
    return rows.map((row) =>
      SignalDTO.parse({ ...row, title: capped(row.title, SIGNAL_TITLE_CAP), summary: capped(row.summary, SIGNAL_SUMMARY_CAP) }),
    );
  }

  /**
   * Marks signals as used by a generation run. Only the brand's unused ones are marked: one another
   * run already used keeps that run, and ids of other brands are passed over without a word.
   */
  async markSignalsUsed(brand: BrandScope, input: MarkSignalsUsedInput): Promise<MarkedSignals> {
    const scope = BrandScope.parse(brand);
    const { signalIds, runId } = MarkSignalsUsedInput.parse(input);
    if (signalIds.length === 0) return { markedIds: [] };
    const marked = await this.db
      .update(signals)
      .set({ usedAt: this.clock(), usedByRunId: runId, updatedAt: sql`now()` })
      .where(and(inArray(signals.id, signalIds), inBrand(signals, scope), isNull(signals.usedAt)))
      .returning({ id: signals.id });
    return MarkedSignals.parse({ markedIds: marked.map((row) => row.id) });
  }

  /** Locks the brand row, so two adds at once cannot both pass the count. */
  private async assertRoomForSource(tx: Executor, scope: BrandScope): Promise<void> {
    await assertBrandLive(tx, scope, { lock: true });
    const [{ live } = { live: 0 }] = await tx.select({ live: count() }).from(sources).where(inBrand(sources, scope));
    if (live >= MAX_SOURCES_PER_BRAND) {
      throw new InvariantViolationError(`A brand has at most ${MAX_SOURCES_PER_BRAND} sources; remove one first`);
    }
  }
}

type SignalRow = { externalId: string; title: string; summary: string; url: string | null; publishedAt: Date | null; createdAt: Date };

const dueFeedColumns = {
  tenantId: sources.tenantId,
  brandId: sources.brandId,
  sourceId: sources.id,
  url: sources.url,
  etag: sources.etag,
  lastModified: sources.lastModified,
  lastFetchedAt: sources.lastFetchedAt,
};

/**
 * The rows a fetch's entries become, one per external id: the entry's own id, else its link, else a
 * hash of its title and date (a feed without ids or links still dedupes across fetches).
 */
function signalRows(items: RecordFetch['items'], now: Date) {
  const byExternalId = new Map<string, SignalRow>();
  for (const item of items) {
    const title = item.title || capped(item.summary ?? '', 120) || item.link;
    if (!title) continue;
    const externalId =
      item.guid ||
      item.link ||
      createHash('sha256')
        .update(`${title}\n${item.publishedAt?.toISOString() ?? ''}`)
        .digest('hex');
    if (byExternalId.has(externalId)) continue;
    byExternalId.set(externalId, {
      externalId,
      title: capped(title, 300),
      summary: item.summary ?? '',
      url: item.link || null,
      publishedAt: item.publishedAt ?? null,
      createdAt: now,
    });
  }
  return [...byExternalId.values()];
}

/** A note's title: its first line, else its link. */
function noteTitle(text: string | undefined, url: string | undefined): string {
  const firstLine = text
    ?.split('\n')
    .find((line) => line.trim())
    ?.trim();
  return capped(firstLine || url || 'Note', NOTE_TITLE_CAP);
}

/** `text` cut to `max` characters, with an ellipsis when something was cut. */
function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text
    .slice(0, max - 1)
    .replace(/\p{Surrogate}$/u, '')
    .trimEnd()}…`;
}
