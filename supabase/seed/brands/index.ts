import { CLIMATE_DESK } from './climate-desk';
import { EMBER_AND_OAK } from './ember-and-oak';
import { LEDGERLINE } from './ledgerline';
import type { BrandSeed } from './types';

/** The demo brands, in seeding order: Northwind Studio's two, then Globex Media's one. */
export const DEMO_BRANDS: readonly BrandSeed[] = [LEDGERLINE, EMBER_AND_OAK, CLIMATE_DESK];

export { SHARED_PATTERNS } from './shared-patterns';
export type * from './types';
