import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { createSystemContext, type SystemContext } from '../context';
import { DAILY_GENERATION_AFTER_MS, OpportunityGenerationOrchestrator } from './opportunity-generation';

let handle: TestDatabase;
let system: SystemContext;
let withFeed: TenantFixture;
let withoutFeed: TenantFixture;
let uncalibrated: TenantFixture;

async function calibrate(fx: TenantFixture) {
  await system.engines.strategy.updateStrategy(fx, { toneTags: ['plainspoken', 'practical', 'warm'] });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  withFeed = await createTenantFixture(handle.db, 'Cron Feed Co');
  await calibrate(withFeed);
  await system.engines.sources.addFeed(withFeed, { url: 'https://feeds.example.com/close.xml' });
  withoutFeed = await createTenantFixture(handle.db, 'Cron No Feed Co');
  await calibrate(withoutFeed);
  await system.engines.sources.addNote(withoutFeed, { text: 'A pasted note is not a feed' });
  uncalibrated = await createTenantFixture(handle.db, 'Cron Uncalibrated Co');
  await system.engines.sources.addFeed(uncalibrated, { url: 'https://feeds.example.com/other.xml' });
});
afterAll(() => handle.close());

const mine = (ids: { brandId: string }[]) =>
  ids.map((entry) => entry.brandId).filter((id) => [withFeed.brandId, withoutFeed.brandId, uncalibrated.brandId].includes(id));

describe('the daily generation walk', () => {
  it('generates for calibrated brands that follow a feed, passes over the others, and resumes by itself', async () => {
    const first = await OpportunityGenerationOrchestrator.generateForDueBrands(system, { budgetMs: 120_000 });
    expect(mine(first.generated)).toEqual([withFeed.brandId]);
    expect(first.generated.find((g) => g.brandId === withFeed.brandId)).toMatchObject({ landed: 10, boardClass: 'good' });
    expect(first.skipped.filter((s) => s.brandId === uncalibrated.brandId)).toEqual([
      { brandId: uncalibrated.brandId, reason: expect.stringMatching(/^Calibrate the strategy first/) },
    ]);
    const [run] = await system.engines.runs.listRuns(withFeed, { flow: 'opportunity_generation', limit: 1 });
    expect(run).toMatchObject({ status: 'succeeded', input: { trigger: 'cron', idempotencyKey: null }, createdByUserId: null });

    // Within 20 hours the brand is not due again.
    const second = await OpportunityGenerationOrchestrator.generateForDueBrands(system, { budgetMs: 120_000 });
    expect(mine(second.generated)).toEqual([]);
    // A day later it is.
    const later = new Date(Date.now() + DAILY_GENERATION_AFTER_MS + 60_000);
    const due = await system.engines.opportunities.brandsDueForGeneration({
      olderThan: new Date(later.getTime() - DAILY_GENERATION_AFTER_MS),
    });
    expect(mine(due).sort()).toEqual([withFeed.brandId, uncalibrated.brandId].sort());
  });

  it('starts no brand without the time for one, and counts what is left', async () => {
    const later = new Date(Date.now() + DAILY_GENERATION_AFTER_MS + 60_000);
    const report = await OpportunityGenerationOrchestrator.generateForDueBrands(system, { budgetMs: 1_000, now: later });
    expect(report.generated).toEqual([]);
    expect(report.leftOver).toBeGreaterThanOrEqual(2);
  });
});
