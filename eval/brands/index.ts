import { emberRoasters } from './ember-roasters';
import { forgekitDevtools } from './forgekit-devtools';
import { ledgerlineFintech } from './ledgerline-fintech';
import { northwindOps } from './northwind-ops';
import { tidewaterClimate } from './tidewater-climate';
import type { EvalBrand } from './types';

/** The reference brands, in the order the results table lists them. */
export const EVAL_BRANDS: readonly EvalBrand[] = [northwindOps, emberRoasters, tidewaterClimate, ledgerlineFintech, forgekitDevtools];
