'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import type { Channel } from '@/engines/enums';
import { slugFromName } from '@/lib/slug';
import { useTRPC } from '@/trpc/react';
import { Field, FormError } from '../ui/field';
import { useEarlyInput } from '../ui/use-early-input';
import { channelDrafts, errorsByField, selectedChannels } from './brand-fields';
import { BrandNameField } from './brand-name-field';
import { ChannelFields } from './channel-fields';

interface NewBrandFormProps {
  /** The workspaces where the viewer is an owner or admin (never empty here). */
  workspaces: { id: string; name: string }[];
  initialWorkspaceId: string;
}

/** Creates a brand, then opens its strategy setup (the F0 questions). */
export function NewBrandForm({ workspaces, initialWorkspaceId }: NewBrandFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [workspaceId, setWorkspaceId] = useState(initialWorkspaceId);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [primaryChannel, setPrimaryChannel] = useState<Channel>('linkedin');
  const [drafts, setDrafts] = useState(() => channelDrafts([]));
  // Opened straight after creating a workspace: what was typed while the page loaded counts.
  const form = useEarlyInput();
  const create = useMutation(
    trpc.brands.create.mutationOptions({
      onSuccess: async (brand) => {
        await queryClient.invalidateQueries({ queryKey: trpc.brands.list.queryKey() });
        router.push(`/brands/${brand.id}/strategy/setup`);
      },
    }),
  );
  const errors = errorsByField(create.error);
  const derivedSlug = slugFromName(name);
  // Navigation starts on success; the form stays locked until the next page replaces it.
  const busy = create.isPending || create.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      workspaceId,
      name,
      ...(slug.trim() ? { slug: slug.trim() } : {}),
      primaryChannel,
      channels: selectedChannels(drafts, primaryChannel),
    });
  };

  return (
    <form ref={form} className="brand-form stack" onSubmit={submit} noValidate>
      <Field label="Workspace" error={errors.fields.workspaceId}>
        {(control) => (
          <select {...control} value={workspaceId} disabled={busy} onChange={(event) => setWorkspaceId(event.target.value)}>
            {workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      <BrandNameField value={name} onChange={setName} disabled={busy} error={errors.fields.name} />

      <Field
        label="Slug (optional)"
        error={errors.fields.slug}
        hint={
          slug.trim()
            ? 'Lowercase letters, digits and single hyphens; unique in the workspace.'
            : derivedSlug
              ? `Leave empty to use “${derivedSlug}”, made from the name.`
              : name.trim()
                ? 'The name has no letters a–z or digits to make a slug from: give one here.'
                : 'Made from the name unless you give one.'
        }
      >
        {(control) => (
          <input
            {...control}
            value={slug}
            maxLength={60}
            disabled={busy}
            autoComplete="off"
            placeholder={derivedSlug ?? ''}
            onChange={(event) => setSlug(event.target.value)}
          />
        )}
      </Field>

      <ChannelFields
        primaryChannel={primaryChannel}
        drafts={drafts}
        onPrimaryChange={setPrimaryChannel}
        onDraftsChange={setDrafts}
        disabled={busy}
        primaryError={errors.fields.primaryChannel}
        channelsError={errors.fields.channels}
      />

      <FormError message={errors.form} />
      <div className="brand-form__actions">
        <button type="submit" className="button" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create brand'}
        </button>
        <span className="muted small">Next: five short questions that set up the brand’s strategy.</span>
      </div>
    </form>
  );
}
