import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../../clock';
import { systemClock } from '../../clock';
import type { Database } from '../../db/client';
import { brands, contentPackages, variants } from '../../db/schema';
import { DecisionsEngine } from '../../decisions/engine';
import type { Channel } from '../../enums';
import { NotFoundError, OverrideRequiredError } from '../../errors';
import { BrandScope, type Executor, inBrand } from '../../scope';
import { aboutPackage } from '../decision-subject';
import { activeText, type PackageDTO, PackageRef, type VariantDTO, VariantRef, VariantRefs } from '../dto';
import {
  loadPackage,
  loadVariant,
  loadVariantDTO,
  selectPackageVariants,
  selectVariantsById,
  toPackageDTO,
  toVariantDTO,
} from '../queries';
import { type CtaPolicy, type DraftRuleContext, type DraftScore, type PackageScore, scoreDraft, scorePackage, thesisTextFailures } from '.';
import { EditPackageThesisInput, RecordVariantEvaluationInput } from './dto';

/** The rules a draft is held to on any channel of the brand (a check adds the draft's own channel). */
export type BrandRules = Omit<DraftRuleContext, 'channel'>;

/** What a draft is judged against: the brand's rules and the package's thesis. */
export interface DraftEvaluationContext {
  variant: VariantDTO;
  rules: DraftRuleContext;
  thesis: { coreArgument: string | null; keyPoints: string[] };
}

/**
 * The rubric's engine side (lib/draft-rules.ts holds the rules): the context a draft is checked in,
 * stored evaluations, the thesis edit with its guard rail, the package's rubric score (computed on
 * read from the thesis and the drafts, never stored: it moves with every edit). Each pattern's mean
 * draft score for the pattern recommendation is read by the patterns engine (patterns/queries.ts).
 */
export class RubricEngine {
  private readonly clock: Clock;

  private readonly decisions: Pick<DecisionsEngine, 'record'>;

  constructor(
    private readonly db: Database,
    deps: { clock?: Clock; decisions?: Pick<DecisionsEngine, 'record'> } = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.decisions = deps.decisions ?? new DecisionsEngine(db, { clock: this.clock });
  }

  /** The brand's taboos, its tenant's other brands' names and its call-to-action policy. */
  async ruleContext(brand: BrandScope, channel: Channel): Promise<DraftRuleContext> {
    return { channel, ...(await this.brandRules(BrandScope.parse(brand))) };
  }

  async draftContext(brand: BrandScope, input: VariantRef): Promise<DraftEvaluationContext> {
    const scope = BrandScope.parse(brand);
    const variant = await loadVariantDTO(this.db, scope, VariantRef.parse(input).variantId);
    const pkg = await loadPackage(this.db, scope, variant.packageId);
    return {
      variant,
      rules: await this.ruleContext(scope, variant.channel),
      thesis: { coreArgument: pkg.coreArgument, keyPoints: pkg.keyPoints },
    };
  }

  /** Stores the variant's eval_score and notes (and when); the variant's text is not touched. */
  async recordEvaluation(brand: BrandScope, input: RecordVariantEvaluationInput): Promise<VariantDTO> {
    const scope = BrandScope.parse(brand);
    const { variantId, evalScore, evalNotes } = RecordVariantEvaluationInput.parse(input);
    await loadVariant(this.db, scope, variantId);
    await this.db
      .update(variants)
      .set({ evalScore, evalNotes, lastEvaluatedAt: this.clock() })
      .where(and(eq(variants.id, variantId), inBrand(variants, scope)));
    return loadVariantDTO(this.db, scope, variantId);
  }

  /**
   * The deterministic evaluation of fresh drafts, stored in one update: what F2 gives every draft it
   * writes. The variants' text is not touched.
   */
  async evaluateDeterministically(brand: BrandScope, input: VariantRefs): Promise<VariantDTO[]> {
    const scope = BrandScope.parse(brand);
    const { variantIds } = VariantRefs.parse(input);
    const [rows, rules] = await Promise.all([selectVariantsById(this.db, scope, variantIds), this.brandRules(scope)]);
    const missing = variantIds.find((id) => !rows.some((row) => row.id === id));
    if (missing) throw new NotFoundError('Variant', missing);
    const scored = rows.map((row) => {
      const score = scoreDraft(activeText(row), { channel: row.channel, ...rules });
      return { id: row.id, evalScore: score.score, evalNotes: deterministicNotes(score) };
    });
    const byId = (pick: (entry: (typeof scored)[number]) => SQL) =>
      sql`(case ${variants.id} ${sql.join(
        scored.map((entry) => sql`when ${entry.id}::uuid then ${pick(entry)}`),
        sql` `,
      )} end)`;
    const updated = await this.db
      .update(variants)
      .set({
        evalScore: byId((entry) => sql`${entry.evalScore}::integer`),
        evalNotes: byId((entry) => sql`${entry.evalNotes}::text`),
        lastEvaluatedAt: this.clock(),
      })
      .where(and(inArray(variants.id, variantIds), inBrand(variants, scope)))
      .returning();
    const patternNames = new Map(rows.map((row) => [row.id, row.patternName]));
    const dtos = new Map(updated.map((row) => [row.id, toVariantDTO({ ...row, patternName: patternNames.get(row.id) ?? null })]));
    return variantIds.map((id) => dtos.get(id)!);
  }

  /**
   * Changes the given thesis fields (and F2's repaired title). The edited fields pass the package
   * rubric's text rules; a breach is refused naming the field ("keyPoints[1]: mentions the taboo …",
   * CONFLICT with the list for an override dialog) unless `override` gives a reason. A person's edit is
   * a `thesis_edited` decision in the same transaction, with what it overrode.
   */
  async editThesis(brand: BrandScope, input: EditPackageThesisInput): Promise<PackageDTO> {
    const scope = BrandScope.parse(brand);
    const { override, decidedByUserId, ...edit } = EditPackageThesisInput.parse(input);
    const [current, rules] = await Promise.all([loadPackage(this.db, scope, edit.packageId), this.brandRules(scope)]);
    const next = {
      title: edit.title ?? current.title,
      coreArgument: edit.coreArgument ?? current.coreArgument,
      keyPoints: edit.keyPoints ?? current.keyPoints,
      risksToAvoid: edit.risksToAvoid ?? current.risksToAvoid,
    };
    const edited = new Set(Object.keys(edit).filter((key) => edit[key as keyof typeof edit] !== undefined));
    const breaches = thesisTextFailures(next, {
      // The package keeps its opportunity's title until F2's guard rail repairs it: the thesis must say more.
      opportunityTitle: current.title,
      channels: current.channels,
      taboos: rules.taboos,
      otherBrandNames: rules.otherBrandNames,
    })
      .filter((failure) => edited.has(failure.field))
      .map((failure) => `${failure.index === undefined ? failure.field : `${failure.field}[${failure.index}]`}: ${failure.message}`);
    if (breaches.length > 0 && !override) {
      throw new OverrideRequiredError(
        `${breaches.join('; ')}. To save it anyway, give an override with a reason.`.slice(0, 2_000),
        breaches,
      );
    }
    const save = async (db: Executor) => {
      const [updated] = await db
        .update(contentPackages)
        .set({ ...next, updatedAt: sql`now()` })
        .where(and(eq(contentPackages.id, current.id), inBrand(contentPackages, scope)))
        .returning();
      if (decidedByUserId) {
        const overridden = breaches.map((breach) => breach.slice(0, 500));
        await this.decisions.record(
          scope,
          { kind: 'thesis_edited', ...aboutPackage(current), reason: override?.reason ?? null, overridden, userId: decidedByUserId },
          db,
        );
      }
      return toPackageDTO(updated!);
    };
    // A person's edit is saved with its decision; F2's (no person) is one statement, with no transaction to open.
    return decidedByUserId ? this.db.transaction(save) : save(this.db);
  }

  /** The package rubric over its thesis and current drafts (computed on read). */
  async packageScore(brand: BrandScope, input: PackageRef): Promise<PackageScore> {
    const scope = BrandScope.parse(brand);
    const pkg = await loadPackage(this.db, scope, PackageRef.parse(input).packageId);
    const [rows, brandRow] = await Promise.all([
      selectPackageVariants(this.db, scope, pkg.id),
      this.db.select({ primaryChannel: brands.primaryChannel }).from(brands).where(eq(brands.id, scope.brandId)),
    ]);
    const rules = await this.brandRules(scope);
    const drafts = rows
      .filter((r) => r.status !== 'rejected')
      .map((row) => ({
        channel: row.channel,
        patternId: row.patternTemplateId,
        score: scoreDraft(activeText(row), { channel: row.channel, ...rules }),
      }));
    return scorePackage(pkg, {
      opportunityTitle: pkg.title,
      channels: pkg.channels,
      primaryChannel: brandRow[0]?.primaryChannel ?? null,
      taboos: rules.taboos,
      otherBrandNames: rules.otherBrandNames,
      drafts,
    });
  }

  /**
   * The rules of the brand that hold on every channel (taboos, the tenant's other brands' names, the
   * call-to-action policy): one read of the tenant's live brands, for checking drafts of any channel.
   */
  async brandRules(brand: BrandScope): Promise<BrandRules> {
    const scope = BrandScope.parse(brand);
    const rows = await this.db
      .select({ id: brands.id, name: brands.name, taboos: brands.taboos, metadata: brands.metadata })
      .from(brands)
      .where(and(eq(brands.tenantId, scope.tenantId), sql`${brands.deletedAt} is null`));
    const own = rows.find((row) => row.id === scope.brandId);
    const policy = own?.metadata?.ctaPolicy;
    return {
      taboos: own?.taboos ?? [],
      otherBrandNames: rows.filter((row) => row.id !== scope.brandId && row.name.trim()).map((row) => row.name),
      ctaPolicy: policy === 'none' ? 'none' : ('engage' satisfies CtaPolicy),
    };
  }
}

/** The deterministic evaluation in words: one line per hard failure or check. */
export function deterministicNotes(scored: DraftScore): string {
  const lines = scored.valid
    ? scored.checks.map((check) => `${check.passed ? '✓' : '✗'} ${CHECK_LABELS[check.id]}: ${check.note}`)
    : scored.hardFailures.map((failure) => `✗ Invalid: it ${failure.message}`);
  return lines.join('\n');
}

const CHECK_LABELS: Record<DraftScore['checks'][number]['id'], string> = {
  length_band: 'Length',
  hook: 'Hook',
  call_to_action: 'Call to action',
  no_repeated_sentence: 'No repeats',
  channel_form: 'Channel form',
};
