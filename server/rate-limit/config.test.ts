import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, LIMITS, parseAllowance, rateLimitConfigFromEnv } from './config';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('rate limit configuration', () => {
  it('reads <attempts>/<seconds> from each limit’s variable and keeps the default for the rest', () => {
    const config = rateLimitConfigFromEnv({
      KAIRO_RATE_LIMIT_PACKAGE_BUILDS: '25/3600',
      KAIRO_RATE_LIMIT_SIGN_INS: ' 5 / 30 ',
      KAIRO_RATE_LIMIT_SUMMARIES: '',
    });
    expect(config.packageBuilds).toEqual({ points: 25, seconds: 3600 });
    expect(config.signIns).toEqual({ points: 5, seconds: 30 });
    expect(config.summaries).toEqual(DEFAULT_RATE_LIMITS.summaries);
    expect(config.ingestBatches).toEqual(DEFAULT_RATE_LIMITS.ingestBatches);
  });

  it('every limit is documented with its default in README.md and .env.example', async () => {
    const [readme, envExample] = await Promise.all(['README.md', '.env.example'].map((file) => readFile(path.join(ROOT, file), 'utf8')));
    for (const { env, points, seconds } of Object.values(LIMITS)) {
      expect(readme, env).toContain(`\`${env}\``);
      expect(envExample, env).toContain(`# ${env}=${points}/${seconds}\n`);
    }
  });

  it('refuses a value that is not two positive whole numbers, naming the variable', () => {
    for (const value of ['10', '10/0', '0/60', '-1/60', '1.5/60', '10 per 60', '/60', '99999999999/60']) {
      expect(() => parseAllowance(value, 'KAIRO_RATE_LIMIT_REGENERATIONS'), value).toThrow(
        /^KAIRO_RATE_LIMIT_REGENERATIONS=".*" is not a rate limit/,
      );
    }
    expect(() => rateLimitConfigFromEnv({ KAIRO_RATE_LIMIT_INGEST_BATCHES: 'lots' })).toThrow(/KAIRO_RATE_LIMIT_INGEST_BATCHES/);
  });
});
