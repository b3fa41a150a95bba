-- Issue 12, point 5: variants.evaluate records each evaluation (the deterministic checks and the judge
-- node) as a run of its own. eval_score and eval_notes (text, one reason a line) already exist on variants.
alter table flow_runs drop constraint flow_runs_flow_check;
alter table flow_runs add constraint flow_runs_flow_check
  check (flow in (
    'f0_strategy', 'f1_today', 'f1_summary', 'f2_package_build', 'f2_regenerate', 'f3_learning', 'f3_summary',
    'opportunity_generation', 'variant_evaluation'
  ));
