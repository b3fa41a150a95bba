import { and, asc, desc, eq, getTableColumns, gt, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { contentPackages, contentPillars, opportunities, personas } from '../db/schema';
import { Channel } from '../enums';
import { NotFoundError } from '../errors';
import { type BrandScope, type Executor, inBrand, whileBrandLive } from '../scope';
import {
  type BoardBucket,
  BoardCard,
  type BoardFilter,
  type CardPackage,
  type ChannelBucket,
  HIGH_SCORE,
  type OpportunityDTO,
  type TodayBoardMetrics,
} from './dto';
import { type CardColumns, toBoardCard, toOpportunityDTO } from './mapping';

export const notExpired = (now: Date): SQL => or(isNull(opportunities.expiresAt), gt(opportunities.expiresAt, now))!;

export const notSnoozed = (now: Date): SQL => or(isNull(opportunities.snoozedUntil), lte(opportunities.snoozedUntil, now))!;

/**
 * Not marked "not relevant". A dismissed row is kept undeleted on purpose: the dedupe index still sees
 * it, so a feed bringing the same title again finds it instead of creating it anew.
 */
export const notDismissed = (): SQL => isNull(opportunities.dismissedAt);

/** On the board: not expired, not snoozed, not dismissed (deleted rows are excluded by `inBrand`). */
export const isLiveOnBoard = (now: Date): SQL => and(notExpired(now), notSnoozed(now), notDismissed())!;

/**
 * Board order: pinned first, then score, then the most recently touched; the id settles exact ties so
 * a page never shuffles between reads. The leading three keys match opportunities_board_idx.
 */
export const boardOrder = [
  desc(opportunities.isPinned),
  desc(opportunities.score),
  desc(opportunities.lastTouchedAt),
  asc(opportunities.id),
];

// A persona or pillar names an opportunity only while it is live and of the same brand.
const personaJoin = and(eq(personas.id, opportunities.personaId), eq(personas.brandId, opportunities.brandId), isNull(personas.deletedAt));
const pillarJoin = and(
  eq(contentPillars.id, opportunities.pillarId),
  eq(contentPillars.brandId, opportunities.brandId),
  isNull(contentPillars.deletedAt),
);

const handleNames = { personaName: personas.name, pillarName: contentPillars.name };
const withHandles = { opportunity: opportunities, ...handleNames };

const opportunityColumns = getTableColumns(opportunities);
type CardColumn = keyof CardColumns & keyof typeof opportunityColumns;
/** The columns a board card is made of: BoardCard's fields that are columns (the rest derive from them). */
const cardColumns = Object.fromEntries(
  Object.keys(BoardCard.shape)
    .filter((key): key is CardColumn => key in opportunityColumns)
    .map((key) => [key, opportunityColumns[key]]),
) as Pick<typeof opportunityColumns, CardColumn>;

/** Opportunities with the names of their persona and pillar. */
export function selectWithHandles(db: Executor) {
  return db.select(withHandles).from(opportunities).leftJoin(personas, personaJoin).leftJoin(contentPillars, pillarJoin);
}

/**
 * The packages made from the row's opportunity, newest first, as a JSON array (null when none). A
 * correlated subquery, so the board's page brings its cards' packages in the same statement;
 * content_packages_origin_idx finds them, and only the rows the page returns are looked up.
 */
const packagesOfRow = (scope: BrandScope) => sql<Omit<CardPackage, 'opportunityId'>[] | null>`(
  select json_agg(json_build_object('packageId', ${contentPackages.id}, 'title', ${contentPackages.title}, 'status', ${contentPackages.status})
    order by ${contentPackages.createdAt} desc, ${contentPackages.id} desc)
  from ${contentPackages}
  where ${contentPackages.originOpportunityId} = ${opportunities.id} and ${inBrand(contentPackages, scope)})`;

/**
 * The board's page: live opportunities in board order, as the columns of their cards, with their
 * packages; none while the brand is not
 * live (`whileBrandLive`). A builder, so tests can EXPLAIN it.
 */
export function selectBoardPage(db: Executor, scope: BrandScope, now: Date, limit: number, filter: BoardFilter = {}) {
  return db
    .select({ card: cardColumns, ...handleNames, packages: packagesOfRow(scope) })
    .from(opportunities)
    .leftJoin(personas, personaJoin)
    .leftJoin(contentPillars, pillarJoin)
    .where(
      and(
        inBrand(opportunities, scope),
        isLiveOnBoard(now),
        whileBrandLive(scope),
        filter.pillarId ? eq(opportunities.pillarId, filter.pillarId) : undefined,
        filter.personaId ? eq(opportunities.personaId, filter.personaId) : undefined,
        filter.channel ? eq(opportunities.primaryChannel, filter.channel) : undefined,
      ),
    )
    .orderBy(...boardOrder)
    .limit(limit);
}

type HandleRow = Awaited<ReturnType<typeof selectWithHandles>>[number];
type BoardPageRow = Awaited<ReturnType<typeof selectBoardPage>>[number];

export const toCard = (row: BoardPageRow): BoardCard => toBoardCard(row.card, row);

export const toDTO =
  (now: Date) =>
  (row: HandleRow): OpportunityDTO =>
    toOpportunityDTO(row.opportunity, row, now);

export async function loadOpportunityDTO(db: Executor, scope: BrandScope, opportunityId: string, now: Date): Promise<OpportunityDTO> {
  const [row] = await selectWithHandles(db).where(and(eq(opportunities.id, opportunityId), inBrand(opportunities, scope)));
  if (!row) throw new NotFoundError('Opportunity', opportunityId);
  return toDTO(now)(row);
}

/**
 * The board's counts, by pillar, persona and primary channel plus the total, over every live
 * opportunity of the brand in one grouped scan (GROUPING SETS) rather than one query per dimension;
 * all zero while the brand is not live (`whileBrandLive`).
 */
export async function selectBoardMetrics(db: Executor, scope: BrandScope, now: Date): Promise<TodayBoardMetrics> {
  const grouped = await db
    .select({
      dimension: sql<'pillar' | 'persona' | 'channel' | 'total'>`case
        when grouping(${contentPillars.id}) = 0 then 'pillar'
        when grouping(${personas.id}) = 0 then 'persona'
        when grouping(${opportunities.primaryChannel}) = 0 then 'channel'
        else 'total' end`,
      pillarId: contentPillars.id,
      pillarName: contentPillars.name,
      personaId: personas.id,
      personaName: personas.name,
      channel: opportunities.primaryChannel,
      count: sql<number>`count(*)::int`,
      highScoreCount: sql<number>`(count(*) filter (where ${opportunities.score} >= ${HIGH_SCORE}))::int`,
    })
    .from(opportunities)
    .leftJoin(personas, personaJoin)
    .leftJoin(contentPillars, pillarJoin)
    .where(and(inBrand(opportunities, scope), isLiveOnBoard(now), whileBrandLive(scope)))
    .groupBy(
      sql`grouping sets ((${contentPillars.id}, ${contentPillars.name}), (${personas.id}, ${personas.name}), (${opportunities.primaryChannel}), ())`,
    );

  const byPillar: BoardBucket[] = [];
  const byPersona: BoardBucket[] = [];
  const byChannel: ChannelBucket[] = [];
  let total = { count: 0, highScoreCount: 0 };
  for (const { dimension, count, highScoreCount, ...keys } of grouped) {
    const counts = { count, highScoreCount };
    if (dimension === 'pillar' && keys.pillarId && keys.pillarName !== null) {
      byPillar.push({ id: keys.pillarId, name: keys.pillarName, ...counts });
    } else if (dimension === 'persona' && keys.personaId && keys.personaName !== null) {
      byPersona.push({ id: keys.personaId, name: keys.personaName, ...counts });
    } else if (dimension === 'channel') {
      byChannel.push({ channel: Channel.parse(keys.channel), ...counts });
    } else if (dimension === 'total') {
      total = counts;
    }
  }
  return {
    byPillar: byPillar.sort(largestFirst),
    byPersona: byPersona.sort(largestFirst),
    byChannel: byChannel.sort((a, b) => b.count - a.count || compare(a.channel, b.channel)),
    highScoreCount: total.highScoreCount,
    total: total.count,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const largestFirst = (a: BoardBucket, b: BoardBucket) => b.count - a.count || compare(a.name, b.name) || compare(a.id, b.id);
