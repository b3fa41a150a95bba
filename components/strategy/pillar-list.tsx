'use client';

import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useUnsavedEdits } from '@/components/ui/use-unsaved-edits';
import { useTRPC } from '@/trpc/react';
import type { PillarDTO } from '@/trpc/types';
import { MoveButtons, Problems } from './draft-review';
import { SaveState, useReportDirty, useStrategyRefresh } from './save-state';

interface PillarListProps {
  brandId: string;
  canEdit: boolean;
  reportDirty: (key: string, dirty: boolean) => void;
}

/** Every pillar of the brand by priority (inactive ones too): edit, move up or down, deactivate, add. */
export function PillarList({ brandId, canEdit, reportDirty }: PillarListProps) {
  const trpc = useTRPC();
  const refresh = useStrategyRefresh(brandId);
  const { data: pillars } = useSuspenseQuery(trpc.strategy.pillars.queryOptions({ brandId }));
  const reorder = useMutation(trpc.strategy.reorderPillars.mutationOptions({ onSuccess: () => refresh() }));
  const move = (index: number, by: -1 | 1) => {
    const ids = pillars.map((p) => p.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    reorder.mutate({ brandId, pillarIds: ids });
  };
  const nextRank = Math.max(0, ...pillars.map((p) => p.priorityRank ?? 0)) + 1;

  return (
    <div className="stack">
      {pillars.length === 0 && <p className="muted">No pillars yet.</p>}
      <ol className="strategy-list">
        {pillars.map((pillar, index) => (
          <li key={pillar.id}>
            <PillarRow
              pillar={pillar}
              position={index + 1}
              canEdit={canEdit}
              reportDirty={reportDirty}
              moving={reorder.isPending}
              onUp={index > 0 ? () => move(index, -1) : undefined}
              onDown={index < pillars.length - 1 ? () => move(index, 1) : undefined}
            />
          </li>
        ))}
      </ol>
      {reorder.error && (
        <p className="form-error small" role="alert">
          The new order was not saved: {reorder.error.message}
        </p>
      )}
      {canEdit && <AddPillar brandId={brandId} rank={nextRank} reportDirty={reportDirty} />}
    </div>
  );
}

interface PillarRowProps {
  pillar: PillarDTO;
  position: number;
  canEdit: boolean;
  moving: boolean;
  reportDirty: (key: string, dirty: boolean) => void;
  onUp?: () => void;
  onDown?: () => void;
}

function PillarRow({ pillar, position, canEdit, moving, reportDirty, onUp, onDown }: PillarRowProps) {
  const trpc = useTRPC();
  const refresh = useStrategyRefresh(pillar.brandId);
  // Local until saved, and keyed by the pillar's id only: a reorder or another row's save never resets it.
  const [name, setName] = useState(pillar.name);
  const [description, setDescription] = useState(pillar.description);
  const [isActive, setIsActive] = useState(pillar.isActive);
  const [isDominant, setIsDominant] = useState(pillar.isDominant);
  const form = useEarlyInput();
  const { dirty, edit, saved } = useUnsavedEdits();
  const save = useMutation(trpc.strategy.upsertPillar.mutationOptions({ onSuccess: () => refresh() }));
  useReportDirty(`pillar:${pillar.id}`, dirty, reportDirty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        brandId: pillar.brandId,
        id: pillar.id,
        name: name.trim(),
        description: description.trim(),
        // The editor does not show a category or move ranks here: both are sent back as stored.
        category: pillar.category,
        priorityRank: pillar.priorityRank,
        isActive,
        isDominant,
      },
      { onSuccess: saved },
    );
  };
  const disabled = !canEdit || save.isPending;
  const blank = !name.trim() || !description.trim();

  return (
    <form
      ref={form}
      className={`strategy-row${isActive ? '' : ' strategy-row--inactive'}`}
      onSubmit={submit}
      noValidate
      aria-label={`Pillar ${position}`}
    >
      <span className="strategy-row__rank" title="Priority">
        {position}
      </span>
      <label className="field">
        <span>Name</span>
        <input value={name} maxLength={120} disabled={disabled} onChange={(e) => edit(setName)(e.target.value)} />
        {canEdit && !name.trim() && <Problems messages={['A pillar needs a name']} />}
      </label>
      <label className="field strategy-row__wide">
        <span>Description</span>
        <textarea
          rows={2}
          maxLength={1000}
          value={description}
          disabled={disabled}
          onChange={(e) => edit(setDescription)(e.target.value)}
        />
        {canEdit && !description.trim() && <Problems messages={['Say what the pillar covers']} />}
      </label>
      <label className="strategy-row__check">
        <input type="checkbox" checked={isActive} disabled={disabled} onChange={(e) => edit(setIsActive)(e.target.checked)} />
        Active {isActive ? '' : <span className="muted small">(not used for new opportunities and packages)</span>}
      </label>
      <label className="strategy-row__check">
        <input type="checkbox" checked={isDominant} disabled={disabled} onChange={(e) => edit(setIsDominant)(e.target.checked)} />
        Dominant <span className="muted small">(generated ideas may give it more than 60% of the board)</span>
      </label>
      {canEdit && (
        <div className="strategy-row__actions">
          <MoveButtons label={pillar.name} disabled={moving} onUp={onUp} onDown={onDown} />
          <button type="submit" className="button" disabled={save.isPending || !dirty || blank}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          <SaveState pending={save.isPending} dirty={dirty} saved={save.isSuccess} error={save.error} />
        </div>
      )}
    </form>
  );
}

function AddPillar({ brandId, rank, reportDirty }: { brandId: string; rank: number; reportDirty: (key: string, dirty: boolean) => void }) {
  const trpc = useTRPC();
  const refresh = useStrategyRefresh(brandId);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const form = useEarlyInput();
  const create = useMutation(
    trpc.strategy.upsertPillar.mutationOptions({
      onSuccess: async () => {
        setName('');
        setDescription('');
        await refresh();
      },
    }),
  );
  useReportDirty('pillar:new', !!(name.trim() || description.trim()), reportDirty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ brandId, name: name.trim(), description: description.trim(), priorityRank: rank, isActive: true });
  };
  return (
    <form ref={form} className="strategy-row strategy-row--new" onSubmit={submit} noValidate aria-label="New pillar">
      <label className="field">
        <span>New pillar</span>
        <input value={name} maxLength={120} disabled={create.isPending} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field strategy-row__wide">
        <span>What it covers</span>
        <textarea
          rows={2}
          maxLength={1000}
          value={description}
          disabled={create.isPending}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <div className="strategy-row__actions">
        <button type="submit" className="button" disabled={create.isPending || !name.trim() || !description.trim()}>
          {create.isPending ? 'Adding…' : 'Add pillar'}
        </button>
        {create.error && (
          <span className="form-error small" role="alert">
            {create.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
