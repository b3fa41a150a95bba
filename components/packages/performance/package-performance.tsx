'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDay, formatStamp, lastDayOf } from '@/components/insights/format';
import { DEFAULT_WINDOW, WINDOW_CHOICES, type WindowChoice } from '@/components/insights/window-choice';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';

type VariantPerformance = RouterOutputs['packages']['performance']['variants'][number];

const TREND_WORDS = { up: 'Engagement rising', down: 'Engagement falling', flat: 'Engagement steady' } as const;

const formatCount = (value: number) => value.toLocaleString('en-US');
const formatRate = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)} per 100 impressions`);

/** How the package's published variants did in the chosen window, and what learning concluded from it. */
export function PackagePerformance({ brandId, packageId }: { brandId: string; packageId: string }) {
  const trpc = useTRPC();
  const [windowDays, setWindowDays] = useState<WindowChoice>(DEFAULT_WINDOW);
  const performance = useQuery(trpc.packages.performance.queryOptions({ brandId, packageId, windowDays }));
  const data = performance.data;

  return (
    <section className="workspace__card performance" aria-labelledby="ws-performance" aria-busy={performance.isFetching}>
      <header className="performance__header">
        <h2 id="ws-performance">Performance</h2>
        <label className="field field--inline">
          <span>Window</span>
          <select value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value) as WindowChoice)}>
            {WINDOW_CHOICES.map((days) => (
              <option key={days} value={days}>
                Last {days} days
              </option>
            ))}
          </select>
        </label>
      </header>
      {performance.isError && (
        <p className="form-error small" role="alert">
          {performance.error.message}
        </p>
      )}
      {!data && performance.isPending && <p className="muted small">Loading the figures…</p>}
      {data && (
        <>
          <p className="small muted">
            {formatDay(data.windowStart)} – {formatDay(lastDayOf(data.windowEnd))} (UTC)
          </p>
          {data.variants.length === 0 ? (
            <p className="muted">Figures appear here once a variant is marked published and its platform reports events.</p>
          ) : (
            <ul className="performance__list">
              {data.variants.map((variant) => (
                <li key={variant.variantId}>
                  <VariantFigures variant={variant} />
                </li>
              ))}
            </ul>
          )}
          {data.conclusions.length > 0 && (
            <>
              <h3 className="workspace__subhead">What learning made of the idea</h3>
              <ul className="small">
                {data.conclusions.map((conclusion) => (
                  <li key={`${conclusion.signalType}-${conclusion.effectiveAt.getTime()}`}>{conclusion.text}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function VariantFigures({ variant }: { variant: VariantPerformance }) {
  const { trend } = variant;
  return (
    <article className="performance__variant">
      <h3 className="workspace__subhead">
        {CHANNEL_LABELS[variant.channel]}
        {variant.patternName ? ` · ${variant.patternName}` : ''}
      </h3>
      {variant.publishedAt && <p className="small muted">Published {formatStamp(variant.publishedAt)}</p>}
      <dl className="performance__figures">
        <div>
          <dt>Impressions</dt>
          <dd>{formatCount(variant.impressions)}</dd>
        </div>
        <div>
          <dt>Clicks</dt>
          <dd>{formatCount(variant.clicks)}</dd>
        </div>
        <div>
          <dt>Engagement rate</dt>
          <dd>{formatRate(variant.engagementRatePer100)}</dd>
        </div>
        <div>
          <dt>Trend</dt>
          <dd>
            {trend.direction
              ? `${TREND_WORDS[trend.direction]} (${trend.earlierRatePer100?.toFixed(2)} → ${trend.laterRatePer100?.toFixed(2)})`
              : 'Not enough data in both halves of the window'}
          </dd>
        </div>
      </dl>
      <Sparkline daily={variant.daily} />
      {variant.conclusions.length > 0 ? (
        <ul className="small">
          {variant.conclusions.map((conclusion) => (
            <li key={`${conclusion.signalType}-${conclusion.effectiveAt.getTime()}`}>{conclusion.text}</li>
          ))}
        </ul>
      ) : (
        <p className="small muted">The learning update has not scored this post in the window yet.</p>
      )}
    </article>
  );
}

/** Impressions per day as a small bar strip; the figures above carry the numbers. */
function Sparkline({ daily }: { daily: VariantPerformance['daily'] }) {
  const highest = Math.max(1, ...daily.map((point) => point.impressions));
  const total = daily.reduce((sum, point) => sum + point.impressions, 0);
  if (total === 0) return null;
  const width = 100 / daily.length;
  return (
    <svg className="performance__sparkline" viewBox="0 0 100 20" preserveAspectRatio="none" role="img" aria-label="Impressions per day">
      {daily.map((point, index) => {
        const height = (20 * point.impressions) / highest;
        return <rect key={point.day.getTime()} x={index * width} y={20 - height} width={Math.max(width - 0.2, 0.1)} height={height} />;
      })}
    </svg>
  );
}
