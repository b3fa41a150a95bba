import { DAY_MS } from '../../lib/dates';
import type { BrandIds } from './demo-ids';

/**
 * Who may call a procedure: anyone; any signed-in user (no brand or workspace in the input); a member of
 * the brand's tenant; an owner or admin of it; a member of the workspace (a tenant) the input names by
 * `workspaceId`; an owner or admin of it; an owner of it.
 */
export type Access = 'public' | 'signed-in' | 'brand' | 'admin' | 'workspace' | 'workspace-admin' | 'workspace-owner';

export interface ProcedureEntry {
  access: Access;
  /** A valid input over one brand's real rows; undefined for procedures without input. */
  input?: (ids: BrandIds) => Record<string, unknown>;
}

/** The F0 answers and a draft that meets every strategy invariant, for the strategy procedures. */
const HTTP_SUITE_ANSWERS = {
  oneLiner: 'A brand the HTTP suite describes.',
  audience: 'Testers',
  goals: 'Coverage; clarity',
  antiVoice: 'vague',
  taboos: 'flaky tests',
};
const HTTP_SUITE_DRAFT = {
  positioning: 'A brand the HTTP suite describes.',
  pillars: [
    { name: 'HTTP suite coverage', description: 'Every procedure, every caller.', priority: 1 },
    { name: 'HTTP suite clarity', description: 'Errors that name the field.', priority: 2 },
  ],
  personas: [
    { name: 'HTTP suite tester', role: 'Tester', summary: 'Runs the suite.', priorities: ['a', 'b', 'c'], pains: [], priority: 'high' },
  ],
  toneTags: ['plain', 'exact', 'calm'],
  taboos: ['flaky tests'],
};

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
  'brands.create': {
    access: 'workspace-admin',
    input: ({ workspaceId }) => ({
      workspaceId,
      name: 'HTTP suite brand',
      primaryChannel: 'linkedin',
      channels: [{ channel: 'x', handle: '@suite' }],
    }),
  },
  'brands.update': { access: 'admin', input: ({ brandId }) => ({ brandId, name: 'Renamed by the HTTP suite' }) },
  // Only ever refused in the matrix (signed out, the other tenant, a member): the demo brand that every
  // other entry uses is never archived. A call that succeeds needs a throwaway brand (brands.create).
  'brands.archive': { access: 'admin', input: ({ brandId }) => ({ brandId }) },
  'ingestKeys.list': { access: 'admin', input: ({ brandId }) => ({ brandId }) },
  'ingestKeys.create': { access: 'admin', input: ({ brandId }) => ({ brandId, name: 'HTTP suite key' }) },
  'ingestKeys.revoke': { access: 'admin', input: ({ brandId, ingestKeyId }) => ({ brandId, id: ingestKeyId }) },
  'learning.insights': { access: 'brand', input: ({ brandId }) => ({ brandId, windowDays: 30 }) },
  'learning.run': { access: 'admin', input: ({ brandId }) => ({ brandId, windowDays: 30 }) },
  'learning.summary': { access: 'brand', input: ({ brandId }) => ({ brandId, windowDays: 30 }) },
  'opportunities.create': {
    access: 'brand',
    input: ({ brandId, pillarId, personaId }) => ({
      brandId,
      title: 'An idea the HTTP suite typed in',
      angle: 'Why the suite adds it.',
      type: 'evergreen',
      pillarId,
      personaId,
      primaryChannel: 'linkedin',
      suggestedChannels: ['x'],
    }),
  },
  // Any member may generate; the demo brand's answer (ideas, or CONFLICT before calibration) is not the matrix's concern.
  'opportunities.generate': { access: 'brand', input: ({ brandId }) => ({ brandId, idempotencyKey: 'http-suite-generation' }) },
  'opportunities.generationStatus': { access: 'brand', input: ({ brandId }) => ({ brandId }) },
  'opportunities.dismiss': { access: 'brand', input: ({ brandId, opportunityId }) => ({ brandId, opportunityId, reason: 'HTTP suite' }) },
  'opportunities.importCsv': {
    access: 'brand',
    input: ({ brandId }) => ({ brandId, csv: 'title,angle,type,primary_channel\nAn idea the HTTP suite imported,Why now,trend,x\n' }),
  },
  'opportunities.pin': { access: 'brand', input: ({ brandId, opportunityId }) => ({ brandId, opportunityId, pinned: true }) },
  'opportunities.snooze': {
    access: 'brand',
    input: ({ brandId, opportunityId }) => ({ brandId, opportunityId, until: new Date(Date.now() + DAY_MS) }),
  },
  'opportunities.snoozed': { access: 'brand', input: ({ brandId }) => ({ brandId, limit: 20 }) },
  'packages.buildProgress': {
    access: 'brand',
    input: ({ brandId }) => ({ brandId, idempotencyKey: 'http-suite-build', channels: ['linkedin'] }),
  },
  'packages.createFromOpportunity': {
    access: 'brand',
    input: ({ brandId, opportunityId }) => ({ brandId, opportunityId, channels: ['linkedin'], idempotencyKey: 'http-suite-build' }),
  },
  'packages.exportMarkdown': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId }) },
  'packages.list': {
    access: 'brand',
    input: ({ brandId }) => ({ brandId, status: 'draft', channel: 'linkedin', search: 'a', limit: 10 }),
  },
  'packages.exportCsv': { access: 'brand', input: ({ brandId }) => ({ brandId, channel: 'linkedin' }) },
  'packages.performance': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId, windowDays: 90 }) },
  'packages.addChannel': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId, channel: 'newsletter' }) },
  'packages.regenerateVariants': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId, channel: 'linkedin' }) },
  'packages.setStatus': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId, status: 'in_review' }) },
  'packages.archive': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId }) },
  'packages.restore': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId }) },
  'packages.history': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId }) },
  'packages.workspace': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId }) },
  'packages.updateThesis': {
    access: 'brand',
    input: ({ brandId, packageId }) => ({
      brandId,
      packageId,
      keyPoints: ['Owners and deadlines first', 'Measure days to close', 'Tools last'],
    }),
  },
  'packages.rubricScore': { access: 'brand', input: ({ brandId, packageId }) => ({ brandId, packageId }) },
  'patterns.list': { access: 'brand', input: ({ brandId }) => ({ brandId, status: 'active', channel: 'linkedin' }) },
  'patterns.create': {
    access: 'admin',
    input: ({ brandId }) => ({ brandId, name: 'HTTP suite pattern', channel: ['linkedin', 'x'], structure: ['Hook', 'Proof', 'CTA'] }),
  },
  'patterns.update': {
    access: 'admin',
    input: ({ brandId, patternId }) => ({
      brandId,
      patternId,
      name: 'Edited by the HTTP suite',
      structure: ['Hook', 'CTA'],
      status: 'active',
    }),
  },
  // Retiring keeps the row (only its status changes) and update accepts a retired pattern, so a
  // retire before the other calls on this pattern leaves them valid.
  'patterns.retire': { access: 'admin', input: ({ brandId, patternId }) => ({ brandId, patternId }) },
  'patterns.copyShared': { access: 'admin', input: ({ brandId, sharedPatternId }) => ({ brandId, patternId: sharedPatternId }) },
  'runs.list': { access: 'brand', input: ({ brandId }) => ({ brandId, limit: 10 }) },
  'sources.add': { access: 'admin', input: ({ brandId }) => ({ brandId, kind: 'note', text: 'A note the HTTP suite pasted' }) },
  'sources.fetchNow': { access: 'admin', input: ({ brandId, sourceId }) => ({ brandId, sourceId }) },
  'sources.list': { access: 'brand', input: ({ brandId }) => ({ brandId }) },
  'sources.remove': { access: 'admin', input: ({ brandId, sourceId }) => ({ brandId, sourceId }) },
  'strategy.acceptDraft': { access: 'admin', input: ({ brandId }) => ({ brandId, draft: HTTP_SUITE_DRAFT }) },
  'strategy.calibration': { access: 'brand', input: ({ brandId }) => ({ brandId }) },
  'strategy.pillars': { access: 'brand', input: ({ brandId }) => ({ brandId }) },
  'strategy.proposeDraft': { access: 'admin', input: ({ brandId }) => ({ brandId, answers: HTTP_SUITE_ANSWERS }) },
  'strategy.reorderPillars': { access: 'admin', input: ({ brandId, pillarId }) => ({ brandId, pillarIds: [pillarId] }) },
  'strategy.update': { access: 'admin', input: ({ brandId }) => ({ brandId, positioning: 'Positioning written by the HTTP suite.' }) },
  'strategy.upsertPersona': {
    access: 'admin',
    input: ({ brandId, personaId }) => ({
      brandId,
      id: personaId,
      name: 'HTTP suite persona',
      summary: 'Edited by the HTTP suite.',
      priorities: ['speed', 'accuracy', 'trust'],
    }),
  },
  'strategy.upsertPillar': {
    access: 'admin',
    input: ({ brandId, pillarId }) => ({ brandId, id: pillarId, name: 'HTTP suite pillar', description: 'Edited by the HTTP suite.' }),
  },
  'team.invite': {
    access: 'workspace-admin',
    input: ({ workspaceId }) => ({ workspaceId, email: 'http-suite-new-member@example.com', role: 'admin' }),
  },
  'team.list': { access: 'workspace', input: ({ workspaceId }) => ({ workspaceId }) },
  // Max's membership: only ever refused here (a member, another tenant), so the owner stays and so does he.
  'team.remove': { access: 'workspace-owner', input: ({ workspaceId, memberUserId }) => ({ workspaceId, userId: memberUserId }) },
  'team.revokeInvite': { access: 'workspace-admin', input: ({ workspaceId, inviteId }) => ({ workspaceId, inviteId }) },
  'team.setRole': {
    access: 'workspace-owner',
    input: ({ workspaceId, memberUserId }) => ({ workspaceId, userId: memberUserId, role: 'admin' }),
  },
  'today.get': {
    access: 'brand',
    input: ({ brandId, pillarId, personaId }) => ({ brandId, pillarId, personaId, channel: 'linkedin', limit: 20 }),
  },
  'today.summary': { access: 'brand', input: ({ brandId }) => ({ brandId }) },
  'workspaces.create': { access: 'signed-in', input: () => ({ name: 'HTTP suite workspace' }) },
  'workspaces.list': { access: 'signed-in' },
  'workspaces.rename': { access: 'workspace-admin', input: ({ workspaceId }) => ({ workspaceId, name: 'Renamed by the HTTP suite' }) },
  'variants.evaluate': { access: 'brand', input: ({ brandId, variantId }) => ({ brandId, variantId }) },
  'variants.update': { access: 'brand', input: ({ brandId, variantId }) => ({ brandId, variantId, text: 'Edited by the HTTP suite.' }) },
  'variants.approve': { access: 'brand', input: ({ brandId, variantId }) => ({ brandId, variantId }) },
  'variants.reject': { access: 'brand', input: ({ brandId, variantId }) => ({ brandId, variantId, note: 'Off message.' }) },
  'variants.schedule': { access: 'brand', input: ({ brandId, variantId }) => ({ brandId, variantId, scheduledFor: '2099-01-05T09:00' }) },
  'variants.unschedule': { access: 'brand', input: ({ brandId, variantId }) => ({ brandId, variantId }) },
  'variants.markPublished': {
    access: 'brand',
    input: ({ brandId, variantId }) => ({
      brandId,
      variantId,
      externalPostId: 'http-suite-post',
      postUrl: 'https://www.linkedin.com/feed/update/urn:li:share:http-suite-post',
      publishedAt: new Date(Date.now() - DAY_MS),
    }),
  },
};

/**
 * Input fields that narrow a listing rather than name a row: another tenant's id there must answer
 * exactly as a missing id does (an empty result), not NOT_FOUND.
 */
export const FILTER_ID_FIELDS = new Set(['pillarId', 'personaId']);
