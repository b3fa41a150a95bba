// Scores one F2 build against the rubric (engines/content/rubric: the deterministic checks the product
// itself uses) and against what the reference brand says a good package would contain.
import { activeText, type PackageDTO, type VariantDTO, type WorkspaceWarning } from '../engines/content/dto';
import { type HardFailure, type PackageField, scoreDraft, scorePackage, thesisTextFailures } from '../engines/content/rubric';
import type { Channel } from '../engines/enums';
import type { OpportunityDTO } from '../engines/opportunities/dto';
import { termPattern } from '../lib/taboo-match';
import type { EvalBrand, EvalOpportunity, ExpectedPackage } from './brands/types';
import type { BuildRecord, DraftRecord } from './metrics';

/** The rubric's verdict on a built package and its drafts, as the eval records it (time and error aside). */
export type ScoredBuild = Omit<BuildRecord, 'brandKey' | 'opportunityKey' | 'wallMs' | 'error'>;

/** The parts of F2's answer (a PackageWorkspaceView) the eval reads. */
export interface BuiltPackage {
  package: Pick<PackageDTO, 'title' | 'coreArgument' | 'keyPoints' | 'risksToAvoid' | 'channels'>;
  opportunity: Pick<OpportunityDTO, 'title' | 'angle'> | null;
  variantsByChannel: Partial<
    Record<Channel, Pick<VariantDTO, 'id' | 'channel' | 'patternTemplateId' | 'draftText' | 'editedText' | 'approvedText'>[]>
  >;
  warnings: Pick<WorkspaceWarning, 'channel' | 'message'>[];
}

/** What the judge said of a draft: its 0–100, or why it was not heard. */
export type Judgement = { score: number } | { error: string };

/** The taboos a package is checked against: the brand's, and the opportunity's traps. */
export function evalTaboos(brand: EvalBrand, idea: EvalOpportunity): string[] {
  // The traps are the brand's taboos already; the union keeps a trap counted should a brand drop one.
  return [...new Set([...brand.strategy.taboos, ...idea.expected.tabooTraps])];
}

/**
 * The rubric on the package and its drafts. A draft the judge was heard on scores the judge's 0–100,
 * as variants.evaluate stores it; the others score the deterministic checks.
 */
export function scoreBuild(
  brand: EvalBrand,
  idea: EvalOpportunity,
  view: BuiltPackage,
  judgements: ReadonlyMap<string, Judgement> = new Map(),
): ScoredBuild {
  const taboos = evalTaboos(brand, idea);
  const { package: pkg } = view;
  const thesis = { title: pkg.title, coreArgument: pkg.coreArgument, keyPoints: pkg.keyPoints, risksToAvoid: pkg.risksToAvoid };
  const variants = pkg.channels.flatMap((channel) => view.variantsByChannel[channel] ?? []);
  const scored = variants.map((variant) => ({
    variant,
    text: activeText(variant),
    score: scoreDraft(activeText(variant), { channel: variant.channel, taboos }),
  }));
  const drafts: DraftRecord[] = scored.map(({ variant, score }) => {
    const judged = judgements.get(variant.id);
    const judgeScore = judged && 'score' in judged && score.valid ? judged.score : null;
    return {
      channel: variant.channel,
      score: judgeScore ?? score.score,
      judgeScore,
      valid: score.valid,
      failedRules: [...new Set(score.hardFailures.map((failure) => failure.rule))],
      taboos: tabooTerms(score.hardFailures),
      overChannelLimit: score.hardFailures.some((failure) => failure.rule === 'over_channel_limit'),
    };
  });
  const unheard = scored.flatMap(({ variant }) => {
    const judged = judgements.get(variant.id);
    return judged && 'error' in judged ? [`${variant.channel}: the judge was not heard (${judged.error})`] : [];
  });
  const ruleContext = {
    opportunityTitle: view.opportunity?.title ?? idea.title,
    channels: pkg.channels,
    primaryChannel: brand.primaryChannel,
    taboos,
  };
  const packageScore = scorePackage(thesis, {
    ...ruleContext,
    opportunityAngle: view.opportunity?.angle ?? idea.angle,
    personaName: idea.persona,
    pillarName: idea.pillar,
    drafts: scored.map(({ variant, score }) => ({ channel: variant.channel, patternId: variant.patternTemplateId, score })),
  });
  // Per field (title, core argument, each key point): a taboo repeated in two fields is two violations.
  const packageTaboos = thesisTextFailures(thesis, ruleContext)
    .filter((failure) => failure.rule === 'taboo')
    .map((failure) => ({ term: failure.term ?? failure.message, field: FIELD_NAMES[failure.field](failure.index) }));
  const texts = [pkg.title, pkg.coreArgument ?? '', ...pkg.keyPoints, ...scored.map((draft) => draft.text)];
  return {
    packageScore: packageScore.score,
    packageFailedRules: [...new Set(packageScore.hardFailures.map((failure) => failure.rule))],
    packageTaboos,
    drafts,
    expectationCoverage: expectationCoverage(texts, idea.expected),
    warnings: [...view.warnings.map((warning) => `${warning.channel ? `${warning.channel}: ` : ''}${warning.message}`), ...unheard],
  };
}

const FIELD_NAMES: Record<PackageField, (index?: number) => string> = {
  title: () => 'title',
  coreArgument: () => 'core argument',
  keyPoints: (index) => `key point ${(index ?? 0) + 1}`,
  channels: () => 'channels',
};

/** One entry per taboo a text mentions (the rubric reports each taboo once per text). */
function tabooTerms(failures: readonly HardFailure[]): string[] {
  return failures.filter((failure) => failure.rule === 'taboo').map((failure) => failure.term ?? failure.message);
}

/**
 * How much of the hand-written expectation the package's texts meet, 0–1: a third for naming the
 * audience, a third for naming the problem (any listed wording counts) and a third shared by the angle's
 * keywords. Words are matched whole, in any case, as taboos are.
 */
export function expectationCoverage(texts: readonly string[], expected: ExpectedPackage): number {
  const all = texts.join('\n');
  const found = (wording: string) => termPattern(wording).test(all);
  const audience = expected.audience.some(found) ? 1 : 0;
  const problem = expected.problem.some(found) ? 1 : 0;
  const angle = expected.angleKeywords.length ? expected.angleKeywords.filter(found).length / expected.angleKeywords.length : 1;
  return (audience + problem + angle) / 3;
}
