import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The script reads the whole file before it opens a database, so a malformed file is reported
// without one; DATABASE_URL is cleared so no run of this test could reach a real database.

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kairo-import-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run import:events with a malformed file', () => {
  it('prints what is wrong and where, without a stack trace, and exits 1', async () => {
    const file = path.join(dir, 'broken.csv');
    await writeFile(file, 'channel,external_event_id,variant_id,event_type,count,occurred_at\n\nx,"e-1\n');
    const tsx = path.resolve('node_modules/.bin/tsx');
    const outcome = await run(tsx, ['scripts/import-events.ts', '--brand', randomUUID(), file], {
      env: { ...process.env, DATABASE_URL: '', KAIRO_DATA_DIR: path.join(dir, 'never-opened') },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim()).toBe(`${file}: The file ends inside the quoted field opened on line 3. Nothing was imported.`);
  });
});
