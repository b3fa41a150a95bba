-- A flow run whose process died (a platform time limit, a deploy, an out-of-memory kill) stays
-- `running` for ever unless something notices. Each run now records the time budget it was started
-- with, and a sweep marks a run still `running` past that budget plus a margin as `interrupted`
-- (server/orchestrator/flows/interrupted-runs.ts). Runs recorded before this have no budget; the
-- sweep gives them the longest a function may run.

alter table flow_runs drop constraint flow_runs_status_check;
alter table flow_runs add constraint flow_runs_status_check
  check (status in ('running', 'succeeded', 'succeeded_with_warnings', 'failed', 'interrupted'));

alter table flow_runs add column budget_ms integer check (budget_ms > 0);

-- The sweep looks only at running runs, a handful at any time among many finished ones.
create index flow_runs_running_idx on flow_runs (started_at) where status = 'running';
