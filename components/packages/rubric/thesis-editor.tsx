'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useUnsavedGuard } from '@/components/app-shell/unsaved-guard';
import { zodFieldMessage } from '@/components/workspaces/field-error';
import { type PackageField, thesisTextFailures } from '@/lib/draft-rules';
import { useTRPC } from '@/trpc/react';
import type { PackageWorkspaceView } from '@/trpc/types';
import { useWorkspaceCache } from '../use-workspace-cache';

type Field = 'coreArgument' | 'keyPoints' | 'risksToAvoid';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const SUMMARY_CHARS = 140;

/**
 * The package thesis: a collapsed summary line with Show and Edit; editing checks each field against the
 * package rules as a person types (the same rules packages.updateThesis enforces) and shows the
 * server's refusal next to the field it names.
 */
export function ThesisEditor({ brandId, view }: { brandId: string; view: PackageWorkspaceView }) {
  const trpc = useTRPC();
  const cache = useWorkspaceCache(brandId, view.package.id);
  const ids = useId();
  const { package: pkg } = view;
  const [mode, setMode] = useState<'summary' | 'full' | 'edit'>('summary');
  const [draft, setDraft] = useState({ coreArgument: '', keyPoints: '', risksToAvoid: '' });
  const [reason, setReason] = useState('');
  const save = useMutation(
    trpc.packages.updateThesis.mutationOptions({
      onSuccess: (next) => {
        cache.setView(next);
        setMode('summary');
      },
    }),
  );

  const stored = { coreArgument: pkg.coreArgument ?? '', keyPoints: pkg.keyPoints.join('\n'), risksToAvoid: pkg.risksToAvoid.join('\n') };
  const changed =
    mode === 'edit' &&
    (draft.coreArgument !== stored.coreArgument || draft.keyPoints !== stored.keyPoints || draft.risksToAvoid !== stored.risksToAvoid);
  useUnsavedGuard(changed, 'Your edit to the thesis is not saved. Leave this page and lose it?');

  const live = useMemo(
    () =>
      mode === 'edit'
        ? thesisTextFailures(
            {
              title: pkg.title,
              coreArgument: draft.coreArgument,
              keyPoints: lines(draft.keyPoints),
              risksToAvoid: lines(draft.risksToAvoid),
            },
            { opportunityTitle: pkg.title, channels: pkg.channels, taboos: view.strategy.taboos },
          )
        : [],
    [mode, draft, pkg.title, pkg.channels, view.strategy.taboos],
  );

  const problemFor = (field: Field): string | null => {
    const local = live.find((failure) => failure.field === (field as PackageField));
    if (local) return `${local.index === undefined ? '' : `Point ${local.index + 1}: `}${local.message}`;
    if (!save.error) return null;
    const fromZod = zodFieldMessage(save.error, field);
    if (fromZod) return fromZod;
    return save.error.message.startsWith(field) ? save.error.message : null;
  };
  // A breach the browser sees, or one the server names (another brand's name, say), can be overridden.
  const needsOverride = live.length > 0 || save.error?.data?.code === 'CONFLICT';
  const unplaced =
    save.error && !(['coreArgument', 'keyPoints', 'risksToAvoid'] as Field[]).some((f) => problemFor(f)) ? save.error.message : null;

  const startEditing = () => {
    setDraft(stored);
    setReason('');
    save.reset();
    setMode('edit');
  };

  if (mode !== 'edit') {
    const core = pkg.coreArgument ?? '';
    const summary = core.length > SUMMARY_CHARS ? `${core.slice(0, SUMMARY_CHARS - 1)}…` : core;
    return (
      <div className="thesis" data-mode={mode}>
        <p className="thesis__summary">{core ? mode === 'full' ? core : summary : <span className="muted">No core argument yet.</span>}</p>
        <p className="small muted">
          {pkg.keyPoints.length} key {pkg.keyPoints.length === 1 ? 'point' : 'points'} · {pkg.risksToAvoid.length}{' '}
          {pkg.risksToAvoid.length === 1 ? 'risk' : 'risks'} to avoid
        </p>
        {mode === 'full' && (
          <>
            {pkg.keyPoints.length > 0 && (
              <>
                <h3 className="workspace__subhead">Key points</h3>
                <ul>
                  {pkg.keyPoints.map((point, i) => (
                    <li key={i}>{point}</li>
                  ))}
                </ul>
              </>
            )}
            {pkg.risksToAvoid.length > 0 && (
              <>
                <h3 className="workspace__subhead">Risks to avoid</h3>
                <ul>
                  {pkg.risksToAvoid.map((risk, i) => (
                    <li key={i}>{risk}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        <div className="thesis__actions">
          <button type="button" className="button button--quiet" onClick={() => setMode(mode === 'full' ? 'summary' : 'full')}>
            {mode === 'full' ? 'Show less' : 'Show all'}
          </button>
          {pkg.status !== 'archived' && (
            <button type="button" className="button button--quiet" onClick={startEditing}>
              Edit thesis
            </button>
          )}
        </div>
      </div>
    );
  }

  const field = (name: Field, label: string, hint: string, rows: number) => {
    const problem = problemFor(name);
    return (
      <div className="thesis__field">
        <label className="field" htmlFor={`${ids}-${name}`}>
          {label} <span className="small muted">{hint}</span>
        </label>
        <textarea
          id={`${ids}-${name}`}
          rows={rows}
          value={draft[name]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${ids}-${name}-error` : undefined}
          onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
        />
        {problem && (
          <p id={`${ids}-${name}-error`} className="form-error small">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      className="thesis thesis--editing"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          brandId,
          packageId: pkg.id,
          coreArgument: draft.coreArgument.trim(),
          keyPoints: lines(draft.keyPoints),
          risksToAvoid: lines(draft.risksToAvoid),
          ...(needsOverride && reason.trim() ? { override: { reason: reason.trim() } } : {}),
        });
      }}
    >
      {field('coreArgument', 'Core argument', 'who it is for, their problem, the angle', 4)}
      {field('keyPoints', 'Key points', 'one a line', 5)}
      {field('risksToAvoid', 'Risks to avoid', 'one a line; naming a taboo here is fine', 3)}
      {needsOverride && (
        <div className="thesis__field">
          <label className="field" htmlFor={`${ids}-override`}>
            Override reason <span className="small muted">the thesis breaks a package rule; say why it should stand (recorded)</span>
          </label>
          <input id={`${ids}-override`} value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
        </div>
      )}
      {unplaced && (
        <p className="form-error small" role="alert">
          {unplaced}
        </p>
      )}
      <div className="thesis__actions">
        <button
          type="submit"
          className="button"
          disabled={save.isPending || !draft.coreArgument.trim() || (needsOverride && !reason.trim())}
        >
          {save.isPending ? 'Saving…' : needsOverride ? 'Save with override' : 'Save thesis'}
        </button>
        <button type="button" className="button button--quiet" disabled={save.isPending} onClick={() => setMode('summary')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
