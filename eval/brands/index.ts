import { copperleafRoasters } from './copperleaf-roasters';
import { fieldwiseOps } from './fieldwise-ops';
import { forgekitDevtools } from './forgekit-devtools';
import { tallybridgeFintech } from './tallybridge-fintech';
import { tidewaterClimate } from './tidewater-climate';
import type { EvalBrand } from './types';

/** The reference brands, in the order the results table lists them. */
export const EVAL_BRANDS: readonly EvalBrand[] = [fieldwiseOps, copperleafRoasters, tidewaterClimate, tallybridgeFintech, forgekitDevtools];
