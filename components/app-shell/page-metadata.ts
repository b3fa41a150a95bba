import 'server-only';
import type { Metadata } from 'next';
import { getQueryClient, trpc } from '@/trpc/server';

/** "<parts> · Kairo": the page first, so a row of tabs shows what each one is. */
export function pageTitle(...parts: string[]): string {
  return [...parts, 'Kairo'].join(' · ');
}

/**
 * The brand's name for a tab title, through the request's query client (the shell's brand list is the
 * same query, so it is read once). A viewer who cannot see the brand gets no name: the page is a 404.
 */
export async function brandNameFor(brandId: string): Promise<string | null> {
  try {
    const brands = await getQueryClient().fetchQuery(trpc.brands.list.queryOptions());
    return brands.find((brand) => brand.id === brandId)?.name ?? null;
  } catch {
    return null;
  }
}

/** `generateMetadata` for a brand section: "Today · Acme · Kairo". */
export function brandSectionMetadata(section: string) {
  return async ({ params }: { params: Promise<{ brandId: string }> }): Promise<Metadata> => {
    const { brandId } = await params;
    const brandName = await brandNameFor(brandId);
    return { title: brandName ? pageTitle(section, brandName) : pageTitle(section) };
  };
}
