'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CHANNEL_LIMITS, type Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';

/** LinkedIn folds a post after about this many characters behind "…see more". */
const LINKEDIN_FOLD = 210;

/**
 * The draft as its channel shows it, updated as the person types: a LinkedIn post card under the
 * brand's name, an X post with its 280-character counter, a newsletter as a section of the email.
 * Channels without a look of their own get a plain card.
 */
export function DraftPreview({ brandId, channel, text }: { brandId: string; channel: Channel; text: string }) {
  const trpc = useTRPC();
  const { data: strategy } = useQuery(trpc.brands.strategy.queryOptions({ brandId }));
  const brandName = strategy?.brandName ?? 'Your brand';
  const handle = strategy?.channels.find((entry) => entry.channel === channel)?.handle.trim() ?? '';
  const label = `${CHANNEL_LABELS[channel]} preview`;

  if (channel === 'linkedin') return <LinkedInPreview brandName={brandName} handle={handle} text={text} label={label} />;
  if (channel === 'x') return <XPreview brandName={brandName} handle={handle} text={text} label={label} />;
  if (channel === 'newsletter') return <NewsletterPreview brandName={brandName} text={text} label={label} />;
  return (
    <figure className="preview preview--plain" aria-label={label}>
      <Author brandName={brandName} handle={handle} />
      <Body text={text} />
    </figure>
  );
}

function Author({ brandName, handle, detail }: { brandName: string; handle: string; detail?: string }) {
  return (
    <div className="preview__author">
      <span className="preview__avatar" aria-hidden="true">
        {brandName.trim().charAt(0).toUpperCase() || 'K'}
      </span>
      <span>
        <strong className="preview__name">{brandName}</strong>
        <span className="preview__handle">
          {handle ? (handle.startsWith('@') ? handle : `@${handle}`) : 'No handle set'}
          {detail ? ` · ${detail}` : ''}
        </span>
      </span>
    </div>
  );
}

function Body({ text }: { text: string }) {
  return text ? <div className="preview__text">{text}</div> : <p className="preview__text muted">Nothing written yet.</p>;
}

function LinkedInPreview({ brandName, handle, text, label }: { brandName: string; handle: string; text: string; label: string }) {
  const [expanded, setExpanded] = useState(false);
  const folded = !expanded && text.length > LINKEDIN_FOLD;
  return (
    <figure className="preview preview--linkedin" aria-label={label}>
      <Author brandName={brandName} handle={handle} detail="now" />
      <Body text={folded ? `${text.slice(0, LINKEDIN_FOLD).trimEnd()}…` : text} />
      {text.length > LINKEDIN_FOLD && (
        <button type="button" className="preview__more" aria-expanded={expanded} onClick={() => setExpanded((open) => !open)}>
          {expanded ? 'Show less' : 'See more (where LinkedIn folds the post)'}
        </button>
      )}
      <p className="preview__actions" aria-hidden="true">
        Like · Comment · Repost · Send
      </p>
    </figure>
  );
}

function XPreview({ brandName, handle, text, label }: { brandName: string; handle: string; text: string; label: string }) {
  const limit = CHANNEL_LIMITS.x;
  const left = limit - text.length;
  return (
    <figure className="preview preview--x" aria-label={label}>
      <Author brandName={brandName} handle={handle} detail="now" />
      <Body text={text} />
      <p className={left < 0 ? 'preview__counter preview__counter--over' : 'preview__counter'}>
        {text.length} / {limit}
        {left < 0 ? ` · ${-left} over` : left <= 20 ? ` · ${left} left` : ''}
      </p>
    </figure>
  );
}

function NewsletterPreview({ brandName, text, label }: { brandName: string; text: string; label: string }) {
  // A short first line reads as the section's heading, as the newsletter drafts are written.
  const [first = '', ...rest] = text.split('\n');
  const heading = first.trim().length > 0 && first.trim().length <= 90 && rest.some((line) => line.trim()) ? first.trim() : null;
  return (
    <figure className="preview preview--newsletter" aria-label={label}>
      <p className="preview__email-from small">
        From <strong>{brandName}</strong>
      </p>
      <div className="preview__email">
        {heading && <h4 className="preview__email-heading">{heading}</h4>}
        <Body text={heading ? rest.join('\n').trim() : text} />
      </div>
    </figure>
  );
}
