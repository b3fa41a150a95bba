'use client';

import { type RefObject, useEffect } from 'react';

/**
 * A `<details className="menu">` closes as people expect a menu to: on Escape (focus goes back to its
 * summary, the control that opened it) and on a click or focus anywhere outside it.
 */
export function useMenuDismiss(menu: RefObject<HTMLDetailsElement | null>) {
  useEffect(() => {
    const details = menu.current;
    if (!details) return;
    const close = (returnFocus: boolean) => {
      if (!details.open) return;
      details.open = false;
      if (returnFocus) details.querySelector('summary')?.focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && details.open) {
        event.stopPropagation();
        close(true);
      }
    };
    const onPointerDown = (event: Event) => {
      if (details.open && event.target instanceof Node && !details.contains(event.target)) close(false);
    };
    details.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('focusin', onPointerDown);
    return () => {
      details.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('focusin', onPointerDown);
    };
  }, [menu]);
}
