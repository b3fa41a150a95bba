-- Brand strategy (issue 10, F0 and the strategy editor): a persona has a priority, and a calibrated
-- brand has at most three high-priority personas (checked by the engine, which counts them with the
-- brand row locked). Existing personas start at 'medium', so no brand gains a high-priority persona it
-- never chose. No new table: the policies of 20261129000100 already make personas read-only to members.
alter table personas add column priority text not null default 'medium'
  check (priority in ('high', 'medium', 'low'));
