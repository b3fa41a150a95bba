'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { PACKAGE_STATUS_LABELS } from '@/lib/package-lifecycle';
import { useTRPC } from '@/trpc/react';
import { ChannelColumn } from './channel-column';
import { LifecycleBar } from './lifecycle/lifecycle-bar';
import { PackageHistory } from './lifecycle/package-history';
import { PackagePerformance } from './performance/package-performance';
import { PackageScore } from './rubric/package-score';
import { ThesisEditor } from './rubric/thesis-editor';
import { PackageTools } from './tools/package-tools';

/** The package editor: where it came from, its thesis, and each channel's drafts to edit and publish. */
export function PackageWorkspace({ brandId, packageId }: { brandId: string; packageId: string }) {
  const trpc = useTRPC();
  const { data: view } = useSuspenseQuery(trpc.packages.workspace.queryOptions({ brandId, packageId }));
  const { package: pkg, opportunity } = view;

  return (
    <article className="workspace">
      <header className="workspace__header">
        <div>
          <p className="small muted">
            <Link href={`/brands/${brandId}/packages`}>Packages</Link> › Package
          </p>
          <h1 className="page-title">{pkg.title}</h1>
          <p>
            <span className="badge" data-status={pkg.status}>
              {PACKAGE_STATUS_LABELS[pkg.status]}
            </span>{' '}
            <span className="small muted">{pkg.channels.map((c) => CHANNEL_LABELS[c]).join(' · ')}</span>
          </p>
        </div>
        <div className="workspace__status">
          <LifecycleBar brandId={brandId} pkg={pkg} />
        </div>
      </header>

      {view.warnings.length > 0 && (
        <div className="notice" role="status">
          <strong>Some drafts could not be written.</strong>
          <ul className="workspace__warnings">
            {view.warnings.map((w, i) => (
              <li key={i}>
                {w.channel ? `${CHANNEL_LABELS[w.channel]}: ` : ''}
                {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="workspace__context">
        <section className="workspace__card" aria-labelledby="ws-opportunity">
          <h2 id="ws-opportunity">Opportunity</h2>
          {opportunity ? (
            <>
              <p>
                <strong>{opportunity.title}</strong>
              </p>
              <p>{opportunity.angle}</p>
              <p className="small muted">
                Score {opportunity.score} · {opportunity.type} · {opportunity.source}
                {opportunity.pillarHandle ? ` · ${opportunity.pillarHandle.name}` : ''}
                {opportunity.personaHandle ? ` · for ${opportunity.personaHandle.name}` : ''}
              </p>
            </>
          ) : (
            <p className="muted">The opportunity this package came from is no longer available.</p>
          )}
        </section>
        <section className="workspace__card" aria-labelledby="ws-thesis">
          <h2 id="ws-thesis">Thesis</h2>
          <ThesisEditor brandId={brandId} view={view} />
          <PackageScore brandId={brandId} view={view} />
          {view.strategy.taboos.length > 0 && <p className="small muted">Taboos: {view.strategy.taboos.join(', ')}</p>}
        </section>
      </div>

      <PackageTools brandId={brandId} view={view} />

      <div className="workspace__channels">
        {pkg.channels.map((channel: Channel) => (
          <ChannelColumn
            key={channel}
            brandId={brandId}
            packageId={packageId}
            channel={channel}
            variants={view.variantsByChannel[channel] ?? []}
            editable={pkg.status !== 'archived'}
          />
        ))}
      </div>

      <PackagePerformance brandId={brandId} packageId={packageId} />
      <PackageHistory brandId={brandId} packageId={packageId} />
    </article>
  );
}
