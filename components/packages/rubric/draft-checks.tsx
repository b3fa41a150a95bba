'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Channel } from '@/engines/enums';
import { draftHardFailures, type HardFailure } from '@/lib/draft-rules';
import { useTRPC } from '@/trpc/react';

/** Characters shown either side of the offending range. */
const AROUND = 24;

/**
 * The draft rubric's hard rules on the text as it is typed (the same functions F2's guard rail and
 * variants.evaluate use): each problem in words with the offending excerpt highlighted. The editor's
 * own count shows the characters against the channel's limit. The brand's taboos come from the
 * workspace already on the page.
 */
export function DraftChecks({ brandId, packageId, channel, text }: { brandId: string; packageId: string; channel: Channel; text: string }) {
  const trpc = useTRPC();
  const { data: view } = useQuery(trpc.packages.workspace.queryOptions({ brandId, packageId }));
  const taboos = view?.strategy.taboos;
  const failures = useMemo(() => draftHardFailures(text, { channel, taboos: taboos ?? [] }), [text, channel, taboos]);

  return (
    <div className="draft-checks" role="status" aria-live="polite">
      {failures.length === 0 ? (
        <p className="small muted">Passes the hard rules (taboos, length, template and model text, repeats).</p>
      ) : (
        <ul className="draft-checks__list" aria-label="Problems in this draft">
          {failures.map((failure, index) => (
            <li key={`${failure.rule}-${index}`} className="small">
              <span className="form-error">This draft {failure.message}.</span>
              {failure.span && <Excerpt text={text} failure={failure} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Excerpt({ text, failure }: { text: string; failure: HardFailure }) {
  const { start, end } = failure.span!;
  const from = Math.max(0, start - AROUND);
  const to = Math.min(text.length, end + AROUND);
  // An overflow span can run to thousands of characters: show where it starts.
  const markedEnd = Math.min(end, start + 80);
  return (
    <q className="draft-checks__excerpt">
      {from > 0 ? '…' : ''}
      {text.slice(from, start)}
      <mark>{text.slice(start, markedEnd)}</mark>
      {markedEnd < end ? '…' : text.slice(end, to)}
      {to < text.length && markedEnd >= end ? '…' : ''}
    </q>
  );
}
