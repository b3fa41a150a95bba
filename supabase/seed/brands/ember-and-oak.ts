import { DEMO_TENANTS } from '../demo-users';
import { EMBER_AND_OAK_IDEAS } from './ember-and-oak-ideas';
import { EMBER_AND_OAK_PACKAGES } from './ember-and-oak-packages';
import type { BrandSeed } from './types';

/** Tenant 1, brand 2: a specialty coffee roaster selling subscriptions and wholesale. */
export const EMBER_AND_OAK: BrandSeed = {
  tenantId: DEMO_TENANTS.northwind.id,
  name: 'Ember & Oak Coffee Roasters',
  slug: 'ember-and-oak',
  primaryChannel: 'newsletter',
  channels: [
    { channel: 'newsletter', handle: 'The Roast Log' },
    { channel: 'instagram', handle: '@emberandoak' },
    { channel: 'x', handle: '@emberoakcoffee' },
    { channel: 'linkedin', handle: 'ember-and-oak-coffee' },
  ],
  positioning:
    'Ember & Oak is a small-batch specialty roaster buying directly from fourteen producer partners. We roast on Tuesdays, ship on Wednesdays, and help home brewers and independent cafés get more out of every bag.',
  toneTags: ['warm', 'curious', 'sensory', 'unpretentious', 'precise about brewing'],
  taboos: ['health benefits', 'cheapest', 'best coffee in the world', 'fair trade certified', 'gourmet'],
  metadata: {
    industry: 'Specialty coffee roaster',
    website: 'https://emberandoak.example',
    audienceSize: { newsletter: 9_200, instagram: 15_800, x: 2_600, linkedin: 1_900 },
  },
  audience: { newsletter: 9_200, instagram: 15_800, x: 2_600, linkedin: 1_900 },
  channelWeights: [
    ['newsletter', 4],
    ['x', 2],
    ['linkedin', 2],
  ],
  pillars: [
    {
      key: 'origin',
      name: 'Origin & producers',
      category: 'sourcing',
      description: 'The farms and people behind each lot, told with names, altitudes and the prices we paid.',
    },
    {
      key: 'brew',
      name: 'Brew better at home',
      category: 'education',
      description: 'Ratios, grind and water explained plainly, so every bag tastes the way it did on our cupping table.',
    },
    {
      key: 'roast',
      name: 'Inside the roastery',
      category: 'behind the scenes',
      description: 'How we roast, cup and choose lots, including the batches that did not make it.',
    },
    {
      key: 'impact',
      name: 'Direct trade & transparency',
      category: 'impact',
      description: 'What direct trade means for producers, with our prices and partners published every year.',
    },
    {
      key: 'cafe',
      name: 'Wholesale café partners',
      category: 'B2B',
      description: 'Practical help for independent cafés: dialling in, margins, training and seasonal menus.',
    },
  ],
  personas: [
    {
      key: 'hannah',
      name: 'Hannah the Home Brewer',
      role: 'Enthusiast home brewer',
      summary: 'Brews a V60 every morning, owns a decent grinder and wants to understand why a coffee tastes the way it does.',
      priorities: ['consistent cups', 'learning about origins', 'fresh beans on schedule', 'gear that is worth the money'],
      pains: ['sour or bitter cups she cannot explain', 'stale beans from the supermarket'],
      successMetrics: ['cups she is proud to serve', 'subscription renewals'],
      channelBiases: {
        instagram: 'Saves brew guides and roast-day reels',
        newsletter: 'Opens The Roast Log on Saturday mornings',
      },
    },
    {
      key: 'theo',
      name: 'Theo the Café Owner',
      role: 'Owner of an independent café',
      summary: 'Runs two cafés with nine staff and needs coffee that tastes the same on a Monday rush and a slow Sunday.',
      priorities: ['consistent supply', 'margin per cup', 'barista training', 'a menu that stands out', 'reliable delivery'],
      pains: ['green coffee price swings', 'staff turnover', 'dialling in every new bag'],
      successMetrics: ['cups sold per day', 'waste per shift'],
      channelBiases: {
        linkedin: 'Reads supplier and industry news',
        x: 'Follows other café owners for quick tips',
      },
    },
    {
      key: 'sam',
      name: 'Sam the Gift Subscriber',
      role: 'Buys coffee subscriptions as gifts',
      summary: 'Not a coffee nerd, but wants a gift that feels personal and arrives on time.',
      priorities: ['easy gifting', 'beautiful packaging', 'flexible delivery dates'],
      pains: ['gifts arriving late', 'not knowing which coffee to choose'],
      successMetrics: ['gifts that get a thank-you message'],
      channelBiases: {
        instagram: 'Discovers gifts while scrolling',
        newsletter: 'Reads the holiday issues only',
      },
    },
  ],
  sources: {
    importer: { name: 'Importer harvest reports', via: 'ingestion', url: 'https://greenbean-importers.example/reports' },
    industry: { name: 'Daily Grind industry news', via: 'ingestion', url: 'https://dailygrind-news.example/articles' },
    questions: { name: 'Customer questions inbox', via: 'manual' },
    roastery: { name: 'Roastery team notes', via: 'manual' },
    calendar: { name: 'Seasonal campaign calendar', via: 'manual' },
    kairo: { name: 'Kairo idea generator', via: 'llm_proposed' },
    social: { name: 'Instagram comment themes', via: 'llm_proposed' },
  },
  ideas: EMBER_AND_OAK_IDEAS,
  patterns: [
    {
      name: 'Origin postcard',
      category: 'evergreen',
      status: 'active',
      beats: ['Hook', 'Place', 'Person', 'Cup', 'CTA'],
      supportedChannels: ['instagram', 'newsletter', 'x'],
      exampleSnippet: '1,750 metres up in Huila, Doña Rosa picks only the reddest cherries, twice a week.',
      performanceHint: 'Producer names and one sensory detail outperform price-led posts.',
    },
    {
      name: 'Brew fix',
      category: 'education',
      status: 'active',
      beats: ['Hook', 'Symptom', 'Cause', 'Fix', 'CTA'],
      supportedChannels: ['instagram', 'newsletter', 'x', 'linkedin'],
      exampleSnippet: 'Sour cup? Grind one step finer before you change anything else.',
      performanceHint: 'Saves spike when the fix fits in one sentence.',
    },
  ],
  packages: EMBER_AND_OAK_PACKAGES,
};
