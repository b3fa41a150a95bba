import {
  MarkVariantPublishedInput,
  RejectVariantInput,
  ScheduleVariantInput,
  UpdateVariantTextInput,
  VariantDecisionInput,
  VariantRef,
} from '../../../engines/content/dto';
import { VariantEvaluationOrchestrator } from '../../orchestrator/flows/variant-evaluation';
import { brandProcedure, createTRPCRouter } from '../init';

export const variantsRouter = createTRPCRouter({
  /** A person's edit of the draft; it becomes the variant's active text. */
  update: brandProcedure
    .input(UpdateVariantTextInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.content.updateVariantText(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId }),
    ),

  /** The variant went out: its post link (and/or platform post id); a draft never approved needs an override. */
  markPublished: brandProcedure
    .input(MarkVariantPublishedInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.content.markVariantPublished(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId }),
    ),

  /** One draft approved on its own, once its package is in review or later. */
  approve: brandProcedure
    .input(VariantDecisionInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) => ctx.system.engines.content.approveVariant(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId })),

  /** Schedule or reschedule for `scheduledFor`, a YYYY-MM-DDTHH:mm wall time on the brand's clock. */
  schedule: brandProcedure
    .input(ScheduleVariantInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) => ctx.system.engines.content.scheduleVariant(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId })),

  /** A draft set aside for good, with an optional note. */
  reject: brandProcedure
    .input(RejectVariantInput.omit({ decidedByUserId: true }))
    .mutation(({ ctx, input }) => ctx.system.engines.content.rejectVariant(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId })),

  unschedule: brandProcedure
    .input(VariantDecisionInput.omit({ decidedByUserId: true, override: true }))
    .mutation(({ ctx, input }) =>
      ctx.system.engines.content.unscheduleVariant(ctx.scope, { ...input, decidedByUserId: ctx.viewer.userId }),
    ),

  /** The draft rubric on the variant (checks, then the judge node), stored as eval_score and notes; recorded as a run. */
  evaluate: brandProcedure
    .input(VariantRef)
    .mutation(({ ctx, input }) => VariantEvaluationOrchestrator.evaluate(ctx.system, ctx.scope, input, { userId: ctx.viewer.userId })),
});
