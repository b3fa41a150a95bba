-- F2 runs name the package they built or regenerated, so the package workspace and the build
-- progress find their run with one indexed lookup instead of scanning the brand's recent runs (and
-- stop losing a package's warnings once enough newer runs exist). Discarding a failed build's
-- package leaves its run in the audit trail, unlinked.

alter table flow_runs add column package_id uuid references content_packages (id) on delete set null;
create index flow_runs_package_idx on flow_runs (package_id, started_at desc) where package_id is not null;

-- "Create package" polls the progress of the build started with its idempotency key.
create index flow_runs_idempotency_key_idx on flow_runs (brand_id, (input ->> 'idempotencyKey'), started_at desc)
  where flow = 'f2_package_build';
