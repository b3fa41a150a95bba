import { and, arrayContains, asc, desc, eq, ilike, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { contentPackages, opportunities, variants } from '../db/schema';
import { assertBrandLive, type BrandScope, inBrand } from '../scope';
import { ListPackageLibraryInput, type PackageLibraryItem, PackageLibraryPage, readCursor } from './library-dto';

/** `%` and `_` are LIKE's wildcards and `\` its escape: a title search for "100%" means those characters. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** updated_at to the microsecond, in the cursor's format (library-dto.ts). */
const updatedAtText = sql<string>`to_char(${contentPackages.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of the brand's packages, most recently changed first, with the origin opportunity's title and
 * the variants' states. Pages follow (updated_at, id) rather than an offset, so a package changed while
 * someone pages moves to the top instead of shifting every later page by one.
 */
export async function listPackageLibrary(db: Database, scope: BrandScope, input: ListPackageLibraryInput): Promise<PackageLibraryPage> {
  const { status, channel, search, cursor: cursorText, limit } = ListPackageLibraryInput.parse(input);
  const cursor = cursorText ? readCursor(cursorText) : undefined;
  await assertBrandLive(db, scope);
  const rows = await db
    .select({
      id: contentPackages.id,
      title: contentPackages.title,
      status: contentPackages.status,
      channels: contentPackages.channels,
      createdAt: contentPackages.createdAt,
      updatedAt: contentPackages.updatedAt,
      updatedAtText,
      originId: opportunities.id,
      originTitle: opportunities.title,
    })
    .from(contentPackages)
    .leftJoin(
      opportunities,
      and(
        eq(opportunities.id, contentPackages.originOpportunityId),
        eq(opportunities.tenantId, contentPackages.tenantId),
        eq(opportunities.brandId, contentPackages.brandId),
        isNull(opportunities.deletedAt),
      ),
    )
    .where(
      and(
        inBrand(contentPackages, scope),
        status ? eq(contentPackages.status, status) : ne(contentPackages.status, 'archived'),
        channel ? arrayContains(contentPackages.channels, [channel]) : undefined,
        search ? ilike(contentPackages.title, likePattern(search)) : undefined,
        cursor
          ? sql`(${contentPackages.updatedAt}, ${contentPackages.id}) < (${cursor.updatedAt}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(contentPackages.updatedAt), desc(contentPackages.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const variantRows = page.length
    ? await db
        .select({ id: variants.id, packageId: variants.packageId, channel: variants.channel, status: variants.status })
        .from(variants)
        .where(
          and(
            inBrand(variants, scope),
            inArray(
              variants.packageId,
              page.map((row) => row.id),
            ),
          ),
        )
        .orderBy(asc(variants.createdAt), asc(variants.id))
    : [];
  const items: PackageLibraryItem[] = page.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    channels: row.channels,
    origin: row.originId && row.originTitle !== null ? { id: row.originId, title: row.originTitle } : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    variants: variantRows.filter((v) => v.packageId === row.id).map(({ id, channel: c, status: s }) => ({ id, channel: c, status: s })),
  }));
  const last = page[page.length - 1];
  return PackageLibraryPage.parse({ items, nextCursor: rows.length > limit && last ? `${last.updatedAtText}~${last.id}` : null });
}
