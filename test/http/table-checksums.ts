import pg from 'pg';

// Written by design on requests that are refused: rate limit counters count refused attempts too
// (and hold no tenant data), and a valid ingest key records when it was last presented, whatever
// the batch it came with. Anything else a refused request changes is a write it must not make.
const WRITTEN_BY_DESIGN = new Set(['public.rate_limits']);
const COLUMNS_WRITTEN_BY_DESIGN: Record<string, string[]> = { 'public.ingest_keys': ['last_used_at'] };

/** A direct connection to a server's database, beside the server's own pool. */
export class DatabaseProbe {
  private constructor(private readonly client: pg.Client) {}

  static async connect(databaseUrl: string): Promise<DatabaseProbe> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new DatabaseProbe(client);
  }

  query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    return this.client.query<Row>(text, values).then((result) => result.rows);
  }

  /**
   * md5 of every table's rows in a fixed order (by their JSON text), keyed by `schema.table`: two
   * equal results mean no row was inserted, changed or deleted in between.
   */
  async tableChecksums(): Promise<Record<string, string>> {
    const tables = await this.query<{ name: string }>(
      `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name
         from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        order by 1`,
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      if (WRITTEN_BY_DESIGN.has(name)) continue;
      const rowText = `(to_jsonb(t) - $1::text[])::text`;
      const [row] = await this.query<{ sum: string }>(
        `select md5(coalesce(string_agg(${rowText}, '|' order by ${rowText}), '')) as sum from ${name} t`,
        [COLUMNS_WRITTEN_BY_DESIGN[name] ?? []],
      );
      sums[name] = row!.sum;
    }
    return sums;
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** The tables whose checksum differs: empty when nothing was written. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
