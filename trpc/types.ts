// What the procedures answer, as components see it. Props are typed from the router, so a component
// follows its procedure's output and imports neither an engine's DTO file nor a server module.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type SupabaseClientConfig = NonNullable<RouterOutputs['auth']['mode']['supabaseClient']>;
export type UserBrandDTO = RouterOutputs['brands']['list'][number];
export type TodayBoardView = RouterOutputs['today']['get'];
export type BoardFilter = TodayBoardView['filter'];
export type BoardCard = TodayBoardView['opportunities'][number];
export type CardPackage = TodayBoardView['packages'][number];
export type PackageWorkspaceView = RouterOutputs['packages']['workspace'];
export type VariantDTO = RouterOutputs['variants']['update'];
export type FlowRunDTO = RouterOutputs['runs']['list'][number];
export type PatternDTO = RouterOutputs['patterns']['list'][number];

type LearningInsights = RouterOutputs['learning']['insights'];
export type EngagementPoint = LearningInsights['engagement'][number];
export type PatternInsight = LearningInsights['patterns'][number];
export type ScoreChange = LearningInsights['scoreChanges'][number];
export type LearningEventDTO = LearningInsights['learningEvents'][number];
export type DecisionWeightInsight = LearningInsights['decisionWeights'][number];

export type BrandStrategyView = RouterOutputs['brands']['strategy'];
export type PersonaDTO = BrandStrategyView['personas'][number];
export type PillarDTO = RouterOutputs['strategy']['pillars'][number];
export type ProposedStrategyDraft = RouterOutputs['strategy']['proposeDraft'];
export type StrategyCalibration = RouterOutputs['strategy']['calibration'];
