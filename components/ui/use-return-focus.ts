'use client';

import { type RefObject, useEffect, useRef } from 'react';

/**
 * Focus goes back to the control that opened a panel (a confirmation, an inline form, a menu) when the
 * panel closes, so a keyboard or screen-reader user carries on where they were instead of at the top
 * of the page. Put the returned ref on the opening control:
 *
 *   const retireButton = useReturnFocus<HTMLButtonElement>(confirmingRetire);
 *   <button ref={retireButton} onClick={() => setConfirmingRetire(true)}>Retire</button>
 *
 * The control is often re-rendered while the panel is open (hidden, or replaced by the panel), so the
 * ref is read after the close, when the control is back. Focus moves only when it was lost with the
 * panel (it sits on <body>) or is still inside a panel that stays mounted (`panel`); a person who
 * already clicked or tabbed somewhere else keeps their place. When the control did not come back (the
 * panel's action removed it) nothing moves.
 */
export function useReturnFocus<T extends HTMLElement>(open: boolean, panel?: RefObject<HTMLElement | null>): RefObject<T | null> {
  const trigger = useRef<T>(null);
  const wasOpen = useRef(open);

  useEffect(() => {
    const closed = wasOpen.current && !open;
    wasOpen.current = open;
    if (!closed) return;
    const active = document.activeElement;
    const focusLost = !active || active === document.body;
    const focusInPanel = !!active && !!panel?.current?.contains(active);
    if ((focusLost || focusInPanel) && trigger.current?.isConnected) trigger.current.focus();
  }, [open, panel]);

  return trigger;
}
