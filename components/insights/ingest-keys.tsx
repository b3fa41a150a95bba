'use client';

import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { FormError } from '@/components/ui/field';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useTRPC } from '@/trpc/react';
import { formatDay } from './format';

/** Owners and admins: the brand's keys for the metrics ingest route; a new key is shown once. */
export function IngestKeys({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: keys } = useSuspenseQuery(trpc.ingestKeys.list.queryOptions({ brandId }));
  const [name, setName] = useState('');
  const form = useEarlyInput();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ingestKeys.list.queryKey({ brandId }) });
  const create = useMutation(trpc.ingestKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.ingestKeys.revoke.mutationOptions({ onSuccess: refresh }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ brandId, name }, { onSuccess: () => setName('') });
  };

  return (
    <div className="ingest-keys">
      <p className="small muted">
        Platforms send metrics to <code>POST /api/ingest/execution-events</code> with <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <form ref={form} className="ingest-keys__form" onSubmit={submit}>
        <label className="field">
          <span>New key name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required placeholder="e.g. LinkedIn webhook" />
        </label>
        <button type="submit" className="button button--quiet" disabled={create.isPending}>
          Create key
        </button>
      </form>
      <FormError message={create.error?.message} />
      {create.data && (
        <div className="notice" role="status">
          <p>
            Key <strong>{create.data.name}</strong> — copy it now, it will not be shown again:
          </p>
          <div className="ingest-keys__new">
            <code className="ingest-keys__secret">{create.data.key}</code>
            <CopyButton text={create.data.key} label={`the key ${create.data.name}`} />
          </div>
        </div>
      )}
      {keys.length === 0 ? (
        <p className="muted small">No keys yet.</p>
      ) : (
        <ul className="ingest-keys__list">
          {keys.map((key) => (
            <li key={key.id}>
              <span>
                <strong>{key.name}</strong>{' '}
                <span className="muted small">
                  created {formatDay(key.createdAt)}
                  {key.lastUsedAt ? ` · last used ${formatDay(key.lastUsedAt)}` : ' · never used'}
                  {key.revokedAt ? ` · revoked ${formatDay(key.revokedAt)}` : ''}
                </span>
              </span>
              {!key.revokedAt && (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ brandId, id: key.id })}
                  aria-label={`Revoke ${key.name}`}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError message={revoke.error?.message} />
    </div>
  );
}
