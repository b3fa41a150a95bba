'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { useEarlyInput } from '../ui/use-early-input';
import { fieldError } from './field-error';
import { WorkspaceNameField } from './workspace-name-field';

/** The first step of a new user: a workspace named by them, with them as its owner; next, its first brand. */
export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState('');
  // The first page after signing in: a name typed while it was still loading counts.
  const form = useEarlyInput();
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      onSuccess: async (workspace) => {
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.list.queryKey() });
        router.push(`/brands/new?workspaceId=${workspace.id}`);
      },
    }),
  );
  // Navigation starts on success; the form stays locked until the next page replaces it.
  const busy = create.isPending || create.isSuccess;
  const error = fieldError(create.error, 'name');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };

  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate>
      <WorkspaceNameField
        value={name}
        onChange={setName}
        disabled={busy}
        error={error}
        hint="You become its owner and can invite your team; you can rename it later."
      />
      <button type="submit" className="button" disabled={busy || !name.trim()}>
        {busy ? 'Creating…' : 'Create workspace'}
      </button>
    </form>
  );
}
