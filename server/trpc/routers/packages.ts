import {
  CreatePackageFromOpportunityInput,
  PackageBuildProgressInput,
  PackageRef,
  RegenerateVariantsInput,
  UpdatePackageStatusInput,
} from '../../../engines/content/dto';
import { ExportPackageLibraryInput, ListPackageLibraryInput } from '../../../engines/content/library-dto';
import { PackageBuildOrchestrator } from '../../orchestrator/flows/package-build';
import { getPackageBuildProgress, getPackageWorkspace } from '../../orchestrator/flows/package-workspace';
import { brandProcedure, createTRPCRouter } from '../init';
import { perUserLimit } from '../rate-limit';

export const packagesRouter = createTRPCRouter({
  /** The package library: a page of the brand's packages by last change; archived ones only when asked for. */
  list: brandProcedure.input(ListPackageLibraryInput).query(({ ctx, input }) => ctx.system.engines.content.listLibrary(ctx.scope, input)),

  /** The library under the page's filters as CSV `{filename, csv, rows}`; the browser saves it as a file. */
  exportCsv: brandProcedure
    .input(ExportPackageLibraryInput)
    .query(({ ctx, input }) => ctx.system.engines.content.exportLibraryCsv(ctx.scope, input)),

  /** F2: a package with a thesis and drafts per channel; a retry with the same key returns the same package. */
  createFromOpportunity: brandProcedure
    .input(CreatePackageFromOpportunityInput.omit({ createdByUserId: true }))
    .concat(perUserLimit('packageBuilds'))
    .mutation(({ ctx, input }) =>
      PackageBuildOrchestrator.createPackageFromOpportunity(ctx.system, ctx.scope, { ...input, createdByUserId: ctx.viewer.userId }),
    ),

  /** Per-channel progress of the build started with `idempotencyKey` (polled while it runs). */
  buildProgress: brandProcedure
    .input(PackageBuildProgressInput)
    .query(({ ctx, input }) => getPackageBuildProgress(ctx.system, ctx.scope, input)),

  workspace: brandProcedure.input(PackageRef).query(({ ctx, input }) => getPackageWorkspace(ctx.system, ctx.scope, input)),

  regenerateVariants: brandProcedure
    .input(RegenerateVariantsInput.omit({ requestedByUserId: true }))
    .concat(perUserLimit('regenerations'))
    .mutation(({ ctx, input }) =>
      PackageBuildOrchestrator.regenerateVariants(ctx.system, ctx.scope, { ...input, requestedByUserId: ctx.viewer.userId }),
    ),

  setStatus: brandProcedure.input(UpdatePackageStatusInput.omit({ decidedByUserId: true })).mutation(async ({ ctx, input }) => {
    await ctx.system.engines.content.updatePackageStatus(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId });
    return getPackageWorkspace(ctx.system, ctx.scope, input);
  }),
});
