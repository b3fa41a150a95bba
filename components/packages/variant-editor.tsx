'use client';

import { useEffect, useId } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { CHANNEL_LIMITS } from '@/engines/enums';
import { isOfflineModelLabel } from '@/lib/labels';
import { VARIANT_STATUS_LABELS } from '@/lib/package-lifecycle';
import type { VariantDTO } from '@/trpc/types';
import { DraftPreview } from './draft-preview';
import { VariantLifecycle } from './lifecycle/variant-lifecycle';
import { DraftChecks } from './rubric/draft-checks';
import { QualityBadge } from './rubric/quality-badge';
import { type DraftSave, type DraftSaveSummary, useDraftAutosave } from './use-draft-autosave';

/**
 * One variant: its text to edit with a live count against the channel limit beside a preview that looks
 * like the channel's post (with Copy), why it was written, and publishing. The text saves itself as the
 * person writes (use-draft-autosave.ts); a failed save keeps the edit in the box and says why beside it.
 */
export function VariantEditor({
  brandId,
  variant,
  label,
  patternName,
  editable,
  onSaveChange,
}: {
  brandId: string;
  variant: VariantDTO;
  label: string;
  patternName: string;
  editable: boolean;
  /** Told where the draft's unsaved work stands (the channel guards leaving and marks its tab). */
  onSaveChange: (summary: DraftSaveSummary) => void;
}) {
  const ids = useId();
  // A scheduled variant's text is what goes out: it is unscheduled before it changes.
  const final = variant.status === 'published' || variant.status === 'rejected' || variant.status === 'scheduled';
  const canEdit = editable && !final;
  const draft = useDraftAutosave(brandId, variant, canEdit);
  const { text, dirty, save } = draft;

  const limit = CHANNEL_LIMITS[variant.channel];
  const over = text.length > limit;

  useEffect(() => onSaveChange(draft.summary), [draft.summary, onSaveChange]);

  return (
    <div className="variant" data-status={variant.status}>
      <div className="variant__meta small">
        {variant.status !== 'edited' && <span className="badge">{VARIANT_STATUS_LABELS[variant.status]}</span>}
        <AuthorLabel variant={variant} dirty={dirty} />
        <span>Pattern: {patternName}</span>
        <QualityBadge brandId={brandId} variant={variant} dirty={dirty} />
      </div>
      <div className="variant__body">
        <div className="variant__edit">
          <label className="field" htmlFor={`${ids}-text`}>
            {label}
          </label>
          <textarea
            id={`${ids}-text`}
            className="variant__text"
            value={text}
            readOnly={!canEdit}
            rows={Math.min(24, Math.max(6, Math.ceil(text.length / 70) + text.split('\n').length))}
            aria-describedby={`${ids}-count ${ids}-save`}
            aria-invalid={over || undefined}
            onChange={(event) => draft.setText(event.target.value)}
            onBlur={() => canEdit && draft.saveNow()}
            onKeyDown={(event) => {
              if ((event.metaKey || event.ctrlKey) && event.key === 's' && canEdit) {
                event.preventDefault();
                draft.saveNow();
              }
            }}
          />
          <div className="variant__bar">
            <span id={`${ids}-count`} className={over ? 'variant__count variant__count--over' : 'variant__count'}>
              {text.length.toLocaleString('en')} / {limit.toLocaleString('en')} characters{over ? ' — over the limit' : ''}
            </span>
            {canEdit && (
              <span className="variant__save">
                <span id={`${ids}-save`} className={save.kind === 'failed' ? 'form-error small' : 'small muted'} role="status">
                  {saveStatus(save, dirty)}
                </span>
                {save.kind === 'failed' &&
                  (save.conflict ? (
                    <>
                      <button type="button" className="button button--quiet" onClick={draft.takeSaved} disabled={!draft.theirsLoaded}>
                        Use the saved version
                      </button>
                      <button type="button" className="button button--quiet" onClick={draft.saveOver} disabled={!draft.theirsLoaded}>
                        Save mine over it
                      </button>
                    </>
                  ) : (
                    <button type="button" className="button button--quiet" onClick={draft.saveNow}>
                      Retry
                    </button>
                  ))}
                {dirty && save.kind !== 'saving' && !(save.kind === 'failed' && save.conflict) && (
                  <button type="button" className="button button--quiet" onClick={draft.undo}>
                    Undo
                  </button>
                )}
              </span>
            )}
          </div>
          {canEdit && <DraftChecks brandId={brandId} packageId={variant.packageId} channel={variant.channel} text={text} />}
        </div>
        <div className="variant__preview">
          <DraftPreview brandId={brandId} channel={variant.channel} text={text} />
          <CopyButton text={text} label={label} />
        </div>
      </div>
      {variant.rationale && <p className="small variant__rationale">Why: {variant.rationale}</p>}
      {variant.safetyFlags.length > 0 && (
        <ul className="variant__flags" aria-label="Safety flags">
          {variant.safetyFlags.map((flag) => (
            <li key={flag} className="badge badge--warning" title={flag}>
              {flagLabel(flag)}
            </li>
          ))}
        </ul>
      )}
      <VariantLifecycle brandId={brandId} variant={variant} unsavedEdit={dirty} />
    </div>
  );
}

/** The quiet line beside the editor: where the autosave is, and why a save was refused. */
function saveStatus(save: DraftSave, dirty: boolean): string {
  switch (save.kind) {
    case 'waiting':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return dirty ? 'Saving…' : 'Saved';
    case 'failed':
      return save.conflict
        ? 'Not saved. Someone else changed this draft after you opened it; your text is still here.'
        : `Not saved. ${save.reason}`;
    case 'idle':
      return dirty ? 'Not saved yet' : 'Saves as you type';
  }
}

/**
 * A stored safety flag in words, sentence case like every badge: the guard rail stores rule names
 * ("repaired_by_guard_rail", "taboo:cheapest"); a model's own flags are free text.
 */
function flagLabel(flag: string): string {
  if (flag === 'repaired_by_guard_rail') return 'Repaired by the guard rail';
  const words = flag.startsWith('taboo:') ? `Taboo: ${flag.slice('taboo:'.length)}` : flag.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Who wrote the text: from a person's first keystroke the draft is theirs ("Edited"), whoever drafted it
 * first (kept in the tooltip); before that, the model that wrote it.
 */
function AuthorLabel({ variant, dirty }: { variant: VariantDTO; dirty: boolean }) {
  const model = variant.generatedByModel;
  const firstDraft = model ? `First draft: ${isOfflineModelLabel(model) ? 'offline model' : model}` : undefined;
  if (dirty || variant.editedText !== null)
    return (
      <span className="badge badge--edited" title={firstDraft}>
        Edited
      </span>
    );
  return <ModelLabel label={model} />;
}

function ModelLabel({ label }: { label: string | null }) {
  if (!label) return <span className="badge">Written by a person</span>;
  if (isOfflineModelLabel(label))
    return (
      <span className="badge badge--offline" title={label}>
        Offline model (no AI configured)
      </span>
    );
  return <span className="badge">Model: {label}</span>;
}
