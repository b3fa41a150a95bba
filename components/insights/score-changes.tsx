import type { ScoreChange } from '@/trpc/types';
import { formatSigned, formatStamp, formatWindow } from './format';
import { PackageLinks } from './package-links';

/** Each opportunity learning re-scored in the window: base score → learned score, and why. */
export function ScoreChanges({ brandId, changes }: { brandId: string; changes: ScoreChange[] }) {
  if (changes.length === 0) {
    return (
      <p className="muted">No opportunity was re-scored in this window. Scores move once published posts have metrics and learning runs.</p>
    );
  }
  return (
    <ul className="score-changes" data-testid="score-changes">
      {changes.map((c) => (
        <li key={c.learningEventId} className="score-change">
          <div className="score-change__head">
            <span className="score-change__title">{c.title}</span>
            <span className="score-change__scores">
              <span className="visually-hidden">{`from ${c.before} to ${c.after}`}</span>
              <span aria-hidden="true">
                {c.before} → <strong>{c.after}</strong>
              </span>
              <span className={`delta ${c.adjustment > 0 ? 'delta--up' : c.adjustment < 0 ? 'delta--down' : ''}`}>
                {' '}
                ({formatSigned(c.adjustment)})
              </span>
            </span>
          </div>
          {c.explanation && <p className="small">{c.explanation}</p>}
          <p className="muted small">
            Learned from {formatWindow(c.windowStart, c.windowEnd)} · recorded {formatStamp(c.effectiveAt)}
          </p>
          <PackageLinks brandId={brandId} packageIds={c.packageIds} />
        </li>
      ))}
    </ul>
  );
}
