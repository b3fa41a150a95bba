import { stringify } from 'csv-stringify/sync';
import type { Clock } from '../clock';
import type { Database } from '../db/client';
import type { BrandScope } from '../scope';
import { listPackageLibrary } from './library';
import { ExportPackageLibraryInput, type LibraryCsv, MAX_LIBRARY_EXPORT, type PackageLibraryItem } from './library-dto';

const EXPORT_PAGE = 100;

/**
 * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, or a tab or carriage return
 * that some of them skip first) gets a leading apostrophe: a package title is a person's text, and
 * "=HYPERLINK(…)" in it must arrive as text (CSV injection).
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const HEADER = ['title', 'status', 'channels', 'variants', 'origin_opportunity', 'updated_at', 'created_at', 'package_id'];

function csvRow(item: PackageLibraryItem): string[] {
  const variants = item.variants.map((variant) => `${variant.channel}: ${variant.status}`).join('; ');
  return [
    item.title,
    item.status,
    item.channels.join('; '),
    variants,
    item.origin?.title ?? '',
    item.updatedAt.toISOString(),
    item.createdAt.toISOString(),
    item.id,
  ].map(spreadsheetSafe);
}

/** The library as CSV under the same filters as the page (every page of it, up to MAX_LIBRARY_EXPORT rows). */
export async function exportLibraryCsv(
  db: Database,
  scope: BrandScope,
  input: ExportPackageLibraryInput,
  clock: Clock,
): Promise<LibraryCsv> {
  const filter = ExportPackageLibraryInput.parse(input);
  const items: PackageLibraryItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPackageLibrary(db, scope, {
      ...filter,
      cursor,
      limit: Math.min(EXPORT_PAGE, MAX_LIBRARY_EXPORT - items.length),
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < MAX_LIBRARY_EXPORT);
  const day = clock().toISOString().slice(0, 10);
  return { filename: `packages-${day}.csv`, csv: stringify([HEADER, ...items.map(csvRow)]), rows: items.length };
}
