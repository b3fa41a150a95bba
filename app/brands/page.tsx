import type { Metadata } from 'next';
import Link from 'next/link';
import { CenteredPage } from '@/components/app-shell/centered-page';
import { brandSectionHref } from '@/components/app-shell/sections';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { canManage, ROLE_LABELS } from '@/components/workspaces/roles';
import { redirectToSignIn } from '@/server/auth/sign-in-redirect';
import { getServerCaller, getServerViewer } from '@/trpc/server';

export const metadata: Metadata = { title: 'Brands · Kairo' };

/**
 * Every brand the viewer can see, by workspace, with their role there and the way into each brand's
 * Today board. The front door (`/`) lands here when there is more than one brand to choose from. Owners
 * and admins add a brand to their workspace from here; a workspace without brands is listed too.
 */
export default async function BrandsPage() {
  if (!(await getServerViewer())) return redirectToSignIn();
  const caller = await getServerCaller();
  const [brands, memberOf] = await Promise.all([caller.brands.list(), caller.workspaces.list()]);
  // In the brand list's order (workspace name, then brand name), so the first brand here is the one `/`
  // used to open; workspaces without a brand follow.
  const firstBrandAt = (workspaceId: string) => {
    const index = brands.findIndex((brand) => brand.tenantId === workspaceId);
    return index === -1 ? brands.length : index;
  };
  const workspaces = [...memberOf].sort((a, b) => firstBrandAt(a.id) - firstBrandAt(b.id));

  return (
    <CenteredPage title="Your brands" wide>
      {workspaces.length === 0 ? (
        <p>
          You are in no workspace yet. <Link href="/">Create your workspace</Link> to add a brand.
        </p>
      ) : (
        workspaces.map((workspace) => {
          const inWorkspace = brands.filter((brand) => brand.tenantId === workspace.id);
          const headingId = `workspace-${workspace.id}`;
          return (
            <section
              key={workspace.id}
              className="brand-list__workspace stack"
              aria-labelledby={headingId}
              data-testid="brand-list-workspace"
            >
              <div className="brand-list__head">
                <div>
                  <h2 id={headingId}>{workspace.name}</h2>
                  <p className="small">
                    <Link href={`/workspaces/${workspace.id}/team`}>Team</Link>
                  </p>
                </div>
                {canManage(workspace.role) && (
                  <Link href={`/brands/new?workspaceId=${workspace.id}`} className="button button--quiet">
                    New brand
                  </Link>
                )}
              </div>
              {inWorkspace.length === 0 ? (
                <p className="muted small">
                  No brands in this workspace yet
                  {canManage(workspace.role) ? '.' : ': only its owners and admins can add one.'}
                </p>
              ) : (
                <ul className="user-list">
                  {inWorkspace.map((brand) => (
                    <li key={brand.id} className="user-row">
                      <div>
                        <div className="user-row__name">{brand.name}</div>
                        <div className="muted small">Your role: {ROLE_LABELS[brand.role]}</div>
                      </div>
                      <Link href={brandSectionHref(brand.id, 'today')} className="button" aria-label={`Open Today for ${brand.name}`}>
                        Open Today
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
      <SignOutButton />
    </CenteredPage>
  );
}
