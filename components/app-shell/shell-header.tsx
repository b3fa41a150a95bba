'use client';

import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useReturnFocus } from '@/components/ui/use-return-focus';

/**
 * The brand shell's header. On a wide screen everything is in view: the bar (wordmark, brand switcher)
 * with the viewer's links on its right, the brand's sections below. On a phone it is one row (the bar
 * and a Menu button), so the page itself starts on the first screen; the sections and the viewer's
 * links open below that row. The menu closes on Escape (focus back on the button), on a click outside
 * the header, and once a link in it has been followed.
 */
export function ShellHeader({ bar, sections, viewer }: { bar: ReactNode; sections: ReactNode; viewer: ReactNode }) {
  const [open, setOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const button = useReturnFocus<HTMLButtonElement>(open, header);
  const pathname = usePathname();

  // A followed link lands on another page: the menu has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the pathname is the trigger, not an input.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => event.target instanceof Node && !header.current?.contains(event.target);
    const onPointerDown = (event: PointerEvent) => {
      if (outside(event)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !outside(event)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <header ref={header} className="shell-header shell-header--foldable" data-menu-open={open || undefined}>
      <div className="shell-header__inner">
        <div className="shell-header__row">
          {bar}
          <button
            ref={button}
            type="button"
            className="button button--quiet shell-menu-button"
            aria-expanded={open}
            aria-controls="shell-sections shell-viewer"
            onClick={() => setOpen((current) => !current)}
          >
            Menu
          </button>
        </div>
        <div id="shell-sections" className="shell-header__sections">
          {sections}
        </div>
        <div id="shell-viewer" className="shell-header__viewer">
          {viewer}
        </div>
      </div>
    </header>
  );
}
