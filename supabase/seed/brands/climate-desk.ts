import { DEMO_TENANTS } from '../demo-users';
import { CLIMATE_DESK_IDEAS } from './climate-desk-ideas';
import { CLIMATE_DESK_PACKAGES } from './climate-desk-packages';
import type { BrandSeed } from './types';

/** Tenant 2's brand: a climate and energy news desk. It exists to prove tenant isolation. */
export const CLIMATE_DESK: BrandSeed = {
  tenantId: DEMO_TENANTS.globex.id,
  name: 'Globex Climate Desk',
  slug: 'climate-desk',
  primaryChannel: 'newsletter',
  channels: [
    { channel: 'newsletter', handle: 'Climate Desk Weekly' },
    { channel: 'linkedin', handle: 'globex-climate-desk' },
    { channel: 'x', handle: '@globexclimate' },
    { channel: 'youtube', handle: '@GlobexClimateDesk' },
  ],
  positioning:
    'Globex Climate Desk explains climate policy, energy markets and climate-tech deals for professionals who have to act on them. Sourced, clear and calm: we show the data and say what it does not tell you.',
  toneTags: ['rigorous', 'clear', 'calm', 'sourced', 'explanatory'],
  taboos: ['hoax', 'apocalypse', 'investment advice', 'guaranteed returns', 'sources say'],
  metadata: {
    industry: 'Digital media',
    website: 'https://globex-media.example/climate',
    audienceSize: { newsletter: 24_500, linkedin: 18_300, x: 31_000, youtube: 7_400 },
  },
  audience: { newsletter: 24_500, linkedin: 18_300, x: 31_000, youtube: 7_400 },
  channelWeights: [
    ['newsletter', 4],
    ['linkedin', 3],
    ['x', 3],
  ],
  pillars: [
    {
      key: 'policy',
      name: 'Policy explained',
      category: 'policy',
      description: 'What new rules, credits and agreements change in practice, and for whom.',
    },
    {
      key: 'markets',
      name: 'Energy markets',
      category: 'markets',
      description: 'Power prices, storage, fuels and the grid, explained with the numbers behind the headlines.',
    },
    {
      key: 'deals',
      name: 'Climate-tech deals',
      category: 'investment',
      description: 'Funding rounds, project finance and exits, with the context investors need.',
    },
    {
      key: 'data',
      name: 'Data & charts',
      category: 'data journalism',
      description: 'One chart at a time: what the data shows, how it was measured and where it misleads.',
    },
  ],
  personas: [
    {
      key: 'ines',
      name: 'Ines the Climate-tech Investor',
      role: 'Principal at a climate venture fund',
      summary: 'Screens forty companies a month and needs market context she can quote in an investment memo.',
      priorities: [
        'deal flow context',
        'market sizing she can trust',
        'policy risk to portfolio companies',
        'early signals of new categories',
      ],
      pains: ['press releases dressed up as news', 'stale market data'],
      successMetrics: ['memos written faster', 'fewer missed categories'],
      channelBiases: {
        x: 'Follows analysts for breaking deal news',
        newsletter: 'Reads the deals section first',
      },
    },
    {
      key: 'tom',
      name: 'Tom the Sustainability Lead',
      role: 'Head of Sustainability at a manufacturer',
      summary: 'Owns the company’s emissions reporting and has to explain new rules to a sceptical leadership team.',
      priorities: [
        'disclosure compliance',
        'credible decarbonisation plans',
        'board-ready explanations',
        'supplier engagement',
        'budget for energy projects',
      ],
      pains: ['rules that change mid-year', 'jargon he has to translate for the board'],
      successMetrics: ['reports filed on time', 'projects approved by the board'],
      channelBiases: {
        linkedin: 'Shares explainers with colleagues',
        newsletter: 'Forwards policy explainers to his CFO',
      },
    },
    {
      key: 'aisha',
      name: 'Aisha the Policy Adviser',
      role: 'Energy policy adviser',
      summary: 'Advises legislators on energy bills and needs neutral, well-sourced explainers fast.',
      priorities: ['neutral framing', 'primary sources', 'international comparisons'],
      pains: ['partisan coverage', 'explainers without sources'],
      successMetrics: ['briefings delivered on deadline'],
      channelBiases: {
        x: 'Tracks policy debates in real time',
        youtube: 'Watches explainers when preparing briefings',
      },
    },
  ],
  sources: {
    wire: { name: 'Energy wire feed', via: 'ingestion', url: 'https://energywire.example/stories' },
    filings: { name: 'Regulatory filings tracker', via: 'ingestion', url: 'https://filings-tracker.example/dockets' },
    deals: { name: 'Deal database alerts', via: 'ingestion', url: 'https://dealflow-data.example/rounds' },
    desk: { name: 'Editorial meeting', via: 'manual' },
    readers: { name: 'Reader mailbag', via: 'manual' },
    kairo: { name: 'Kairo idea generator', via: 'llm_proposed' },
  },
  ideas: CLIMATE_DESK_IDEAS,
  patterns: [
    {
      name: 'Field dispatch',
      category: 'evergreen',
      status: 'experimental',
      beats: ['Hook', 'Scene', 'Context', 'Insight', 'CTA'],
      supportedChannels: ['newsletter', 'linkedin', 'youtube'],
      exampleSnippet: 'At 6 a.m. the battery site outside Bakersfield is already charging from solar.',
      performanceHint: 'New: on-the-ground reporting; watching whether it lifts newsletter forwards.',
    },
  ],
  packages: CLIMATE_DESK_PACKAGES,
};
