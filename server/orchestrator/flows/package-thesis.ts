import type { PackageWorkspaceView } from '../../../engines/content/dto';
import type { EditPackageThesisInput } from '../../../engines/content/rubric/dto';
import type { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { getPackageWorkspace } from './package-workspace';

/**
 * packages.updateThesis: a person's edit of the thesis (core argument, key points, risks), refused by
 * the rubric engine when an edited field breaks the package rules (the field is named), then the
 * workspace as it now stands.
 */
export async function updatePackageThesis(
  ctx: SystemContext,
  scope: BrandScope,
  input: EditPackageThesisInput,
): Promise<PackageWorkspaceView> {
  const pkg = await ctx.engines.rubric.editThesis(scope, input);
  return getPackageWorkspace(ctx, scope, { packageId: pkg.id });
}
