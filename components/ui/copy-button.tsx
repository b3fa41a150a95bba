'use client';

import { useEffect, useRef, useState } from 'react';

const COPIED_FOR_MS = 2_000;

/**
 * "Copy": a text (a variant's draft, a new ingest key) to the clipboard, then "Copied" for a moment. Where the clipboard API is
 * missing or refused (an insecure origin, a denied permission), the text is shown selected instead, for
 * the person to copy with their own keys.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const fallback = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state === 'copied') {
      const timer = setTimeout(() => setState('idle'), COPIED_FOR_MS);
      return () => clearTimeout(timer);
    }
    if (state === 'manual') fallback.current?.select();
  }, [state]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <span className="copy-text">
      <button type="button" className="button button--quiet" onClick={copy} disabled={!text} aria-label={`Copy ${label}`}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
      {state === 'manual' && (
        <label className="copy-text__fallback">
          <span className="small muted">The clipboard is not available here: the text is selected, copy it with your keys.</span>
          <textarea ref={fallback} readOnly value={text} rows={4} onBlur={() => setState('idle')} />
        </label>
      )}
    </span>
  );
}
