import { buildProductionApp } from './prod-server';

/** One production build per run; every file starts its own servers from it. */
export default async function setup() {
  await buildProductionApp();
}
