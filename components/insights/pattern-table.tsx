import type { PatternInsight } from '@/trpc/types';
import { formatDay, formatSigned } from './format';
import { PackageLinks } from './package-links';

/**
 * Patterns the brand can use, those with posts in the window first. The trend column appears only when
 * some pattern has one (posts in both halves of the window); a column of dashes would say nothing.
 */
export function PatternTable({ brandId, patterns }: { brandId: string; patterns: PatternInsight[] }) {
  if (patterns.length === 0) return <p className="muted">This brand has no patterns yet.</p>;
  const showTrend = patterns.some((p) => p.trend !== null);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="pattern-table">
        <caption className="visually-hidden">Pattern performance</caption>
        <thead>
          <tr>
            <th scope="col">Pattern</th>
            <th scope="col" className="num">
              Uses
            </th>
            <th scope="col">Last used</th>
            <th scope="col" className="num">
              Avg engagement
            </th>
            {showTrend && (
              <th scope="col" className="num">
                Trend
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {patterns.map((p) => (
            <tr key={p.patternId}>
              <th scope="row">
                {p.name}
                <span className="muted small">
                  {' '}
                  {p.shared ? '· shared' : ''}
                  {p.status !== 'active' ? ` · ${p.status}` : ''}
                </span>
                <PackageLinks brandId={brandId} packageIds={p.packageIds} label="Package" />
              </th>
              <td className="num">{p.usageCount}</td>
              <td>{p.lastUsedAt ? formatDay(p.lastUsedAt) : '—'}</td>
              <td className="num">{p.avgEngagementScore === null ? '—' : `${p.avgEngagementScore.toFixed(0)}/100`}</td>
              {showTrend && (
                <td className="num">
                  <Trend value={p.trend} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!showTrend && (
        <p className="muted small" data-testid="pattern-trend-note">
          No trend yet: a pattern shows one once it has scored posts in both halves of the window.
        </p>
      )}
    </div>
  );
}

function Trend({ value }: { value: number | null }) {
  if (value === null)
    return (
      <span className="muted" title="Needs posts in both halves of the window">
        —
      </span>
    );
  const direction = value > 1 ? 'up' : value < -1 ? 'down' : 'flat';
  const arrow = { up: '↑', down: '↓', flat: '→' }[direction];
  return (
    <span className={`trend trend--${direction}`} title="Later half of the window against the earlier half">
      <span aria-hidden="true">{arrow} </span>
      {formatSigned(value)}
      <span className="visually-hidden"> points, {direction === 'flat' ? 'steady' : `trending ${direction}`}</span>
    </span>
  );
}
