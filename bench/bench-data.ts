import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../engines/db/client';
import type { TenantFixture } from '../test/fixtures';

// Bench rows are generated in the database (generate_series), so filling 100,000 rows takes a
// fraction of a second and the timings measure the engines' reads, not the set-up.

/**
 * `count` opportunities on the fixture's brand, shaped like a busy board: spread over both personas,
 * pillars and three channels, five pinned, one in ten snoozed and one in twenty expired.
 */
export async function addOpportunities(db: Database, fx: TenantFixture, count: number): Promise<void> {
  await db.execute(sql`
    insert into opportunities (tenant_id, brand_id, type, score, base_score, learned_adjustment, title, angle,
      source, dedupe_key, persona_id, pillar_id, primary_channel, suggested_channels, is_pinned, snoozed_until,
      created_via, last_touched_at, expires_at, metadata)
    select ${fx.tenantId}, ${fx.brandId},
      (array['trend', 'evergreen', 'competitive', 'campaign'])[1 + i % 4],
      (i * 37) % 101, (i * 37) % 101, 0,
      'Bench opportunity ' || i, 'Why now: reason number ' || i, 'bench', 'bench opportunity ' || i,
      case when i % 2 = 0 then ${fx.personaIds[0]}::uuid else ${fx.personaIds[1]}::uuid end,
      case when i % 3 = 0 then ${fx.pillarIds[0]}::uuid else ${fx.pillarIds[1]}::uuid end,
      (array['linkedin', 'x', 'newsletter'])[1 + i % 3],
      array[(array['linkedin', 'x', 'newsletter'])[1 + i % 3]],
      i <= 5,
      case when i % 10 = 0 then now() + interval '3 days' end,
      'ingestion',
      now() - (i % 1440) * interval '1 minute',
      case when i % 20 = 0 then now() - interval '1 day' end,
      '{}'::jsonb
    from generate_series(1, ${count}) as i`);
}

/**
 * `packages` published packages with a LinkedIn and an X variant each, and `events` execution events
 * spread evenly over those variants, each variant getting every event type, over the last `days` days.
 */
export async function addExecutionEvents(
  db: Database,
  fx: TenantFixture,
  { packages, events, days }: { packages: number; events: number; days: number },
): Promise<void> {
  await addExecutionEventsForBrands(db, [fx.brandId], { packages, events, days });
}

const EVENTS_PER_STATEMENT = 100_000;

/** The same for many brands at once, in a few statements whatever their number (P8's 2,000 brands). */
export async function addExecutionEventsForBrands(
  db: Database,
  brandIds: string[],
  { packages, events, days }: { packages: number; events: number; days: number },
): Promise<void> {
  const brandList = sql`${`{${brandIds.join(',')}}`}::uuid[]`;
  await addPublishedVariants(db, brandList, packages, days);
  // In slices, so no single statement outlasts the pool's statement timeout (a million rows at once would).
  for (let from = 0; from < events; from += EVENTS_PER_STATEMENT) {
    const to = Math.min(events, from + EVENTS_PER_STATEMENT) - 1;
    await db.execute(sql`
      with v as (
        select tenant_id, brand_id, array_agg(id order by id) as ids, array_agg(channel order by id) as channels
        from variants where brand_id = any(${brandList}) group by tenant_id, brand_id
      )
      insert into execution_events (tenant_id, brand_id, variant_id, channel, event_type, count, source,
        occurred_at, external_event_id, metadata)
      select v.tenant_id, v.brand_id, v.ids[1 + i % cardinality(v.ids)], v.channels[1 + i % cardinality(v.ids)],
        (array['impression', 'click', 'like', 'comment', 'share', 'save', 'profile_visit', 'link_click'])[1 + k % 8],
        case when k % 8 = 0 then 100 + i % 400 else 1 + i % 7 end,
        'test_fixture',
        now() - ((i % (${days} * 24)) * interval '1 hour') - interval '1 minute',
        'bench-' || i,
        '{}'::jsonb
      from v, generate_series(${from}::int, ${to}::int) as i, lateral (select i / cardinality(v.ids) as k) as round`);
  }
}

/** `packages` published packages per brand, each with a LinkedIn and an X variant published `days` ago. */
export async function addPublishedVariants(db: Database, brandList: SQL, packages: number, days: number): Promise<void> {
  await db.execute(sql`
    insert into content_packages (tenant_id, brand_id, title, status, channels, key_points, risks_to_avoid, created_via)
    select b.tenant_id, b.id, 'Bench package ' || i, 'published', array['linkedin', 'x'], '{}', '{}', 'manual'
    from brands b, generate_series(1, ${packages}) as i where b.id = any(${brandList})`);
  await db.execute(sql`
    insert into variants (tenant_id, brand_id, package_id, channel, status, draft_text, safety_flags, published_at,
      external_post_id)
    select p.tenant_id, p.brand_id, p.id, c.channel, 'published', 'Bench post', '{}',
      now() - ${days} * interval '1 day', p.id || '-' || c.channel
    from content_packages p cross join (values ('linkedin'), ('x')) as c(channel)
    where p.brand_id = any(${brandList})`);
}

/** The brand's published variants, for events sent through the engine or the ingest route. */
export async function publishedVariants(db: Database, brandId: string): Promise<{ id: string; channel: string }[]> {
  const result = await db.execute(sql`select id, channel from variants where brand_id = ${brandId} order by id`);
  return (result as unknown as { rows: { id: string; channel: string }[] }).rows;
}

/**
 * Events `from`…`from + size - 1` as a platform would send them (ExecutionEventInput), spread over
 * `variants` and every event type in the last `days` days; the same index gives the same event.
 */
export function eventBatch(variants: { id: string; channel: string }[], from: number, size: number, days: number) {
  const types = ['impression', 'click', 'like', 'comment', 'share', 'save', 'profile_visit', 'link_click'] as const;
  const now = Date.now();
  return Array.from({ length: size }, (_, offset) => {
    const i = from + offset;
    const variant = variants[i % variants.length]!;
    const round = Math.floor(i / variants.length);
    return {
      channel: variant.channel,
      externalEventId: `ingest-${i}`,
      variantId: variant.id,
      eventType: types[round % types.length]!,
      count: round % 8 === 0 ? 100 + (i % 400) : 1 + (i % 7),
      occurredAt: new Date(now - (i % (days * 24)) * 3_600_000 - 60_000).toISOString(),
    };
  });
}
