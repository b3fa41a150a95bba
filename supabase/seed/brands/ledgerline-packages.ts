import type { PackageSeed } from './types';

export const LEDGERLINE_PACKAGES: PackageSeed[] = [
  {
    opportunity: 'The 5-day close is a habit, not a software feature',
    title: 'The 5-day close is a habit',
    status: 'published',
    ageDays: 41,
    publishedDaysAgo: 38,
    coreArgument: 'Fast closes come from three weekly habits; software makes the habits cheaper, it does not replace them.',
    keyPoints: ['Reconcile the bank every Friday', 'Budget owners own their accrual lists', 'One written cut-off rule everyone knows'],
    risksToAvoid: ['Sounding anti-software while selling software', 'Promising a specific number of days'],
    variants: [
      {
        channel: 'linkedin',
        pattern: 'Contrarian take',
        status: 'published',
        draft: `A 5-day close is not a software feature.

The controllers who close fastest share three habits: Friday bank reconciliations, accrual lists owned by budget holders, and a cut-off everyone knows.

Start with one habit before you start a tool evaluation.`,
        text: `Unpopular opinion: a 5-day close is not a software feature.

We looked at the controllers among our customers who close in five working days or fewer. The tools varied. The habits didn't.

1. They reconcile the bank every Friday, not on day 2 of close.
2. Budget owners keep their own accrual list and confirm it before month-end.
3. Everyone knows the cut-off: invoices after 5 pm on the last working day go to next month. No exceptions, no heroics.

None of this needs new software. Software just makes the habit cheaper to keep.

If your close takes ten days, don't start with a tool evaluation. Start with one Friday reconciliation and see what day 2 feels like.

What is the one habit that took the most days off your close?`,
        rationale: 'Contrarian hook for controllers; the numbered habits carry the proof and the question invites peers to add theirs.',
      },
      {
        channel: 'x',
        pattern: 'Contrarian take',
        status: 'published',
        text: `A 5-day close isn't a software feature. It's three habits:

1. Reconcile the bank every Friday
2. Budget owners own their accruals
3. A cut-off everyone knows

Tools make habits cheaper. They don't replace them.`,
        rationale: 'The three habits fit one post; no link so the post travels on its own.',
      },
      {
        channel: 'newsletter',
        pattern: 'Close-week war story',
        status: 'published',
        text: `Subject: The 5-day close is a habit

Hi there,

Last month a controller told us her close used to end on day 11. It now ends on day 4. When we asked what changed, she didn't name a tool first. She named a calendar invite.

Every Friday at 2 pm her team reconciles the bank. It takes 40 minutes. By the time month-end arrives, three of the four weeks are already done, and day 2 of close is no longer the day the reconciliation breaks.

That is the pattern we see across the teams that close fast:

• Friday reconciliations. Small and boring beats big and urgent.
• Accruals owned by budget holders. Finance reviews the list; it doesn't write it from memory.
• One cut-off rule, written down and shared with sales and operations.

Software helps: bank feeds that don't break, receipts captured at the swipe, recurring entries that post themselves. But the teams that get the most out of Ledgerline already had the habit, or started it the week they switched.

This week's challenge: book one Friday reconciliation before your next close, then reply and tell us what day 2 felt like.

Until next time,
The Ledgerline team`,
        rationale: 'A real customer turning point carries the argument; the reply challenge suits the newsletter audience.',
      },
    ],
  },
  {
    opportunity: 'The receipt chase costs more than the receipts',
    title: 'The receipt chase costs more than the receipts',
    status: 'published',
    ageDays: 15,
    publishedDaysAgo: 12,
    coreArgument: 'Chasing receipts late costs weeks of finance time a year; asking at the moment of the swipe removes most of it.',
    keyPoints: [
      'About 6 hours per person per month goes to reminders',
      'Late requests fail because the employee has forgotten',
      'Ask at the swipe, accept a photo, pause cards after repeated misses',
    ],
    risksToAvoid: ['Shaming employees', 'Quoting survey numbers as universal benchmarks'],
    notes: 'Survey numbers come from the September customer poll (40 teams); keep the sample size visible.',
    variants: [
      {
        channel: 'linkedin',
        pattern: 'Data-backed insight',
        status: 'published',
        text: `How much does your team spend chasing receipts?

We asked 40 finance teams. The median answer: 6 hours per person per month. For a team of four that's 288 hours a year, roughly seven working weeks of "friendly reminders".

The receipts themselves? Often a $12 lunch.

The chase is expensive because it happens late. By the time finance asks, the employee has forgotten the lunch, lost the paper and moved on.

Three changes that cut the chase:
→ Ask for the receipt at the moment of the swipe.
→ Let people reply with a photo and match it automatically.
→ Pause the card after a set number of missing receipts, not after a set number of emails.

One customer went from 310 missing receipts at month-end to 18.

What's your team's number?`,
        rationale: 'Leads with a number controllers recognise, then turns it into three concrete changes.',
      },
      {
        channel: 'x',
        pattern: 'Data-backed insight',
        status: 'published',
        text: `Finance teams we surveyed spend ~6 hours per person per month chasing receipts.

For a team of four, that's seven working weeks a year.

Ask for the receipt at the swipe, not at month-end.`,
        rationale: 'One statistic and one instruction; short enough to quote.',
      },
      {
        channel: 'newsletter',
        pattern: 'Metric teardown',
        status: 'published',
        text: `Subject: The most expensive $12 lunch in your ledger

Hi there,

This issue is about one number: missing receipts at month-end.

It looks like an admin metric. It isn't. Every missing receipt is a small project: a reminder, a follow-up, an escalation, an estimate, and sometimes an audit sample that needs explaining.

Here is how the cost breaks down for a typical team of four:
• 6 hours each per month on reminders and matching
• 1–2 days of delay to the close when receipts arrive late
• a handful of audit queries a year on undocumented spend

What moves the number:
1. Timing. Ask at the moment of the swipe, while the receipt is still in the wallet.
2. Friction. A photo reply beats a login and an upload form.
3. Consequences. A card that pauses after three missing receipts gets more attention than the tenth email.

One Ledgerline customer, a 250-person agency, went from 310 missing receipts at month-end to 18 within two closes. The finance team didn't work harder; it asked earlier.

Try this: count your missing receipts on day 1 of the next close and reply with the number. We'll share the anonymised range next month.

The Ledgerline team`,
        rationale: 'Tests the experimental one-metric format with the most engaged audience.',
      },
    ],
  },
  {
    opportunity: 'Year-end close is six weeks away: the checklist finance leaders wish they had started in October',
    title: 'Year-end close: start the checklist six weeks out',
    status: 'in_review',
    ageDays: 2,
    coreArgument: 'A year-end close is won in November: a week-by-week checklist spreads the work so December is a re-check.',
    keyPoints: [
      'Agree cut-off dates first',
      'Clean open POs and unapplied cash early',
      'Reconcile every balance sheet account once before December',
    ],
    risksToAvoid: ['Implying the checklist replaces the auditor’s own requests', 'Tax advice'],
    notes: 'Max to check the week-4 fixed asset step with a customer controller before approval.',
    variants: [
      {
        channel: 'linkedin',
        pattern: 'Step-by-step guide',
        status: 'approved',
        text: `Year-end close is six weeks away. Here's the checklist we'd start today.

Week 6: Agree cut-off dates with sales, operations and the auditor. Put them in everyone's calendar.
Week 5: Clean up open purchase orders and unapplied cash.
Week 4: Confirm the fixed asset register and chase the disposals nobody recorded.
Week 3: Send budget owners their accrual lists to confirm.
Week 2: Reconcile every balance sheet account once, early, so December is a re-check.
Week 1: Build the audit evidence folder: bank letters, key contracts, board minutes.

It isn't glamorous. It's the difference between a January close and a February one.

Save this for your team and tick off one line this week.`,
        rationale: 'A dated checklist is easy to save and forward, which suits the time-boxed trend.',
      },
      {
        channel: 'newsletter',
        pattern: 'Step-by-step guide',
        status: 'edited',
        draft: `Subject: Year-end checklist

Hi there,

Year-end is coming. Here is a checklist: agree cut-off dates, clean up purchase orders, confirm fixed assets, send accrual lists, reconcile accounts and prepare audit evidence.

The Ledgerline team`,
        text: `Subject: Six weeks to year-end: the checklist to start today

Hi there,

Every January we hear the same thing from controllers: "If only we had started in November." So here is November, broken into weeks.

Week 6 — Cut-off dates. Agree them with sales, operations and your auditor, and put them in everyone's calendar. Most year-end adjustments start with a cut-off nobody wrote down.

Week 5 — Open items. Close stale purchase orders and apply the unapplied cash. Each one you leave becomes a question in fieldwork.

Week 4 — Fixed assets. Walk the register with the people who use the equipment. Disposals are the usual gap.

Week 3 — Accruals. Send each budget owner their list to confirm. Finance reviews; owners remember.

Week 2 — A first pass on the balance sheet. Reconcile every account once, early, so December is a re-check rather than a first look.

Week 1 — Evidence. Bank confirmations, key contracts and board minutes in one folder before the auditor asks.

Reply with the step your team always starts too late. We'll collect the answers for a follow-up in December.

The Ledgerline team`,
        rationale: 'Each week gets the reason behind it, which the newsletter audience reads end to end.',
      },
      {
        channel: 'x',
        pattern: 'Thread breakdown',
        status: 'draft',
        text: `Year-end close is 6 weeks out. Start now:

– agree cut-off dates
– clean up open POs
– send accrual lists to budget owners
– reconcile every balance sheet account once, early

January will thank you.`,
        rationale: 'Condensed checklist for a quick save.',
      },
    ],
  },
  {
    opportunity: "The board doesn't want more charts. It wants three numbers it trusts",
    title: 'Three numbers the board trusts',
    status: 'draft',
    ageDays: 1,
    coreArgument: 'Board packs grow while trust shrinks; three well-defined numbers reconciled to the ledger do more than forty slides.',
    keyPoints: ['Pick three numbers and define them once', 'Show the reconciliation to the ledger', 'Move everything else to an appendix'],
    risksToAvoid: ['Telling CFOs how to run their board', 'Naming specific board members or companies'],
    variants: [
      {
        channel: 'linkedin',
        pattern: 'Contrarian take',
        status: 'draft',
        text: `Your board pack has 42 slides. Your board reads three numbers.

The CFOs we talk to keep adding charts because a director once asked a question. A year later nobody remembers the question, and the pack takes four days to build.

Try the opposite for one quarter:
• Pick three numbers: cash runway, net revenue retention, burn multiple, or whichever three your board actually debates.
• Define each one on a single line and never change the definition without saying so.
• Show how each ties back to the ledger.

Everything else goes to an appendix. If nobody opens the appendix, you have your answer.

Which three would you keep?`,
        rationale: 'Contrarian framing for CFOs; the closing question invites their own three.',
      },
      {
        channel: 'x',
        pattern: 'Metric teardown',
        status: 'draft',
        text: `Board packs: 42 slides built, 3 numbers read.

Pick the three your board debates. Define each in one line. Tie each to the ledger. Appendix for the rest.`,
        rationale: 'Compressed version of the argument for CFOs on X.',
      },
    ],
  },
];
