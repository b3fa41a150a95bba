'use client';

import { CreatePackageButton } from '@/components/packages/create-package-button';
import { CHANNEL_LABELS } from '@/lib/labels';
import type { OpportunityDTO } from '@/trpc/types';
import { DismissIdea } from './dismiss-idea';
import { formatAge } from './format';
import { ScoreReasons } from './score-reasons';
import { SNOOZE_PRESETS, snoozeUntil } from './snooze-presets';

interface OpportunityCardProps {
  brandId: string;
  opportunity: OpportunityDTO;
  now: Date;
  onPinnedChange: (pinned: boolean) => void;
  onSnooze: (until: Date) => void;
  onDismiss: (reason: string | undefined) => void;
}

/** One idea on the board: what it is, why now, and what the team can do with it. */
export function OpportunityCard({ brandId, opportunity: o, now, onPinnedChange, onSnooze, onDismiss }: OpportunityCardProps) {
  const titleId = `opportunity-${o.id}`;
  return (
    <article className="opportunity" aria-labelledby={titleId} data-opportunity-id={o.id} data-pinned={o.isPinned}>
      <div className="opportunity__head">
        <h3 id={titleId} className="opportunity__title">
          {o.isPinned && <span className="pin-badge">Pinned</span>}
          {o.title}
        </h3>
        <span className={`score score--${o.scoreBand}`} title={`Score ${o.score} of 100 (${o.scoreBand})`}>
          <span className="visually-hidden">Score </span>
          {o.score}
        </span>
      </div>
      <p className="opportunity__angle">{o.angle}</p>
      {o.whyNow ? (
        <p className="opportunity__why small">
          <strong>Why now:</strong> {o.whyNow}
        </p>
      ) : (
        // Without a why-now (an idea typed in, imported or seeded) the score's explanation is what there is: it
        // says how the score came about ("Initial score 40: …"), not why now.
        o.scoreExplanation && (
          <p className="opportunity__why small">
            <strong>Why this score:</strong> {o.scoreExplanation}
          </p>
        )
      )}
      {o.subScores && <ScoreReasons subScores={o.subScores} explanation={o.scoreExplanation} />}
      <ul className="chips small" aria-label="Details">
        {o.pillarHandle && <li className="chip">{o.pillarHandle.name}</li>}
        {o.personaHandle && <li className="chip">{o.personaHandle.name}</li>}
        <li className="chip">{CHANNEL_LABELS[o.primaryChannel]}</li>
        <li className="chip chip--plain">{formatAge(o.createdAt, now)}</li>
      </ul>
      <div className="opportunity__actions">
        <CreatePackageButton brandId={brandId} opportunityId={o.id} opportunityTitle={o.title} suggestedChannel={o.primaryChannel} />
        <button type="button" className="button button--quiet" aria-pressed={o.isPinned} onClick={() => onPinnedChange(!o.isPinned)}>
          {o.isPinned ? 'Unpin' : 'Pin'}
        </button>
        <details className="menu">
          <summary className="button button--quiet">Snooze</summary>
          <div className="menu__items" role="group" aria-label={`Snooze ${o.title}`}>
            {SNOOZE_PRESETS.map((preset) => (
              <button
                key={preset.id}
                type="button"
                className="button button--quiet"
                onClick={() => onSnooze(snoozeUntil(preset, new Date()))}
              >
                {preset.label}
              </button>
            ))}
          </div>
        </details>
        <DismissIdea title={o.title} onDismiss={onDismiss} />
      </div>
    </article>
  );
}
