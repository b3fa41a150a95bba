/** The per-brand sections the shell links to, in menu order. */
export const BRAND_SECTIONS = [
  { segment: 'today', label: 'Today' },
  { segment: 'packages', label: 'Packages' },
  { segment: 'strategy', label: 'Strategy' },
  { segment: 'insights', label: 'Insights' },
  { segment: 'patterns', label: 'Patterns' },
  { segment: 'sources', label: 'Sources' },
  { segment: 'runs', label: 'Runs' },
  { segment: 'settings', label: 'Settings' },
] as const;

export type BrandSection = (typeof BRAND_SECTIONS)[number]['segment'];

const DEFAULT_SECTION: BrandSection = 'today';

/** The section a `/brands/<id>/<section>/…` path is in; a page outside the sections counts as Today. */
export function sectionOf(pathname: string): BrandSection {
  const segment = pathname.split('/')[3];
  return BRAND_SECTIONS.find((s) => s.segment === segment)?.segment ?? DEFAULT_SECTION;
}

export function brandSectionHref(brandId: string, section: BrandSection): string {
  return `/brands/${brandId}/${section}`;
}

/**
 * Where switching brand goes: the same section of the other brand. Deeper pages (one package) belong
 * to the old brand, so the switch lands on the section's start.
 */
export function switchBrandHref(pathname: string, brandId: string): string {
  return brandSectionHref(brandId, sectionOf(pathname));
}
