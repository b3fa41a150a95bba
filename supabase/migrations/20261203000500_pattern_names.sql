-- The pattern library names a brand's patterns uniquely (ignoring case), so "Copy to brand" and the
-- create form can say "the brand already has a pattern named …" instead of leaving two look-alikes
-- that recommendations and the editor could not tell apart. Shared patterns (brand_id null) are not
-- covered: the tenant's library is written outside the app.
--
-- A brand may already hold two live patterns of one name; every one after the first (by creation)
-- gets its id's first eight characters appended, so the index can be built and nothing is lost.
update pattern_templates later
   set name = left(later.name, 109) || ' (' || left(later.id::text, 8) || ')',
       updated_at = now()
 where later.brand_id is not null
   and later.deleted_at is null
   and exists (
     select 1
       from pattern_templates earlier
      where earlier.brand_id = later.brand_id
        and earlier.deleted_at is null
        and lower(earlier.name) = lower(later.name)
        and (earlier.created_at, earlier.id) < (later.created_at, later.id)
   );

create unique index pattern_templates_brand_name_uq
  on pattern_templates (brand_id, lower(name))
  where deleted_at is null and brand_id is not null;
