import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { pageTitle } from '@/components/app-shell/page-metadata';
import { TeamPage } from '@/components/workspaces/team-page';
import { redirectToSignIn } from '@/server/auth/sign-in-redirect';
import { getServerViewer, HydrateClient, prefetch, trpc } from '@/trpc/server';
import { viewerWorkspace } from '../workspace';

export async function generateMetadata({ params }: { params: Promise<{ workspaceId: string }> }): Promise<Metadata> {
  const { workspaceId } = await params;
  const workspace = (await getServerViewer()) ? await viewerWorkspace(workspaceId) : null;
  return { title: workspace ? pageTitle('Team', workspace.name) : pageTitle('Team') };
}

/** Members, roles and invites of one workspace; members read it, admins invite, owners change roles. */
export default async function WorkspaceTeamPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const viewer = await getServerViewer();
  if (!viewer) return redirectToSignIn();
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
