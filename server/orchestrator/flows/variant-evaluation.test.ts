import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageWorkspaceView } from '../../../engines/content/dto';
import { errorCode, errorViolations } from '../../../engines/errors';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { insertContentOpportunity, insertContentPattern } from '../../../test/fixtures/content';
import { answer, type Script, scriptedRegistry } from '../../../test/fixtures/package-models';
import { createSystemContext, type SystemContext } from '../context';
import type { DraftJudgement } from '../llm/nodes/draft-judge';
import { PackageBuildOrchestrator } from './package-build';
import { isStillBuilding, type PackageBuildAnswer } from './package-replay';
import { updatePackageThesis } from './package-thesis';
import { VariantEvaluationOrchestrator } from './variant-evaluation';

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Rubric Co');
  other = await createTenantFixture(handle.db, 'Other Co');
  await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x'], avgEngagementScore: 60 });
});
afterAll(() => handle.close());

const contextWith = (script: Script) => createSystemContext(handle, { models: scriptedRegistry(script).registry });
const offline = () => contextWith(() => undefined);

function workspaceOf(result: PackageBuildAnswer): PackageWorkspaceView {
  if (isStillBuilding(result)) throw new Error('still building');
  return result;
}

async function build(ctx: SystemContext, channels: ('linkedin' | 'x')[] = ['linkedin', 'x']) {
  const opportunityId = await insertContentOpportunity(handle.db, fx);
  const view = workspaceOf(
    await PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, { opportunityId, channels, createdByUserId: fx.ownerUserId }),
  );
  return { view, opportunityId };
}

const TABOO_THESIS = {
  coreArgument: 'Controllers lose days to manual reconciliation; crypto rails promise speed but the real fix is owners and deadlines.',
  supportingPoints: ['Handoffs cause the delay', 'Name an owner per step', 'Measure days to close'],
  risksToAvoid: ['Steer clear of "crypto"'],
};

describe('the thesis guard rail in F2 (mock model)', () => {
  it('repairs a thesis that names a taboo once, and stores the repaired one', async () => {
    let repairs = 0;
    const ctx = contextWith((_, call) => {
      if (call.name === 'PackageThesis') return answer(JSON.stringify(TABOO_THESIS));
      if (call.name === 'ThesisRepair') {
        repairs++;
        expect(call.context.problems).toEqual(['coreArgument: mentions the taboo "crypto"']);
        return answer(
          JSON.stringify({
            ...TABOO_THESIS,
            title: call.context.title,
            coreArgument:
              'Controllers lose days to manual reconciliation; new payment rails promise speed but the real fix is owners and deadlines.',
          }),
        );
      }
      return undefined;
    });
    const { view } = await build(ctx, ['linkedin']);
    expect(repairs).toBe(1);
    expect(view.package.coreArgument).toContain('new payment rails');
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
    expect(run!.events.find((e) => e.node === 'thesis_guard_rail')?.payload).toEqual({
      repaired: ['coreArgument: mentions the taboo "crypto"'],
    });
  });

  it('fails the build with a clear message and stores nothing when the repair still breaks the rules', async () => {
    const ctx = contextWith((_, call) => {
      if (call.name === 'PackageThesis') return answer(JSON.stringify(TABOO_THESIS));
      if (call.name === 'ThesisRepair') return answer(JSON.stringify({ ...TABOO_THESIS, title: call.context.title }));
      return undefined;
    });
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const before = await ctx.engines.content.listPackagesForBrand(fx, { limit: 100 });
    const failure = await PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
      opportunityId,
      channels: ['linkedin'],
      createdByUserId: fx.ownerUserId,
    }).catch((error: unknown) => error);
    expect(errorCode(failure)).toBe('model_unavailable');
    expect((failure as Error).message).toMatch(
      /still breaks the brand's rules after one repair \(coreArgument: mentions the taboo "crypto"\)/,
    );
    expect(await ctx.engines.content.listPackagesForBrand(fx, { limit: 100 })).toHaveLength(before.length);
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
    expect(run!.status).toBe('failed');
  });

  it('the offline model needs no repair, and every fresh draft carries its deterministic score', async () => {
    const ctx = offline();
    const { view } = await build(ctx);
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
    expect(run!.events.some((e) => e.node === 'thesis_repair')).toBe(false);
    const drafts = Object.values(view.variantsByChannel).flat();
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      expect(draft!.evalScore, draft!.text).toBeGreaterThan(0);
      expect(draft!.evalNotes).toMatch(/Hook/);
    }
  });
});

const judgement = (score: number): DraftJudgement => ({
  clarity: { score, reason: 'Clear.' },
  thesisAnchoring: { score, reason: 'Anchored.' },
  channelFit: { score, reason: 'Native.' },
  callToActionFit: { score, reason: 'Asks.' },
});

describe('variants.evaluate', () => {
  it('stores the judge’s 0–100 with each dimension’s reason and the checks, recorded as a run', async () => {
    const ctx = contextWith((_, call) => (call.name === 'DraftJudge' ? answer(JSON.stringify(judgement(2))) : undefined));
    const { view } = await build(ctx, ['linkedin']);
    const draft = view.variantsByChannel.linkedin![0]!;
    const evaluated = await VariantEvaluationOrchestrator.evaluate(ctx, fx, { variantId: draft.id }, { userId: fx.ownerUserId });
    expect(evaluated.evalScore).toBe(Math.round((100 * 8) / 12));
    expect(evaluated.evalNotes).toContain('Clarity and completeness 2/3: Clear.');
    expect(evaluated.evalNotes).toMatch(/Hook: /);
    expect(evaluated.lastEvaluatedAt).toBeInstanceOf(Date);
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1, flow: 'variant_evaluation' });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run!.events.find((e) => e.node === 'draft_judge')?.payload).toMatchObject({ model: 'mock-provider/mock-model-id' });
  });

  it('scores an invalid draft 0 without asking the judge, and says why', async () => {
    let judged = 0;
    const ctx = contextWith((_, call) => {
      if (call.name === 'DraftJudge') judged++;
      return undefined;
    });
    const { view } = await build(ctx, ['linkedin']);
    const draft = view.variantsByChannel.linkedin![0]!;
    await ctx.engines.content.updateVariantText(fx, {
      variantId: draft.id,
      text: 'Why crypto closes nothing.',
      decidedByUserId: fx.ownerUserId,
    });
    const evaluated = await VariantEvaluationOrchestrator.evaluate(ctx, fx, { variantId: draft.id });
    expect(judged).toBe(0);
    expect(evaluated.evalScore).toBe(0);
    expect(evaluated.evalNotes).toContain('✗ Invalid: it mentions the taboo "crypto"');
  });

  it('keeps the deterministic score when the judge fails, and the run ends with warnings', async () => {
    const ctx = contextWith((_, call) => (call.name === 'DraftJudge' ? answer('not json') : undefined));
    const { view } = await build(ctx, ['x']);
    const draft = view.variantsByChannel.x![0]!;
    const evaluated = await VariantEvaluationOrchestrator.evaluate(ctx, fx, { variantId: draft.id });
    expect(evaluated.evalScore).toBe(draft.evalScore);
    expect(evaluated.evalNotes).toMatch(/Judge not heard/);
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1, flow: 'variant_evaluation' });
    expect(run!.status).toBe('succeeded_with_warnings');
  });

  it('the offline judge is a heuristic and says so', async () => {
    const ctx = createSystemContext(handle);
    const { view } = await build(ctx, ['linkedin']);
    const evaluated = await VariantEvaluationOrchestrator.evaluate(ctx, fx, { variantId: view.variantsByChannel.linkedin![0]!.id });
    expect(evaluated.evalNotes).toMatch(/Offline heuristic, not a model/);
    expect(evaluated.evalScore).toBeGreaterThan(0);
  });

  it('another tenant’s variant is NOT_FOUND and nothing is recorded for it', async () => {
    const ctx = offline();
    const { view } = await build(ctx, ['linkedin']);
    const failure = await VariantEvaluationOrchestrator.evaluate(ctx, other, { variantId: view.variantsByChannel.linkedin![0]!.id }).catch(
      (e: unknown) => e,
    );
    expect(errorCode(failure)).toBe('not_found');
    expect(await ctx.engines.runs.listRuns(other, { limit: 5, flow: 'variant_evaluation' })).toEqual([]);
  });
});

describe('packages.updateThesis and the package rubric score', () => {
  it('saves an edited thesis and refuses a taboo naming the field', async () => {
    const ctx = offline();
    const { view } = await build(ctx, ['linkedin']);
    const packageId = view.package.id;
    const edited = await updatePackageThesis(ctx, fx, { packageId, keyPoints: ['Owners first', 'Deadlines second', 'Tools last'] });
    expect(edited.package.keyPoints).toEqual(['Owners first', 'Deadlines second', 'Tools last']);
    expect(edited.package.coreArgument).toBe(view.package.coreArgument);

    const refused = await updatePackageThesis(ctx, fx, { packageId, keyPoints: ['Owners first', 'Pay in Crypto'] }).catch(
      (e: unknown) => e,
    );
    expect(errorCode(refused)).toBe('conflict');
    expect((refused as Error).message).toBe(
      'keyPoints[1]: mentions the taboo "crypto". To save it anyway, give an override with a reason.',
    );
    expect(errorViolations(refused)).toEqual(['keyPoints[1]: mentions the taboo "crypto"']);
    const vacuous = await updatePackageThesis(ctx, fx, { packageId, coreArgument: 'Write a post about this.' }).catch((e: unknown) => e);
    expect((vacuous as Error).message).toMatch(/^coreArgument: the core argument is empty or only asks for a post/);
    expect((await ctx.engines.content.getPackage(fx, { packageId })).keyPoints).toEqual(['Owners first', 'Deadlines second', 'Tools last']);

    // With an override and its reason, the edit is saved and the decision records what it overrode.
    const overridden = await updatePackageThesis(ctx, fx, {
      packageId,
      keyPoints: ['Owners first', 'Pay in Crypto'],
      override: { reason: 'Quoting a customer who asked about it' },
      decidedByUserId: fx.ownerUserId,
    });
    expect(overridden.package.keyPoints).toEqual(['Owners first', 'Pay in Crypto']);
    const history = await ctx.engines.decisions.list(fx, { limit: 1_000 });
    expect(history.find((d) => d.kind === 'thesis_edited' && d.packageId === packageId)).toMatchObject({
      reason: 'Quoting a customer who asked about it',
      overridden: ['keyPoints[1]: mentions the taboo "crypto"'],
      userId: fx.ownerUserId,
    });
    // A risk may name a taboo: that is how a thesis says to stay clear of it.
    await expect(updatePackageThesis(ctx, fx, { packageId, risksToAvoid: ['Anything about crypto'] })).resolves.toBeTruthy();
    const other_ = await updatePackageThesis(ctx, other, { packageId, keyPoints: ['x'] }).catch((e: unknown) => e);
    expect(errorCode(other_)).toBe('not_found');
  });

  it('scores the package on read: five dimensions, 0 when a hard rule breaks', async () => {
    const ctx = offline();
    const { view } = await build(ctx, ['linkedin', 'x']);
    const scored = await ctx.engines.rubric.packageScore(fx, { packageId: view.package.id });
    expect(scored.valid).toBe(true);
    expect(scored.dimensions.map((d) => d.id)).toEqual([
      'thesis_clarity',
      'cross_channel_coherence',
      'relevance',
      'call_to_action',
      'brand_pattern_alignment',
    ]);
    expect(scored.score).toBeGreaterThan(0);
    const xOnly = await build(ctx, ['x']);
    const lacking = await ctx.engines.rubric.packageScore(fx, { packageId: xOnly.view.package.id });
    expect(lacking).toMatchObject({ valid: false, score: 0, band: 'invalid' });
    expect(lacking.hardFailures[0]?.rule).toBe('lacks_primary_channel');
  });
});

describe('the pattern recommendation prefers patterns whose drafts score well', () => {
  it('a pattern whose evaluated drafts score low falls below an equal one', async () => {
    const brand = await createTenantFixture(handle.db, 'Patterns Co');
    const first = await insertContentPattern(handle.db, brand, { supportedChannels: ['linkedin'], avgEngagementScore: 60 });
    const second = await insertContentPattern(handle.db, brand, { supportedChannels: ['linkedin'], avgEngagementScore: 60 });
    const ctx = offline();
    const order = async () =>
      (await ctx.engines.patterns.recommendPatternsForContext(brand, { channel: 'linkedin', maxResults: 3 })).map((r) => r.pattern.id);
    const [leader, runnerUp] = await order();
    expect([leader, runnerUp].sort()).toEqual([first, second].sort());

    const opportunityId = await insertContentOpportunity(handle.db, brand);
    const view = workspaceOf(
      await PackageBuildOrchestrator.createPackageFromOpportunity(ctx, brand, {
        opportunityId,
        channels: ['linkedin'],
        createdByUserId: brand.ownerUserId,
      }),
    );
    const drafts = view.variantsByChannel.linkedin!;
    expect(drafts.every((d) => d.patternTemplateId === leader)).toBe(true);
    // A person rewrites the leader's drafts into something the rubric calls invalid, and evaluates them.
    for (const draft of drafts) {
      await ctx.engines.content.updateVariantText(brand, { variantId: draft.id, text: 'TODO', decidedByUserId: brand.ownerUserId });
      expect((await VariantEvaluationOrchestrator.evaluate(ctx, brand, { variantId: draft.id })).evalScore).toBe(0);
    }
    expect(await order()).toEqual([runnerUp, leader]);
  });
});
