import pg from 'pg';

// A second session on the server's database, as an operator's psql would be: it reads what the
// app wrote, checksums every table to prove a refused request wrote nothing, holds row locks so that
// a flow is caught inside a statement, and terminates the app's connections. It never writes
// application rows.

// Written by design on requests that are refused: rate limit counters count refused attempts too
// (and hold no tenant data), and a valid ingest key records when it was last presented, whatever
// the batch it came with. Anything else a refused request changes is a write it must not make.
const WRITTEN_BY_DESIGN = new Set(['public.rate_limits']);
const COLUMNS_WRITTEN_BY_DESIGN: Record<string, string[]> = { 'public.ingest_keys': ['last_used_at'] };

export interface LearningSnapshot {
  /** The brand's own patterns' learned figures. */
  patterns: unknown;
  /** The brand's opportunities' scores. */
  opportunities: unknown;
  learningEvents: number;
  /** The brand's recorded learning windows. */
  windows: unknown;
}

export interface DatabaseProbe {
  readonly databaseName: string;
  /** `pg_terminate_backend` on every other session of the database; the number terminated. */
  terminateOtherSessions(): Promise<number>;
  /** Locks the rows `select … for update` names until `release()`; the app's writes to them wait. */
  holdRowLocks(selectForUpdate: string, params: unknown[]): Promise<{ release(): Promise<void> }>;
  /** Resolves once another session of the database waits on a lock (a statement caught in flight). */
  waitForBlockedSession(timeoutMs?: number): Promise<void>;
  /** Flow runs started since `since` and still marked running, with the last step each recorded. */
  unfinishedRuns(since: Date): Promise<{ flow: string; brandId: string | null; lastEvent: string | null }[]>;
  /** Live packages created since `since` with a channel that has no draft and no recorded warning. */
  packagesMissingDrafts(since: Date): Promise<{ id: string; channels: string[] }[]>;
  learningSnapshot(brandId: string): Promise<LearningSnapshot>;
  /**
   * md5 of every table's rows in a fixed order (by their JSON text), keyed by `schema.table`: two
   * equal results mean no row was inserted, changed or deleted in between.
   */
  tableChecksums(): Promise<Record<string, string>>;
  query<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openDatabaseProbe(databaseUrl: string): Promise<DatabaseProbe> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const query = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows;

  return {
    databaseName,
    query,
    async terminateOtherSessions() {
      const rows = await query<{ terminated: boolean }>(
        'select pg_terminate_backend(pid) as terminated from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [databaseName],
      );
      return rows.filter((r) => r.terminated).length;
    },
    async holdRowLocks(selectForUpdate, params) {
      await client.query('begin');
      const locked = await client.query(selectForUpdate, params);
      if (locked.rowCount === 0) {
        await client.query('rollback');
        throw new Error(`no row to lock: ${selectForUpdate}`);
      }
      return { release: async () => void (await client.query('rollback')) };
    },
    async waitForBlockedSession(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        // Inside holdRowLocks' transaction pg_stat_activity would keep showing its first snapshot.
        await query('select pg_stat_clear_snapshot()');
        const [row] = await query<{ blocked: number }>(
          "select count(*)::int as blocked from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and wait_event_type = 'Lock'",
          [databaseName],
        );
        if (row!.blocked > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no session of ${databaseName} waited on a lock within ${timeoutMs} ms`);
    },
    unfinishedRuns: (since) =>
      query(
        `select r.flow, r.brand_id as "brandId",
           (select e.node || ' ' || e.kind from flow_run_events e where e.run_id = r.id order by e.seq desc limit 1) as "lastEvent"
         from flow_runs r where r.status = 'running' and r.started_at >= $1 order by r.started_at`,
        [since],
      ),
    packagesMissingDrafts: (since) =>
      query<{ id: string; channels: string[] }>(
        // A channel may lack drafts only as a soft error: recorded, as a warning for that channel, by
        // a run of the package that finished. Anything else is a build that stopped half-way.
        `select p.id, p.channels from content_packages p
          where p.deleted_at is null and p.created_at >= $1
            and exists (select 1 from unnest(p.channels) as c(channel)
                         where not exists (select 1 from variants v
                                            where v.package_id = p.id and v.channel = c.channel and v.deleted_at is null)
                           and not exists (select 1 from flow_runs r join flow_run_events e on e.run_id = r.id
                                            where r.package_id = p.id and r.status in ('succeeded', 'succeeded_with_warnings')
                                              and e.kind = 'soft_error' and e.payload ->> 'channel' = c.channel))`,
        [since],
      ),
    async learningSnapshot(brandId) {
      const [row] = await query<LearningSnapshot>(
        `select
           (select coalesce(json_agg(json_build_object('id', id, 'usage', usage_count, 'score', avg_engagement_score, 'lastUsed', last_used_at) order by id), '[]')
              from pattern_templates where brand_id = $1) as patterns,
           (select coalesce(json_agg(json_build_object('id', id, 'score', score, 'learned', learned_adjustment) order by id), '[]')
              from opportunities where brand_id = $1) as opportunities,
           (select count(*)::int from learning_events where brand_id = $1) as "learningEvents",
           (select coalesce(json_agg(json_build_object('start', window_start, 'end', window_end, 'fingerprint', evidence_fingerprint, 'run', run_id) order by window_start, window_end), '[]')
              from learning_window_runs where brand_id = $1 and deleted_at is null) as windows`,
        [brandId],
      );
      return row!;
    },
    async tableChecksums() {
      const tables = await query<{ name: string }>(
        `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name
           from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
          order by 1`,
      );
      const sums: Record<string, string> = {};
      for (const { name } of tables) {
        if (WRITTEN_BY_DESIGN.has(name)) continue;
        const rowText = `(to_jsonb(t) - $1::text[])::text`;
        const [row] = await query<{ sum: string }>(
          `select md5(coalesce(string_agg(${rowText}, '|' order by ${rowText}), '')) as sum from ${name} t`,
          [COLUMNS_WRITTEN_BY_DESIGN[name] ?? []],
        );
        sums[name] = row!.sum;
      }
      return sums;
    },
    close: () => client.end(),
  };
}

/** The tables whose checksum differs: empty when nothing was written. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
