'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { BRAND_SECTIONS, brandSectionHref, sectionOf } from './sections';

export function BrandNav({ brandId }: { brandId: string }) {
  const current = sectionOf(usePathname());
  return (
    <nav className="brand-nav" aria-label="Brand sections">
      {BRAND_SECTIONS.map((section) => (
        <Link
          key={section.segment}
          href={brandSectionHref(brandId, section.segment)}
          aria-current={section.segment === current ? 'page' : undefined}
        >
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
