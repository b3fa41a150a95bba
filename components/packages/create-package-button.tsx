'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { rateLimitMessage } from '@/components/llm/rate-limited';
import type { Channel } from '@/engines/enums';
import { WIRED_CHANNELS } from '@/lib/channels';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';

const PROGRESS_POLL_MS = 700;
const NOT_STARTED_GRACE_MS = 15_000;

const STATE_LABELS = {
  waiting: 'Waiting for the thesis…',
  drafting: 'Drafting…',
  drafted: 'Drafted, checking…',
  saved: 'Ready',
  failed: 'Failed — see the workspace',
} as const;

/** How a build that ended without its package reads; "Try again" then builds afresh with the same key. */
const ENDED_LABELS = {
  failed: 'The build failed — try again.',
  interrupted: 'The build was interrupted — try again.',
} as const;

/**
 * "Create package" on an opportunity: pick channels, run F2, watch each channel's drafts arrive, land
 * on the workspace. Each attempt has its own idempotency key; retrying a failed attempt reuses it, so
 * a request that did reach the server is never turned into a second package. A retry of a key whose
 * build is still running is answered within seconds with that build's progress; then, as when the
 * request itself is lost (a dropped connection) while the build goes on, the progress keeps being
 * polled and the button lands on the package once its build succeeds. A build that failed or was
 * interrupted (its server died) says so, and "Try again" starts a new build at once.
 */
export function CreatePackageButton({
  brandId,
  opportunityId,
  opportunityTitle,
  suggestedChannel,
  initiallyOpen = false,
}: {
  brandId: string;
  opportunityId: string;
  opportunityTitle: string;
  suggestedChannel: Channel;
  /** Open with the channel picker showing (after the person confirmed a second package). */
  initiallyOpen?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const panelId = useId();
  const firstBox = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(initiallyOpen);
  const [channels, setChannels] = useState<Channel[]>(() => initialChannels(suggestedChannel));
  const [attemptKey, setAttemptKey] = useState<string | null>(null);

  const create = useMutation(
    trpc.packages.createFromOpportunity.mutationOptions({
      onSuccess: (answer) => {
        if (!('building' in answer)) router.push(`/brands/${brandId}/packages/${answer.package.id}`);
      },
    }),
  );
  // The request ended without the package: it failed, or a duplicate was answered with progress.
  const handedToProgress = create.isError || (create.isSuccess && 'building' in create.data);
  const progress = useQuery({
    ...trpc.packages.buildProgress.queryOptions({ brandId, idempotencyKey: attemptKey ?? 'none', channels }),
    enabled: (create.isPending || handedToProgress) && attemptKey !== null,
    // Once the request has ended, poll while the key's build is running, or for a while until it shows
    // up (a request lost on its way may still have reached the server).
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      const mayStillAppear = status === 'not_started' && Date.now() - create.submittedAt < NOT_STARTED_GRACE_MS;
      return create.isPending || status === 'running' || mayStillAppear ? PROGRESS_POLL_MS : false;
    },
    staleTime: 0,
  });
  const rateLimited = rateLimitMessage(create.error);
  const builtPackageId = handedToProgress && progress.data?.status === 'succeeded' ? progress.data.packageId : null;
  const ended =
    handedToProgress && (progress.data?.status === 'failed' || progress.data?.status === 'interrupted') ? progress.data.status : null;

  useEffect(() => {
    if (open) firstBox.current?.focus();
  }, [open]);
  useEffect(() => {
    if (builtPackageId) router.push(`/brands/${brandId}/packages/${builtPackageId}`);
  }, [builtPackageId, brandId, router]);

  const busy = (create.isPending || create.isSuccess) && !ended;
  // A lost request whose build goes on: its progress stays in view while "Try again" is offered.
  const showProgress = busy || (create.isError && progress.data?.status === 'running');
  const toggle = (channel: Channel) => {
    // Another channel set is another request: it gets a new key, or the server would refuse it as a conflict.
    setAttemptKey(null);
    create.reset();
    setChannels((current) => (current.includes(channel) ? current.filter((c) => c !== channel) : [...current, channel]));
  };
  const start = () => {
    const key = attemptKey ?? crypto.randomUUID();
    setAttemptKey(key);
    create.mutate({ brandId, opportunityId, channels: orderChannels(channels), idempotencyKey: key });
  };

  return (
    <div className="create-package">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        disabled={busy}
      >
        Create package
      </button>
      {open && (
        <div
          id={panelId}
          className="create-package__panel"
          role="group"
          aria-label={`Create a package from “${opportunityTitle}”`}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !busy) setOpen(false);
          }}
        >
          <fieldset className="create-package__channels" disabled={busy}>
            <legend>Channels</legend>
            {WIRED_CHANNELS.map((channel, i) => (
              <label key={channel} className="create-package__channel">
                <input
                  ref={i === 0 ? firstBox : undefined}
                  type="checkbox"
                  checked={channels.includes(channel)}
                  onChange={() => toggle(channel)}
                />
                {CHANNEL_LABELS[channel]}
              </label>
            ))}
          </fieldset>
          <div className="create-package__actions">
            <button type="button" className="button" onClick={start} disabled={busy || channels.length === 0}>
              {create.isError || ended
                ? 'Try again'
                : busy
                  ? 'Building…'
                  : `Build for ${channels.length} channel${channels.length === 1 ? '' : 's'}`}
            </button>
            {!busy && (
              <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
                Cancel
              </button>
            )}
          </div>
          {channels.length === 0 && <p className="small muted">Pick at least one channel.</p>}
          {showProgress && (
            <ul className="create-package__progress" aria-live="polite" aria-label="Build progress">
              {orderChannels(channels).map((channel) => {
                const built = create.isSuccess && !handedToProgress;
                const state = built ? 'saved' : (progress.data?.channels.find((c) => c.channel === channel)?.state ?? 'waiting');
                return (
                  <li key={channel} data-state={state}>
                    <span className="create-package__channel-name">{CHANNEL_LABELS[channel]}</span>{' '}
                    <span className="muted">{STATE_LABELS[state]}</span>
                  </li>
                );
              })}
              {(create.isSuccess && !handedToProgress) || builtPackageId ? <li className="muted">Opening the workspace…</li> : null}
            </ul>
          )}
          {ended && (
            <p className="form-error" role="alert" data-testid="build-ended">
              {ENDED_LABELS[ended]}
            </p>
          )}
          {create.isError && !ended && (
            <p className="form-error" role="alert">
              {rateLimited
                ? `${rateLimited}. Nothing was built: wait, then press “Try again”.`
                : `Could not create the package: ${create.error.message}`}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function initialChannels(suggested: Channel): Channel[] {
  return (WIRED_CHANNELS as readonly Channel[]).includes(suggested) ? [suggested] : [WIRED_CHANNELS[0]];
}

/** In the order the picker lists them, so the package's channel order does not depend on click order. */
function orderChannels(channels: Channel[]): Channel[] {
  return WIRED_CHANNELS.filter((c) => channels.includes(c));
}
