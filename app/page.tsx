import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CenteredPage } from '@/components/app-shell/centered-page';
import { brandSectionHref } from '@/components/app-shell/sections';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { CreateWorkspaceForm } from '@/components/workspaces/create-workspace-form';
import { canManage, ROLE_LABELS } from '@/components/workspaces/roles';
import { getServerCaller, getServerViewer } from '@/trpc/server';

/**
 * The front door: signed in with one brand → its Today board, with more → the brand list (/brands);
 * signed out → the sign-in page. A person in
 * no workspace yet creates one; a workspace without brands offers its first brand (or, to a member,
 * says who can add one).
 */
export default async function HomePage() {
  if (!(await getServerViewer())) redirect('/sign-in');
  const caller = await getServerCaller();
  const brands = await caller.brands.list();
  // One brand: straight to its board. More: the list, to choose from (the switcher is one click further).
  if (brands.length > 1) redirect('/brands');
  if (brands.length === 1) redirect(brandSectionHref(brands[0]!.id, 'today'));
  const workspaces = await caller.workspaces.list();

  if (workspaces.length === 0) {
    return (
      <CenteredPage title="Create your workspace">
        <p>
          A workspace holds your brands and the people who work on them. Name it after your company or team; next you add its first brand.
          Waiting for an invite instead? It is accepted when you sign in with the invited email.
        </p>
        <CreateWorkspaceForm />
        <SignOutButton />
      </CenteredPage>
    );
  }

  const managed = workspaces.filter((w) => canManage(w.role));
  return (
    <CenteredPage title="No brands yet">
      {managed.length > 0 ? (
        <>
          <p>Your workspace has no brand yet. Add one, then answer five short questions to set up its strategy.</p>
          <Link href={`/brands/new?workspaceId=${managed[0]!.id}`} className="button">
            Add a brand
          </Link>
        </>
      ) : (
        <p>Your workspace has no brand yet, and only its owners and admins can add one. Ask one of them.</p>
      )}
      <ul className="user-list">
        {workspaces.map((workspace) => (
          <li key={workspace.id} className="user-row">
            <div>
              <div className="user-row__name">{workspace.name}</div>
              <div className="muted small">{ROLE_LABELS[workspace.role]}</div>
            </div>
            <Link href={`/workspaces/${workspace.id}/team`}>Team</Link>
          </li>
        ))}
      </ul>
      <SignOutButton />
    </CenteredPage>
  );
}
