import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { learningWalks } from '../db/schema';
import { LearningWalk } from './dto';
import type { LearningWindow } from './window';

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

/**
 * The window's walk, begun if no call has begun it. A new walk starts where the latest earlier walk
 * of the same length stopped, when that one did not complete: with a daily schedule every window is
 * a new walk, and starting each from the first brand would leave the brands late in id order out
 * whenever a walk does not fit one call.
 */
export async function startLearningWalk(db: Database, window: LearningWindow): Promise<LearningWalk> {
  const existing = await findWalk(db, window);
  if (existing) return existing;
  const seconds = (window.windowEnd.getTime() - window.windowStart.getTime()) / 1_000;
  const [previous] = await db
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
  await db.insert(learningWalks).values({ ...window, startAfter }).onConflictDoNothing();
  return (await findWalk(db, window))!;
}

/** Records that the walk is done with `brandId`; the next call starts after it. */
export async function advanceLearningWalk(db: Database, window: LearningWindow, brandId: string): Promise<LearningWalk> {
  const [walk] = await db
    .update(learningWalks)
    .set({ lastBrandId: brandId, updatedAt: sql`now()` })
    .where(forWindow(window))
    .returning(WALK);
  return LearningWalk.parse(walk);
}

/**
 * The current pass found no brand after the cursor. A walk that began after some brand comes round
 * to the first brand for the rest; otherwise (or once it has come round) the walk is complete.
 */
export async function endLearningWalkPass(db: Database, window: LearningWindow, at: Date): Promise<LearningWalk> {
  const wraps = sql`(${learningWalks.startAfter} is not null and not ${learningWalks.wrapped})`;
  const [walk] = await db
    .update(learningWalks)
    .set({
      wrapped: sql`${learningWalks.wrapped} or ${wraps}`,
      lastBrandId: sql`case when ${wraps} then null else ${learningWalks.lastBrandId} end`,
      completedAt: sql`case when ${wraps} then null else coalesce(${learningWalks.completedAt}, ${at.toISOString()}::timestamptz) end`,
      updatedAt: sql`now()`,
    })
    .where(forWindow(window))
    .returning(WALK);
  return LearningWalk.parse(walk);
}

async function findWalk(db: Database, window: LearningWindow): Promise<LearningWalk | null> {
  const [found] = await db.select(WALK).from(learningWalks).where(forWindow(window));
  return found ? LearningWalk.parse(found) : null;
}

/** The brand an unfinished walk stopped after; null when it stopped at the end of the id order. */
function stoppedAt(walk: LearningWalk): string | null {
  return walk.wrapped ? walk.lastBrandId : (walk.lastBrandId ?? walk.startAfter);
}
