-- Issue 12, points 3 and 5. variants.evaluate records each evaluation (the deterministic checks and the judge
-- node) as a run of its own. eval_score and eval_notes (text, one reason a line) already exist on variants.
alter table flow_runs drop constraint flow_runs_flow_check;
alter table flow_runs add constraint flow_runs_flow_check
  check (flow in (
    'f0_strategy', 'f1_today', 'f1_summary', 'f2_package_build', 'f2_regenerate', 'f3_learning', 'f3_summary',
    'opportunity_generation', 'variant_evaluation'
  ));

-- A person's edit of a package thesis is a decision of the package's history; an override of the
-- package rules (a taboo in the thesis) is recorded with it, like the lifecycle's.
alter table decisions drop constraint decisions_kind_check;
alter table decisions add constraint decisions_kind_check
  check (kind in (
    'pinned', 'unpinned', 'snoozed', 'dismissed', 'opened_as_package', 'sent_to_review', 'variant_edited',
    'variant_published', 'approved', 'sent_back_to_draft', 'archived', 'restored', 'variant_approved',
    'variant_scheduled', 'variant_rescheduled', 'variant_unscheduled', 'variant_rejected', 'thesis_edited'
  ));
