'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useReturnFocus } from '@/components/ui/use-return-focus';
import { CHANNEL_LABELS, PATTERN_STATUS_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { PatternDTO } from '@/trpc/types';
import { groupPatterns, NO_FILTER, type PatternChannel, type PatternFilter } from './pattern-filter';
import { PatternForm } from './pattern-form';
import { PatternItem } from './pattern-item';

const CHANNELS = Object.keys(CHANNEL_LABELS) as PatternChannel[];
const STATUSES = Object.keys(PATTERN_STATUS_LABELS) as PatternDTO['status'][];

/**
 * The brand's pattern library: its own patterns, then the tenant's shared ones, each with the figures
 * learning recorded. Owners and admins (`canEdit`) create, edit, retire and copy; members read.
 */
export function PatternLibrary({ brandId, canEdit }: { brandId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const { data: patterns } = useSuspenseQuery(trpc.patterns.list.queryOptions({ brandId }));
  const [filter, setFilter] = useState<PatternFilter>(NO_FILTER);
  const [creating, setCreating] = useState(false);
  const newPatternButton = useReturnFocus<HTMLButtonElement>(creating);
  const [message, setMessage] = useState<string | null>(null);
  const { own, shared } = groupPatterns(patterns, filter);
  const filtered = filter.status !== 'all' || filter.channel !== 'all';

  return (
    <div className="patterns">
      {!canEdit && (
        <p className="notice">
          You can read the library. Only the workspace's owners and admins create, edit, retire or copy patterns; ask one of them for a
          change.
        </p>
      )}
      <div className="patterns__bar">
        <div className="filters">
          <FilterSelect
            label="Status"
            value={filter.status}
            options={STATUSES.map((status) => [status, PATTERN_STATUS_LABELS[status]])}
            onChange={(status) => setFilter({ ...filter, status: status as PatternFilter['status'] })}
          />
          <FilterSelect
            label="Channel"
            value={filter.channel}
            options={CHANNELS.map((channel) => [channel, CHANNEL_LABELS[channel]])}
            onChange={(channel) => setFilter({ ...filter, channel: channel as PatternFilter['channel'] })}
          />
        </div>
        {canEdit && !creating && (
          <button
            ref={newPatternButton}
            type="button"
            className="button"
            onClick={() => {
              setCreating(true);
              setMessage(null);
            }}
          >
            New pattern
          </button>
        )}
      </div>
      <p className="small muted" role="status">
        {message}
      </p>
      {creating && (
        <section className="panel" aria-labelledby="new-pattern-title">
          <h2 id="new-pattern-title">New pattern</h2>
          <PatternForm
            brandId={brandId}
            onSaved={(name) => {
              setCreating(false);
              setMessage(`Created "${name}".`);
            }}
            onCancel={() => setCreating(false)}
          />
        </section>
      )}
      <PatternGroup
        title="Your brand's patterns"
        empty={
          filtered
            ? 'None of your brand’s patterns match these filters.'
            : canEdit
              ? 'Your brand has no patterns of its own yet: create one, or copy one from the shared library below.'
              : 'Your brand has no patterns of its own yet.'
        }
        patterns={own}
        brandId={brandId}
        canEdit={canEdit}
        onChanged={setMessage}
      />
      <PatternGroup
        title="Shared library"
        note="Shared by every brand of the workspace; read-only here. Copy one to your brand to adapt it."
        empty={filtered ? 'No shared patterns match these filters.' : 'The workspace has no shared patterns.'}
        patterns={shared}
        brandId={brandId}
        canEdit={canEdit}
        onChanged={setMessage}
      />
    </div>
  );
}

function PatternGroup(props: {
  title: string;
  note?: string;
  empty: string;
  patterns: PatternDTO[];
  brandId: string;
  canEdit: boolean;
  onChanged: (message: string) => void;
}) {
  const headingId = useId();
  return (
    <section className="patterns__group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {props.title} <span className="muted small">({props.patterns.length})</span>
      </h2>
      {props.note && <p className="small muted">{props.note}</p>}
      {props.patterns.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="patterns__list">
          {props.patterns.map((pattern) => (
            <PatternItem key={pattern.id} brandId={props.brandId} pattern={pattern} canEdit={props.canEdit} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FilterSelect(props: { label: string; value: string; options: [string, string][]; onChange: (value: string) => void }) {
  return (
    <label className="field field--inline">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="all">All</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
