-- A variant belongs to one brand and a brand to one tenant, but the planner assumes the three columns
-- independent: it multiplies their selectivities (a brand's events under its tenant were estimated at a
-- tenth of their number) and multiplies their distinct counts when a query groups by brand and
-- variant (130,000 groups estimated for 200 real ones, so the learning run's aggregate of a
-- million events was sorted on disk instead of hashed in memory, at twice the time). Extended
-- statistics tell it the dependency and the real number of (brand, variant) pairs; ANALYZE keeps them.
create statistics if not exists execution_events_tenant_brand_variant_stats (ndistinct, dependencies)
  on tenant_id, brand_id, variant_id from execution_events;
