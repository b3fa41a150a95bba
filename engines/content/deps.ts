import type { Clock } from '../clock';
import type { OpportunitiesEngine } from '../opportunities/engine';
import type { PatternsEngine } from '../patterns/engine';

/** What the content engine uses of the other engines; its helpers take only the part they need. */
export interface ContentEngineDeps {
  opportunities: Pick<OpportunitiesEngine, 'getOpportunity'>;
  patterns: Pick<PatternsEngine, 'recommendPatternsForContext' | 'assertPatternSupportsChannel'>;
  clock?: Clock;
}
