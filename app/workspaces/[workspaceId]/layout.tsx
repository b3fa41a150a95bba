import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { ROLE_LABELS } from '@/components/workspaces/roles';
import { redirectToSignIn } from '@/server/auth/sign-in-redirect';
import { getServerCaller, getServerViewer } from '@/trpc/server';
import { viewerWorkspace } from './workspace';

/**
 * The small shell around a workspace's pages: the wordmark, the way back to the brands, who is signed
 * in. A workspace the viewer is not in is a 404, the same as one that does not exist.
 */
export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  if (!(await getServerViewer())) return redirectToSignIn();
  const [workspace, me] = await Promise.all([viewerWorkspace(workspaceId), (await getServerCaller()).auth.me()]);
  if (!workspace) notFound();

  return (
    <div className="shell">
      <header className="shell-header">
        <div className="shell-header__row">
          <Link href="/" className="wordmark">
            Kairo
          </Link>
          <Link href="/" className="muted">
            ← Brands
          </Link>
          <span className="workspace-header__name">{workspace.name}</span>
          <div className="viewer">
            <span className="viewer__name">{me.displayName ?? me.email ?? 'Signed in'}</span>
            <span className="muted small">{ROLE_LABELS[workspace.role]}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main-content" tabIndex={-1} className="shell-main">
        {children}
      </main>
    </div>
  );
}
