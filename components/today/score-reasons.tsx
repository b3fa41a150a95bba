import type { BoardCard } from '@/trpc/types';

type SubScores = NonNullable<BoardCard['subScores']>;

/** The rubric's dimensions in its order, as a person reads them. */
const DIMENSIONS: { key: keyof SubScores; label: string }[] = [
  { key: 'clarity', label: 'Clarity' },
  { key: 'strategicFit', label: 'Strategic fit' },
  { key: 'timeliness', label: 'Timeliness' },
  { key: 'differentiation', label: 'Differentiation' },
  { key: 'executionReadiness', label: 'Execution readiness' },
];

/** A generated idea's "Why this score": the five sub-scores (0–4) with their reasons, and the sum. */
export function ScoreReasons({ subScores, explanation }: { subScores: SubScores; explanation: string | null }) {
  return (
    <details className="score-reasons small">
      <summary>Why this score</summary>
      <dl className="score-reasons__list">
        {DIMENSIONS.map(({ key, label }) => (
          <div key={key} className="score-reasons__row">
            <dt>
              {label} <span className="score-reasons__value">{subScores[key].score}/4</span>
            </dt>
            <dd>{subScores[key].reason}</dd>
          </div>
        ))}
      </dl>
      {explanation && <p className="muted">{explanation}</p>}
    </details>
  );
}
