import { z } from 'zod';
import { BrandStrategyView, BrandSummary } from '../../../engines/brand-brain/dto';
import { Channel } from '../../../engines/enums';
import { BoardCard, BoardFilter, CardPackage, TodayBoardMetrics } from '../../../engines/opportunities/dto';

/**
 * The focus and the whole board's counts. Which cards are high-scoring each card says itself (its
 * score band): the view sends no list of their ids beside the cards.
 */
export const TodayFocusContext = z.object({
  primaryPillarId: z.uuid().nullable(),
  primaryPersonaId: z.uuid().nullable(),
  primaryChannel: Channel,
  metrics: TodayBoardMetrics,
});
export type TodayFocusContext = z.infer<typeof TodayFocusContext>;

const PillarHint = z.object({ pillarId: z.uuid(), name: z.string(), detail: z.string() });

export const TodayBoardView = z.object({
  brand: BrandSummary,
  /** The ranked board's cards, narrowed by `filter` when one is set. */
  opportunities: z.array(BoardCard),
  /** The packages made from `opportunities`, each idea's newest first: a card with one links to it. */
  packages: z.array(CardPackage),
  /** The filter the list was narrowed by; the focus and its metrics always cover the whole board. */
  filter: BoardFilter,
  focus: TodayFocusContext,
  /** Names for the focus ids, so the page and the summary node need no second lookup. */
  focusLabels: z.object({
    pillarName: z.string().nullable(),
    personaName: z.string().nullable(),
  }),
  /** Strategy lists the filters and channel picker offer. */
  strategy: BrandStrategyView,
  /** Pillars the recent packages left out or crowded with (policies/today-focus.ts `pillarBalance`). */
  pillarBalance: z.object({ neglected: z.array(PillarHint), overServed: z.array(PillarHint) }),
});
export type TodayBoardView = z.infer<typeof TodayBoardView>;

export const TodayFocusSummary = z.object({
  summary: z.string(),
  /** `model` when an LLM (or the labelled offline model) wrote it; `fallback` when none answered. */
  source: z.enum(['model', 'fallback']),
  model: z.string().nullable(),
});
export type TodayFocusSummary = z.infer<typeof TodayFocusSummary>;
