import type { EvalBrand } from './types';

/** B2B SaaS: scheduling and dispatch software for field-service operations teams. */
export const fieldwiseOps: EvalBrand = {
  key: 'fieldwise',
  name: 'Fieldwise',
  kind: 'B2B SaaS (field-service scheduling)',
  primaryChannel: 'linkedin',
  channels: [
    { channel: 'linkedin', handle: 'fieldwise' },
    { channel: 'x', handle: '@fieldwiseops' },
    { channel: 'newsletter', handle: 'The Dispatch' },
  ],
  strategy: {
    positioning:
      'Fieldwise is scheduling and dispatch software for field-service companies with 20 to 500 technicians: it fills the day’s routes, re-plans when a job runs long, and tells the customer the new arrival time before they have to call.',
    pillars: [
      {
        name: 'Dispatch without firefighting',
        description: 'How operations teams stop re-planning the day by phone and spreadsheet when one job overruns.',
        priority: 1,
      },
      {
        name: 'Technician time on tools',
        description: 'Less driving and paperwork per technician, more billable hours, measured honestly.',
        priority: 2,
      },
      {
        name: 'Customer arrival promises',
        description: 'Arrival windows customers can trust, and what breaking them costs in callbacks and reviews.',
        priority: 3,
      },
    ],
    personas: [
      {
        name: 'Dispatcher Dana',
        role: 'Dispatch lead',
        summary: 'Runs the board for 40 technicians across two regions and takes the calls when the plan breaks.',
        priorities: ['a plan that survives the first overrun', 'fewer calls from customers asking where the tech is', 'fair workloads'],
        pains: ['re-planning the afternoon by phone', 'technicians ignoring the app', 'no-shows blamed on dispatch'],
        priority: 'high',
      },
      {
        name: 'Operations Director Omar',
        role: 'Director of operations',
        summary: 'Owns first-time fix rate and technician utilisation, and signs off on software spend.',
        priorities: ['utilisation per technician', 'first-time fix rate', 'a rollout that does not stall the season'],
        pains: ['overtime creeping up', 'software the field refuses to use'],
        priority: 'high',
      },
    ],
    toneTags: ['plainspoken', 'practical', 'field-tested', 'calm'],
    taboos: ['guaranteed ROI', 'layoffs', 'rip and replace', 'Uber for'],
  },
  opportunities: [
    {
      key: 'heatwave-callouts',
      type: 'trend',
      title: 'Heatwave week: HVAC call volume doubles and the schedule breaks by 10am',
      angle:
        'Forecasts put most of the region above 35°C next week. HVAC dispatch teams will see emergency calls double while planned maintenance still sits on the board. Show how a dispatch lead decides, hour by hour, which planned jobs to move, and how to tell those customers before they call.',
      pillar: 'Dispatch without firefighting',
      persona: 'Dispatcher Dana',
      primaryChannel: 'linkedin',
      channels: ['linkedin', 'x'],
      expected: {
        audience: ['dispatch', 'dispatcher', 'HVAC'],
        problem: ['emergency', 'schedule breaks', 'call volume', 'overrun'],
        angleKeywords: ['heatwave', 'planned', 'move', 'customers', 'hour'],
        tabooTraps: [],
      },
    },
    {
      key: 'utilisation-myth',
      type: 'evergreen',
      title: 'Why 85% technician utilisation is the wrong target',
      angle:
        'Operations directors chase utilisation and then pay for it in overtime and repeat visits. Argue for measuring first-time fix and drive time per job instead, with a worked example of a 40-technician team, and without promising a return we cannot show.',
      pillar: 'Technician time on tools',
      persona: 'Operations Director Omar',
      primaryChannel: 'linkedin',
      channels: ['linkedin', 'newsletter', 'x'],
      expected: {
        audience: ['operations director', 'operations', 'technician'],
        problem: ['overtime', 'repeat visit', 'utilisation'],
        angleKeywords: ['first-time fix', 'drive time', 'utilisation', 'measure'],
        tabooTraps: ['guaranteed ROI'],
      },
    },
    {
      key: 'replace-legacy',
      type: 'competitive',
      title: 'Rip and replace your old dispatch system in a weekend? Here is what really happens',
      angle:
        'Vendors promise a weekend switch-over. Operations teams that tried it lost a week of bookings. Describe a phased move instead: run the new board beside the old one for one region, then move the rest, and what to check before each step.',
      pillar: 'Dispatch without firefighting',
      persona: 'Operations Director Omar',
      primaryChannel: 'linkedin',
      channels: ['linkedin', 'newsletter'],
      expected: {
        audience: ['operations', 'operations director', 'dispatch'],
        problem: ['switch', 'lost', 'bookings', 'migration'],
        angleKeywords: ['phased', 'region', 'beside', 'check'],
        tabooTraps: ['rip and replace'],
      },
    },
  ],
};
