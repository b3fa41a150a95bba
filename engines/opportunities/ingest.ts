import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { contentPillars, opportunities, personas } from '../db/schema';
import type { Channel } from '../enums';
import { ConflictError, InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, type BrandScope, type Executor, inBrand } from '../scope';
import { normalizeForDedupe, opportunityDedupeKey } from './dedupe';
import type { IngestOpportunityInput, IngestOpportunityResult } from './dto';
import { initialScore } from './initial-score';
import { loadOpportunityDTO } from './queries';

export type IngestRequest = z.output<typeof IngestOpportunityInput>;

/**
 * Stores a new opportunity, or returns the brand's live one with the same normalised title and
 * source. The insert itself decides (ON CONFLICT on the partial unique index), so two concurrent
 * ingests of one idea yield one row and both callers get it.
 */
export async function ingestOpportunity(
  db: Executor,
  scope: BrandScope,
  request: IngestRequest,
  now: Date,
): Promise<IngestOpportunityResult> {
  if (normalizeForDedupe(request.title) === '') {
    throw new InvariantViolationError('An opportunity title needs at least one letter or digit', 'input');
  }
  await assertBrandLive(db, scope);
  if (request.personaId) await assertInBrand(db, scope, 'Persona', request.personaId);
  if (request.pillarId) await assertInBrand(db, scope, 'Pillar', request.pillarId);

  const row = opportunityRow(scope, request, now);
  const { dedupeKey } = row;

  // The loop runs a second time only if the duplicate that blocked the insert was deleted before it
  // could be read; the retry then inserts.
  for (let attempt = 0; attempt < 2; attempt++) {
    const [inserted] = await db
      .insert(opportunities)
      .values(row)
      .onConflictDoNothing({ target: [opportunities.brandId, opportunities.dedupeKey], where: sql`deleted_at is null` })
      .returning({ id: opportunities.id });
    if (inserted) return { opportunity: await loadOpportunityDTO(db, scope, inserted.id, now), created: true };
    const [existing] = await db
      .select({ id: opportunities.id })
      .from(opportunities)
      .where(and(eq(opportunities.dedupeKey, dedupeKey), inBrand(opportunities, scope)));
    if (existing) return { opportunity: await loadOpportunityDTO(db, scope, existing.id, now), created: false };
  }
  throw new ConflictError('The opportunity changed while it was being ingested; try again');
}

/**
 * The row an ingest stores: dedupe key, initial score (unless the source sent one) and the channel
 * list with the primary one. Callers have checked the brand, persona and pillar.
 */
export function opportunityRow(
  scope: BrandScope,
  request: IngestRequest,
  now: Date,
): typeof opportunities.$inferInsert & { dedupeKey: string } {
  const dedupeKey = opportunityDedupeKey(request.title, request.source);
  const initial = initialScore(request.type, request.sourcePublishedAt ?? null, now);
  const score = request.score ?? initial.score;
  return {
    tenantId: scope.tenantId,
    brandId: scope.brandId,
    type: request.type,
    score,
    baseScore: score,
    learnedAdjustment: 0,
    scoreExplanation: request.scoreExplanation ?? (request.score == null ? initial.explanation : null),
    title: request.title,
    angle: request.angle,
    source: request.source,
    sourceUrl: request.sourceUrl ?? null,
    dedupeKey,
    personaId: request.personaId ?? null,
    pillarId: request.pillarId ?? null,
    primaryChannel: request.primaryChannel,
    suggestedChannels: withPrimary(request.primaryChannel, request.suggestedChannels),
    isPinned: false,
    createdVia: request.createdVia,
    createdByUserId: request.createdByUserId ?? null,
    lastTouchedAt: now,
    expiresAt: request.expiresAt ?? null,
    metadata: request.metadata,
  };
}

/** The stored list holds each channel once and always the primary one (first when it was missing). */
function withPrimary(primary: Channel, suggested: Channel[]): Channel[] {
  const unique = [...new Set(suggested)];
  return unique.includes(primary) ? unique : [primary, ...unique];
}

async function assertInBrand(db: Executor, scope: BrandScope, entity: 'Persona' | 'Pillar', id: string): Promise<void> {
  const table = entity === 'Persona' ? personas : contentPillars;
  const [found] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), inBrand(table, scope)));
  if (!found) throw new NotFoundError(entity, id);
}
