import type { executionEvents } from '../../engines/db/schema';
import type { Channel, ExecutionEventType, ExecutionSource } from '../../engines/enums';
import { addDays, MINUTE_MS, startOfUtcDay } from '../../lib/dates';
import type { BrandSeed } from './brands/types';
import type { VariantRow } from './build-packages';
import { Prng } from './prng';

export type ExecutionEventRow = typeof executionEvents.$inferInsert;

interface ChannelProfile {
  /** Share of the audience reached on the day of publication. */
  launchReach: number;
  /** Days for the daily reach to fall by a factor of e. */
  decayDays: number;
  /** Share of the audience reached each later day anyway (search, shares, late readers). */
  tailReach: number;
  /** Each interaction as a share of that day's impressions (for newsletters: opens). */
  rates: Partial<Record<Exclude<ExecutionEventType, 'impression'>, number>>;
  source: ExecutionSource;
  idPrefix: string;
}

// Rough shapes of organic performance per channel: X spikes and fades within a day, LinkedIn
// keeps circulating for days, a newsletter is opened mostly on the morning it lands. Impressions
// dwarf likes, and likes outnumber comments everywhere.
const PROFILES: Record<Channel, ChannelProfile> = {
  linkedin: {
    launchReach: 0.32,
    decayDays: 2.4,
    tailReach: 0.004,
    rates: { like: 0.022, comment: 0.0035, share: 0.0015, click: 0.008, profile_visit: 0.003 },
    source: 'platform_webhook',
    idPrefix: 'li',
  },
  x: {
    launchReach: 0.55,
    decayDays: 0.9,
    tailReach: 0.003,
    rates: { like: 0.011, comment: 0.0014, share: 0.0028, link_click: 0.004, profile_visit: 0.002 },
    source: 'platform_webhook',
    idPrefix: 'x',
  },
  newsletter: {
    launchReach: 0.42,
    decayDays: 0.8,
    tailReach: 0.002,
    rates: { link_click: 0.055, like: 0.012, share: 0.006, comment: 0.003 },
    source: 'test_fixture',
    idPrefix: 'nl',
  },
  instagram: {
    launchReach: 0.38,
    decayDays: 1.5,
    tailReach: 0.003,
    rates: { like: 0.048, comment: 0.004, save: 0.011, share: 0.004, profile_visit: 0.006 },
    source: 'platform_webhook',
    idPrefix: 'ig',
  },
  youtube: {
    launchReach: 0.25,
    decayDays: 4,
    tailReach: 0.01,
    rates: { like: 0.035, comment: 0.004, share: 0.003, click: 0.01 },
    source: 'platform_webhook',
    idPrefix: 'yt',
  },
  tiktok: {
    launchReach: 0.6,
    decayDays: 1.2,
    tailReach: 0.005,
    rates: { like: 0.06, comment: 0.005, share: 0.008, save: 0.006, profile_visit: 0.004 },
    source: 'platform_webhook',
    idPrefix: 'tt',
  },
};

const WINDOW_DAYS = 60;

/**
 * Daily metrics for every published variant from its publication to now (at most 60 days): one row
 * per event type and day, as a platform's daily export would deliver them.
 */
export function buildExecutionEvents(seed: BrandSeed, published: readonly VariantRow[], now: Date): ExecutionEventRow[] {
  const prng = new Prng(`${seed.slug}:events`);
  const externalIds = new Set<string>();
  const rows: ExecutionEventRow[] = [];
  const windowStart = addDays(now, -WINDOW_DAYS);
  const latest = new Date(now.getTime() - 5 * MINUTE_MS);

  for (const variant of published) {
    const { channel } = variant;
    const publishedAt = variant.publishedAt;
    if (!publishedAt) continue;
    const profile = PROFILES[channel];
    const audience = seed.audience[channel] ?? 1_000;
    // Some posts simply land better; this is what the learning loop should discover.
    const quality = prng.between(0.6, 1.5);

    for (let day = 0; day < WINDOW_DAYS; day++) {
      const occurredAt =
        day === 0
          ? new Date(publishedAt.getTime() + prng.int(30, 360) * MINUTE_MS)
          : new Date(addDays(startOfUtcDay(publishedAt), day).getTime() + prng.int(6 * 60, 22 * 60) * MINUTE_MS);
      if (occurredAt > latest) break;
      if (occurredAt < windowStart) continue;
      const reach = profile.launchReach * Math.exp(-day / profile.decayDays) + profile.tailReach;
      const impressions = Math.round(audience * reach * quality * prng.between(0.8, 1.2));
      const counts: [ExecutionEventType, number][] = [['impression', impressions]];
      for (const [type, rate] of Object.entries(profile.rates) as [ExecutionEventType, number][]) {
        counts.push([type, Math.round(impressions * rate * prng.between(0.7, 1.3))]);
      }
      for (const [eventType, count] of counts) {
        if (count < 1) continue;
        const receivedAt = new Date(Math.min(occurredAt.getTime() + prng.int(1, 45) * MINUTE_MS, now.getTime()));
        rows.push({
          id: prng.uuid(),
          tenantId: seed.tenantId,
          brandId: variant.brandId,
          variantId: variant.id!,
          channel,
          eventType,
          count,
          eventValue: null,
          source: profile.source,
          occurredAt,
          receivedAt,
          externalEventId: uniqueId(prng, profile.idPrefix, externalIds),
          metadata: { granularity: 'daily', externalPostId: variant.externalPostId },
          createdAt: receivedAt,
          updatedAt: receivedAt,
        });
      }
    }
  }
  return rows;
}

function uniqueId(prng: Prng, prefix: string, seen: Set<string>): string {
  for (;;) {
    const id = `${prefix}_evt_${prng.hex(20)}`;
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}
