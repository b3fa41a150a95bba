import type { Clock } from '../clock';
import type { DecisionsEngine } from '../decisions/engine';
import type { OpportunitiesEngine } from '../opportunities/engine';
import type { PatternsEngine } from '../patterns/engine';

/** What the content engine uses of the other engines; its helpers take only the part they need. */
export interface ContentEngineDeps {
  opportunities: Pick<OpportunitiesEngine, 'getOpportunity'>;
  patterns: Pick<PatternsEngine, 'recommendPatternsForChannels' | 'assertPatternSupportsChannel'>;
  clock?: Clock;
  /** Where opening, review, edit and publish decisions are logged (in the same transaction); one over the database by default. */
  decisions?: Pick<DecisionsEngine, 'record'>;
}
