import { NextResponse } from 'next/server';
import { refuseUnlessCron } from '@/server/http/cron-auth';
import { answeringErrors } from '@/server/http/errors';
import { getSystemContext } from '@/server/orchestrator/context';
import { sweepInterruptedRuns } from '@/server/orchestrator/flows/interrupted-runs';
import { OpportunityGenerationOrchestrator } from '@/server/orchestrator/flows/opportunity-generation';
import { fetchDueSources } from '@/server/sources/source-fetching';

/** Vercel stops a function at its limit; the walk stops starting brands well before that. */
export const maxDuration = 300;
/** Fetching the due feeds first, so the generation reads today's signals. */
const FETCH_BUDGET_MS = 60_000;
/** The whole call: the fetch, then a brand at a time while a run still fits. */
const TIME_BUDGET_MS = 240_000;

/**
 * Vercel cron (hourly, vercel.json) → the daily opportunity generation: fetch the feeds that are due,
 * then generate for each brand that follows a feed and had no generation in 20 hours. A call that runs
 * out of time leaves the rest to the next call, which finds them still due. Bearer CRON_SECRET, as
 * every cron route.
 */
export const GET = answeringErrors('cron opportunities', async (request) => {
  const system = await getSystemContext();
  const refusal = await refuseUnlessCron(system, request);
  if (refusal) return refusal;
  const startedAt = Date.now();
  await sweepInterruptedRuns(system);
  const fetched = await fetchDueSources(system, { budgetMs: FETCH_BUDGET_MS });
  const generation = await OpportunityGenerationOrchestrator.generateForDueBrands(system, {
    budgetMs: TIME_BUDGET_MS - (Date.now() - startedAt),
  });
  return NextResponse.json({ fetched, generation });
});

/** Next answers HEAD through GET, which would run the whole walk: a probe must change nothing. */
export function HEAD(): Response {
  return new Response(null, { status: 405, headers: { Allow: 'GET' } });
}
