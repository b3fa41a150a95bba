import { ListRunsInput } from '../../../engines/runs/dto';
import { sweepInterruptedRuns } from '../../orchestrator/flows/interrupted-runs';
import { brandProcedure, createTRPCRouter } from '../init';

export const runsRouter = createTRPCRouter({
  /** The brand's recent flow runs, newest first, each with its recorded events; dead runs are swept first. */
  list: brandProcedure.input(ListRunsInput).query(async ({ ctx, input }) => {
    await sweepInterruptedRuns(ctx.system, { scope: ctx.scope });
    return ctx.system.engines.runs.listRuns(ctx.scope, input);
  }),
});
