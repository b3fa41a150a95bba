import type { EvalBrand } from './types';

/** A reader-funded climate newsroom: reporting on adaptation, not advocacy. */
export const tidewaterClimate: EvalBrand = {
  key: 'tidewater-climate',
  name: 'Tidewater Climate Desk',
  kind: 'Climate newsroom',
  primaryChannel: 'newsletter',
  channels: [
    { channel: 'newsletter', handle: 'Tidewater Weekly' },
    { channel: 'x', handle: '@tidewaterdesk' },
    { channel: 'linkedin', handle: 'tidewater-climate-desk' },
  ],
  strategy: {
    positioning:
      'Tidewater Climate Desk is a reader-funded newsroom reporting on how coastal towns adapt to rising water and heat: what councils decide, what it costs, and whether it works, checked against the data.',
    pillars: [
      {
        name: 'Adaptation that works',
        description: 'Sea walls, cooling centres, managed retreat: what was built, what it cost and what the data says since.',
        priority: 1,
      },
      {
        name: 'Follow the money',
        description: 'Where adaptation budgets and insurance payouts actually go, from council minutes and filings.',
        priority: 2,
      },
      {
        name: 'Read the data yourself',
        description: 'Explainers that show readers how to read a flood map, a heat index or an emissions claim.',
        priority: 3,
      },
    ],
    personas: [
      {
        name: 'Councillor Claire',
        role: 'Local councillor on a coastal planning committee',
        summary: 'Has to vote on a flood-defence budget next year and wants evidence from towns that went first.',
        priorities: ['evidence from comparable towns', 'costs over twenty years', 'what residents accept'],
        pains: ['consultants’ reports she cannot check', 'being told it is hopeless'],
        priority: 'high',
      },
      {
        name: 'Resident Reader Ravi',
        role: 'Homeowner in a flood zone and paying member',
        summary: 'Reads every issue, worries about his insurance renewal, and shares pieces with his street’s group chat.',
        priorities: ['what it means for his street', 'insurance and property value', 'plain numbers'],
        pains: ['alarming headlines with no detail', 'jargon'],
        priority: 'high',
      },
    ],
    toneTags: ['measured', 'evidence-first', 'clear', 'humane'],
    taboos: ['doom', 'hoax', 'too late', 'carbon neutral', 'sponsored'],
  },
  opportunities: [
    {
      key: 'insurance-renewals',
      type: 'trend',
      title: 'Flood insurance renewals jump 30% on the east coast: who pays, and who gets dropped',
      angle:
        'Insurers have sent this year’s renewals and premiums in flood zones are up by about a third. Explain from the filings which postcodes rose most, what the national reinsurance scheme covers, and what a homeowner can ask their insurer before renewing.',
      pillar: 'Follow the money',
      persona: 'Resident Reader Ravi',
      primaryChannel: 'newsletter',
      channels: ['newsletter', 'x', 'linkedin'],
      expected: {
        audience: ['homeowner', 'resident', 'reader'],
        problem: ['premium', 'renewal', 'dropped', 'insurance'],
        angleKeywords: ['postcode', 'reinsurance', 'filings', 'ask'],
        tabooTraps: ['doom'],
      },
    },
    {
      key: 'offset-claims',
      type: 'evergreen',
      title: 'How to read a council’s carbon neutral pledge before you believe it',
      angle:
        'Councils announce net-zero dates that rest on offsets nobody audits. Show a reader the three lines to look for in the plan: scope, baseline year and what share is offsets. Use one real plan as the worked example and avoid calling anyone a liar.',
      pillar: 'Read the data yourself',
      persona: 'Councillor Claire',
      primaryChannel: 'newsletter',
      channels: ['newsletter', 'linkedin'],
      expected: {
        audience: ['councillor', 'council', 'reader'],
        problem: ['offsets', 'pledge', 'audit'],
        angleKeywords: ['scope', 'baseline', 'offsets', 'plan'],
        tabooTraps: ['carbon neutral'],
      },
    },
  ],
};
