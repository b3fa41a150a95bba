'use client';

import { type FormEvent, useId, useState } from 'react';

/**
 * Asks for the reason to go past the brand's hard rules, listing what the step would override. The
 * reason is kept with the step in the package's history.
 */
export function OverrideDialog({
  action,
  violations,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  action: string;
  violations: string[];
  pending: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onConfirm(reason.trim());
  };
  return (
    <div className="override-dialog" role="dialog" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-list`}>
      <p id={`${ids}-title`} className="override-dialog__title">
        <strong>{action} anyway?</strong> This goes past the brand’s rules:
      </p>
      <ul id={`${ids}-list`} className="override-dialog__list">
        {violations.map((violation) => (
          <li key={violation}>{violation}</li>
        ))}
      </ul>
      <form onSubmit={submit} className="override-dialog__form">
        <label className="field" htmlFor={`${ids}-reason`}>
          Reason for the override <span className="muted small">(kept in the package’s history)</span>
        </label>
        <textarea
          id={`${ids}-reason`}
          value={reason}
          rows={2}
          maxLength={500}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids}-error` : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {error && (
          <p id={`${ids}-error`} className="form-error small" role="alert">
            {error}
          </p>
        )}
        <div className="override-dialog__actions">
          <button type="submit" className="button" disabled={pending || !reason.trim()}>
            {pending ? 'Saving…' : `${action} with override`}
          </button>
          <button type="button" className="button button--quiet" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
