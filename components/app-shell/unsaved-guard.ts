'use client';

import { useEffect } from 'react';

export const STRATEGY_UNSAVED_MESSAGE = 'You have unsaved changes to the strategy. Leave this page and lose them?';

/**
 * The forms on the page holding unsaved work, each with the question to ask before it is lost. One
 * registry for the whole page, so several dirty editors still ask once, and controls that navigate
 * without a link (the brand switcher) can ask through `confirmLeave`.
 */
const holders = new Set<{ message: string; onlyOnUnload: boolean }>();
let installed = false;

const beforeUnload = (event: BeforeUnloadEvent) => {
  event.preventDefault();
  // Older browsers show the prompt only when returnValue is set.
  event.returnValue = '';
};

/**
 * The app router has no navigation event to cancel, so a click on a same-origin link is caught on the
 * document in the capture phase, before Next's Link handles it.
 */
const linkClick = (event: MouseEvent) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!link || link.target === '_blank' || link.hasAttribute('download')) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  if (url.pathname === window.location.pathname && url.search === window.location.search) return;
  if (!confirmLeave()) {
    event.preventDefault();
    event.stopPropagation();
  }
};

function sync(): void {
  if (holders.size > 0 && !installed) {
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', linkClick, true);
    installed = true;
  } else if (holders.size === 0 && installed) {
    window.removeEventListener('beforeunload', beforeUnload);
    document.removeEventListener('click', linkClick, true);
    installed = false;
  }
}

/** True when nothing unsaved is on the page, or the person agrees to lose it. */
export function confirmLeave(): boolean {
  const first = [...holders].find((holder) => !holder.onlyOnUnload);
  return !first || window.confirm(first.message);
}

/**
 * While `dirty`, leaving the page asks first: closing or reloading the tab (beforeunload), following a
 * link inside the app, and switching brand. With `onlyOnUnload`, only closing or reloading asks: for
 * work that saves itself when its editor goes away (autosave), which a move inside the app allows but
 * the end of the document cuts short.
 */
export function useUnsavedGuard(dirty: boolean, message: string, { onlyOnUnload = false }: { onlyOnUnload?: boolean } = {}): void {
  useEffect(() => {
    if (!dirty) return;
    const holder = { message, onlyOnUnload };
    holders.add(holder);
    sync();
    return () => {
      holders.delete(holder);
      sync();
    };
  }, [dirty, message, onlyOnUnload]);
}
