'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { PACKAGE_MOVES, PACKAGE_STATUS_LABELS } from '@/lib/package-lifecycle';
import { useTRPC } from '@/trpc/react';
import type { PackageWorkspaceView } from '@/trpc/types';
import { useWorkspaceCache } from '../use-workspace-cache';
import { OverrideDialog } from './override-dialog';
import { useLifecycleRefresh, useOverride, violationsOf } from './use-lifecycle';

type Package = PackageWorkspaceView['package'];
type ReviewMove = 'in_review' | 'approved';

const MOVE_LABELS: Record<ReviewMove, string> = { in_review: 'Send to review', approved: 'Approve' };

/** What the package waits for in each state the bar offers no direct move from. */
const HINTS: Partial<Record<Package['status'], string>> = {
  approved: 'Approved: schedule a draft or mark one published below.',
  scheduled: 'Scheduled: a draft has a date. Mark it published once it is out.',
  // The badge already says Published: the hint says what is left to do.
  published: 'A draft is out. Schedule the others or mark them published as they go out.',
  archived: 'Archived: restore it to work on it again.',
};

/**
 * The package's lifecycle steps valid for its state: send to review, approve, back to draft (with
 * a note), archive and restore. A step the brand's rules block opens the override dialog; any other
 * refusal shows beside the buttons.
 */
export function LifecycleBar({ brandId, pkg }: { brandId: string; pkg: Package }) {
  const trpc = useTRPC();
  const ids = useId();
  const packageId = pkg.id;
  const cache = useWorkspaceCache(brandId, packageId);
  const refresh = useLifecycleRefresh(brandId, packageId);
  const override = useOverride<{ status: ReviewMove }>();
  const [askingNote, setAskingNote] = useState(false);
  const [note, setNote] = useState('');
  const done = (view: PackageWorkspaceView) => {
    cache.setView(view);
    override.close();
    setAskingNote(false);
    setNote('');
    void refresh();
  };
  const setStatus = useMutation(trpc.packages.setStatus.mutationOptions({ onSuccess: done }));
  const archive = useMutation(trpc.packages.archive.mutationOptions({ onSuccess: done }));
  const restore = useMutation(trpc.packages.restore.mutationOptions({ onSuccess: done }));
  const pending = setStatus.isPending || archive.isPending || restore.isPending;

  const move = (status: ReviewMove, reason?: string) =>
    setStatus.mutate(
      { brandId, packageId, status, ...(reason ? { override: { reason } } : {}) },
      { onError: (error) => override.offer(MOVE_LABELS[status], { status }, error) },
    );
  const sendBack = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) setStatus.mutate({ brandId, packageId, status: 'draft', note: note.trim() });
  };

  const moves = PACKAGE_MOVES[pkg.status] ?? [];
  const forward = moves.filter((status): status is ReviewMove => status === 'in_review' || status === 'approved');
  // An override refusal is shown in the dialog, not twice.
  const refusal = [setStatus, archive, restore].find((m) => m.isError && !(m === setStatus && override.request))?.error?.message;

  return (
    // The group's name carries the state, so a screen reader hears where the package is before its steps.
    <div className="lifecycle-bar" role="group" aria-label={`Package lifecycle: ${PACKAGE_STATUS_LABELS[pkg.status]}`}>
      <div className="lifecycle-bar__buttons">
        {forward.map((status) => (
          <button key={status} type="button" className="button" disabled={pending} onClick={() => move(status)}>
            {MOVE_LABELS[status]}
          </button>
        ))}
        {moves.includes('draft') && (
          <button
            type="button"
            className="button button--quiet"
            disabled={pending}
            aria-expanded={askingNote}
            aria-controls={`${ids}-note`}
            onClick={() => setAskingNote((open) => !open)}
          >
            Back to draft
          </button>
        )}
        {pkg.status === 'archived' ? (
          <button type="button" className="button" disabled={pending} onClick={() => restore.mutate({ brandId, packageId })}>
            Restore
          </button>
        ) : (
          <button type="button" className="button button--quiet" disabled={pending} onClick={() => archive.mutate({ brandId, packageId })}>
            Archive
          </button>
        )}
      </div>
      {HINTS[pkg.status] && <p className="small muted lifecycle-bar__hint">{HINTS[pkg.status]}</p>}
      {askingNote && (
        <form id={`${ids}-note`} className="lifecycle-bar__note" onSubmit={sendBack}>
          <label className="field" htmlFor={`${ids}-note-text`}>
            What needs to change? <span className="muted small">(kept in the package’s history)</span>
          </label>
          <textarea
            id={`${ids}-note-text`}
            value={note}
            rows={2}
            maxLength={500}
            required
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="override-dialog__actions">
            <button type="submit" className="button" disabled={pending || !note.trim()}>
              {setStatus.isPending ? 'Sending back…' : 'Send back to draft'}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setAskingNote(false)} disabled={pending}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {override.request && (
        <OverrideDialog
          action={override.request.action}
          violations={override.request.violations}
          pending={setStatus.isPending}
          error={setStatus.isError && !violationsOf(setStatus.error) ? setStatus.error.message : null}
          onConfirm={(reason) => move(override.request!.input.status, reason)}
          onCancel={override.close}
        />
      )}
      {refusal && (
        <p className="form-error small" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}
