import { type SQLWrapper, sql } from 'drizzle-orm';

/** A window bound in raw SQL: sent as ISO text, so it is cast to compare with timestamptz columns. */
export const timestamptz = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** A timestamp as epoch milliseconds: raw rows come back as the driver parses them, a number reads the same on both. */
export const epochMs = (value: SQLWrapper) => sql`(extract(epoch from ${value}) * 1000)::float8`;
