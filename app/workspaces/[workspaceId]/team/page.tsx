import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { Suspense } from 'react';
import { TeamPage } from '@/components/workspaces/team-page';
import { getServerViewer, HydrateClient, prefetch, trpc } from '@/trpc/server';
import { viewerWorkspace } from '../workspace';

export const metadata: Metadata = { title: 'Team · Kairo' };

/** Members, roles and invites of one workspace; members read it, admins invite, owners change roles. */
export default async function WorkspaceTeamPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const viewer = await getServerViewer();
  if (!viewer) redirect('/sign-in');
  const workspace = await viewerWorkspace(workspaceId);
  if (!workspace) notFound();
  prefetch(trpc.team.list.queryOptions({ workspaceId }));
  return (
    <HydrateClient>
      <Suspense fallback={<p className="muted">Loading the team…</p>}>
        <TeamPage workspace={{ id: workspace.id, name: workspace.name }} role={workspace.role} viewerUserId={viewer.userId} />
      </Suspense>
    </HydrateClient>
  );
}
