'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useTRPC } from '@/trpc/react';
import type { UserBrandDTO } from '@/trpc/types';
import { switchBrandHref } from './sections';
import { confirmLeave } from './unsaved-guard';

/** Groups brands by tenant, keeping the list's order (tenant name, then brand name). */
function byTenant(brands: UserBrandDTO[]): { tenantId: string; tenantName: string; brands: UserBrandDTO[] }[] {
  const groups = new Map<string, { tenantId: string; tenantName: string; brands: UserBrandDTO[] }>();
  for (const brand of brands) {
    const group = groups.get(brand.tenantId) ?? { tenantId: brand.tenantId, tenantName: brand.tenantName, brands: [] };
    group.brands.push(brand);
    groups.set(brand.tenantId, group);
  }
  return [...groups.values()];
}

interface BrandSwitcherProps {
  brandId: string;
  /** Where "New brand" leads; null for a person who owns or administers no workspace (they cannot add one). */
  newBrandHref: string | null;
}

/**
 * The brands the viewer can see (prefetched by the shell); choosing one opens the same section of it.
 * Owners and admins also get the way to a new brand.
 */
export function BrandSwitcher({ brandId, newBrandHref }: BrandSwitcherProps) {
  const trpc = useTRPC();
  const { data: brands } = useSuspenseQuery(trpc.brands.list.queryOptions());
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const groups = byTenant(brands);

  const options = (list: UserBrandDTO[]) =>
    list.map((brand) => (
      <option key={brand.id} value={brand.id}>
        {brand.name}
      </option>
    ));

  return (
    <div className="brand-switcher__wrap">
      <label className="brand-switcher">
        <span className="brand-switcher__label">Brand</span>
        <select
          value={brandId}
          aria-busy={pending}
          onChange={(event) => {
            const next = event.target.value;
            // The select shows the current brand again when the person stays (its value is controlled).
            if (!confirmLeave()) return;
            startTransition(() => router.push(switchBrandHref(pathname, next)));
          }}
        >
          {groups.length === 1
            ? options(brands)
            : groups.map((group) => (
                <optgroup key={group.tenantId} label={group.tenantName}>
                  {options(group.brands)}
                </optgroup>
              ))}
        </select>
      </label>
      {newBrandHref && (
        <Link href={newBrandHref} className="button button--quiet brand-switcher__new">
          New brand
        </Link>
      )}
    </div>
  );
}
