'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { STRATEGY_UNSAVED_MESSAGE, useUnsavedGuard } from '@/components/app-shell/unsaved-guard';
import { canManage } from '@/components/workspaces/roles';
import { useTRPC } from '@/trpc/react';
import type { UserBrandDTO } from '@/trpc/types';
import { CalibrationPanel } from './calibration';
import { PersonaList } from './persona-list';
import { PillarList } from './pillar-list';
import { VoiceForm } from './voice-form';

/**
 * The strategy editor: calibration, voice, pillars and personas. Each part saves on its own and shows
 * its state; while any part holds unsaved edits, leaving the page asks first.
 */
export function StrategyEditor({ brand }: { brand: UserBrandDTO }) {
  const trpc = useTRPC();
  const { data: strategy } = useSuspenseQuery(trpc.brands.strategy.queryOptions({ brandId: brand.id }));
  const canEdit = canManage(brand.role);
  const [dirtyParts, setDirtyParts] = useState<Record<string, boolean>>({});
  const reportDirty = useCallback(
    (key: string, dirty: boolean) => setDirtyParts((parts) => (!!parts[key] === dirty ? parts : { ...parts, [key]: dirty })),
    [],
  );
  useUnsavedGuard(Object.values(dirtyParts).some(Boolean), STRATEGY_UNSAVED_MESSAGE);

  return (
    <div className="strategy-editor stack">
      {!canEdit && (
        <p className="notice">
          Only owners and admins of {brand.tenantName} can change the strategy; you are a member, so you see it read-only.
        </p>
      )}
      <CalibrationPanel brandId={brand.id} canEdit={canEdit} />
      <section className="panel stack" aria-labelledby="strategy-voice">
        <h2 id="strategy-voice">Voice</h2>
        <VoiceForm strategy={strategy} canEdit={canEdit} reportDirty={reportDirty} />
      </section>
      <section className="panel stack" aria-labelledby="strategy-pillars">
        <h2 id="strategy-pillars">Pillars</h2>
        <p className="muted small">What the brand writes about, most important first. Two to five active pillars.</p>
        <PillarList brandId={brand.id} canEdit={canEdit} reportDirty={reportDirty} />
      </section>
      <section className="panel stack" aria-labelledby="strategy-personas">
        <h2 id="strategy-personas">Personas</h2>
        <p className="muted small">Who the brand writes for. One to five, at most three of them high priority.</p>
        <PersonaList brandId={brand.id} personas={strategy.personas} canEdit={canEdit} reportDirty={reportDirty} />
      </section>
    </div>
  );
}
