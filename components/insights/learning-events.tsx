import type { Channel, LearningSignalType } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import type { LearningEventDTO } from '@/trpc/types';
import { formatSigned, formatStamp, formatWindow } from './format';

const SIGNAL_LABELS: Record<LearningSignalType, string> = {
  opportunity_score_update: 'Score update',
  pattern_performance_update: 'Pattern performance',
  variant_performance_summary: 'Post performance',
  guardrail_violation: 'Guard rail',
  decision_weight_update: 'Decision weight',
};

/** Names of the patterns and opportunities the page already shows, by id: events name them, never an id. */
export interface SubjectNames {
  patterns: ReadonlyMap<string, string>;
  opportunities: ReadonlyMap<string, string>;
}

/** The latest learning events of the window, one line each: what was learned, about what, when. */
export function LearningEvents({ events, names }: { events: LearningEventDTO[]; names: SubjectNames }) {
  if (events.length === 0) return <p className="muted">No learning event was recorded in this window yet.</p>;
  return (
    <ol className="learning-events small" data-testid="learning-events">
      {events.map((event) => (
        <li key={event.id} className="learning-event">
          <span className="tag">{SIGNAL_LABELS[event.signalType]}</span> {describe(event, names)}{' '}
          <span className="muted">
            · learned from {formatWindow(event.windowStart, event.windowEnd)} · {formatStamp(event.effectiveAt)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The event's figures, read defensively: the payload is stored JSON. */
function describe(event: LearningEventDTO, names: SubjectNames): string {
  const { payload } = event;
  const num = (key: string) => (typeof payload[key] === 'number' ? (payload[key] as number) : null);
  switch (event.signalType) {
    case 'opportunity_score_update': {
      const [base, score, adjustment] = [num('baseScore'), num('score'), num('adjustment')];
      const title = event.opportunityId ? names.opportunities.get(event.opportunityId) : undefined;
      const subject = title ? `“${title}”` : 'An opportunity';
      return base === null || score === null || adjustment === null
        ? `${subject} re-scored`
        : `${subject} scored ${base} → ${score} (${formatSigned(adjustment)})`;
    }
    case 'pattern_performance_update': {
      const [avg, scored] = [num('avgEngagementScore'), num('variantsScored')];
      const name = event.patternId ? names.patterns.get(event.patternId) : undefined;
      const subject = name ? `Pattern “${name}”` : 'A pattern';
      return avg === null
        ? `${subject} updated`
        : `${subject} averaged ${avg.toFixed(0)}/100${scored === null ? '' : ` over ${scored} ${scored === 1 ? 'post' : 'posts'}`}`;
    }
    case 'variant_performance_summary': {
      const score = num('engagementScore');
      const channel =
        typeof payload.channel === 'string' && payload.channel in CHANNEL_LABELS ? CHANNEL_LABELS[payload.channel as Channel] : 'A';
      return score === null ? `${channel} post summarised` : `${channel} post scored ${score.toFixed(0)}/100`;
    }
    case 'guardrail_violation':
      return 'A draft broke a guard rail';
    case 'decision_weight_update': {
      const [weight, decisions] = [num('weight'), num('decisions')];
      const name = typeof payload.name === 'string' ? payload.name : 'A choice';
      return weight === null
        ? `${name} weighed by decisions`
        : `${name} weighs ${formatSigned(weight, 2)}${decisions === null ? '' : ` from ${decisions} ${decisions === 1 ? 'decision' : 'decisions'}`}`;
    }
  }
}
