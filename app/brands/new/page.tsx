import type { Metadata } from 'next';
import Link from 'next/link';
import { CenteredPage } from '@/components/app-shell/centered-page';
import { NewBrandForm } from '@/components/brands/new-brand-form';
import { canManage } from '@/components/workspaces/roles';
import { redirectToSignIn } from '@/server/auth/sign-in-redirect';
import { getServerCaller, getServerViewer } from '@/trpc/server';

export const metadata: Metadata = { title: 'New brand · Kairo' };

interface NewBrandPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * A new brand in one of the viewer's workspaces. A static segment, so Next routes `/brands/new` here
 * and not to the brand pages (whose layout would answer 404 for a brand called "new").
 */
export default async function NewBrandPage({ searchParams }: NewBrandPageProps) {
  if (!(await getServerViewer())) return redirectToSignIn();
  const memberOf = await (await getServerCaller()).workspaces.list();
  const workspaces = memberOf.filter((w) => canManage(w.role));
  const asked = (await searchParams).workspaceId;
  const initial = workspaces.find((w) => w.id === asked) ?? workspaces[0];

  return (
    <CenteredPage title="New brand" homeLink>
      {initial ? (
        <NewBrandForm workspaces={workspaces.map(({ id, name }) => ({ id, name }))} initialWorkspaceId={initial.id} />
      ) : (
        <>
          <p>
            {memberOf.length === 0
              ? 'A brand belongs to a workspace, and you are not in one yet. Create your workspace first, or ask its owner to invite you.'
              : `Only owners and admins of a workspace can add brands to it, and you are a member of ${memberOf.map((w) => w.name).join(', ')}. Ask an owner to make you an admin, or to add the brand.`}
          </p>
          <Link href="/" className="button">
            Back to Kairo
          </Link>
        </>
      )}
    </CenteredPage>
  );
}
