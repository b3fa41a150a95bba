'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useUnsavedEdits } from '@/components/ui/use-unsaved-edits';
import { STRATEGY_BOUNDS } from '@/lib/strategy-rules';
import { useTRPC } from '@/trpc/react';
import type { BrandStrategyView } from '@/trpc/types';
import { LinesField, Problems } from './draft-review';
import { joinLines, linesOf } from './lines';
import { SaveState, useReportDirty, useStrategyRefresh } from './save-state';

interface VoiceFormProps {
  strategy: BrandStrategyView;
  canEdit: boolean;
  reportDirty: (key: string, dirty: boolean) => void;
}

/** Positioning, tone tags and taboos, saved together (`strategy.update`). */
export function VoiceForm({ strategy, canEdit, reportDirty }: VoiceFormProps) {
  const trpc = useTRPC();
  const refresh = useStrategyRefresh(strategy.brandId);
  const [positioning, setPositioning] = useState(strategy.positioning);
  const [toneTags, setToneTags] = useState(joinLines(strategy.toneTags));
  const [taboos, setTaboos] = useState(joinLines(strategy.taboos));
  const { dirty, edit, saved } = useUnsavedEdits();
  const form = useEarlyInput();
  const update = useMutation(trpc.strategy.update.mutationOptions({ onSuccess: () => refresh() }));
  useReportDirty('voice', dirty, reportDirty);

  const tones = linesOf(toneTags);
  const { toneTags: toneBounds } = STRATEGY_BOUNDS;
  const problems = {
    positioning: positioning.trim() ? [] : ['Say what the brand does, in a line or two'],
    toneTags:
      tones.length < toneBounds.min || tones.length > toneBounds.max
        ? [`List ${toneBounds.min}–${toneBounds.max}; there are ${tones.length}`]
        : [],
    taboos: linesOf(taboos).length ? [] : ['Name at least one'],
  };
  const valid = Object.values(problems).every((p) => p.length === 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { brandId: strategy.brandId, positioning: positioning.trim(), toneTags: tones, taboos: linesOf(taboos) },
      { onSuccess: saved },
    );
  };
  const disabled = !canEdit || update.isPending;

  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate>
      <label className="field">
        <span>Positioning</span>
        <textarea rows={3} maxLength={600} value={positioning} disabled={disabled} onChange={(e) => edit(setPositioning)(e.target.value)} />
        <span className="muted small">One to three sentences: what the brand does and for whom.</span>
        {canEdit && <Problems messages={problems.positioning} />}
      </label>
      <div className="strategy-lists">
        <LinesField
          label="Tone tags"
          hint={`${toneBounds.min}–${toneBounds.max}, one per line`}
          value={toneTags}
          maxItemLength={40}
          disabled={disabled}
          onChange={edit(setToneTags)}
          problems={canEdit ? problems.toneTags : undefined}
        />
        <LinesField
          label="Taboos"
          hint="Topics the brand never touches, one per line"
          value={taboos}
          maxItemLength={120}
          disabled={disabled}
          onChange={edit(setTaboos)}
          problems={canEdit ? problems.taboos : undefined}
        />
      </div>
      {canEdit && (
        <div className="brand-form__actions">
          <button type="submit" className="button" disabled={update.isPending || !dirty || !valid}>
            {update.isPending ? 'Saving…' : 'Save voice'}
          </button>
          <SaveState pending={update.isPending} dirty={dirty} saved={update.isSuccess} error={update.error} />
        </div>
      )}
    </form>
  );
}
