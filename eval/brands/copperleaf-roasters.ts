import type { EvalBrand } from './types';

/** A consumer coffee roaster selling subscriptions by post; the newsletter is where it sells. */
export const copperleafRoasters: EvalBrand = {
  key: 'copperleaf',
  name: 'Copperleaf Roasters',
  kind: 'Consumer coffee roaster',
  primaryChannel: 'newsletter',
  channels: [
    { channel: 'newsletter', handle: 'Copperleaf Letters' },
    { channel: 'x', handle: '@copperleafcoffee' },
    { channel: 'instagram', handle: '@copperleafroasters' },
  ],
  strategy: {
    positioning:
      'Copperleaf is a small roaster in Leeds that buys directly from six farms, roasts twice a week and posts fresh beans to subscribers, with a card saying who grew them and what we paid.',
    pillars: [
      {
        name: 'Who grew it',
        description: 'The farms we buy from, what a harvest looks like there and what we pay per kilo, in numbers.',
        priority: 1,
      },
      {
        name: 'Better coffee at home',
        description: 'Brewing advice for people with a grinder and a kettle, not a café bar.',
        priority: 2,
      },
      {
        name: 'Roastery notes',
        description: 'What changes on the roaster week to week and why a coffee tastes different this month.',
        priority: 3,
      },
    ],
    personas: [
      {
        name: 'Home Brewer Hana',
        role: 'Subscriber who brews a V60 every morning',
        summary: 'Bought a good grinder last year, reads the card in every bag and wants her cup to taste like the notes.',
        priorities: ['a cup that matches the tasting notes', 'knowing where the coffee comes from', 'not wasting beans'],
        pains: ['sour or bitter cups she cannot fix', 'jargon in brewing guides'],
        priority: 'high',
      },
      {
        name: 'Gift Buyer Gareth',
        role: 'Buys subscriptions as presents',
        summary: 'Not a coffee person himself; wants a present that feels considered and arrives on time.',
        priorities: ['arrives on time', 'looks good', 'easy to choose'],
        pains: ['too many options', 'not knowing what the person likes'],
        priority: 'medium',
      },
    ],
    toneTags: ['warm', 'specific', 'unpretentious', 'curious'],
    taboos: ['fair trade', 'detox', 'weight loss', 'cheap', 'best coffee in the world'],
  },
  opportunities: [
    {
      key: 'price-per-kilo',
      type: 'trend',
      title: 'Coffee futures hit a record: what we paid our farms this year, and why your bag costs £1 more',
      angle:
        'Arabica prices on the exchange are at a 40-year high and subscribers are asking why the price went up. Open the books: the price per kilo we paid each farm, what the exchange price was, and where the extra pound goes. People searching for a fair trade label will find more here than on a sticker.',
      pillar: 'Who grew it',
      persona: 'Home Brewer Hana',
      primaryChannel: 'newsletter',
      channels: ['newsletter', 'x'],
      expected: {
        audience: ['subscriber', 'subscribers', 'you'],
        problem: ['price', 'cost', 'went up'],
        angleKeywords: ['per kilo', 'farm', 'exchange', 'paid'],
        tabooTraps: ['fair trade'],
      },
    },
    {
      key: 'sour-v60',
      type: 'evergreen',
      title: 'Your V60 tastes sour? Grind finer before you buy anything',
      angle:
        'Most sour cups at home come from under-extraction, not the beans. Walk a home brewer through one change at a time: grind a step finer, pour slower, check the water temperature. No new kit, no chemistry lecture.',
      pillar: 'Better coffee at home',
      persona: 'Home Brewer Hana',
      primaryChannel: 'newsletter',
      channels: ['newsletter', 'x'],
      expected: {
        audience: ['home', 'brewer', 'V60'],
        problem: ['sour', 'under-extraction', 'under-extracted'],
        angleKeywords: ['grind', 'finer', 'pour', 'temperature'],
        tabooTraps: ['cheap'],
      },
    },
    {
      key: 'january-detox',
      type: 'campaign',
      title: 'January detox season: a gift subscription for people who are keeping their coffee',
      angle:
        'In January the feeds fill with people giving things up. Give a gift buyer a reason to send three months of fresh beans to someone who is keeping the one ritual they enjoy, with a note on how the first bag arrives within a week.',
      pillar: 'Roastery notes',
      persona: 'Gift Buyer Gareth',
      primaryChannel: 'newsletter',
      channels: ['newsletter', 'x'],
      expected: {
        audience: ['gift', 'present', 'someone'],
        problem: ['January', 'giving things up', 'choose'],
        angleKeywords: ['three months', 'ritual', 'fresh', 'first bag'],
        tabooTraps: ['detox', 'weight loss'],
      },
    },
  ],
};
