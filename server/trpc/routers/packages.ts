import { AddPackageChannelInput } from '../../../engines/content/add-channel';
import {
  CreatePackageFromOpportunityInput,
  PackageBuildProgressInput,
  PackageDecisionInput,
  PackageRef,
  RegenerateVariantsInput,
  UpdatePackageStatusInput,
} from '../../../engines/content/dto';
import { ExportPackageLibraryInput, ListPackageLibraryInput } from '../../../engines/content/library-dto';
import { EditPackageThesisInput } from '../../../engines/content/rubric/dto';
import { VariantPerformanceInput } from '../../../engines/learning/insights/variant-performance-dto';
import { PackageBuildOrchestrator } from '../../orchestrator/flows/package-build';
import { archivePackage, restorePackage, setPackageStatus } from '../../orchestrator/flows/package-lifecycle';
import { updatePackageThesis } from '../../orchestrator/flows/package-thesis';
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

  /** Each published variant's figures over 7, 30 or 90 days and what learning concluded from them. */
  performance: brandProcedure
    .input(VariantPerformanceInput)
    .query(({ ctx, input }) => ctx.system.engines.learning.insights.variantPerformance(ctx.scope, input)),

  workspace: brandProcedure.input(PackageRef).query(({ ctx, input }) => getPackageWorkspace(ctx.system, ctx.scope, input)),

  /** A person's edit of the thesis; an edited field that breaks the package rules (a taboo…) is refused by name unless overridden. */
  updateThesis: brandProcedure
    .input(EditPackageThesisInput.omit({ title: true, decidedByUserId: true }))
    .mutation(({ ctx, input }) => updatePackageThesis(ctx.system, ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId })),

  /** The package rubric (five 0–3 dimensions, 0–100, invalid when a hard rule breaks), computed on read. */
  rubricScore: brandProcedure.input(PackageRef).query(({ ctx, input }) => ctx.system.engines.rubric.packageScore(ctx.scope, input)),

  regenerateVariants: brandProcedure
    .input(RegenerateVariantsInput.omit({ requestedByUserId: true }))
    .concat(perUserLimit('regenerations'))
    .mutation(({ ctx, input }) =>
      PackageBuildOrchestrator.regenerateVariants(ctx.system, ctx.scope, { ...input, requestedByUserId: ctx.viewer.userId }),
    ),

  /** A channel the package lacks, with drafts for it written in the package's thesis (a recorded F2 run). */
  addChannel: brandProcedure
    .input(AddPackageChannelInput)
    .concat(perUserLimit('regenerations'))
    .mutation(({ ctx, input }) =>
      PackageBuildOrchestrator.addChannel(ctx.system, ctx.scope, { ...input, requestedByUserId: ctx.viewer.userId }),
    ),

  /** The package as Markdown `{filename, markdown}`; the browser saves it as a file. */
  exportMarkdown: brandProcedure
    .input(PackageRef)
    .query(({ ctx, input }) => ctx.system.engines.content.exportPackageMarkdown(ctx.scope, input)),

  /** draft → in_review → approved, or back to draft with a note; an override with a reason past a hard rule. */
  setStatus: brandProcedure
    .input(UpdatePackageStatusInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) => setPackageStatus(ctx.system, ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId })),

  /** Archived from any state; restore returns the package to the state it had. */
  archive: brandProcedure
    .input(PackageDecisionInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) => archivePackage(ctx.system, ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId })),

  restore: brandProcedure
    .input(PackageDecisionInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) => restorePackage(ctx.system, ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId })),

  /** The package's lifecycle steps, newest first: who, when, the note or override. */
  history: brandProcedure.input(PackageRef).query(({ ctx, input }) => ctx.system.engines.content.getPackageHistory(ctx.scope, input)),
});
