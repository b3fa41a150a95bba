import { z } from 'zod';
import { Channel, PackageStatus, VariantStatus } from '../enums';
import { storableString } from '../text';

export const LIBRARY_PAGE_SIZE = 25;
export const MAX_LIBRARY_SEARCH = 200;

// A cursor is the last row's (updated_at, id) as `<ISO time to the microsecond>~<id>`: PostgreSQL keeps
// microseconds, and a cursor cut to a JavaScript Date's milliseconds would hand the same row out twice.
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Kept as text through the procedure and the engine (each parses the input once); library.ts reads it. */
export const LibraryCursor = z
  .string()
  .max(100)
  .regex(CURSOR_PATTERN, 'must be a cursor this list returned')
  // A well-shaped but impossible time (month 13) would fail the cast in the database instead.
  .refine((cursor) => {
    const time = cursor.slice(0, 23);
    return !Number.isNaN(Date.parse(`${time}Z`)) && new Date(`${time}Z`).toISOString().startsWith(time);
  }, 'must be a cursor this list returned');

/** The (updated_at, id) a valid cursor names. */
export function readCursor(cursor: string): { updatedAt: string; id: string } {
  const [, updatedAt, id] = CURSOR_PATTERN.exec(cursor)!;
  return { updatedAt: updatedAt!, id: id!.toLowerCase() };
}

/**
 * The package library's filters. Without a status, archived packages stay out of the list: they are
 * listed only when asked for by that status.
 */
export const ListPackageLibraryInput = z.object({
  status: PackageStatus.optional(),
  channel: Channel.optional(),
  /** A case-insensitive part of the title; blank means no search. */
  search: storableString()
    .trim()
    .max(MAX_LIBRARY_SEARCH)
    .optional()
    .transform((search) => search || undefined),
  cursor: LibraryCursor.optional(),
  limit: z.int().min(1).max(100).default(LIBRARY_PAGE_SIZE),
});
export type ListPackageLibraryInput = z.input<typeof ListPackageLibraryInput>;

export const LibraryVariant = z.object({ id: z.uuid(), channel: Channel, status: VariantStatus });
export type LibraryVariant = z.infer<typeof LibraryVariant>;

export const PackageLibraryItem = z.object({
  id: z.uuid(),
  title: z.string(),
  status: PackageStatus,
  channels: z.array(Channel),
  /** The opportunity the package came from; null when it had none or it has been deleted. */
  origin: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** The package's live variants, oldest first. */
  variants: z.array(LibraryVariant),
});
export type PackageLibraryItem = z.infer<typeof PackageLibraryItem>;

export const PackageLibraryPage = z.object({
  items: z.array(PackageLibraryItem),
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type PackageLibraryPage = z.infer<typeof PackageLibraryPage>;

/** The most packages one CSV export holds; a brand with more narrows the filters. */
export const MAX_LIBRARY_EXPORT = 5_000;

/** The library's filters without the paging: the export holds every page. */
export const ExportPackageLibraryInput = ListPackageLibraryInput.pick({ status: true, channel: true, search: true });
export type ExportPackageLibraryInput = z.input<typeof ExportPackageLibraryInput>;

export const LibraryCsv = z.object({ filename: z.string(), csv: z.string(), rows: z.int().nonnegative() });
export type LibraryCsv = z.infer<typeof LibraryCsv>;
