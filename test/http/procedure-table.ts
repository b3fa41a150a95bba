import { DAY_MS } from '../../lib/dates';
import type { BrandIds } from './demo-ids';

/**
 * Who may call a procedure: anyone; any signed-in user (no brand in the input); a member of the
 * brand's tenant; an owner or admin of it.
 */
export type Access = 'public' | 'signed-in' | 'brand' | 'admin';

export interface ProcedureEntry {
  access: Access;
  /** A valid input over one brand's real rows; undefined for procedures without input. */
  input?: (ids: BrandIds) => Record<string, unknown>;
}

/**
 * Every procedure of the router with its access level and a valid input. The suite checks this table
 * against the router in both directions, so a new procedure fails the suite until it is listed here.
 */
export const PROCEDURE_TABLE: Record<string, ProcedureEntry> = {
  'auth.demoUsers': { access: 'public' },
  'auth.me': { access: 'signed-in' },
  'auth.mode': { access: 'public' },
  'brands.list': { access: 'signed-in' },
  'brands.strategy': { access: 'brand', input: ({ brandId }) => ({ brandId }) },
  'ingestKeys.list': { access: 'admin', input: ({ brandId }) => ({ brandId }) },
  'ingestKeys.create': { access: 'admin', input: ({ brandId }) => ({ brandId, name: 'HTTP suite key' }) },
  'ingestKeys.revoke': { access: 'admin', input: ({ brandId, ingestKeyId }) => ({ brandId, id: ingestKeyId }) },
  'learning.insights': { access: 'brand', input: ({ brandId }) => ({ brandId, windowDays: 30 }) },
  'learning.run': { access: 'admin', input: ({ brandId }) => ({ brandId, windowDays: 30 }) },
  'learning.summary': { access: 'brand', input: ({ brandId }) => ({ brandId, windowDays: 30 }) },
  'opportunities.pin': { access: 'brand', input: ({ brandId, opportunityId }) => ({ brandId, opportunityId, pinned: true }) },
  'opportunities.snooze': {
    access: 'brand',
    input: ({ brandId, opportunityId }) => ({ brandId, opportunityId, until: new Date(Date.now() + DAY_MS) }),
  },
  'packages.buildProgress': {
    access: 'brand',
    input: ({ brandId }) => ({ brandId, idempotencyKey: 'http-suite-build', channels: ['linkedin'] }),
  },
  'packages.createFromOpportunity': {
    access: 'brand',
    input: ({ brandId, opportunityId }) => ({ brandId, opportunityId, channels: ['linkedin'], idempotencyKey: 'http-suite-build' }),
  },
  'packages.regenerateVariants': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId, channel: 'linkedin' }) },
  'packages.setStatus': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId, status: 'in_review' }) },
  'packages.workspace': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId }) },
  'runs.list': { access: 'brand', input: ({ brandId }) => ({ brandId, limit: 10 }) },
  'today.get': {
    access: 'brand',
    input: ({ brandId, pillarId, personaId }) => ({ brandId, pillarId, personaId, channel: 'linkedin', limit: 20 }),
  },
  'today.summary': { access: 'brand', input: ({ brandId }) => ({ brandId }) },
  'variants.update': { access: 'brand', input: ({ brandId, variantId }) => ({ brandId, variantId, text: 'Edited by the HTTP suite.' }) },
  'variants.markPublished': {
    access: 'brand',
    input: ({ brandId, variantId }) => ({
      brandId,
      variantId,
      externalPostId: 'http-suite-post',
      publishedAt: new Date(Date.now() - DAY_MS),
    }),
  },
};

/**
 * Input fields that narrow a listing rather than name a row: another tenant's id there must answer
 * exactly as a missing id does (an empty result), not NOT_FOUND.
 */
export const FILTER_ID_FIELDS = new Set(['pillarId', 'personaId']);
