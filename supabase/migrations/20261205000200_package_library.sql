-- The package library (issue 12, point 1) lists a brand's packages newest change first and pages by the
-- (updated_at, id) cursor; this index serves that order and the cursor's range within one brand. The
-- title search is a case-insensitive substring match over the brand's rows this index already narrows
-- to, so it needs no trigram index of its own.
create index content_packages_library_idx on content_packages (brand_id, updated_at desc, id desc) where deleted_at is null;
