import type { PackageSeed } from './types';

export const CLIMATE_DESK_PACKAGES: PackageSeed[] = [
  {
    opportunity: 'Negative power prices are getting more common: who profits',
    title: 'Negative power prices: who profits',
    status: 'published',
    ageDays: 56,
    publishedDaysAgo: 54,
    coreArgument:
      'Negative prices are a symptom of inflexible supply meeting midday solar; whoever can shift demand or store energy gets paid.',
    keyPoints: [
      'Why prices go below zero',
      'Batteries and flexible loads earn the spread',
      'Negative hours are a signal for where to build',
    ],
    risksToAvoid: ['Implying anyone should trade on it', 'Overstating how often it happens outside solar-heavy grids'],
    variants: [
      {
        channel: 'newsletter',
        pattern: 'News explainer',
        status: 'published',
        text: `Subject: Why electricity sometimes costs less than nothing

Good morning,

On sunny spring afternoons in several solar-heavy grids, the wholesale price of electricity now regularly drops below zero. Generators pay to keep producing. It sounds absurd, so this week we explain it, and who makes money from it.

Why prices go negative
Some plants cannot easily turn down: older thermal units with long restart times, and renewable projects whose subsidies are paid per megawatt-hour produced. When midday solar floods the grid and demand is soft, those plants keep running even at a loss, and the price falls through zero.

Who profits
Batteries charge when they are paid to and discharge in the evening peak. Flexible industrial loads, such as electrolysers, cold storage and water pumping, shift their consumption into the negative hours. Traders with access to both markets earn the spread.

What it tells us
Negative hours are a map of where the grid needs flexibility. Regions with the most negative hours are where storage projects now pencil out fastest, and where new solar without storage will earn less.

What it does not tell us
Negative prices are still a small share of hours in most markets, and retail customers rarely see them. The effect on household bills is indirect.

Next week: how a single battery stacks three revenue streams.

The Climate Desk team`,
        rationale: 'Explains the mechanism before the winners and ends with what the data does not show, per the desk’s tone.',
      },
      {
        channel: 'linkedin',
        pattern: 'News explainer',
        status: 'published',
        text: `Electricity prices below zero are no longer a curiosity in solar-heavy grids. They're becoming a weekly event in spring.

Why it happens: some plants can't easily turn down, and some are paid per megawatt-hour produced. When midday solar meets soft demand, they keep running at a loss and the price falls through zero.

Who gets paid:
• Batteries, which charge when paid to and sell into the evening peak
• Flexible industrial loads that move consumption into those hours
• Traders who can act on the spread

The bigger signal: negative hours show exactly where the grid needs flexibility, and where new solar without storage will earn less than its developers planned.

Full explainer in this week's Climate Desk Weekly.`,
        rationale: 'Professional audience: mechanism, beneficiaries, then the planning implication.',
      },
      {
        channel: 'x',
        pattern: 'News explainer',
        status: 'published',
        text: `Power prices below zero are now routine on sunny spring afternoons in solar-heavy grids.

Who profits: batteries, flexible industrial loads, and traders on the spread.

Who loses: solar without storage.

Our explainer ↓`,
        rationale: 'Winners and losers in two lines; the link goes in the reply.',
      },
    ],
  },
  {
    opportunity: 'Scope 3 emissions without the jargon',
    title: 'Scope 3 without the jargon',
    status: 'published',
    ageDays: 9,
    publishedDaysAgo: 7,
    coreArgument:
      'Scope 3 is every emission in a company’s value chain; for most manufacturers three of the fifteen categories make up most of it.',
    keyPoints: [
      'Scopes 1, 2 and 3 in one sentence each',
      'Purchased goods, use of sold products and transport dominate',
      'Start with spend data, refine with suppliers',
    ],
    risksToAvoid: ['Presenting estimates as precise', 'Legal guidance on disclosure obligations'],
    notes: 'Answers the most common question in the reader mailbag this quarter.',
    variants: [
      {
        channel: 'newsletter',
        pattern: 'Reader question',
        status: 'published',
        text: `Subject: "What actually counts as Scope 3?"

Good morning,

It's the question we get most in the reader mailbag, so here's the plain-language answer.

Scope 1 is what you burn: the gas in your boilers, the diesel in your vans.
Scope 2 is the electricity and heat you buy.
Scope 3 is everything else in your value chain: what your suppliers emit making what you buy, and what your customers emit using what you sell.

The standard splits Scope 3 into fifteen categories. That sounds daunting, but for a typical manufacturer three of them carry most of the weight:
1. Purchased goods and services: the steel, plastics and parts you buy.
2. Use of sold products: if your product uses energy, its lifetime emissions count.
3. Transport and distribution, upstream and downstream.

Where to start
Most companies begin with spend-based estimates: multiply what you spend in each category by an average emission factor. It's rough, and everyone knows it. Then replace the biggest estimates with real data from your largest suppliers, one at a time.

What to avoid
Presenting a spend-based number as precise. Say it's an estimate, say how you'll improve it, and your board and auditors will trust it more.

Have a question for the mailbag? Just reply.

The Climate Desk team`,
        rationale: 'Reader-question framing matches the mailbag origin; three categories keep it actionable.',
      },
      {
        channel: 'linkedin',
        pattern: 'News explainer',
        status: 'published',
        text: `Scope 3, without the jargon:

Scope 1: what you burn.
Scope 2: the energy you buy.
Scope 3: everything else in your value chain.

Scope 3 has fifteen categories, but for most manufacturers three carry most of the weight: purchased goods, use of sold products, and transport.

The practical path: start with spend-based estimates, label them as estimates, then replace the largest ones with supplier data one by one.

A rough number you can explain beats a precise-looking number you can't.`,
        rationale: 'One-line definitions are easy to share internally, which is how sustainability leads use LinkedIn.',
      },
      {
        channel: 'x',
        pattern: 'News explainer',
        status: 'published',
        text: `Scope 1: what you burn
Scope 2: the energy you buy
Scope 3: everything else in your value chain

For most manufacturers, 3 of Scope 3's 15 categories dominate: purchased goods, use of sold products, transport.

Start with estimates. Label them.`,
        rationale: 'Definitions as a list; fits well under the limit.',
      },
    ],
  },
  {
    opportunity: 'Climate-tech funding this quarter: fewer rounds, bigger cheques',
    title: 'Climate-tech funding: fewer rounds, bigger cheques',
    status: 'in_review',
    ageDays: 2,
    coreArgument:
      'Capital is concentrating in later-stage rounds while early-stage deal count falls, widening the gap before first projects.',
    keyPoints: ['Deal count down, median round size up', 'Growth rounds for proven technologies', 'Seed and Series A feel the squeeze'],
    risksToAvoid: ['Naming companies as good or bad bets', 'Treating one quarter as a trend'],
    notes: 'Waiting on the final quarter numbers from the deal database before approval.',
    variants: [
      {
        channel: 'linkedin',
        pattern: 'Chart of the week',
        status: 'approved',
        text: `Climate-tech funding this quarter: fewer rounds, bigger cheques.

Our deal tracker counted fewer rounds than in the same quarter last year, while the median round size went up.

What's behind it:
• Investors are backing technologies that already work at scale: storage, grid software, heat pumps.
• Growth rounds absorb a large share of the capital.
• Seed and Series A companies report longer fundraises and more insider-led rounds.

One quarter is not a trend. But if this pattern holds, the gap between a working pilot and a first commercial plant gets wider, not narrower.

Chart and full breakdown in Thursday's Climate Desk Weekly.`,
        rationale: 'Leads with the headline pattern and keeps the one-quarter caveat visible.',
      },
      {
        channel: 'x',
        pattern: 'Chart of the week',
        status: 'edited',
        draft: `Climate-tech funding: fewer deals, bigger rounds this quarter. Chart below.`,
        text: `Climate-tech funding this quarter:

fewer rounds ↓
bigger median cheque ↑

Money is flowing to proven tech at growth stage. Early-stage founders feel it.

One quarter isn't a trend, but watch this gap.`,
        rationale: 'Arrows carry the chart’s message before the image loads.',
      },
    ],
  },
  {
    opportunity: 'Chart of the week: where new power capacity came from this year',
    title: 'Chart of the week: new power capacity by source',
    status: 'draft',
    ageDays: 1,
    coreArgument: 'Solar, storage and wind make up the vast majority of new capacity, but capacity is not generation.',
    keyPoints: [
      'Additions by source in one stacked bar',
      'Capacity factors differ by technology',
      'Storage shifts energy, it does not generate it',
    ],
    risksToAvoid: ['Comparing capacity with generation', 'Projecting this year’s mix onto the next decade'],
    variants: [
      {
        channel: 'newsletter',
        pattern: 'Chart of the week',
        status: 'draft',
        text: `Subject: Chart of the week: where this year's new power came from

Good morning,

This week's chart is a single stacked bar: every megawatt of generating capacity added to the grid this year, by source.

Solar is the largest block by far, followed by battery storage and wind. Gas additions are a thin slice, and almost nothing else was added.

Two caveats before you share it:

Capacity is not generation. A megawatt of solar produces far fewer megawatt-hours over a year than a megawatt of gas running around the clock. The share of electricity generated shifts more slowly than this chart suggests.

Storage does not generate. Batteries move energy from one hour to another. Including them in "new capacity" is standard, but they belong in a separate conversation about flexibility.

Next week we'll redraw the same chart in megawatt-hours.

The Climate Desk team`,
        rationale: 'The chart format with its two caveats up front, as the desk’s style guide asks.',
      },
      {
        channel: 'x',
        pattern: 'Chart of the week',
        status: 'draft',
        text: `Chart of the week: new power capacity added this year, by source.

Solar leads by a wide margin, then storage and wind.

Caveat: capacity ≠ generation. More in this week's issue.`,
        rationale: 'The headline finding with the key caveat, short enough for quote posts.',
      },
    ],
  },
];
