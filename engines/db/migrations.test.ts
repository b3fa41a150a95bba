import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import * as enums from '../enums';
import { migrate, readMigrations, rows } from './migrator';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('migrator', () => {
  it('records every file of supabase/migrations in the Supabase CLI table', async () => {
    const files = await readMigrations();
    const recorded = rows<{ version: string; name: string }>(
      await handle.db.execute(sql`select version, name from supabase_migrations.schema_migrations order by version`),
    );
    expect(recorded).toEqual(files.map(({ version, name }) => ({ version, name })));
  });

  it('applies nothing the second time', async () => {
    expect(await migrate(handle)).toEqual([]);
  });
});

describe('enums', () => {
  // Each check constraint `col in (...)` must list exactly the values of the zod enum used for it.
  const columns: [string, string, readonly string[]][] = [
    ['brands', 'primary_channel', enums.Channel.options],
    ['variants', 'channel', enums.Channel.options],
    ['execution_events', 'channel', enums.Channel.options],
    ['opportunities', 'type', enums.OpportunityType.options],
    ['opportunities', 'created_via', enums.OpportunityCreatedVia.options],
    ['content_packages', 'status', enums.PackageStatus.options],
    ['content_packages', 'created_via', enums.PackageCreatedVia.options],
    ['variants', 'status', enums.VariantStatus.options],
    ['pattern_templates', 'status', enums.PatternStatus.options],
    ['pattern_templates', 'category', enums.PatternCategory.options],
    ['execution_events', 'event_type', enums.ExecutionEventType.options],
    ['execution_events', 'source', enums.ExecutionSource.options],
    ['learning_events', 'signal_type', enums.LearningSignalType.options],
    ['memberships', 'role', enums.MembershipRole.options],
    ['workspace_invites', 'role', enums.InviteRole.options],
    ['flow_runs', 'flow', enums.FlowName.options],
    ['sources', 'kind', enums.SourceKind.options],
    ['decisions', 'kind', enums.DecisionKind.options],
    ['decisions', 'channel', enums.Channel.options],
    ['decision_weights', 'dimension', enums.DecisionDimension.options],
    ['flow_runs', 'status', enums.FlowRunStatus.options],
    ['flow_run_events', 'kind', enums.FlowRunEventKind.options],
  ];

  it.each(columns)('%s.%s check constraint matches the zod enum', async (table, column, values) => {
    const found = rows<{ def: string }>(
      await handle.db.execute(sql`
        select pg_get_constraintdef(c.oid) as def
        from pg_constraint c join pg_class t on t.oid = c.conrelid
        where t.relname = ${table} and c.contype = 'c'
          and pg_get_constraintdef(c.oid) like ${`%(${column} = ANY%`}`),
    );
    expect(found).toHaveLength(1);
    const listed = [...found[0]!.def.matchAll(/'([a-z0-9_]+)'::text/g)].map((m) => m[1]);
    expect(listed).toEqual([...values]);
  });
});
