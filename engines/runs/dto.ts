import { z } from 'zod';
import { FlowName, FlowRunEventKind, FlowRunStatus } from '../enums';
import { BrandScope } from '../scope';

/** Payloads larger than this (as JSON) are stored as their hash and size, not inline. */
export const MAX_INLINE_PAYLOAD_BYTES = 8_192;

/** What is stored in place of a payload over `MAX_INLINE_PAYLOAD_BYTES`. */
export const HashedPayload = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.int().positive() });
export type HashedPayload = z.infer<typeof HashedPayload>;

/** Longest a run may be given: the longest a Vercel function may run (Pro, Fluid compute). */
export const MAX_RUN_BUDGET_MS = 800_000;
export const RunBudgetMs = z.int().positive().max(MAX_RUN_BUDGET_MS);

const RunEvent = z.object({
  node: z.string().trim().min(1).max(120),
  kind: FlowRunEventKind,
  payload: z.unknown(),
});

export const RecordRunEventInput = RunEvent.extend({ runId: z.uuid() });
export type RecordRunEventInput = z.input<typeof RecordRunEventInput>;

/** Most events one call appends: a build's drafts with their evaluations (six channels of three drafts, two events each). */
export const MAX_EVENTS_PER_APPEND = 50;

/** Events of one run recorded together, in this order. */
const RunEvents = z.array(RunEvent).max(MAX_EVENTS_PER_APPEND);

export const RecordRunEventsInput = z.object({ runId: z.uuid(), events: RunEvents.min(1) });
export type RecordRunEventsInput = z.input<typeof RecordRunEventsInput>;

export const StartRunInput = z.object({
  flow: FlowName,
  /** The flow's input parameters, recorded on the run. */
  input: z.record(z.string(), z.unknown()),
  createdByUserId: z.uuid().nullish(),
  /** Past it (plus the sweep's margin), a run still running is taken to be dead. */
  budgetMs: RunBudgetMs.optional(),
  /** The run's first events (its input), written in the statement that opens it. */
  events: RunEvents.default([]),
});
export type StartRunInput = z.input<typeof StartRunInput>;

/**
 * A flow ends its own run in one of these; `running` is only ever its first status, and only the
 * sweep marks a run `interrupted` (its process died before it could finish it).
 */
export const FinishedRunStatus = FlowRunStatus.exclude(['running', 'interrupted']);
export type FinishedRunStatus = z.infer<typeof FinishedRunStatus>;

export const FinishRunInput = z.object({
  runId: z.uuid(),
  status: FinishedRunStatus,
  error: z.string().max(4_000).nullish(),
  /** The run's last events (its output, or its hard error), appended in the statement that ends it. */
  events: RunEvents.default([]),
});
export type FinishRunInput = z.input<typeof FinishRunInput>;

/** The package the run built or regenerated (F2). */
export const LinkPackageInput = z.object({ runId: z.uuid(), packageId: z.uuid() });
export type LinkPackageInput = z.input<typeof LinkPackageInput>;

export const SweepInput = z.object({
  /** Past its budget plus this, a run still `running` is taken to be dead. */
  marginMs: z.int().nonnegative().max(MAX_RUN_BUDGET_MS),
  /** The budget assumed for a run recorded without one. */
  defaultBudgetMs: RunBudgetMs,
  /** One brand's runs (a page or a retry looking at them); omitted, every tenant's (the cron). */
  scope: BrandScope.optional(),
});
export type SweepInput = z.infer<typeof SweepInput>;

/** `flow` narrows the list to one flow's runs. */
export const ListRunsInput = z.object({ limit: z.int().min(1).max(100).default(20), flow: FlowName.optional() });
export type ListRunsInput = z.input<typeof ListRunsInput>;

/** The package's newest run; `succeededOnly` passes over failed and interrupted ones, `flow` counts only that flow. */
export const LatestPackageRunInput = z.object({ packageId: z.uuid(), succeededOnly: z.boolean().optional(), flow: FlowName.optional() });
export type LatestPackageRunInput = z.input<typeof LatestPackageRunInput>;

/** The package builds started with one idempotency key. */
/** A finished run's output is reused when a run of the same flow had exactly this input at most `maxAgeMs` ago. */
export const RecallOutputInput = z.object({ flow: FlowName, input: z.record(z.string(), z.unknown()), maxAgeMs: z.int().positive() });
export type RecallOutputInput = z.input<typeof RecallOutputInput>;

export const BuildRunsForKeyInput = z.object({
  idempotencyKey: z.string().min(1).max(200),
  /** The flow whose runs carry the key in their input (the package build unless named). */
  flow: FlowName.default('f2_package_build'),
});
export type BuildRunsForKeyInput = z.input<typeof BuildRunsForKeyInput>;

export const FlowRunEventDTO = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  seq: z.int().positive(),
  node: z.string(),
  kind: FlowRunEventKind,
  /** The recorded object, or a `HashedPayload` where it was large. */
  payload: z.unknown(),
  at: z.date(),
});
export type FlowRunEventDTO = z.infer<typeof FlowRunEventDTO>;

export const FlowRunSummaryDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid().nullable(),
  flow: FlowName,
  status: FlowRunStatus,
  input: z.unknown(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  error: z.string().nullable(),
  createdByUserId: z.uuid().nullable(),
  /** The package an F2 run built or regenerated. */
  packageId: z.uuid().nullable(),
  /** The time budget the run was started with (null for runs recorded before budgets). */
  budgetMs: z.int().positive().nullable(),
});
export type FlowRunSummaryDTO = z.infer<typeof FlowRunSummaryDTO>;

export const FlowRunDTO = FlowRunSummaryDTO.extend({ events: z.array(FlowRunEventDTO) });
export type FlowRunDTO = z.infer<typeof FlowRunDTO>;

/** A run the sweep marked interrupted, with where it stopped, for its cleanup and its record. */
export const InterruptedRunDTO = FlowRunSummaryDTO.extend({
  /** Its cleanup goes through the engines, which take the brand's tenant. */
  tenantId: z.uuid().nullable(),
  /** The last event the run recorded before it died (null if it recorded none). */
  lastEvent: z.object({ seq: z.int().positive(), node: z.string(), kind: FlowRunEventKind }).nullable(),
});
export type InterruptedRunDTO = z.infer<typeof InterruptedRunDTO>;
