import { and, desc, gte } from 'drizzle-orm';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { decisions } from '../db/schema';
import { BrandScope, type Executor, inBrand } from '../scope';
import { DecisionDTO, ListDecisionsInput, RecordDecisionInput } from './dto';

export interface DecisionsEngineDeps {
  clock?: Clock;
}

/**
 * The decision log: who pinned, snoozed, dismissed, opened, sent to review, edited or published what,
 * and when. The engines that make those changes record here through the transaction they write in,
 * so a change and its decision land together or not at all. The learning update reads the log.
 */
export class DecisionsEngine {
  private readonly clock: Clock;

  constructor(
    private readonly db: Database,
    deps: DecisionsEngineDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Records one decision; `tx` is the caller's open transaction (the mutation the decision belongs to). */
  async record(brand: BrandScope, input: RecordDecisionInput, tx?: Executor): Promise<DecisionDTO> {
    const scope = BrandScope.parse(brand);
    const decision = RecordDecisionInput.parse(input);
    const [row] = await (tx ?? this.db)
      .insert(decisions)
      .values({
        tenantId: scope.tenantId,
        brandId: scope.brandId,
        kind: decision.kind,
        opportunityId: decision.opportunityId ?? null,
        packageId: decision.packageId ?? null,
        variantId: decision.variantId ?? null,
        pillarId: decision.pillarId ?? null,
        personaId: decision.personaId ?? null,
        channel: decision.channel ?? null,
        patternId: decision.patternId ?? null,
        reason: decision.reason ?? null,
        overridden: decision.overridden,
        userId: decision.userId ?? null,
        decidedAt: this.clock(),
      })
      .returning();
    return toDecisionDTO(row!);
  }

  /** The brand's decisions, newest first. */
  async list(brand: BrandScope, input: ListDecisionsInput = {}): Promise<DecisionDTO[]> {
    const scope = BrandScope.parse(brand);
    const { limit, since } = ListDecisionsInput.parse(input);
    const rows = await this.db
      .select()
      .from(decisions)
      .where(and(inBrand(decisions, scope), since ? gte(decisions.decidedAt, since) : undefined))
      .orderBy(desc(decisions.decidedAt), desc(decisions.id))
      .limit(limit);
    return rows.map(toDecisionDTO);
  }
}

function toDecisionDTO(row: typeof decisions.$inferSelect): DecisionDTO {
  return DecisionDTO.parse(row);
}
