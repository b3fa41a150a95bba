import { NextResponse } from 'next/server';
import { refuseUnlessCron } from '@/server/http/cron-auth';
import { answeringErrors } from '@/server/http/errors';
import { getSystemContext } from '@/server/orchestrator/context';
import { sweepInterruptedRuns } from '@/server/orchestrator/flows/interrupted-runs';
import { LearningUpdateOrchestrator } from '@/server/orchestrator/flows/learning-update';

/** Vercel stops a function at its limit; the walk stops starting brands well before that. */
export const maxDuration = 60;
const TIME_BUDGET_MS = 45_000;

/**
 * Vercel cron (hourly, vercel.json) → F3 for every brand. Each call continues the window's walk where
 * the last one stopped (learning-update.ts `runGlobal`), so a day's walk completes across calls, and
 * calls after it completed start no brand. Vercel sends `Authorization: Bearer $CRON_SECRET`; without
 * CRON_SECRET configured the route refuses everyone rather than running open.
 */
export const GET = answeringErrors('cron learning', async (request) => {
  const system = await getSystemContext();
  const refusal = await refuseUnlessCron(system, request);
  if (refusal) return refusal;
  await sweepInterruptedRuns(system);
  const result = await LearningUpdateOrchestrator.runGlobal(system, undefined, { timeBudgetMs: TIME_BUDGET_MS });
  return NextResponse.json(result);
});

/** Next answers HEAD through GET, which would run the whole walk: a probe must change nothing. */
export function HEAD(): Response {
  return new Response(null, { status: 405, headers: { Allow: 'GET' } });
}
