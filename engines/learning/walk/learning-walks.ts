import { and, asc, desc, eq, gt, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { brands, learningWalks, tenants } from '../../db/schema';
import { timestamptz } from '../../db/sql-time';
import { NotFoundError } from '../../errors';
import { BrandScope, brandIsLive } from '../../scope';
import { LearningWalk, ListLearningTargetsInput } from '../dto';
import { LearningWindow } from '../window';

// The learning cron's progress through every brand for one window (learning_walks). Brands are
// walked in id order, from just after `startAfter` round to it, so the last brand finished and
// whether the walk has wrapped are the whole cursor.

const WALK = {
  windowStart: learningWalks.windowStart,
  windowEnd: learningWalks.windowEnd,
  startAfter: learningWalks.startAfter,
  wrapped: learningWalks.wrapped,
  lastBrandId: learningWalks.lastBrandId,
  completedAt: learningWalks.completedAt,
};

const forWindow = (window: LearningWindow) =>
  and(eq(learningWalks.windowStart, window.windowStart), eq(learningWalks.windowEnd, window.windowEnd));

/** The learning cron's walk over every live brand of every live tenant: the one cross-tenant reader. */
export class LearningWalks {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * The window's walk, begun if no call has begun it. A new walk starts where the latest earlier walk
   * of the same length stopped, when that one did not complete: with a daily schedule every window is
   * a new walk, and starting each from the first brand would leave the brands late in id order out
   * whenever a walk does not fit one call.
   */
  async start(input: LearningWindow): Promise<LearningWalk> {
    const window = LearningWindow.parse(input);
    const existing = await this.find(window);
    if (existing) return existing;
    const seconds = (window.windowEnd.getTime() - window.windowStart.getTime()) / 1_000;
    const [previous] = await this.db
      .select(WALK)
      .from(learningWalks)
      .where(
        and(
          lt(learningWalks.windowEnd, window.windowEnd),
          sql`extract(epoch from ${learningWalks.windowEnd} - ${learningWalks.windowStart}) = ${seconds}`,
        ),
      )
      .orderBy(desc(learningWalks.windowEnd))
      .limit(1);
    const startAfter = previous && previous.completedAt === null ? stoppedAt(previous) : null;
    // Two calls beginning the same walk at once: the first insert wins and both read it back.
    await this.db
      .insert(learningWalks)
      .values({ ...window, startAfter })
      .onConflictDoNothing();
    return (await this.find(window))!;
  }

  /** The walk's next brands: those after its cursor in the current pass. */
  async nextTargets(walk: LearningWalk, limit: number): Promise<BrandScope[]> {
    const { startAfter, wrapped, lastBrandId } = LearningWalk.parse(walk);
    return wrapped
      ? this.listTargets({ after: lastBrandId, through: startAfter, limit })
      : this.listTargets({ after: lastBrandId ?? startAfter, limit });
  }

  /** The walk for the window is done with this brand, and resumes after it. */
  async advance(window: LearningWindow, brandId: string): Promise<LearningWalk> {
    const [walk] = await this.db
      .update(learningWalks)
      .set({ lastBrandId: z.uuid().parse(brandId), updatedAt: sql`now()` })
      .where(forWindow(LearningWindow.parse(window)))
      .returning(WALK);
    return LearningWalk.parse(walk);
  }

  /**
   * The current pass found no brand after the cursor. A walk that began after some brand comes round
   * to the first brand for the rest; otherwise (or once it has come round) the walk is complete.
   */
  async endPass(window: LearningWindow): Promise<LearningWalk> {
    const wraps = sql`(${learningWalks.startAfter} is not null and not ${learningWalks.wrapped})`;
    const [walk] = await this.db
      .update(learningWalks)
      .set({
        wrapped: sql`${learningWalks.wrapped} or ${wraps}`,
        lastBrandId: sql`case when ${wraps} then null else ${learningWalks.lastBrandId} end`,
        completedAt: sql`case when ${wraps} then null else coalesce(${learningWalks.completedAt}, ${timestamptz(this.clock())}) end`,
        updatedAt: sql`now()`,
      })
      .where(forWindow(LearningWindow.parse(window)))
      .returning(WALK);
    return LearningWalk.parse(walk);
  }

  /** Every live (not archived) brand of every tenant, by id after `after`, a page at a time so a cut-short run resumes from a cursor. */
  async listTargets(input: ListLearningTargetsInput = {}): Promise<BrandScope[]> {
    const { after, through, limit } = ListLearningTargetsInput.parse(input);
    const found = await this.liveBrands(and(after ? gt(brands.id, after) : undefined, through ? lte(brands.id, through) : undefined))
      .orderBy(asc(brands.id))
      .limit(limit);
    return found.map((row) => BrandScope.parse(row));
  }

  /** The live brand with this id, whichever tenant owns it: for operator tools (the CSV import). */
  async findTarget(brandId: string): Promise<BrandScope> {
    const id = z.uuid().parse(brandId);
    const [found] = await this.liveBrands(eq(brands.id, id));
    if (!found) throw new NotFoundError('Brand', id);
    return BrandScope.parse(found);
  }

  private liveBrands(where: SQL | undefined) {
    return this.db
      .select({ tenantId: brands.tenantId, brandId: brands.id })
      .from(brands)
      .innerJoin(tenants, and(eq(tenants.id, brands.tenantId), isNull(tenants.deletedAt)))
      .where(and(brandIsLive(), where));
  }

  private async find(window: LearningWindow): Promise<LearningWalk | null> {
    const [found] = await this.db.select(WALK).from(learningWalks).where(forWindow(window));
    return found ? LearningWalk.parse(found) : null;
  }
}

/** The brand an unfinished walk stopped after; null when it stopped at the end of the id order. */
function stoppedAt(walk: LearningWalk): string | null {
  return walk.wrapped ? walk.lastBrandId : (walk.lastBrandId ?? walk.startAfter);
}
