'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { ErrorInPlace, type ErrorsInPlace } from '@/components/errors/error-in-place';
import { useMenuDismiss } from '@/components/menus/use-menu-dismiss';
import { CreatePackageButton } from '@/components/packages/create-package-button';
import { CHANNEL_LABELS } from '@/lib/labels';
import { PACKAGE_STATUS_LABELS } from '@/lib/package-lifecycle';
import type { BoardCard, CardPackage } from '@/trpc/types';
import { learnedLine } from './board-view';
import { DismissIdea } from './dismiss-idea';
import { formatAge } from './format';
import { ScoreReasons } from './score-reasons';
import { SNOOZE_PRESETS, snoozeUntil } from './snooze-presets';
import { actionKey } from './use-board-actions';

interface OpportunityCardProps {
  brandId: string;
  opportunity: BoardCard;
  now: Date;
  /** The packages already made from this idea, newest first. */
  packages: CardPackage[];
  errors: ErrorsInPlace;
  onPinnedChange: (pinned: boolean) => void;
  onSnooze: (until: Date) => void;
  onDismiss: (reason: string | undefined) => void;
}

/** One idea on the board: what it is, why now, and what the team can do with it. */
export function OpportunityCard({
  brandId,
  opportunity: o,
  now,
  packages,
  errors,
  onPinnedChange,
  onSnooze,
  onDismiss,
}: OpportunityCardProps) {
  const titleId = `opportunity-${o.id}`;
  const snoozeMenu = useRef<HTMLDetailsElement>(null);
  useMenuDismiss(snoozeMenu);
  const learned = learnedLine(o);
  const latestPackage = packages[0];
  const keyOf = (action: 'pin' | 'snooze' | 'dismiss') => actionKey(action, o.id);
  const errorFor = (action: 'pin' | 'snooze' | 'dismiss') => (
    <ErrorInPlace
      message={errors.messageFor(keyOf(action))}
      id={errors.idFor(keyOf(action))}
      onDismiss={() => errors.clear(keyOf(action))}
      className="opportunity__error"
    />
  );
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
        // says how the score came about ("Initial score 40: …"), not why now. Once learning moved the score, the
        // explanation is learning's, and the line below says it.
        o.scoreExplanation &&
        !learned && (
          <p className="opportunity__why small">
            <strong>Why this score:</strong> {o.scoreExplanation}
          </p>
        )
      )}
      {learned && (
        <p className="opportunity__learned small" data-testid="learned-line">
          {learned}
        </p>
      )}
      {o.subScores && <ScoreReasons subScores={o.subScores} explanation={learned ? null : o.scoreExplanation} />}
      <ul className="chips small" aria-label="Details">
        {o.pillarHandle && <li className="chip">{o.pillarHandle.name}</li>}
        {o.personaHandle && <li className="chip">{o.personaHandle.name}</li>}
        <li className="chip">{CHANNEL_LABELS[o.primaryChannel]}</li>
        <li className="chip chip--plain">{formatAge(o.createdAt, now)}</li>
      </ul>
      {latestPackage && (
        <p className="opportunity__package small" data-testid="card-package">
          Package made: <Link href={`/brands/${brandId}/packages/${latestPackage.packageId}`}>{latestPackage.title}</Link>{' '}
          <span className="muted">
            ({PACKAGE_STATUS_LABELS[latestPackage.status]}
            {packages.length > 1 ? `, and ${packages.length - 1} more` : ''})
          </span>
        </p>
      )}
      <div className="opportunity__actions">
        {latestPackage ? (
          <CreateAnother brandId={brandId} opportunity={o} packageTitle={latestPackage.title} />
        ) : (
          <CreatePackageButton brandId={brandId} opportunityId={o.id} opportunityTitle={o.title} suggestedChannel={o.primaryChannel} />
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-pressed={o.isPinned}
          aria-describedby={errors.idFor(keyOf('pin'))}
          onClick={() => onPinnedChange(!o.isPinned)}
        >
          {o.isPinned ? 'Unpin' : 'Pin'}
        </button>
        <details className="menu" ref={snoozeMenu}>
          <summary className="button button--quiet" aria-describedby={errors.idFor(keyOf('snooze'))}>
            Snooze
          </summary>
          <div className="menu__items" role="group" aria-label={`Snooze ${o.title}`}>
            {SNOOZE_PRESETS.map((preset) => (
              <button
                key={preset.id}
                type="button"
                className="button button--quiet"
                onClick={() => {
                  if (snoozeMenu.current) snoozeMenu.current.open = false;
                  onSnooze(snoozeUntil(preset, new Date()));
                }}
              >
                {preset.label}
              </button>
            ))}
          </div>
        </details>
        <DismissIdea title={o.title} onDismiss={onDismiss} />
      </div>
      {errorFor('pin')}
      {errorFor('snooze')}
      {errorFor('dismiss')}
    </article>
  );
}

/** A second package from the same idea is allowed, but asked for: most of the time the first one is what they want. */
function CreateAnother({ brandId, opportunity: o, packageTitle }: { brandId: string; opportunity: BoardCard; packageTitle: string }) {
  const [stage, setStage] = useState<'closed' | 'asking' | 'confirmed'>('closed');
  if (stage === 'confirmed') {
    return (
      <CreatePackageButton
        brandId={brandId}
        opportunityId={o.id}
        opportunityTitle={o.title}
        suggestedChannel={o.primaryChannel}
        initiallyOpen
      />
    );
  }
  return (
    <div className="create-package">
      <button
        type="button"
        className="button"
        aria-expanded={stage === 'asking'}
        onClick={() => setStage(stage === 'asking' ? 'closed' : 'asking')}
      >
        Create another package
      </button>
      {stage === 'asking' && (
        <div
          className="create-package__panel"
          role="group"
          aria-label="Create a second package?"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setStage('closed');
          }}
        >
          <p className="small">This idea already has a package, “{packageTitle}”. A second one starts new drafts from scratch.</p>
          <div className="create-package__actions">
            <button type="button" className="button" onClick={() => setStage('confirmed')}>
              Yes, create a second package
            </button>
            <button type="button" className="button button--quiet" onClick={() => setStage('closed')}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
