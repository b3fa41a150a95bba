'use client';

import { type RefObject, useEffect, useRef } from 'react';

/**
 * Keeps what a person typed into a server-rendered form before React hydrated it. The page arrives as
 * HTML and takes typing at once, but its handlers come with the script: when React hydrates, it keeps
 * the DOM's value and records it as already seen, so no onChange ever reports it, the component's
 * state stays empty while the field shows the text, and a button that waits for a name stays disabled
 * (typing again the same text changes nothing either). On mount, this replays each field that differs
 * from what React rendered as the change it was, through the handlers the form already has. Put the
 * returned ref on the <form>:
 *
 *   const form = useEarlyInput();
 *   <form ref={form} onSubmit={submit}>…</form>
 */
export function useEarlyInput(): RefObject<HTMLFormElement | null> {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    for (const element of Array.from(form.current?.elements ?? [])) replayEarlyChange(element);
  }, []);
  return form;
}

function replayEarlyChange(element: Element): void {
  if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
    // A radio is replayed through the one now chosen; the one it replaced follows from the click.
    if (element.checked === element.defaultChecked || (element.type === 'radio' && !element.checked)) return;
    // Back to what React rendered through the element's own setter (React's record follows it), then
    // the person's click once more, which React reports as a change.
    element.checked = element.defaultChecked;
    element.click();
  } else if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    if (element.value === element.defaultValue) return;
    const typed = element.value;
    // React's record takes the rendered value through the element's own setter; the prototype's
    // setter then puts the typed text back without it, so the input event reads as a change.
    element.value = element.defaultValue;
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set?.call(element, typed);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  } else if (element instanceof HTMLSelectElement) {
    // The server marks the option it rendered as chosen; React, rendering a select in the browser,
    // chooses without marking, so a select with no marked option was not on the server's page. A select
    // keeps no record: its change event is always reported.
    const rendered = Array.from(element.options).find((option) => option.defaultSelected);
    if (rendered && !rendered.selected) element.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
