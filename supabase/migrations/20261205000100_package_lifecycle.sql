-- Issue 12: a package lifecycle people can walk.
-- A reviewer approves a package before its variants are scheduled; an archived package remembers the
-- state it had so a restore returns it there.
alter table content_packages drop constraint content_packages_status_check;
alter table content_packages add constraint content_packages_status_check
  check (status in ('draft', 'in_review', 'approved', 'scheduled', 'published', 'archived'));
alter table content_packages add column archived_from text
  check (archived_from is null or archived_from in ('draft', 'in_review', 'approved', 'scheduled', 'published'));
alter table content_packages add constraint content_packages_archived_from_set
  check ((status = 'archived') = (archived_from is not null));

-- A published variant keeps the link to its post, beside the platform's post id.
alter table variants add column post_url text check (post_url is null or length(post_url) <= 2000);

-- Schedules are chosen on the brand's wall clock; the engine validates the IANA name.
alter table brands add column time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64);

-- Every lifecycle step a person takes joins the decision log, the package's history. An override of
-- hard rules (taboo, channel limit, empty text, an unapproved draft) lists what it overrode; its
-- reason (or a back-to-draft note) goes into `reason`.
alter table decisions drop constraint decisions_kind_check;
alter table decisions add constraint decisions_kind_check
  check (kind in (
    'pinned', 'unpinned', 'snoozed', 'dismissed', 'opened_as_package', 'sent_to_review', 'variant_edited',
    'variant_published', 'approved', 'sent_back_to_draft', 'archived', 'restored', 'variant_approved',
    'variant_scheduled', 'variant_rescheduled', 'variant_unscheduled', 'variant_rejected'
  ));
alter table decisions add column overridden text[] not null default '{}'
  check (cardinality(overridden) <= 50);
