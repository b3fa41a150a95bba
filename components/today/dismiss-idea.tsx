'use client';

import { type FormEvent, useId, useRef, useState } from 'react';
import { useMenuDismiss } from '@/components/menus/use-menu-dismiss';

/** The reason's limit, as the server keeps it. */
const MAX_REASON = 500;

/**
 * "Not relevant" in a card's actions: an optional reason, then the idea leaves the board for good
 * (a feed bringing the same title back does not revive it). The board removes the card at once.
 */
export function DismissIdea({ title, onDismiss }: { title: string; onDismiss: (reason: string | undefined) => void }) {
  const id = useId();
  const menu = useRef<HTMLDetailsElement>(null);
  const [reason, setReason] = useState('');
  useMenuDismiss(menu);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onDismiss(reason.trim() || undefined);
    if (menu.current) menu.current.open = false;
  };

  return (
    <details className="menu" ref={menu}>
      <summary className="button button--quiet">Not relevant</summary>
      <form className="menu__items dismiss-idea" onSubmit={submit} aria-label={`Dismiss ${title}`}>
        <label className="field small" htmlFor={`${id}-reason`}>
          <span>Why not? (optional)</span>
        </label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={MAX_REASON} />
        <button type="submit" className="button button--quiet">
          Dismiss idea
        </button>
      </form>
    </details>
  );
}
