'use client';

import { useState } from 'react';

/**
 * An editor's "unsaved" flag. Each setter wrapped by `edit` marks the editor unsaved as it changes a
 * value, so "Saved" never shows over a change that is not stored; `saved()` clears it once the save
 * has answered.
 */
export function useUnsavedEdits() {
  const [dirty, setDirty] = useState(false);
  const edit =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setDirty(true);
    };
  return { dirty, edit, saved: () => setDirty(false) };
}
