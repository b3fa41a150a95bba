'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { VariantDTO } from '@/trpc/types';
import { useLifecycleRefresh } from './use-lifecycle';

/**
 * "Reject": sets a draft aside for good (variants.reject), with an optional note kept in the package's
 * history. Asks first, since a rejected draft can never be approved or published again.
 */
export function RejectVariant({ brandId, variant, disabled }: { brandId: string; variant: VariantDTO; disabled: boolean }) {
  const trpc = useTRPC();
  const ids = useId();
  const refresh = useLifecycleRefresh(brandId, variant.packageId);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const reject = useMutation(
    trpc.variants.reject.mutationOptions({
      onSuccess: () => {
        setAsking(false);
        setNote('');
        void refresh();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reject.mutate({ brandId, variantId: variant.id, ...(note.trim() ? { note: note.trim() } : {}) });
  };

  if (!asking) {
    return (
      <button
        type="button"
        className="button button--quiet"
        disabled={disabled}
        aria-controls={`${ids}-form`}
        aria-expanded={false}
        onClick={() => setAsking(true)}
      >
        Reject
      </button>
    );
  }
  return (
    <form id={`${ids}-form`} className="lifecycle-bar__note reject-variant" onSubmit={submit} aria-label="Reject this draft">
      <label className="field" htmlFor={`${ids}-note`}>
        Why reject it? <span className="muted small">(optional, kept in the package’s history; a rejected draft stays set aside)</span>
      </label>
      <textarea id={`${ids}-note`} value={note} rows={2} maxLength={500} onChange={(event) => setNote(event.target.value)} />
      {reject.isError && (
        <p className="form-error small" role="alert">
          {reject.error.message}
        </p>
      )}
      <div className="override-dialog__actions">
        <button type="submit" className="button button--danger" disabled={reject.isPending || disabled}>
          {reject.isPending ? 'Rejecting…' : 'Reject draft'}
        </button>
        <button type="button" className="button button--quiet" disabled={reject.isPending} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
