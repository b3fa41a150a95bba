import { randomUUID } from 'node:crypto';
import type { Engines } from '../engines';
import type { BrandScope } from '../engines/scope';
import type { EvalBrand } from './brands/types';

export interface SeededBrand {
  scope: BrandScope;
  ownerUserId: string;
  /** The stored opportunity id of each of the brand's eval opportunities, by its key. */
  opportunityIds: Map<string, string>;
}

/**
 * Creates the brand as a person would, through the engines only: a profile and a workspace, the brand
 * with its channels, the accepted strategy, then each opportunity ingested with its pillar and persona.
 */
export async function seedBrand(engines: Engines, brand: EvalBrand): Promise<SeededBrand> {
  const ownerUserId = randomUUID();
  await engines.workspaces.ensureProfile(ownerUserId, { email: `owner@${brand.key}.eval.example`, displayName: `${brand.name} owner` });
  const workspace = await engines.workspaces.createWorkspace(ownerUserId, { name: brand.name });
  const created = await engines.brandBrain.createBrand(workspace.id, {
    name: brand.name,
    primaryChannel: brand.primaryChannel,
    channels: brand.channels,
  });
  const scope: BrandScope = { tenantId: workspace.id, brandId: created.id };
  const strategy = await engines.strategy.acceptDraft(scope, { draft: brand.strategy });
  const pillarIds = new Map(strategy.pillars.map((pillar) => [pillar.name, pillar.id]));
  const personaIds = new Map(strategy.personas.map((persona) => [persona.name, persona.id]));
  const opportunityIds = new Map<string, string>();
  for (const idea of brand.opportunities) {
    const { opportunity } = await engines.opportunities.ingestOpportunity(scope, {
      type: idea.type,
      title: idea.title,
      angle: idea.angle,
      source: 'kairo-eval',
      pillarId: named(pillarIds, idea.pillar, `${brand.key}/${idea.key}: pillar`),
      personaId: named(personaIds, idea.persona, `${brand.key}/${idea.key}: persona`),
      primaryChannel: idea.primaryChannel,
      suggestedChannels: idea.channels,
      createdByUserId: ownerUserId,
    });
    opportunityIds.set(idea.key, opportunity.id);
  }
  return { scope, ownerUserId, opportunityIds };
}

/** A reference brand naming a pillar or persona its strategy lacks is a typo in eval/brands. */
function named(ids: Map<string, string>, name: string, what: string): string {
  const id = ids.get(name);
  if (!id) throw new Error(`${what} "${name}" is not in the brand's strategy`);
  return id;
}
