import { z } from 'zod';
import { FlowName, FlowRunEventKind, FlowRunStatus } from '../enums';

/** Payloads larger than this (as JSON) are stored as their hash and size, not inline. */
export const MAX_INLINE_PAYLOAD_BYTES = 8_192;

/** What is stored in place of a payload over `MAX_INLINE_PAYLOAD_BYTES`. */
export const HashedPayload = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.int().positive() });
export type HashedPayload = z.infer<typeof HashedPayload>;

export const StartRunInput = z
  .object({
    /** Null only for a run that spans tenants (the learning cron). */
    tenantId: z.uuid().nullable(),
    brandId: z.uuid().nullable(),
    flow: FlowName,
    input: z.record(z.string(), z.unknown()),
    createdByUserId: z.uuid().nullish(),
  })
  .refine((run) => run.brandId === null || run.tenantId !== null, { message: 'a brand run needs its tenant', path: ['tenantId'] });
export type StartRunInput = z.infer<typeof StartRunInput>;

export const RecordRunEventInput = z.object({
  runId: z.uuid(),
  node: z.string().trim().min(1).max(120),
  kind: FlowRunEventKind,
  payload: z.unknown(),
});
export type RecordRunEventInput = z.infer<typeof RecordRunEventInput>;

/** A run ends in one of these; `running` is only ever its first status. */
export const FinishedRunStatus = FlowRunStatus.exclude(['running']);
export type FinishedRunStatus = z.infer<typeof FinishedRunStatus>;

export const FinishRunInput = z.object({
  runId: z.uuid(),
  status: FinishedRunStatus,
  error: z.string().max(4_000).nullish(),
});
export type FinishRunInput = z.infer<typeof FinishRunInput>;

export const ListRunsInput = z.object({ limit: z.int().min(1).max(100).default(20) });
export type ListRunsInput = z.input<typeof ListRunsInput>;

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
});
export type FlowRunSummaryDTO = z.infer<typeof FlowRunSummaryDTO>;

export const FlowRunDTO = FlowRunSummaryDTO.extend({ events: z.array(FlowRunEventDTO) });
export type FlowRunDTO = z.infer<typeof FlowRunDTO>;
