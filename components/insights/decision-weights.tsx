import type { DecisionDimension } from '@/engines/enums';
import { CRON_LEARNING_WINDOW_DAYS } from '@/lib/learning-window';
import type { DecisionWeightInsight } from '@/trpc/types';
import { formatSigned } from './format';

const DIMENSION_LABELS: Record<DecisionDimension, string> = {
  pillar: 'Pillar',
  persona: 'Persona',
  channel: 'Channel',
  pattern: 'Pattern',
};

/**
 * What the team's triage taught: each pillar, persona, channel and pattern the decisions of the
 * learning window (pins, dismissals, packages opened, posts published, …) leaned towards or away from.
 */
export function DecisionWeights({ weights }: { weights: DecisionWeightInsight[] }) {
  if (weights.length === 0) {
    return (
      <p className="muted">
        No decision has taught the board anything yet: pins, dismissals and packages of the window show here after learning runs.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table decision-weights" data-testid="decision-weights">
        <caption className="visually-hidden">Decision weights</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col" className="num">
              Decisions
            </th>
          </tr>
        </thead>
        <tbody>
          {weights.map((weight) => (
            <tr key={`${weight.dimension}:${weight.key}`}>
              <td>{DIMENSION_LABELS[weight.dimension]}</td>
              <th scope="row">{weight.name}</th>
              <td className="num decision-weights__weight">{formatSigned(weight.weight, 2)}</td>
              <td className="num">{weight.decisions}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        From the decisions of the daily learning's last {CRON_LEARNING_WINDOW_DAYS} days, whichever window is shown above. Pins, packages,
        reviews and published posts push a weight up; snoozes, unpins and dismissals pull it down, by at most ±0.5; a weight fades once its
        decisions are older.
      </p>
    </div>
  );
}
