import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { BrandNav } from '@/components/app-shell/brand-nav';
import { BrandSwitcher } from '@/components/app-shell/brand-switcher';
import { ShellHeader } from '@/components/app-shell/shell-header';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { canManage, ROLE_LABELS } from '@/components/workspaces/roles';
import type { MembershipRole } from '@/engines/enums';
import { redirectToSignIn } from '@/server/auth/sign-in-redirect';
import { getQueryClient, getServerCaller, getServerViewer, HydrateClient, trpc } from '@/trpc/server';

/**
 * The app shell around every brand page: brand switcher, the brand's sections, who is signed in (on a
 * phone the sections and the viewer fold behind a Menu button).
 * A brand the viewer cannot see is a 404, the same as one that does not exist.
 */
export default async function BrandLayout({ children, params }: { children: ReactNode; params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  if (!(await getServerViewer())) return redirectToSignIn();
  const [brands, me] = await Promise.all([
    // Through the query client, so the switcher below hydrates from this result instead of refetching.
    getQueryClient().fetchQuery(trpc.brands.list.queryOptions()),
    (await getServerCaller()).auth.me(),
  ]);
  const brand = brands.find((b) => b.id === brandId);
  if (!brand) notFound();

  return (
    <div className="shell">
      <ShellHeader
        bar={
          <>
            <Link href="/" className="wordmark">
              Kairo
            </Link>
            <HydrateClient only={[trpc.brands.list.queryFilter()]}>
              <BrandSwitcher brandId={brand.id} newBrandHref={newBrandHref(brand, me.memberships)} />
            </HydrateClient>
          </>
        }
        sections={<BrandNav brandId={brand.id} />}
        viewer={
          <div className="viewer">
            <span className="viewer__name">{me.displayName ?? me.email ?? 'Signed in'}</span>
            <span className="muted small">{ROLE_LABELS[brand.role]}</span>
            <Link href="/brands">All brands</Link>
            <Link href={`/workspaces/${brand.tenantId}/team`}>Team</Link>
            <SignOutButton />
          </div>
        }
      />
      <main id="main-content" tabIndex={-1} className="shell-main">
        {children}
      </main>
    </div>
  );
}

/** "New brand" opens in this brand's workspace when the viewer may add brands there, else in their first such one. */
function newBrandHref(brand: { tenantId: string; role: MembershipRole }, memberships: { role: MembershipRole }[]): string | null {
  if (canManage(brand.role)) return `/brands/new?workspaceId=${brand.tenantId}`;
  return memberships.some((m) => canManage(m.role)) ? '/brands/new' : null;
}
