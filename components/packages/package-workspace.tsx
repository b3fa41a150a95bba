'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useState } from 'react';
import type { Channel } from '@/engines/enums';
import { CHANNEL_LABELS } from '@/lib/labels';
import { PACKAGE_STATUS_LABELS } from '@/lib/package-lifecycle';
import { useTRPC } from '@/trpc/react';
import { ChannelColumn } from './channel-column';
import { ChannelJump } from './channel-jump';
import { LifecycleBar } from './lifecycle/lifecycle-bar';
import { PackageHistory } from './lifecycle/package-history';
import { PackagePerformance } from './performance/package-performance';
import { PackageScore } from './rubric/package-score';
import { ThesisEditor } from './rubric/thesis-editor';
import { PackageTools } from './tools/package-tools';

/**
 * The package editor, writing first: the idea and thesis as one summary strip, then each channel's
 * drafts (every editor beside a preview of the post), then the package-wide panels (score, tools,
 * performance, history) below.
 */
export function PackageWorkspace({ brandId, packageId }: { brandId: string; packageId: string }) {
  const trpc = useTRPC();
  const { data: view } = useSuspenseQuery(trpc.packages.workspace.queryOptions({ brandId, packageId }));
  const { package: pkg, opportunity } = view;
  const [unsaved, setUnsaved] = useState<ReadonlySet<Channel>>(new Set());
  const markChannel = useCallback(
    (channel: Channel, dirty: boolean) =>
      setUnsaved((current) => {
        if (current.has(channel) === dirty) return current;
        const next = new Set(current);
        if (dirty) next.add(channel);
        else next.delete(channel);
        return next;
      }),
    [],
  );
  const sameTitle = opportunity?.title.trim() === pkg.title.trim();
  const draftCounts = Object.fromEntries(pkg.channels.map((channel) => [channel, view.variantsByChannel[channel]?.length ?? 0]));

  return (
    <article className="workspace">
      <header className="workspace__header">
        <div>
          <nav aria-label="Breadcrumb" className="breadcrumb small">
            <ol>
              <li>
                <Link href={`/brands/${brandId}/packages`}>Packages</Link>
              </li>
              <li aria-current="page">{pkg.title}</li>
            </ol>
          </nav>
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

      <div className="workspace__brief">
        <section className="workspace__brief-part" aria-labelledby="ws-opportunity">
          <h2 id="ws-opportunity" className="workspace__brief-label">
            Idea
          </h2>
          {opportunity ? (
            <details className="workspace__origin">
              <summary>
                {/* The package is usually named after its idea: then the angle is the news, not the title again. */}
                <strong>{sameTitle ? opportunity.angle : opportunity.title}</strong>{' '}
                <span className="small muted">· score {opportunity.score}</span>
              </summary>
              {!sameTitle && <p>{opportunity.angle}</p>}
              <p className="small muted">
                {opportunity.type} · {opportunity.source}
                {opportunity.pillarHandle ? ` · ${opportunity.pillarHandle.name}` : ''}
                {opportunity.personaHandle ? ` · for ${opportunity.personaHandle.name}` : ''}
              </p>
            </details>
          ) : (
            <p className="muted small">The idea this package came from is no longer available.</p>
          )}
        </section>
        <section className="workspace__brief-part" aria-labelledby="ws-thesis">
          <h2 id="ws-thesis" className="workspace__brief-label">
            Thesis
          </h2>
          <ThesisEditor brandId={brandId} view={view} />
        </section>
      </div>

      <ChannelJump channels={pkg.channels} draftCounts={draftCounts} unsaved={unsaved} />
      <div className="workspace__channels">
        {pkg.channels.map((channel) => (
          <ChannelColumn
            key={channel}
            brandId={brandId}
            packageId={packageId}
            channel={channel}
            variants={view.variantsByChannel[channel] ?? []}
            editable={pkg.status !== 'archived'}
            onDirtyChange={markChannel}
          />
        ))}
      </div>

      <div className="workspace__secondary">
        <section className="workspace__card" aria-labelledby="ws-package">
          <h2 id="ws-package">Package</h2>
          <PackageScore brandId={brandId} view={view} />
          {view.strategy.taboos.length > 0 && <p className="small muted">Taboos: {view.strategy.taboos.join(', ')}</p>}
          <PackageTools brandId={brandId} view={view} />
        </section>
        <PackagePerformance brandId={brandId} packageId={packageId} />
        <PackageHistory brandId={brandId} packageId={packageId} />
      </div>
    </article>
  );
}
