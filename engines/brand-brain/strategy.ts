import { and, count, eq, ne, sql } from 'drizzle-orm';
import { missingForCalibration, STRATEGY_BOUNDS, strategyDraftProblems } from '../../lib/strategy-rules';
import type { Database } from '../db/client';
import { brands, contentPillars, personas } from '../db/schema';
import { ConflictError, InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, BrandScope, type Executor, inBrand, isUniqueViolation, liveBrand } from '../scope';
import { type BrandStrategyView, type PersonaDTO, type PillarDTO, UpsertPersonaInput } from './dto';
import { BrandBrainEngine } from './engine';
import { selectPersonas, selectPillars } from './queries';
import {
  AcceptStrategyDraftInput,
  ReorderPillarsInput,
  type StrategyCalibration,
  type StrategyDraft,
  UpdateStrategyInput,
} from './strategy-dto';

const sameName = (name: string) => name.trim().toLowerCase();

/** content_pillars_name_uq in supabase/migrations: a brand's pillar names, ignoring case. */
const PILLAR_NAME_UNIQUE = 'content_pillars_name_uq';

/**
 * The brand's strategy as a whole: accepting an F0 draft, editing the voice, ordering pillars, keeping
 * persona priorities within bounds, and saying whether the brand is calibrated. Single rows are written
 * by BrandBrainEngine; this engine adds the rules that span the brand's pillars or personas, under a
 * lock on the brand row so two editors cannot both pass a count and both write.
 */
export class StrategyEngine {
  constructor(private readonly db: Database) {}

  /**
   * Stores an accepted draft in one transaction: the brand's positioning, tone and taboos, then its
   * pillars and personas. A pillar or persona whose name (ignoring case) the brand already has is
   * updated in place, so accepting the same draft twice changes nothing; others of the brand are kept.
   * The draft's pillars take the first ranks in the draft's order and the kept pillars follow.
   */
  async acceptDraft(brand: BrandScope, input: AcceptStrategyDraftInput): Promise<BrandStrategyView> {
    const scope = BrandScope.parse(brand);
    const { draft } = AcceptStrategyDraftInput.parse(input);
    assertDraft(draft);
    await this.db
      .transaction(async (tx) => {
        await assertBrandLive(tx, scope, { lock: true });
        await tx
          .update(brands)
          .set({ positioning: draft.positioning, toneTags: draft.toneTags, taboos: draft.taboos, updatedAt: sql`now()` })
          .where(liveBrand(scope));
        await storeDraftPillars(tx, scope, draft.pillars);
        await storeDraftPersonas(tx, scope, draft.personas);
      })
      .catch((error: unknown) => {
        // Names are matched ignoring case here; a name the database's lower() folds onto another
        // pillar's (a letter outside ASCII) still clashes there, and is the person's to rename.
        if (isUniqueViolation(error, PILLAR_NAME_UNIQUE)) {
          throw new ConflictError('pillars: a pillar name clashes with another of the brand that differs only in letter case; rename it');
        }
        throw error;
      });
    return new BrandBrainEngine(this.db).getBrandStrategyView(scope);
  }

  /** Replaces the voice fields given; each must still meet its invariant. */
  async updateStrategy(brand: BrandScope, input: UpdateStrategyInput): Promise<BrandStrategyView> {
    const scope = BrandScope.parse(brand);
    const fields = UpdateStrategyInput.parse(input);
    const { toneTags, taboos } = STRATEGY_BOUNDS;
    if (fields.toneTags && (fields.toneTags.length < toneTags.min || fields.toneTags.length > toneTags.max)) {
      throw new InvariantViolationError(
        `toneTags: a strategy has ${toneTags.min}–${toneTags.max} tone tags, this change has ${fields.toneTags.length}`,
        'input',
      );
    }
    if (fields.taboos && fields.taboos.length < taboos.min) {
      throw new InvariantViolationError('taboos: a strategy names at least one taboo', 'input');
    }
    const [row] = await this.db
      .update(brands)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(liveBrand(scope))
      .returning({ id: brands.id });
    if (!row) throw new NotFoundError('Brand', scope.brandId);
    return new BrandBrainEngine(this.db).getBrandStrategyView(scope);
  }

  /**
   * A persona written through the strategy editor: at most five per brand and at most three of them
   * high priority, counted with the brand row locked.
   */
  async upsertPersona(brand: BrandScope, input: UpsertPersonaInput): Promise<PersonaDTO> {
    const scope = BrandScope.parse(brand);
    const persona = UpsertPersonaInput.parse(input);
    return this.db.transaction(async (tx) => {
      await assertBrandLive(tx, scope, { lock: true });
      const others = and(inBrand(personas, scope), persona.id ? ne(personas.id, persona.id) : undefined);
      if (!persona.id) {
        const [existing] = await tx.select({ n: count() }).from(personas).where(others);
        if (existing!.n >= STRATEGY_BOUNDS.personas.max) {
          throw new InvariantViolationError(`personas: a brand has at most ${STRATEGY_BOUNDS.personas.max} personas`);
        }
      }
      if (persona.priority === 'high') {
        const [high] = await tx
          .select({ n: count() })
          .from(personas)
          .where(and(others, eq(personas.priority, 'high')));
        if (high!.n >= STRATEGY_BOUNDS.highPriorityPersonas.max) {
          throw new InvariantViolationError(
            `priority: at most ${STRATEGY_BOUNDS.highPriorityPersonas.max} personas are high priority; lower another one first`,
          );
        }
      }
      return new BrandBrainEngine(tx as unknown as Database).upsertPersona(scope, persona);
    });
  }

  /**
   * Gives the listed pillars ranks 1, 2, … in that order; the brand's other ranked pillars follow in
   * their old order. Ranks are unique per brand (content_pillars_rank_uq, checked row by row), so every
   * rank is cleared first and then written, in one transaction with the brand row locked.
   */
  async reorderPillars(brand: BrandScope, input: ReorderPillarsInput): Promise<PillarDTO[]> {
    const scope = BrandScope.parse(brand);
    const { pillarIds } = ReorderPillarsInput.parse(input);
    if (new Set(pillarIds).size !== pillarIds.length) {
      throw new InvariantViolationError('pillarIds: each pillar is listed once', 'input');
    }
    await this.db.transaction(async (tx) => {
      await assertBrandLive(tx, scope, { lock: true });
      const current = await selectPillars(tx as unknown as Database, scope, true);
      const known = new Set(current.map((p) => p.id));
      const missing = pillarIds.find((id) => !known.has(id));
      if (missing) throw new NotFoundError('Pillar', missing);
      const listed = new Set(pillarIds);
      const rest = current.filter((p) => !listed.has(p.id) && p.priorityRank !== null).map((p) => p.id);
      await writeRanks(tx, scope, [...pillarIds, ...rest]);
    });
    return new BrandBrainEngine(this.db).listBrandPillars(scope, { includeInactive: true });
  }

  /** Whether the stored strategy meets the invariants of a draft, and if not, what is missing. */
  async calibration(brand: BrandScope): Promise<StrategyCalibration> {
    const scope = BrandScope.parse(brand);
    const [row] = await this.db
      .select({ positioning: brands.positioning, toneTags: brands.toneTags, taboos: brands.taboos })
      .from(brands)
      .where(liveBrand(scope));
    if (!row) throw new NotFoundError('Brand', scope.brandId);
    const [pillarRows, personaRows] = await Promise.all([selectPillars(this.db, scope, false), selectPersonas(this.db, scope)]);
    const missing = missingForCalibration({
      positioning: row.positioning,
      activePillars: pillarRows.length,
      personas: personaRows.length,
      highPriorityPersonas: personaRows.filter((p) => p.priority === 'high').length,
      toneTags: row.toneTags.length,
      taboos: row.taboos.length,
    });
    return { calibrated: missing.length === 0, missing };
  }
}

/** Throws the draft's invariant problems as one bad-input error naming each field. */
function assertDraft(draft: StrategyDraft): void {
  const problems = strategyDraftProblems(draft);
  if (problems.length) throw new InvariantViolationError(problems.map((p) => p.message).join('; '), 'input');
}

async function storeDraftPillars(tx: Executor, scope: BrandScope, draftPillars: StrategyDraft['pillars']): Promise<void> {
  const existing = await selectPillars(tx as Database, scope, true);
  const byName = new Map(existing.map((p) => [sameName(p.name), p]));
  const ordered = [...draftPillars].sort((a, b) => a.priority - b.priority);
  const ids: string[] = [];
  for (const pillar of ordered) {
    const match = byName.get(sameName(pillar.name));
    const fields = { name: pillar.name, description: pillar.description, isActive: true };
    if (match) {
      await tx
        .update(contentPillars)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(contentPillars.id, match.id));
      ids.push(match.id);
    } else {
      const [row] = await tx
        .insert(contentPillars)
        .values({ ...fields, ...scope, priorityRank: null })
        .returning({ id: contentPillars.id });
      ids.push(row!.id);
    }
  }
  const drafted = new Set(ids);
  const kept = existing.filter((p) => !drafted.has(p.id) && p.priorityRank !== null).map((p) => p.id);
  await writeRanks(tx, scope, [...ids, ...kept]);
}

async function storeDraftPersonas(tx: Executor, scope: BrandScope, draftPersonas: StrategyDraft['personas']): Promise<void> {
  const existing = await selectPersonas(tx as Database, scope);
  const byName = new Map(existing.map((p) => [sameName(p.name), p]));
  for (const persona of draftPersonas) {
    const match = byName.get(sameName(persona.name));
    if (match) {
      await tx
        .update(personas)
        .set({ ...persona, updatedAt: sql`now()` })
        .where(eq(personas.id, match.id));
    } else {
      await tx.insert(personas).values({ ...persona, ...scope, successMetrics: [], channelBiases: {} });
    }
  }
}

/** Ranks 1…n for `orderedIds`; every other pillar of the brand is left unranked. */
async function writeRanks(tx: Executor, scope: BrandScope, orderedIds: string[]): Promise<void> {
  await tx.update(contentPillars).set({ priorityRank: null }).where(inBrand(contentPillars, scope));
  for (const [index, id] of orderedIds.entries()) {
    await tx
      .update(contentPillars)
      .set({ priorityRank: index + 1, updatedAt: sql`now()` })
      .where(and(eq(contentPillars.id, id), inBrand(contentPillars, scope)));
  }
}
