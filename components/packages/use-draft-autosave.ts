'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { readableError, UNEXPLAINED_FAILURE } from '@/components/errors/error-in-place';
import { useTRPC, useTRPCClient } from '@/trpc/react';
import type { VariantDTO } from '@/trpc/types';
import { useWorkspaceCache } from './use-workspace-cache';

/** How long typing pauses before the draft is saved. */
const AUTOSAVE_DELAY_MS = 1_000;

export type DraftSave =
  | { kind: 'idle' }
  /** Typed; the save starts once typing pauses (or the box loses focus). */
  | { kind: 'waiting' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  /** `conflict`: the draft changed under the person (someone else saved it); their text stays in the box. */
  | { kind: 'failed'; reason: string; conflict: boolean };

/** Where the editor's unsaved work stands, for the page's leave-guard and the channel marks. */
export type DraftSaveSummary = 'clean' | 'pending' | 'failed';

/** The stored version the text in the box was made on: a save says it replaces this one. */
interface Base {
  text: string;
  updatedAt: Date;
}

/**
 * Edits whose editor went away before they were saved (a link followed, the brand switched, the back
 * button): the editor saves them on its way out, and one that comes back while that save is still
 * running, or after it failed, starts from them instead of the stored text. Kept for the tab's life;
 * a reload is covered by the leave-guard instead.
 */
const leftBehind = new Map<string, { text: string; base: Date }>();

const isConflict = (error: unknown) => (error as { data?: { code?: unknown } } | null)?.data?.code === 'CONFLICT';

/**
 * Why a save failed, in words: the server's reason, or for a dropped connection the app's usual "nothing
 * was changed" said the autosave way, since the person's text is still in the box.
 */
function saveFailure(error: unknown): string {
  const reason = readableError(error);
  return reason === UNEXPLAINED_FAILURE
    ? 'Kairo could not be reached. Your text is still here; Retry, or keep writing and it saves again.'
    : reason;
}

/**
 * A draft that saves itself: a second after typing pauses, when the box loses focus, on Ctrl/Cmd-S, and
 * when the editor goes away. Each save names the version it was made on, so an edit never overwrites
 * someone else's newer one: that refusal keeps the person's text and says so.
 */
export function useDraftAutosave(brandId: string, variant: VariantDTO, canEdit: boolean) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cache = useWorkspaceCache(brandId, variant.packageId);
  const variantId = variant.id;

  const [kept] = useState(() => leftBehind.get(variantId));
  const [text, setTextState] = useState(kept?.text ?? variant.text);
  const [save, setSave] = useState<DraftSave>({ kind: 'idle' });
  // Read by timers, the save's answer and the unmount flush, which outlive the render that made them.
  const base = useRef<Base>({ text: variant.text, updatedAt: kept?.base ?? variant.updatedAt });
  const [baseText, setBaseText] = useState(base.current.text);
  const current = useRef(text);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<unknown> | null>(null);
  // Refused for someone else's change: typing on does not retry until the person chooses.
  const conflicted = useRef(false);

  const rebase = useCallback((next: Base) => {
    base.current = next;
    setBaseText(next.text);
  }, []);

  const send = useCallback(
    (value: string, expectedUpdatedAt: Date) =>
      client.variants.update.mutate({ brandId, variantId, text: value, expectedUpdatedAt }).then((saved) => {
        if (leftBehind.get(variantId)?.text === value) leftBehind.delete(variantId);
        // Rebased before the cache changes, so the new version reads as this save, not someone else's.
        rebase({ text: saved.text, updatedAt: saved.updatedAt });
        cache.setVariant(saved);
        return saved;
      }),
    [brandId, variantId, client, cache, rebase],
  );

  const saveNow = useCallback(
    (expectedUpdatedAt?: Date): void => {
      clearTimeout(timer.current);
      const value = current.current;
      if (inFlight.current) {
        // One save at a time: the next one needs the version this one makes.
        void inFlight.current.finally(() => saveNow());
        return;
      }
      if (value === base.current.text) {
        setSave((state) => (state.kind === 'waiting' || state.kind === 'failed' ? { kind: 'idle' } : state));
        return;
      }
      if (value.trim() === '') {
        setSave({ kind: 'failed', reason: 'A draft cannot be empty; write something or undo', conflict: false });
        return;
      }
      setSave({ kind: 'saving' });
      conflicted.current = false;
      const request = send(value, expectedUpdatedAt ?? base.current.updatedAt).then(
        () => {
          inFlight.current = null;
          // Typed on while it saved: the pause after that typing saves it.
          setSave({ kind: current.current === value ? 'saved' : 'waiting' });
        },
        (error: unknown) => {
          inFlight.current = null;
          const conflict = isConflict(error);
          conflicted.current = conflict;
          setSave({ kind: 'failed', reason: saveFailure(error), conflict });
          // Their version comes in for "Use the saved version"; the box keeps this person's text.
          if (conflict)
            void queryClient.invalidateQueries({ queryKey: trpc.packages.workspace.queryKey({ brandId, packageId: variant.packageId }) });
        },
      );
      inFlight.current = request;
    },
    [send, queryClient, trpc, brandId, variant.packageId],
  );

  const setText = (next: string) => {
    current.current = next;
    setTextState(next);
    clearTimeout(timer.current);
    if (next === base.current.text) {
      setSave((state) => (state.kind === 'saving' ? state : { kind: 'idle' }));
      return;
    }
    setSave((state) => (state.kind === 'saving' || state.kind === 'failed' ? state : { kind: 'waiting' }));
    if (!conflicted.current) timer.current = setTimeout(() => saveNow(), AUTOSAVE_DELAY_MS);
  };

  // Someone else's change arrives (a refetch): with no edit here the box shows it; when it left the
  // text alone (an approval, a score) or matches this edit, the edit now stands on it. When both changed
  // the text, the base stays, so the next save is refused and the person chooses.
  useEffect(() => {
    const known = base.current;
    if (variant.updatedAt.getTime() === known.updatedAt.getTime()) return;
    const local = current.current;
    if (local === known.text) {
      current.current = variant.text;
      setTextState(variant.text);
      rebase({ text: variant.text, updatedAt: variant.updatedAt });
    } else if (variant.text === local || variant.text === known.text) {
      rebase({ text: variant.text, updatedAt: variant.updatedAt });
    }
  }, [variant.updatedAt, variant.text, rebase]);

  // An edit left behind by an earlier visit is saved again at once.
  useEffect(() => {
    if (kept && canEdit) saveNow();
  }, [kept, canEdit, saveNow]);

  // Leaving with an edit not saved yet: it is saved on the way out (the tab lives on, so the request
  // completes) and kept for an editor that comes back before it has.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      const value = current.current;
      if (!canEdit || value === base.current.text || value.trim() === '') return;
      leftBehind.set(variantId, { text: value, base: base.current.updatedAt });
      void (inFlight.current ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => (value === base.current.text ? undefined : send(value, base.current.updatedAt)))
        .catch(() => undefined);
    },
    [canEdit, variantId, send],
  );

  const dirty = text !== baseText;
  // After a refusal, the choice waits for the other person's version to reach the page.
  const theirsLoaded = variant.updatedAt.getTime() !== base.current.updatedAt.getTime();
  const summary: DraftSaveSummary = !dirty ? 'clean' : save.kind === 'failed' ? 'failed' : 'pending';

  return {
    text,
    setText,
    dirty,
    save,
    summary,
    theirsLoaded,
    /** Now rather than after the pause: on blur, Ctrl/Cmd-S and Retry (after a conflict, only the person's choice saves). */
    saveNow: () => {
      if (dirty && !conflicted.current) saveNow();
    },
    /** After a refusal for someone else's change: this text over theirs. */
    saveOver: () => saveNow(variant.updatedAt),
    /** After a refusal for someone else's change: their text in the box, this edit dropped. */
    takeSaved: () => {
      clearTimeout(timer.current);
      leftBehind.delete(variantId);
      conflicted.current = false;
      current.current = variant.text;
      setTextState(variant.text);
      rebase({ text: variant.text, updatedAt: variant.updatedAt });
      setSave({ kind: 'idle' });
    },
    /** Back to the stored text. */
    undo: () => {
      clearTimeout(timer.current);
      leftBehind.delete(variantId);
      conflicted.current = false;
      current.current = base.current.text;
      setTextState(base.current.text);
      setSave({ kind: 'idle' });
    },
  };
}
