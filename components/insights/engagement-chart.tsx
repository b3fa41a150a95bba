import { Channel } from '@/engines/enums';
import { DAY_MS } from '@/lib/dates';
import { CHANNEL_LABELS } from '@/lib/labels';
import type { EngagementPoint } from '@/trpc/types';
import { dayTicks, rateLabel } from './chart-axes';
import { formatDay } from './format';

const WIDTH = 640;
const HEIGHT = 220;
// The top margin holds the rate axis's own label, written above its figures so a phone can read it.
const PAD = { top: 34, right: 12, bottom: 28, left: 48 };
const Y_AXIS_LABEL = 'Per 100 impressions';
/** Distinguishable with colour vision deficiencies, and each line also has its own dash pattern. */
const STYLE: Record<Channel, { color: string; dash?: string }> = {
  linkedin: { color: '#2f5bd3' },
  x: { color: '#c2410c', dash: '6 3' },
  newsletter: { color: '#15803d', dash: '2 3' },
  instagram: { color: '#a21caf', dash: '8 3 2 3' },
  youtube: { color: '#b91c1c', dash: '1 2' },
  tiktok: { color: '#0f766e', dash: '10 4' },
};

/**
 * Engagement over the window, one line per channel: weighted interactions per 100 impressions each
 * day (the weights of the engagement score). A hand-drawn SVG; each point names its channel, day and
 * rate in a tooltip (its <title>), and the same figures follow as a table for screen readers. Lines
 * and legend keep the channels' fixed order (Channel.options), whichever channel has data first.
 */
export function EngagementChart({ points, windowStart, windowEnd }: { points: EngagementPoint[]; windowStart: Date; windowEnd: Date }) {
  const rated = points.filter((p) => p.ratePer100 !== null);
  if (rated.length === 0) {
    return <p className="muted">No impressions were recorded in this window, so there is no engagement to chart yet.</p>;
  }
  const days = Math.max(1, Math.round((windowEnd.getTime() - windowStart.getTime()) / DAY_MS));
  const maxRate = niceCeiling(Math.max(...rated.map((p) => p.ratePer100!)));
  const x = (day: Date) =>
    PAD.left + ((day.getTime() - windowStart.getTime()) / DAY_MS / Math.max(1, days - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (rate: number) => HEIGHT - PAD.bottom - (rate / maxRate) * (HEIGHT - PAD.top - PAD.bottom);
  const withData = new Set(rated.map((p) => p.channel));
  const channels = Channel.options.filter((channel) => withData.has(channel));
  const ticks = [0, maxRate / 2, maxRate];

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="chart-title"
        className="chart__svg"
        data-testid="engagement-chart"
      >
        <title id="chart-title">Engagement per 100 impressions by day and channel</title>
        <text x={0} y={16} textAnchor="start" className="chart__label chart__axis-title">
          {Y_AXIS_LABEL}
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="chart__grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="chart__label">
              {rateLabel(tick)}
            </text>
          </g>
        ))}
        {dayTicks(windowStart, days).map(({ day, anchor }) => (
          <text key={day.getTime()} x={x(day)} y={HEIGHT - 8} textAnchor={anchor} className="chart__label">
            {formatDay(day)}
          </text>
        ))}
        {channels.map((channel) => {
          const line = rated.filter((p) => p.channel === channel);
          const style = STYLE[channel];
          return (
            <g key={channel} data-channel={channel}>
              <polyline
                points={line.map((p) => `${x(p.day).toFixed(1)},${y(p.ratePer100!).toFixed(1)}`).join(' ')}
                fill="none"
                stroke={style.color}
                strokeWidth={2}
                strokeDasharray={style.dash}
              />
              {line.map((p) => (
                <g key={p.day.getTime()} className="chart__point">
                  <title>{`${CHANNEL_LABELS[channel]}, ${formatDay(p.day)}: ${p.ratePer100} per 100 impressions`}</title>
                  <circle cx={x(p.day)} cy={y(p.ratePer100!)} r={3} fill={style.color} />
                  {/* A wider, invisible target so the tooltip is easy to reach with a mouse or a finger. */}
                  <circle cx={x(p.day)} cy={y(p.ratePer100!)} r={9} fill="transparent" />
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__legend">
        {channels.map((channel) => (
          <span key={channel} className="chart__key">
            <svg width="24" height="8" aria-hidden="true">
              <line x1="0" x2="24" y1="4" y2="4" stroke={STYLE[channel].color} strokeWidth="2" strokeDasharray={STYLE[channel].dash} />
            </svg>
            {CHANNEL_LABELS[channel]}
          </span>
        ))}
      </figcaption>
      {/* The wrapper, not the table, is hidden: a table grows to its rows whatever height it is given, and
          its rows would otherwise stretch the page by their full height of blank scrolling. */}
      <div className="visually-hidden">
        <table>
          <caption>Engagement per 100 impressions, by day and channel</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Channel</th>
              <th scope="col">Per 100 impressions</th>
            </tr>
          </thead>
          <tbody>
            {rated.map((p) => (
              <tr key={`${p.channel}-${p.day.getTime()}`}>
                <td>{formatDay(p.day)}</td>
                <td>{CHANNEL_LABELS[p.channel]}</td>
                <td>{p.ratePer100}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** 1, 2 or 5 times a power of ten, at least the value: round axis ends. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power;
}
