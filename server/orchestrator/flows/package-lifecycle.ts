import type { PackageDecisionInput, PackageWorkspaceView, UpdatePackageStatusInput } from '../../../engines/content/dto';
import { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { getPackageWorkspace } from './package-workspace';

// The package lifecycle's moves answer with the whole workspace: a move changes the package and its
// drafts' states (approval approves them, back to draft takes approvals back), which the page shows.

export async function setPackageStatus(
  ctx: SystemContext,
  brand: BrandScope,
  input: UpdatePackageStatusInput,
): Promise<PackageWorkspaceView> {
  const scope = BrandScope.parse(brand);
  const pkg = await ctx.engines.content.updatePackageStatus(scope, input);
  return getPackageWorkspace(ctx, scope, { packageId: pkg.id });
}

export async function archivePackage(ctx: SystemContext, brand: BrandScope, input: PackageDecisionInput): Promise<PackageWorkspaceView> {
  const scope = BrandScope.parse(brand);
  const pkg = await ctx.engines.content.archivePackage(scope, input);
  return getPackageWorkspace(ctx, scope, { packageId: pkg.id });
}

export async function restorePackage(ctx: SystemContext, brand: BrandScope, input: PackageDecisionInput): Promise<PackageWorkspaceView> {
  const scope = BrandScope.parse(brand);
  const pkg = await ctx.engines.content.restorePackage(scope, input);
  return getPackageWorkspace(ctx, scope, { packageId: pkg.id });
}
