import type { EvalBrand } from './types';

/** Fintech for CFOs of mid-sized companies: cash forecasting and treasury. */
export const tallybridgeFintech: EvalBrand = {
  key: 'tallybridge',
  name: 'Tallybridge',
  kind: 'Fintech for CFOs',
  primaryChannel: 'linkedin',
  channels: [
    { channel: 'linkedin', handle: 'tallybridge' },
    { channel: 'newsletter', handle: 'The 13-Week Letter' },
    { channel: 'x', handle: '@tallybridgehq' },
  ],
  strategy: {
    positioning:
      'Tallybridge gives CFOs of companies with $20M–$500M revenue a 13-week cash forecast that updates itself from the bank feeds and the ERP every morning, so the cash conversation starts from numbers everyone trusts.',
    pillars: [
      {
        name: 'Forecasts you can defend',
        description: 'Cash forecasts that hold up in front of the board and the lender: method, accuracy, variance.',
        priority: 1,
      },
      {
        name: 'Working capital in practice',
        description: 'Receivables, payables and inventory moves that free cash, with the trade-offs named.',
        priority: 2,
      },
      {
        name: 'The modern finance team',
        description: 'How lean finance teams split the work between people, spreadsheets and systems.',
        priority: 3,
      },
    ],
    personas: [
      {
        name: 'CFO Priya',
        role: 'Chief financial officer',
        summary: 'Reports cash to a private-equity board monthly and renegotiates the credit facility next year.',
        priorities: ['forecast accuracy', 'covenant headroom', 'a team that is not rebuilding spreadsheets every Monday'],
        pains: ['forecast misses explained after the fact', 'surprises from the bank'],
        priority: 'high',
      },
      {
        name: 'Treasury Manager Tom',
        role: 'Treasury and FP&A manager',
        summary: 'Builds the weekly cash forecast by hand from bank exports and chases business units for inputs.',
        priorities: ['less manual work', 'one source of truth', 'explaining variances quickly'],
        pains: ['copy-pasting bank exports', 'late inputs from business units'],
        priority: 'medium',
      },
    ],
    toneTags: ['precise', 'sober', 'expert', 'direct'],
    taboos: ['guaranteed returns', 'crypto', 'recession-proof', 'tax loophole'],
  },
  opportunities: [
    {
      key: 'rate-cuts-idle-cash',
      type: 'trend',
      title: 'Rate cuts are coming: is your idle cash recession-proof?',
      angle:
        'With central banks signalling cuts, the yield on operating cash will fall. A CFO should know how much cash sits idle beyond the 13-week need and what the covenant requires. Walk through sizing the operating buffer from the forecast before moving anything into deposits.',
      pillar: 'Forecasts you can defend',
      persona: 'CFO Priya',
      primaryChannel: 'linkedin',
      channels: ['linkedin', 'newsletter'],
      expected: {
        audience: ['CFO', 'finance'],
        problem: ['idle cash', 'yield', 'rate cuts'],
        angleKeywords: ['13-week', 'buffer', 'covenant', 'forecast'],
        tabooTraps: ['recession-proof', 'guaranteed returns'],
      },
    },
    {
      key: 'dso-quarter-end',
      type: 'evergreen',
      title: 'Quarter-end DSO tricks that hurt next quarter’s forecast',
      angle:
        'Pulling collections into quarter-end flatters DSO and then leaves a hole in week one of the next quarter. Show a treasury manager how to spot it in the 13-week forecast and how to explain the dip to the CFO before it is asked about.',
      pillar: 'Working capital in practice',
      persona: 'Treasury Manager Tom',
      primaryChannel: 'linkedin',
      channels: ['linkedin', 'x'],
      expected: {
        audience: ['treasury', 'CFO', 'finance'],
        problem: ['DSO', 'collections', 'hole', 'dip'],
        angleKeywords: ['quarter-end', 'forecast', 'explain', 'week one'],
        tabooTraps: [],
      },
    },
  ],
};
