'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Suspense } from 'react';
import { useTRPC } from '@/trpc/react';
import { DecisionWeights } from './decision-weights';
import { EngagementChart } from './engagement-chart';
import { formatWindow } from './format';
import { IngestKeys } from './ingest-keys';
import { LearningEvents } from './learning-events';
import { LearningSummary } from './learning-summary';
import { PatternTable } from './pattern-table';
import { RunLearning } from './run-learning';
import { ScoreChanges } from './score-changes';
import { WINDOW_CHOICES } from './window-choice';

/** The insights page's client part; its first view comes prefetched from the server. */
export function InsightsView({ brandId, windowDays, canAdminister }: { brandId: string; windowDays: number; canAdminister: boolean }) {
  const trpc = useTRPC();
  const { data: insights } = useSuspenseQuery(trpc.learning.insights.queryOptions({ brandId, windowDays }));

  return (
    <div className="insights">
      <div className="insights__bar">
        <nav aria-label="Window" className="window-picker">
          {WINDOW_CHOICES.map((days) => (
            <Link
              key={days}
              href={`?days=${days}`}
              aria-current={days === windowDays ? 'page' : undefined}
              className="window-picker__option"
              scroll={false}
            >
              {days} days
            </Link>
          ))}
        </nav>
        <p className="muted small">
          {formatWindow(insights.windowStart, insights.windowEnd)} (UTC) · {insights.variantsScored} posts with metrics
        </p>
      </div>

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">What worked</h2>
        <LearningSummary brandId={brandId} windowDays={windowDays} />
        {canAdminister ? (
          <RunLearning brandId={brandId} windowDays={windowDays} />
        ) : (
          <p className="muted small" data-testid="learning-not-allowed">
            Learning runs by itself every day. Running it now, or previewing another window, is for this brand's owners and admins, as are
            the keys that let platforms send metrics: ask one of them if the figures look out of date.
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Engagement by channel</h2>
        <EngagementChart points={insights.engagement} windowStart={insights.windowStart} windowEnd={insights.windowEnd} />
      </section>

      <section className="panel" aria-labelledby="decision-weights-heading">
        <h2 id="decision-weights-heading">What decisions taught</h2>
        <DecisionWeights weights={insights.decisionWeights} />
      </section>

      <section className="panel" aria-labelledby="patterns-heading">
        <h2 id="patterns-heading">Patterns</h2>
        <PatternTable brandId={brandId} patterns={insights.patterns} />
      </section>

      <section className="panel" aria-labelledby="scores-heading">
        <h2 id="scores-heading">Opportunity score changes</h2>
        <ScoreChanges brandId={brandId} changes={insights.scoreChanges} />
      </section>

      <section className="panel" aria-labelledby="events-heading">
        <h2 id="events-heading">Learning events</h2>
        <LearningEvents
          events={insights.learningEvents}
          names={{
            patterns: new Map(insights.patterns.map((p) => [p.patternId, p.name])),
            opportunities: new Map(insights.scoreChanges.map((c) => [c.opportunityId, c.title])),
          }}
        />
      </section>

      {canAdminister && (
        <section className="panel" aria-labelledby="keys-heading">
          <h2 id="keys-heading">Ingest keys</h2>
          <Suspense fallback={<p className="muted">Loading keys…</p>}>
            <IngestKeys brandId={brandId} />
          </Suspense>
        </section>
      )}
    </div>
  );
}
