import { DEMO_TENANTS } from '../demo-users';
import { LEDGERLINE_IDEAS } from './ledgerline-ideas';
import { LEDGERLINE_PACKAGES } from './ledgerline-packages';
import type { BrandSeed } from './types';

/** Tenant 1, brand 1: a B2B fintech SaaS selling spend management and close automation. */
export const LEDGERLINE: BrandSeed = {
  tenantId: DEMO_TENANTS.northwind.id,
  name: 'Ledgerline',
  slug: 'ledgerline',
  primaryChannel: 'linkedin',
  channels: [
    { channel: 'linkedin', handle: 'ledgerline' },
    { channel: 'x', handle: '@ledgerlinehq' },
    { channel: 'newsletter', handle: 'The Close Notes' },
  ],
  positioning:
    'Ledgerline gives mid-market finance teams spend controls and close automation in one place, so controllers close the books in days instead of weeks. We talk to finance people as peers: numbers first, no hype.',
  toneTags: ['plainspoken', 'numerate', 'dry wit', 'practical', 'peer-to-peer'],
  taboos: ['guaranteed savings', 'replace your accountant', 'crypto', 'tax loophole', 'effortless'],
  metadata: {
    industry: 'B2B fintech SaaS',
    website: 'https://ledgerline.example',
    audienceSize: { linkedin: 12_400, x: 4_100, newsletter: 6_800 },
  },
  audience: { linkedin: 12_400, x: 4_100, newsletter: 6_800 },
  channelWeights: [
    ['linkedin', 5],
    ['newsletter', 3],
    ['x', 2],
  ],
  pillars: [
    {
      key: 'close',
      name: 'Faster month-end close',
      category: 'operations',
      description: 'Cutting the close from weeks to days: reconciliations, accruals and the habits that make them boring.',
    },
    {
      key: 'spend',
      name: 'Spend control without friction',
      category: 'product',
      description: 'Cards, approvals and policies that stop bad spend without making employees file tickets.',
    },
    {
      key: 'cfo',
      name: 'The strategic CFO',
      category: 'thought leadership',
      description: 'Forecasting, cash and board conversations for finance leaders in scale-ups.',
    },
    {
      key: 'audit',
      name: 'Audit-ready by default',
      category: 'compliance',
      description: 'Evidence, controls and audit trails that exist before the auditor asks for them.',
    },
  ],
  personas: [
    {
      key: 'priya',
      name: 'Priya the Controller',
      role: 'Financial Controller, 200–800 employees',
      summary: 'Runs the monthly close with a team of four and a reconciliation workbook nobody else understands.',
      priorities: [
        'close in five working days',
        'clean bank reconciliations',
        'fewer manual journal entries',
        'a team that is not burnt out in close week',
        'an audit trail without chasing people',
      ],
      pains: ['receipts chased by email', 'bank feeds that break mid-month', 'last-minute accrual surprises'],
      successMetrics: ['days to close', 'post-close adjustments per month'],
      channelBiases: {
        linkedin: 'Reads practical long posts and checklists on the commute',
        newsletter: 'Saves checklists for close week',
      },
    },
    {
      key: 'marcus',
      name: 'Marcus the Scale-up CFO',
      role: 'CFO, Series B–C scale-up',
      summary: 'Owns the numbers the board sees and the runway question everyone keeps asking.',
      priorities: [
        'forecast accuracy',
        'cash runway visibility',
        'board-ready reporting',
        'a finance stack that scales',
        'hiring ahead of growth',
      ],
      pains: ['finance learns about spend after the fact', 'forecasts built on stale actuals', 'tool sprawl'],
      successMetrics: ['forecast variance', 'months of runway', 'finance headcount per $10M revenue'],
      channelBiases: {
        linkedin: 'Engages with contrarian takes from other CFOs',
        x: 'Follows finance operators for quick takes',
      },
    },
    {
      key: 'dana',
      name: 'Dana in FP&A',
      role: 'FP&A Lead',
      summary: 'Builds the models and wants actuals she can trust the day after month-end.',
      priorities: ['timely actuals', 'driver-based forecasts', 'clean departmental budgets', 'less copy-paste between tools'],
      pains: ['budget owners ignore variance reports', 'actuals arrive on day twelve'],
      successMetrics: ['budget vs. actual variance', 'hours spent on reporting each month'],
      channelBiases: {
        x: 'Shares spreadsheet and modelling tips',
        newsletter: 'Reads deep dives end to end',
      },
    },
  ],
  sources: {
    feed: { name: 'FinanceOps Weekly', via: 'ingestion', url: 'https://financeops-weekly.example/posts' },
    reg: { name: 'Regulatory news digest', via: 'ingestion', url: 'https://regwatch.example/finance' },
    calls: { name: 'Customer call notes', via: 'manual' },
    plan: { name: 'Q4 marketing plan', via: 'manual' },
    social: { name: 'LinkedIn finance conversations', via: 'llm_proposed' },
    kairo: { name: 'Kairo idea generator', via: 'llm_proposed' },
    rivals: { name: 'Competitor watch', via: 'ingestion', url: 'https://market-watch.example/spend-management' },
  },
  ideas: LEDGERLINE_IDEAS,
  patterns: [
    {
      name: 'Close-week war story',
      category: 'engagement',
      status: 'active',
      beats: ['Hook', 'Context', 'Turning point', 'Lesson', 'CTA'],
      supportedChannels: ['linkedin', 'newsletter'],
      exampleSnippet: 'Day 9 of close. The bank rec is off by $14,212.07 and the CFO wants numbers by noon.',
      performanceHint: 'Specific amounts and days in the hook lift comments from controllers.',
    },
    {
      name: 'Metric teardown',
      category: 'education',
      status: 'experimental',
      beats: ['Hook', 'Metric', 'Breakdown', 'Insight', 'CTA'],
      supportedChannels: ['linkedin', 'x', 'newsletter'],
      exampleSnippet: 'Days to close is a vanity metric unless you also count post-close adjustments.',
      performanceHint: 'New: testing whether one-metric posts beat listicles with the CFO audience.',
    },
  ],
  packages: LEDGERLINE_PACKAGES,
};
