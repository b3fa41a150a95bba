'use client';

import { useMutation, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { ErrorInPlace, readableError } from '@/components/errors/error-in-place';
import type { Channel } from '@/engines/enums';
import { SCHEDULABLE_PACKAGE, VARIANT_APPROVABLE_PACKAGE } from '@/lib/package-lifecycle';
import { formatInTimeZone, toWallTime } from '@/lib/time-zones';
import { useTRPC } from '@/trpc/react';
import type { VariantDTO } from '@/trpc/types';
import { OverrideDialog } from './override-dialog';
import { RejectVariant } from './reject-variant';
import { useLifecycleRefresh, useOverride, violationsOf } from './use-lifecycle';

/** What a post link looks like on each channel, as the field's example. */
const POST_LINK_EXAMPLES: Record<Channel, string> = {
  linkedin: 'https://www.linkedin.com/feed/update/urn:li:share:…',
  x: 'https://x.com/yourhandle/status/…',
  newsletter: 'https://yournewsletter.com/p/…',
  instagram: 'https://www.instagram.com/p/…',
  youtube: 'https://www.youtube.com/watch?v=…',
  tiktok: 'https://www.tiktok.com/@yourhandle/video/…',
};

type Step =
  | { action: 'Approve'; input: { variantId: string } }
  | { action: 'Schedule'; input: { variantId: string; scheduledFor: string } }
  | { action: 'Mark published'; input: { variantId: string; postUrl: string } };

/**
 * One variant's lifecycle: approve it on its own, schedule it at a date and time on the brand's clock
 * (the zone shown beside the control), reschedule or unschedule it, and mark it published with its
 * post link. A step the brand's rules block opens the override dialog; other refusals show here.
 */
export function VariantLifecycle({
  brandId,
  variant,
  unsavedEdit,
}: {
  brandId: string;
  variant: VariantDTO;
  /** The editor holds an edit not saved yet: steps wait for it, they act on the stored text. */
  unsavedEdit: boolean;
}) {
  const trpc = useTRPC();
  const ids = useId();
  const refresh = useLifecycleRefresh(brandId, variant.packageId);
  const { data: strategy } = useQuery(trpc.brands.strategy.queryOptions({ brandId }));
  // The workspace is in the cache already (the editor is inside it); its package status decides the steps.
  const { data: workspace } = useSuspenseQuery(trpc.packages.workspace.queryOptions({ brandId, packageId: variant.packageId }));
  const packageStatus = workspace.package.status;
  const timeZone = strategy?.timeZone ?? 'UTC';
  const override = useOverride<Step>();
  const [when, setWhen] = useState('');
  // The schedule control starts at the stored time, read on the brand's clock once its zone is known.
  useEffect(() => {
    setWhen(variant.scheduledPublishAt ? toWallTime(variant.scheduledPublishAt, timeZone) : '');
  }, [variant.scheduledPublishAt, timeZone]);
  const [postUrl, setPostUrl] = useState('');
  const onSuccess = () => {
    override.close();
    void refresh();
  };
  const approve = useMutation(trpc.variants.approve.mutationOptions({ onSuccess }));
  const schedule = useMutation(trpc.variants.schedule.mutationOptions({ onSuccess }));
  const unschedule = useMutation(trpc.variants.unschedule.mutationOptions({ onSuccess }));
  const publish = useMutation(trpc.variants.markPublished.mutationOptions({ onSuccess }));
  const mutations = [approve, schedule, unschedule, publish];
  const pending = mutations.some((m) => m.isPending);

  const run = (step: Step, reason?: string) => {
    const extra = { brandId, ...(reason ? { override: { reason } } : {}) };
    const onError = (error: unknown) => override.offer(step.action, step, error);
    if (step.action === 'Approve') approve.mutate({ ...step.input, ...extra }, { onError });
    else if (step.action === 'Schedule') schedule.mutate({ ...step.input, ...extra }, { onError });
    else publish.mutate({ ...step.input, ...extra }, { onError });
  };
  const submitSchedule = (event: FormEvent) => {
    event.preventDefault();
    if (when) run({ action: 'Schedule', input: { variantId: variant.id, scheduledFor: when } });
  };
  const submitPublish = (event: FormEvent) => {
    event.preventDefault();
    if (postUrl.trim()) run({ action: 'Mark published', input: { variantId: variant.id, postUrl: postUrl.trim() } });
  };
  // In place and focused (ErrorInPlace), so a refused step is read where its button is.
  const refusalOf = (mutation: (typeof mutations)[number]) => (
    <ErrorInPlace
      message={mutation.isError && !violationsOf(mutation.error) ? readableError(mutation.error) : null}
      className="small"
      onDismiss={() => mutation.reset()}
    />
  );

  if (variant.status === 'published') {
    return (
      <p className="small variant-lifecycle">
        Published{variant.publishedAt ? ` ${formatInTimeZone(variant.publishedAt, timeZone)}` : ''}
        {variant.postUrl ? (
          <>
            {' · '}
            <a href={variant.postUrl} target="_blank" rel="noopener noreferrer">
              View the post
            </a>
          </>
        ) : variant.externalPostId ? (
          <>
            {' as '}
            <code>{variant.externalPostId}</code>
          </>
        ) : null}
      </p>
    );
  }
  if (variant.status === 'rejected') return <p className="small muted variant-lifecycle">Rejected.</p>;
  if (packageStatus === 'archived') return null;

  const canApprove = (variant.status === 'draft' || variant.status === 'edited') && VARIANT_APPROVABLE_PACKAGE.includes(packageStatus);
  const canSchedule = SCHEDULABLE_PACKAGE.includes(packageStatus);
  // A scheduled draft is unscheduled first (the engine refuses otherwise); published and rejected are final.
  const canReject = variant.status !== 'scheduled';
  const scheduled = variant.status === 'scheduled' && variant.scheduledPublishAt;
  const waiting = pending || unsavedEdit;

  return (
    <div className="variant-lifecycle stack">
      {unsavedEdit && <p className="small muted">Approving, scheduling and publishing wait until the edit is saved.</p>}
      {(canApprove || canReject) && (
        <div className="variant-lifecycle__row">
          {canApprove && (
            <button
              type="button"
              className="button button--quiet"
              disabled={waiting}
              onClick={() => run({ action: 'Approve', input: { variantId: variant.id } })}
            >
              {approve.isPending ? 'Approving…' : 'Approve this draft'}
            </button>
          )}
          {canReject && <RejectVariant brandId={brandId} variant={variant} disabled={waiting} />}
          {refusalOf(approve)}
        </div>
      )}
      {scheduled && (
        <p className="small">
          Scheduled for <strong>{formatInTimeZone(variant.scheduledPublishAt!, timeZone)}</strong>
          <span className="muted"> · unschedule it to edit the text</span>
        </p>
      )}
      {canSchedule ? (
        <form className="variant-lifecycle__row" onSubmit={submitSchedule}>
          <label className="small" htmlFor={`${ids}-when`}>
            {scheduled ? 'Move to' : 'Schedule for'}
          </label>
          <input
            id={`${ids}-when`}
            type="datetime-local"
            value={when}
            min={toWallTime(new Date(), timeZone)}
            suppressHydrationWarning
            required
            aria-describedby={`${ids}-zone`}
            onChange={(event) => setWhen(event.target.value)}
          />
          <span id={`${ids}-zone`} className="small muted">
            {timeZone}
          </span>
          <button type="submit" className="button button--quiet" disabled={waiting || !when}>
            {schedule.isPending ? 'Saving…' : scheduled ? 'Reschedule' : 'Schedule'}
          </button>
          {scheduled && (
            <button
              type="button"
              className="button button--quiet"
              disabled={waiting}
              onClick={() => unschedule.mutate({ brandId, variantId: variant.id }, { onSuccess: () => setWhen('') })}
            >
              Unschedule
            </button>
          )}
          {refusalOf(schedule)}
          {refusalOf(unschedule)}
        </form>
      ) : (
        <p className="small muted">Approve the package to schedule this draft.</p>
      )}
      <form className="variant-lifecycle__row" onSubmit={submitPublish}>
        <label className="small" htmlFor={`${ids}-post`}>
          Post link
        </label>
        <input
          id={`${ids}-post`}
          type="url"
          value={postUrl}
          maxLength={2000}
          placeholder={POST_LINK_EXAMPLES[variant.channel]}
          onChange={(event) => setPostUrl(event.target.value)}
        />
        <button type="submit" className="button button--quiet" disabled={waiting || !postUrl.trim()}>
          {publish.isPending ? 'Saving…' : 'Mark published'}
        </button>
        {refusalOf(publish)}
      </form>
      {override.request && (
        <OverrideDialog
          action={override.request.action}
          violations={override.request.violations}
          pending={pending}
          error={null}
          onConfirm={(reason) => run(override.request!.input, reason)}
          onCancel={override.close}
        />
      )}
    </div>
  );
}
