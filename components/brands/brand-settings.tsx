'use client';

import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import type { Channel } from '@/engines/enums';
import { useTRPC } from '@/trpc/react';
import type { UserBrandDTO } from '@/trpc/types';
import { Field, FormError } from '../ui/field';
import { useEarlyInput } from '../ui/use-early-input';
import { useUnsavedEdits } from '../ui/use-unsaved-edits';
import { canManage } from '../workspaces/roles';
import { channelDrafts, errorsByField, selectedChannels } from './brand-fields';
import { BrandNameField } from './brand-name-field';
import { ChannelFields } from './channel-fields';
import { TimeZoneField } from './time-zone-field';

interface BrandSettingsProps {
  brand: UserBrandDTO;
}

/** The brand's name, slug and channels; owners and admins change them and may archive the brand. */
export function BrandSettings({ brand }: BrandSettingsProps) {
  const trpc = useTRPC();
  const { data: strategy } = useSuspenseQuery(trpc.brands.strategy.queryOptions({ brandId: brand.id }));
  const canEdit = canManage(brand.role);
  return (
    <div className="brand-settings stack">
      {!canEdit && (
        <p className="notice">
          Only owners and admins of {brand.tenantName} can change the brand’s settings; you are a member, so you see them read-only.
        </p>
      )}
      <section className="panel stack" aria-labelledby="brand-settings-details">
        <h2 id="brand-settings-details">Name and channels</h2>
        <DetailsForm
          brand={brand}
          primaryChannel={strategy.primaryChannel}
          channels={strategy.channels}
          timeZone={strategy.timeZone}
          canEdit={canEdit}
        />
      </section>
      {canEdit && <ArchiveBrand brand={brand} />}
    </div>
  );
}

interface DetailsFormProps {
  brand: UserBrandDTO;
  primaryChannel: Channel;
  channels: { channel: Channel; handle: string }[];
  timeZone: string;
  canEdit: boolean;
}

function DetailsForm({ brand, primaryChannel: storedPrimary, channels, timeZone: storedTimeZone, canEdit }: DetailsFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(brand.name);
  const [slug, setSlug] = useState(brand.slug);
  const [primaryChannel, setPrimaryChannel] = useState<Channel>(storedPrimary);
  const [drafts, setDrafts] = useState(() => channelDrafts(channels));
  const [timeZone, setTimeZone] = useState(storedTimeZone);
  const { dirty, edit, saved } = useUnsavedEdits();
  const form = useEarlyInput();
  const update = useMutation(
    trpc.brands.update.mutationOptions({
      onSuccess: () => {
        saved();
        void queryClient.invalidateQueries({ queryKey: trpc.brands.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.brands.strategy.queryKey({ brandId: brand.id }) });
      },
    }),
  );
  const errors = errorsByField(update.error);
  const disabled = !canEdit || update.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      brandId: brand.id,
      name,
      slug: slug.trim(),
      primaryChannel,
      channels: selectedChannels(drafts, primaryChannel),
      timeZone,
    });
  };

  return (
    <form ref={form} className="brand-form stack" onSubmit={submit} noValidate>
      <BrandNameField value={name} onChange={edit(setName)} disabled={disabled} error={errors.fields.name} />
      <Field label="Slug" hint={`Lowercase letters, digits and single hyphens; unique in ${brand.tenantName}.`} error={errors.fields.slug}>
        {(control) => (
          <input
            {...control}
            value={slug}
            maxLength={60}
            required
            disabled={disabled}
            onChange={(event) => edit(setSlug)(event.target.value)}
          />
        )}
      </Field>
      <ChannelFields
        primaryChannel={primaryChannel}
        drafts={drafts}
        onPrimaryChange={edit(setPrimaryChannel)}
        onDraftsChange={edit(setDrafts)}
        disabled={disabled}
        primaryError={errors.fields.primaryChannel}
        channelsError={errors.fields.channels}
      />
      <TimeZoneField value={timeZone} onChange={edit(setTimeZone)} disabled={disabled} error={errors.fields.timeZone} />
      <FormError message={errors.form} />
      {canEdit && (
        <div className="brand-form__actions">
          <button type="submit" className="button" disabled={update.isPending || !dirty}>
            {update.isPending ? 'Saving…' : 'Save changes'}
          </button>
          <span className="muted small" role="status">
            {update.isPending ? 'Saving…' : dirty ? 'Unsaved changes' : update.isSuccess ? 'Saved' : ''}
          </span>
        </div>
      )}
    </form>
  );
}

/** Archiving asks first, and says what happens: the brand leaves every list, its data stays. */
function ArchiveBrand({ brand }: { brand: UserBrandDTO }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const archive = useMutation(
    trpc.brands.archive.mutationOptions({
      onSuccess: () => {
        // Only the list: the brand's own queries would now answer NOT_FOUND on this page.
        void queryClient.invalidateQueries({ queryKey: trpc.brands.list.queryKey() });
        router.push('/');
      },
    }),
  );
  const busy = archive.isPending || archive.isSuccess;

  return (
    <section className="panel stack brand-archive" aria-labelledby="brand-settings-archive">
      <h2 id="brand-settings-archive">Archive brand</h2>
      <p className="muted small">
        An archived brand leaves the brand list, the Today board and the nightly learning for everyone in {brand.tenantName}. Its strategy,
        opportunities, packages, runs and metrics stay stored.
      </p>
      {confirming ? (
        <div className="notice stack" role="group" aria-label="Confirm archiving">
          <p>
            Archive <strong>{brand.name}</strong>? Nobody in {brand.tenantName} will see it any more; the data stays.
          </p>
          <div className="brand-form__actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => archive.mutate({ brandId: brand.id })}>
              {busy ? 'Archiving…' : 'Yes, archive the brand'}
            </button>
            <button type="button" className="button button--quiet" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
          <FormError message={archive.error?.message} />
        </div>
      ) : (
        <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}>
          Archive brand…
        </button>
      )}
    </section>
  );
}
