import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPackage, insertVariant, learningBed, metricEvents, type VariantFixture } from '../../../test/fixtures/learning';
import { executionEvents } from '../../db/schema';
import { InvariantViolationError, NotFoundError } from '../../errors';
import { InvalidExecutionEventsError } from './errors';

const NOW = new Date('2026-03-15T12:00:00Z');
const YESTERDAY = new Date('2026-03-14T09:00:00Z');

let linkedin: VariantFixture;
let x: VariantFixture;
let foreign: VariantFixture;

const bed = learningBed({ tenant: 'Events Co', other: 'Other Co' }, NOW);
beforeAll(async () => {
  const packageId = await insertPackage(bed.handle.db, bed.fx);
  linkedin = await insertVariant(bed.handle.db, bed.fx, { packageId, channel: 'linkedin', publishedAt: YESTERDAY });
  x = await insertVariant(bed.handle.db, bed.fx, { packageId, channel: 'x', publishedAt: YESTERDAY });
  foreign = await insertVariant(bed.handle.db, bed.other, {
    packageId: await insertPackage(bed.handle.db, bed.other),
    channel: 'linkedin',
    publishedAt: YESTERDAY,
  });
});

async function storedCount(brandId: string): Promise<number> {
  const [row] = await bed.handle.db.select({ n: count() }).from(executionEvents).where(eq(executionEvents.brandId, brandId));
  return row!.n;
}

async function refusal(promise: Promise<unknown>): Promise<InvalidExecutionEventsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidExecutionEventsError);
  return error as InvalidExecutionEventsError;
}

describe('recordExecutionEvents', () => {
  it('stores a batch, and stores nothing when the same batch is sent again', async () => {
    const batch = metricEvents(linkedin, { impression: 900, like: 20, comment: 3 }, YESTERDAY);
    const before = await storedCount(bed.fx.brandId);
    expect(await bed.engine.intake.recordExecutionEvents(bed.fx, { events: batch, source: 'platform_webhook' })).toEqual({
      received: 3,
      inserted: 3,
      duplicates: 0,
    });
    expect(await bed.engine.intake.recordExecutionEvents(bed.fx, { events: batch, source: 'platform_webhook' })).toEqual({
      received: 3,
      inserted: 0,
      duplicates: 3,
    });
    expect(await storedCount(bed.fx.brandId)).toBe(before + 3);
  });

  it('stores each row with its variant, source and the time it was received', async () => {
    const [event] = metricEvents(x, { share: 4 }, YESTERDAY);
    await bed.engine.intake.recordExecutionEvents(bed.fx, { events: [{ ...event!, eventValue: 1.5 }], source: 'csv_import' });
    const [row] = await bed.handle.db
      .select()
      .from(executionEvents)
      .where(and(eq(executionEvents.brandId, bed.fx.brandId), eq(executionEvents.externalEventId, event!.externalEventId)));
    expect(row).toMatchObject({
      tenantId: bed.fx.tenantId,
      variantId: x.id,
      channel: 'x',
      eventType: 'share',
      count: 4,
      eventValue: 1.5,
      source: 'csv_import',
      occurredAt: YESTERDAY,
      receivedAt: NOW,
    });
  });

  it('counts an entry repeated within one batch as a duplicate', async () => {
    const [event] = metricEvents(linkedin, { like: 2 }, YESTERDAY);
    expect(await bed.engine.intake.recordExecutionEvents(bed.fx, { events: [event, event], source: 'manual_entry' })).toEqual({
      received: 2,
      inserted: 1,
      duplicates: 1,
    });
  });

  it('finds the variant by the platform post id on the same channel, and accepts ISO date strings', async () => {
    const event = {
      channel: 'x',
      externalEventId: `x-${randomUUID()}`,
      externalPostId: x.externalPostId,
      eventType: 'impression',
      count: 120,
      occurredAt: '2026-03-14T10:00:00.000Z',
    };
    expect(await bed.engine.intake.recordExecutionEvents(bed.fx, { events: [event], source: 'platform_webhook' })).toMatchObject({
      inserted: 1,
    });
    const [row] = await bed.handle.db.select().from(executionEvents).where(eq(executionEvents.externalEventId, event.externalEventId));
    expect(row).toMatchObject({ variantId: x.id, occurredAt: new Date('2026-03-14T10:00:00.000Z') });
  });

  it('refuses a batch with malformed entries whole, naming each bad entry, and stores nothing', async () => {
    const good = metricEvents(linkedin, { impression: 10, like: 1 }, YESTERDAY);
    const batch = [
      good[0],
      { ...good[1], count: 0 },
      good[1],
      { ...good[1], externalEventId: 'e-type', eventType: 'retweet' },
      { ...good[1], externalEventId: 'e-ref', variantId: undefined },
      { ...good[1], externalEventId: 'e-future', occurredAt: new Date('2026-03-15T12:00:01Z') },
      null,
    ];
    const before = await storedCount(bed.fx.brandId);
    const error = await refusal(bed.engine.intake.recordExecutionEvents(bed.fx, { events: batch, source: 'csv_import' }));
    expect(error.kind).toBe('input');
    expect(error.issues.map((i) => i.index)).toEqual([1, 3, 4, 5, 6]);
    expect(error.issues[0]!.message).toMatch(/count/);
    expect(error.issues[1]!.message).toMatch(/eventType/);
    expect(error.issues[2]!.message).toMatch(/variantId or externalPostId/);
    expect(error.issues[3]!.message).toMatch(/in the future/);
    expect(error.message).toMatch(/#1: .*#3: /);
    expect(await storedCount(bed.fx.brandId)).toBe(before);
  });

  it("refuses a batch naming another brand's variant, and stores none of its entries", async () => {
    const batch = [...metricEvents(linkedin, { impression: 50 }, YESTERDAY), ...metricEvents(foreign, { like: 5 }, YESTERDAY)];
    const before = await storedCount(bed.fx.brandId);
    const error = await refusal(bed.engine.intake.recordExecutionEvents(bed.fx, { events: batch, source: 'platform_webhook' }));
    expect(error.issues).toEqual([{ index: 1, message: `variant ${foreign.id} not found in this brand` }]);
    expect(await storedCount(bed.fx.brandId)).toBe(before);
    expect(await storedCount(bed.other.brandId)).toBe(0);
  });

  it("refuses another brand's post id, a channel that is not the variant's, and a post id of another variant", async () => {
    const base = { externalEventId: randomUUID(), eventType: 'like', count: 1, occurredAt: YESTERDAY };
    const error = await refusal(
      bed.engine.intake.recordExecutionEvents(bed.fx, {
        events: [
          { ...base, channel: 'linkedin', externalPostId: foreign.externalPostId },
          { ...base, channel: 'x', variantId: linkedin.id },
          { ...base, channel: 'linkedin', externalPostId: x.externalPostId },
          { ...base, channel: 'linkedin', variantId: linkedin.id, externalPostId: x.externalPostId },
        ],
        source: 'platform_webhook',
      }),
    );
    expect(error.issues.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    expect(error.issues[1]!.message).toBe(`variant ${linkedin.id} is a linkedin variant, not x`);
  });

  it('refuses a batch of more than 5,000 events before looking at them', async () => {
    const event = metricEvents(linkedin, { like: 1 }, YESTERDAY)[0]!;
    const batch = Array.from({ length: 5_001 }, (_, i) => ({ ...event, externalEventId: `bulk-${i}` }));
    const error = await bed.engine.intake.recordExecutionEvents(bed.fx, { events: batch, source: 'csv_import' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvariantViolationError);
    expect(error).not.toBeInstanceOf(InvalidExecutionEventsError);
  });

  it('answers NotFound for a brand of another tenant', async () => {
    const batch = metricEvents(foreign, { like: 1 }, YESTERDAY);
    await expect(
      bed.engine.intake.recordExecutionEvents(
        { tenantId: bed.fx.tenantId, brandId: bed.other.brandId },
        { events: batch, source: 'manual_entry' },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await storedCount(bed.other.brandId)).toBe(0);
  });
});
