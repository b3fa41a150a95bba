import type { TestProject } from 'vitest/node';
import { createSeededPostgresDatabase } from '../database';
import { baseDatabaseUrl, buildProductionApp } from './prod-server';

/**
 * One production build per run, and one migrated, seeded template database that every file's servers
 * get a copy of (as the main suite's test/global-setup.ts does): cloning takes well under a second,
 * migrating and seeding a database for each server several.
 */
export default async function setup(project: TestProject) {
  await buildProductionApp();
  const template = await createSeededPostgresDatabase(baseDatabaseUrl(), 'kairo_http_tpl');
  project.provide('templateDatabase', template.name);
  project.provide('pgliteDumpPath', null);
  return () => template.drop();
}
