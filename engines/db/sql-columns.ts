import { sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * A column's bare name in raw SQL (an insert's column list, an alias, a temporary table's column),
 * taken from its Drizzle definition so renaming the column fails the typecheck, not the query.
 */
export const columnName = (column: PgColumn) => sql.identifier(column.name);
