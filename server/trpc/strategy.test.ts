import { describe, expect, it } from 'vitest';
import { insertBareSiblingBrand } from '../../test/fixtures';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { createSystemContext } from '../orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/config';
import { createRateLimits } from '../rate-limit/limits';

const bed = twoTenantBed({ tenant: 'Strategy Router Co', other: 'Strategy Stranger Co' });

const answers = {
  oneLiner: 'Ledgerly closes the books for finance teams in three days.',
  audience: 'Controllers, CFOs',
  goals: 'Earn trust; explain the close; book demos',
  antiVoice: 'salesy, full of jargon',
  taboos: 'guaranteed savings, politics',
};

describe('the strategy procedures', () => {
  it('take a new brand from the five answers to a calibrated strategy', async () => {
    const brand = await insertBareSiblingBrand(bed.handle.db, bed.fx);
    const caller = bed.as(bed.owner);
    expect(await caller.strategy.calibration({ brandId: brand.brandId })).toMatchObject({ calibrated: false });
    const draft = await caller.strategy.proposeDraft({
      brandId: brand.brandId,
      answers,
      examples: [{ text: 'We closed March in two days.', label: 'us' }],
    });
    expect(draft).toMatchObject({ offline: true, taboos: ['guaranteed savings', 'politics'] });
    // Proposing stored nothing.
    expect(await caller.strategy.calibration({ brandId: brand.brandId })).toMatchObject({ calibrated: false });
    const view = await caller.strategy.acceptDraft({ brandId: brand.brandId, draft });
    expect(view.pillars.length).toBe(draft.pillars.length);
    expect(await caller.strategy.calibration({ brandId: brand.brandId })).toEqual({ calibrated: true, missing: [] });
    // Accepting the same draft again changes no row count.
    const again = await caller.strategy.acceptDraft({ brandId: brand.brandId, draft });
    expect(again.personas.map((p) => p.id).sort()).toEqual(view.personas.map((p) => p.id).sort());
    expect(again.pillars.map((p) => p.id)).toEqual(view.pillars.map((p) => p.id));
  });

  it('refuses a draft that breaks an invariant with BAD_REQUEST naming the field', async () => {
    const caller = bed.as(bed.owner);
    const draft = await caller.strategy.proposeDraft({ brandId: bed.fx.brandId, answers });
    const error = await rejection(caller.strategy.acceptDraft({ brandId: bed.fx.brandId, draft: { ...draft, toneTags: ['one'] } }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('toneTags: a strategy has 3–7 tone tags, this draft has 1');
    const tooLong = await rejection(
      caller.strategy.proposeDraft({ brandId: bed.fx.brandId, answers: { ...answers, taboos: 't'.repeat(501) } }),
    );
    expect(tooLong.code).toBe('BAD_REQUEST');
    expect(tooLong.message).toContain('answers.taboos');
  });

  it('lets owners edit the voice, pillars and personas, and reorder pillars', async () => {
    const caller = bed.as(bed.owner);
    const { brandId } = bed.fx;
    expect(await caller.strategy.update({ brandId, toneTags: ['plain', 'calm', 'exact'] })).toMatchObject({
      toneTags: ['plain', 'calm', 'exact'],
    });
    const pillar = await caller.strategy.upsertPillar({ brandId, name: 'Month-end myths', description: 'What the close is not.' });
    expect(pillar.isDominant).toBe(false);
    // Marking a pillar dominant sticks through a later edit that does not mention it.
    await caller.strategy.upsertPillar({ brandId, id: pillar.id, name: pillar.name, description: pillar.description, isDominant: true });
    const renamed = await caller.strategy.upsertPillar({
      brandId,
      id: pillar.id,
      name: pillar.name,
      description: 'What the close is not, in plain words.',
    });
    expect(renamed).toMatchObject({ isDominant: true, description: 'What the close is not, in plain words.' });
    const persona = await caller.strategy.upsertPersona({
      brandId,
      name: 'Auditor Ada',
      summary: 'Signs off the accounts.',
      priorities: ['evidence', 'materiality', 'deadlines'],
      priority: 'high',
    });
    expect(persona).toMatchObject({ priority: 'high' });
    const pillars = await caller.strategy.pillars({ brandId });
    const reordered = await caller.strategy.reorderPillars({
      brandId,
      pillarIds: [pillar.id, ...pillars.filter((p) => p.id !== pillar.id).map((p) => p.id)],
    });
    expect(reordered[0]).toMatchObject({ id: pillar.id, priorityRank: 1 });
    expect(new Set(reordered.map((p) => p.priorityRank)).size).toBe(reordered.length);
  });

  it('lets members read the calibration and pillars but change nothing (FORBIDDEN)', async () => {
    const caller = bed.as(bed.member);
    const { brandId } = bed.fx;
    expect(await caller.strategy.calibration({ brandId })).toHaveProperty('calibrated');
    expect((await caller.strategy.pillars({ brandId })).length).toBeGreaterThan(0);
    const draft = await bed.as(bed.owner).strategy.proposeDraft({ brandId, answers });
    const refused = [
      () => caller.strategy.proposeDraft({ brandId, answers }),
      () => caller.strategy.acceptDraft({ brandId, draft }),
      () => caller.strategy.update({ brandId, positioning: 'Member rewrite' }),
      () => caller.strategy.upsertPillar({ brandId, name: 'Member pillar', description: 'd' }),
      () => caller.strategy.upsertPersona({ brandId, name: 'Member persona', summary: 's', priorities: ['a', 'b', 'c'] }),
      () => caller.strategy.reorderPillars({ brandId, pillarIds: [bed.fx.pillarIds[1]] }),
    ];
    for (const call of refused) expect(await codeOf(call())).toBe('FORBIDDEN');
  });

  it("answers NOT_FOUND for another tenant's brand and pillars, like a missing one", async () => {
    const caller = bed.as(bed.owner);
    const foreign = bed.other.brandId;
    expect(await codeOf(caller.strategy.calibration({ brandId: foreign }))).toBe('NOT_FOUND');
    expect(await codeOf(caller.strategy.proposeDraft({ brandId: foreign, answers }))).toBe('NOT_FOUND');
    expect(await codeOf(caller.strategy.update({ brandId: foreign, positioning: 'Hijack' }))).toBe('NOT_FOUND');
    expect(await codeOf(caller.strategy.reorderPillars({ brandId: bed.fx.brandId, pillarIds: [bed.other.pillarIds[0]] }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(caller.strategy.upsertPillar({ brandId: bed.fx.brandId, id: bed.other.pillarIds[0], name: 'Hijack', description: 'd' })),
    ).toBe('NOT_FOUND');
  });

  it('limits strategy drafts per user', async () => {
    const limited = createSystemContext(bed.handle, {
      limits: createRateLimits(bed.handle, { ...DEFAULT_RATE_LIMITS, strategyDrafts: { points: 1, seconds: 600 } }),
    });
    const caller = bed.as(bed.owner, limited);
    await caller.strategy.proposeDraft({ brandId: bed.fx.brandId, answers });
    expect(await codeOf(caller.strategy.proposeDraft({ brandId: bed.fx.brandId, answers }))).toBe('TOO_MANY_REQUESTS');
  });
});
