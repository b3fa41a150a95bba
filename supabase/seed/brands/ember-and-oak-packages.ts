import type { PackageSeed } from './types';

export const EMBER_AND_OAK_PACKAGES: PackageSeed[] = [
  {
    opportunity: 'Why your pour-over tastes sour (and the two-minute fix)',
    title: 'Sour pour-over? The two-minute fix',
    status: 'published',
    ageDays: 50,
    publishedDaysAgo: 47,
    coreArgument: 'A sour pour-over is almost always under-extracted; grind finer first, then slow the pour, then check the water.',
    keyPoints: [
      'Sour means under-extracted, bitter means over-extracted',
      'Change one thing at a time, starting with grind',
      'Water just off the boil, around 94 °C',
    ],
    risksToAvoid: ['Blaming the customer’s gear', 'Health claims about acidity'],
    variants: [
      {
        channel: 'newsletter',
        pattern: 'Brew fix',
        status: 'published',
        text: `Subject: Sour cup? Try this before anything else

Good morning from the roastery,

"Why does my coffee taste sour?" is the question we get most, so this week's Roast Log is about exactly that.

Sour usually means under-extracted: the water didn't have time or energy to pull out the sweetness, so the bright acids dominate. The good news is that the fix takes two minutes and costs nothing.

1. Grind one step finer. Finer grounds give the water more surface to work with and slow the drawdown. This fixes most sour cups on its own.
2. Pour more slowly. Aim for a total brew time of about three minutes for a single V60 cup. If you finish in two, the water is rushing through.
3. Check the water. Just off the boil, around 94 °C. Water that sat for five minutes after boiling is too cool for light roasts.

Change one thing at a time and taste after each brew. You are looking for the moment the sourness turns into a juicy sweetness; that is the coffee we tasted on the cupping table.

If it still tastes sour after all three, reply with your recipe (dose, water, grind setting, time) and one of us will have a look.

Happy brewing,
The Ember & Oak team`,
        rationale: 'Answers the most common inbox question with a three-step fix and invites replies with recipes.',
      },
      {
        channel: 'instagram',
        pattern: 'Brew fix',
        status: 'published',
        draft: `Sour coffee? Grind finer, pour slower, use hotter water. Save this for tomorrow morning.`,
        text: `Sour pour-over? It's not the beans. 🙃

Sour = under-extracted. The water ran through before it could pull out the sweetness.

The two-minute fix:
1️⃣ Grind one step finer
2️⃣ Pour slower: aim for ~3:00 total
3️⃣ Water just off the boil (~94 °C)

Change one thing at a time and taste as you go. When sour turns juicy, you've found it.

Save this for tomorrow's brew ☕️

#pourover #v60 #homebarista #specialtycoffee #brewguide`,
        rationale: 'Numbered fix reads at a glance and earns saves; hashtags match the home-brewer audience.',
      },
      {
        channel: 'x',
        pattern: 'Brew fix',
        status: 'published',
        text: `Sour pour-over? Before you blame the beans:

1. Grind one step finer
2. Slow the pour to ~3 minutes total
3. Use water just off the boil

Change one thing at a time. Sour turns juicy faster than you'd think.`,
        rationale: 'The whole fix in one post, no link needed.',
      },
    ],
  },
  {
    opportunity: 'Margin per cup: the café math behind a $4.50 flat white',
    title: 'The café math behind a $4.50 flat white',
    status: 'published',
    ageDays: 23,
    publishedDaysAgo: 20,
    coreArgument: 'Coffee is a small share of a flat white’s cost; waste, milk and labour are where cafés win back margin.',
    keyPoints: [
      'Coffee is roughly 40 cents of a $4.50 cup',
      'Milk waste and dialling-in waste add up fast',
      'Training cuts waste more than cheaper beans',
    ],
    risksToAvoid: ['Presenting illustrative costs as our partners’ real figures', 'Ranking options by price alone'],
    notes: 'Numbers are illustrative for a café in a mid-size US city; say so in every variant.',
    variants: [
      {
        channel: 'linkedin',
        pattern: 'Data-backed insight',
        status: 'published',
        text: `Where does the money in a $4.50 flat white go?

We sat down with three of our café partners and built an illustrative breakdown for a café in a mid-size city:

• Coffee (18 g): about $0.40
• Milk, including what's poured away: about $0.55
• Cup and lid: about $0.25
• Labour: about $1.35
• Rent, energy and everything else: about $1.30

What's left is the margin, and it is thinner than most customers think.

The interesting part: switching to cheaper beans saves maybe 10 cents a cup. Cutting milk waste and dialling-in waste saves more, and it doesn't change what regulars taste.

Our partners who run a weekly 20-minute dial-in routine report noticeably less waste per shift.

If you run a café, which line surprised you the most when you first worked it out?`,
        rationale: 'A cost breakdown café owners can check against their own, leading to the training argument.',
      },
      {
        channel: 'x',
        pattern: 'Data-backed insight',
        status: 'published',
        text: `A $4.50 flat white, roughly:
coffee $0.40
milk $0.55
cup $0.25
labour $1.35
rent & the rest $1.30

Cheaper beans save ~10¢. Less milk and dial-in waste saves more.
(Illustrative numbers, mid-size city café.)`,
        rationale: 'The breakdown is the content; the caveat keeps it honest.',
      },
      {
        channel: 'newsletter',
        pattern: 'Behind the scenes',
        status: 'published',
        text: `Subject: What's inside a $4.50 flat white

Hello from the roastery,

This month we did something a little unusual: we sat down with three of our café partners and worked out where the money in a flat white goes. The figures below are illustrative, for a café in a mid-size city, but every owner who has seen them nodded.

Coffee, 18 grams: about 40 cents. Milk, including the jug that gets poured away: about 55 cents. Cup and lid: about 25 cents. Labour: about $1.35. Rent, energy, card fees and everything else: about $1.30.

Two things stood out to us as roasters.

First, coffee is a small line. When green prices rise, it hurts us and our partners, but swapping to a cheaper coffee saves around 10 cents a cup while customers notice the difference straight away.

Second, waste is a big line that nobody budgets for. Milk steamed and not used. Shots pulled while dialling in a new bag. A grinder drifting over a busy morning. That's where our partners find real margin.

So we've written down the 20-minute dial-in routine we teach every new wholesale partner, and it's linked below for anyone who wants it, partner or not.

See you next month,
The Ember & Oak team`,
        rationale: 'Behind-the-scenes framing suits subscribers who enjoy the business side of coffee.',
      },
    ],
  },
  {
    opportunity: "Holiday blend reveal: building 'Long Night' from three origins",
    title: "Holiday blend reveal: 'Long Night'",
    status: 'in_review',
    ageDays: 3,
    coreArgument: 'Long Night is built like a recipe: three origins, each with a job, for a cup that works black or with milk.',
    keyPoints: [
      'Colombia for body, Ethiopia for aroma, Guatemala for chocolate',
      'Roasted medium for milk drinks',
      'Gift box ships from next week',
    ],
    risksToAvoid: ['Superlatives about the blend', 'Promising delivery dates before the shipping calendar is final'],
    variants: [
      {
        channel: 'newsletter',
        pattern: 'Launch countdown',
        status: 'approved',
        text: `Subject: Meet Long Night, our holiday blend

Hello from the roastery,

Every December we build one blend for the long evenings. This year it's called Long Night, and it's made from three coffees you may already know from your subscription box.

Colombia, from Doña Rosa's farm in Huila, gives it body and a caramel sweetness.
Ethiopia, a washed lot from Guji, adds the aroma: think bergamot when you open the bag.
Guatemala, from Huehuetenango, brings the dark chocolate finish.

We roast it to a medium so it holds up in a flat white and still tastes of fruit as a pour-over.

Long Night comes in a gift box with a brewing card and a postcard from each producer. Subscribers can add a bag to their next box from the account page.

With warm wishes,
The Ember & Oak team`,
        rationale: 'The launch story introduces each component by the producer, which subscribers already know.',
      },
      {
        channel: 'instagram',
        pattern: 'Launch countdown',
        status: 'edited',
        draft: `Introducing Long Night, our holiday blend. Three origins, one cup. Available soon. #holidayblend`,
        text: `Three origins. One long night. 🌙

Our holiday blend is here:
🇨🇴 Colombia for body and caramel
🇪🇹 Ethiopia for a bergamot aroma
🇬🇹 Guatemala for a dark chocolate finish

Roasted medium, so it's as good in a flat white as it is black.

Comes in a gift box with a brewing card and a postcard from each producer. Link in bio.

#holidayblend #specialtycoffee #coffeegift #directtrade`,
        rationale: 'One line per origin reads well on a carousel cover; the gift box goes last for gifters.',
      },
      {
        channel: 'x',
        pattern: 'Launch countdown',
        status: 'draft',
        text: `Long Night, our holiday blend, is here.

Colombia for body. Ethiopia for aroma. Guatemala for chocolate.

Medium roast, built for flat whites and long evenings.`,
        rationale: 'Short reveal; the three origins carry the post.',
      },
    ],
  },
  {
    opportunity: 'What we paid for every coffee this year, published',
    title: 'What we paid for every coffee this year',
    status: 'draft',
    ageDays: 1,
    coreArgument: 'Publishing the prices we pay lets customers and cafés judge direct trade for themselves.',
    keyPoints: [
      'Farm-gate and FOB prices for every lot',
      'Each price next to the market reference',
      'One number we want to improve next year',
    ],
    risksToAvoid: ['Implying certification we do not have', 'Comparing our prices with named roasters'],
    variants: [
      {
        channel: 'newsletter',
        pattern: 'Behind the scenes',
        status: 'draft',
        text: `Subject: What we paid for every coffee this year

Hello from the roastery,

Once a year we publish what we paid for every coffee we bought. This is that issue.

For each of our fourteen lots you'll find the farm-gate price (what the producer received), the FOB price (what it cost at the port) and the market reference on the day we agreed the contract.

A few things we're proud of: every producer we worked with last year sold to us again, and our lowest farm-gate price was still well above the market reference.

One thing we want to do better: two of our contracts were agreed late in the harvest, which left those producers waiting for their money. Next year we're moving contract talks earlier.

The full table is on our website. If a number raises a question, reply; we'd rather answer it than have you guess.

The Ember & Oak team`,
        rationale: 'Transparency is the point, so the draft includes a shortcoming as well as the good numbers.',
      },
      {
        channel: 'linkedin',
        pattern: 'Data-backed insight',
        status: 'draft',
        text: `We just published what we paid for every coffee we bought this year: farm-gate price, FOB price and the market reference, lot by lot.

Why publish it? Because "direct trade" means very little unless you can check it.

For our café partners, it also answers the question your customers ask at the counter: "Is this coffee fairly bought?" Now you can point to the number.

The full table is on our website, including the one thing we want to improve next year.`,
        rationale: 'Frames transparency as a tool café owners can use with their own customers.',
      },
    ],
  },
];
