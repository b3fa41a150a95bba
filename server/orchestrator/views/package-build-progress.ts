import { z } from 'zod';
import { Channel } from '../../../engines/enums';
import type { FlowRunDTO } from '../../../engines/runs/dto';

export const ChannelProgress = z.object({
  channel: Channel,
  /** waiting (thesis first) → drafting → drafted | failed; saved once the run has stored the drafts. */
  state: z.enum(['waiting', 'drafting', 'drafted', 'failed', 'saved']),
});

/**
 * How far an F2 run has got, read from its audit events, for the "Create package" progress list.
 * `interrupted`: its process died before it finished (the sweep took its package back); the same
 * key builds afresh.
 */
export const PackageBuildProgress = z.object({
  status: z.enum(['not_started', 'running', 'succeeded', 'failed', 'interrupted']),
  packageId: z.uuid().nullable(),
  channels: z.array(ChannelProgress),
});
export type PackageBuildProgress = z.infer<typeof PackageBuildProgress>;

/**
 * The progress of the builds started with one idempotency key (newest first: retries of the same
 * attempt each record a run). A build still running is the news, then the one linked to the package
 * (it carries the drafting), then the latest outcome; with none, nothing has started.
 */
export function buildProgress(runs: FlowRunDTO[], channels: Channel[]): PackageBuildProgress {
  const run =
    runs.find((r) => r.status === 'running' && r.packageId !== null) ??
    runs.find((r) => r.status === 'running') ??
    runs.find((r) => r.packageId !== null) ??
    runs[0];
  if (!run) return { status: 'not_started', packageId: null, channels: channels.map((channel) => ({ channel, state: 'waiting' })) };
  const nodes = new Set(run.events.map((e) => `${e.kind}:${e.node}`));
  const created = run.events.find((e) => e.node === 'createPackage');
  const packageId = (created?.payload as { packageId?: string } | undefined)?.packageId ?? null;
  const ended = run.status === 'failed' || run.status === 'interrupted';
  const status = ended || run.status === 'running' ? run.status : 'succeeded';
  return PackageBuildProgress.parse({
    status,
    packageId: ended ? null : packageId,
    channels: channels.map((channel) => ({ channel, state: channelState(nodes, channel, !!created, run.status) })),
  });
}

function channelState(nodes: Set<string>, channel: Channel, started: boolean, status: FlowRunDTO['status']) {
  if (nodes.has(`soft_error:variant_plan:${channel}`) || status === 'failed' || status === 'interrupted') return 'failed';
  // A finished run that drafted nothing itself was a retry that found the package already built.
  if (nodes.has(`engine_mutation:createVariant:${channel}`) || status !== 'running') return 'saved';
  if (nodes.has(`llm_output:variant_plan:${channel}`)) return 'drafted';
  return started ? 'drafting' : 'waiting';
}
