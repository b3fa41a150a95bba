import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opportunities } from '../../engines/db/schema';
import { createTenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { demoBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { createSystemContext } from '../orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/config';
import { createRateLimits } from '../rate-limit/limits';

const bed = demoBed();

describe('opportunities.generate', () => {
  it('lets a member generate on the calibrated demo brand and shows the class on the board', async () => {
    expect(await bed.as(bed.member).opportunities.generationStatus({ brandId: bed.ledgerline })).toBeNull();
    for (const text of ['Auditors ask for close evidence earlier', 'The median close is 6.4 days', 'CFOs move to weekly forecasts']) {
      await bed.as(bed.owner).sources.add({ brandId: bed.ledgerline, kind: 'note', text });
    }
    const result = await bed.as(bed.member).opportunities.generate({ brandId: bed.ledgerline, idempotencyKey: 'procedure-test' });
    expect(result).toMatchObject({ runId: expect.any(String), proposed: expect.any(Number), boardClass: { class: expect.any(String) } });
    expect(result.landed).toBeGreaterThan(0);
    expect(result.landed + result.dropped).toBe(result.proposed);
    // The same key is answered with the same run's result.
    expect(await bed.as(bed.member).opportunities.generate({ brandId: bed.ledgerline, idempotencyKey: 'procedure-test' })).toEqual(result);
    expect(await bed.as(bed.owner).opportunities.generationStatus({ brandId: bed.ledgerline })).toEqual(result);

    const board = await bed.as(bed.member).today.get({ brandId: bed.ledgerline });
    // A card does not say which run proposed its idea: the run's ideas are read from their rows.
    const proposed = await bed.handle.db
      .select({ id: opportunities.id })
      .from(opportunities)
      .where(and(eq(opportunities.generationRunId, result.runId), eq(opportunities.createdVia, 'llm_proposed')));
    const generated = board.opportunities.filter((o) => proposed.some((row) => row.id === o.id));
    expect(generated.length).toBeGreaterThan(0);
    expect(generated[0]).toMatchObject({ whyNow: expect.any(String), subScores: { clarity: { reason: expect.any(String) } } });
  });

  it('asks for a calibrated strategy first, with what is missing', async () => {
    const fx = await createTenantFixture(bed.handle.db, 'Uncalibrated Procedure Co');
    const viewer = await viewerFor(bed.system, fx.ownerUserId);
    const error = await rejection(bed.as(viewer).opportunities.generate({ brandId: fx.brandId }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^Calibrate the strategy first: /);
  });

  it("answers another tenant's brand as not found and refuses a malformed key by field", async () => {
    expect(await codeOf(bed.as(bed.stranger).opportunities.generate({ brandId: bed.ledgerline }))).toBe('NOT_FOUND');
    expect(await codeOf(bed.as(bed.stranger).opportunities.generationStatus({ brandId: bed.ledgerline }))).toBe('NOT_FOUND');
    const error = await rejection(bed.as(bed.owner).opportunities.generate({ brandId: bed.ledgerline, idempotencyKey: 'x'.repeat(201) }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/idempotencyKey/);
    // A NUL could not be stored with the run's input: refused as bad input, never a 500.
    expect(await codeOf(bed.as(bed.owner).opportunities.generate({ brandId: bed.ledgerline, idempotencyKey: 'a\u0000b' }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('limits generations per user', async () => {
    const limited = createSystemContext(bed.handle, {
      limits: createRateLimits(bed.handle, { ...DEFAULT_RATE_LIMITS, generations: { points: 1, seconds: 600 } }),
    });
    await bed.as(bed.owner, limited).opportunities.generate({ brandId: bed.ledgerline });
    expect(await codeOf(bed.as(bed.owner, limited).opportunities.generate({ brandId: bed.ledgerline }))).toBe('TOO_MANY_REQUESTS');
  });
});
