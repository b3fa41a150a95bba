import type { Database } from '../db/client';
import { errorCode } from '../errors';
import type { BrandScope } from '../scope';
import type { ContentEngineDeps } from './deps';
import { PackageWorkspaceView, WorkspaceViewOptions } from './dto';
import { liveAudience, loadBrand, loadPackage, selectPackageVariants, toPackageDTO, toVariantDTO } from './queries';

/**
 * Everything the package editor shows in one read: the package, where it came from, its variants by
 * channel (every package channel present, so the editor can offer a draft slot for an empty one), the
 * tone and taboos to write within, and the patterns to try per channel.
 */
export async function buildWorkspaceView(
  db: Database,
  deps: Pick<ContentEngineDeps, 'opportunities' | 'patterns'>,
  scope: BrandScope,
  packageId: string,
  options: WorkspaceViewOptions,
): Promise<PackageWorkspaceView> {
  const { warnings } = WorkspaceViewOptions.parse(options);
  const pkg = await loadPackage(db, scope, packageId);
  const { channels } = pkg;
  const [variantRows, brand, opportunity, recommendations] = await Promise.all([
    selectPackageVariants(db, scope, pkg.id),
    loadBrand(db, scope),
    pkg.originOpportunityId ? originOpportunity(deps, scope, pkg.originOpportunityId) : null,
    liveAudience(db, scope, pkg).then((audience) => deps.patterns.recommendPatternsForChannels(scope, { channels, ...audience })),
  ]);
  const variants = variantRows.map(toVariantDTO);
  return PackageWorkspaceView.parse({
    package: toPackageDTO(pkg),
    opportunity,
    variantsByChannel: Object.fromEntries(channels.map((channel) => [channel, variants.filter((v) => v.channel === channel)])),
    strategy: { toneTags: brand.toneTags, taboos: brand.taboos },
    recommendedPatterns: Object.fromEntries(channels.map((channel) => [channel, recommendations[channel] ?? []])),
    warnings,
  });
}

/** The origin opportunity, or null once it has been deleted: the package outlives it. */
async function originOpportunity(deps: Pick<ContentEngineDeps, 'opportunities'>, scope: BrandScope, opportunityId: string) {
  try {
    return await deps.opportunities.getOpportunity(scope, { opportunityId });
  } catch (error) {
    if (errorCode(error) === 'not_found') return null;
    throw error;
  }
}
