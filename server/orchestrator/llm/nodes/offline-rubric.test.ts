import { describe, expect, it } from 'vitest';
import { draftHardFailures, thesisTextFailures } from '../../../../engines/content/rubric';
import { CHANNEL_LIMITS } from '../../../../engines/enums';
import { WIRED_CHANNELS } from '../../../../lib/channels';
import { DEMO_BRANDS } from '../../../../supabase/seed/brands';
import { writeOfflineVariants } from './offline-variants';
import { type PackageBuildContext, thesisContext } from './package-context';
import { writeOfflineThesis } from './package-thesis';

// The offline model is what CI, the demo and `npm run eval` run on: its thesis and drafts must pass the
// rubric's hard rules for every demo idea, on every wired channel, with every pattern the brand offers.
describe('the offline thesis and drafts pass the hard rules for every demo opportunity', () => {
  for (const brand of DEMO_BRANDS) {
    const otherBrandNames = DEMO_BRANDS.filter((other) => other.tenantId === brand.tenantId && other.name !== brand.name).map(
      (b) => b.name,
    );
    it(`${brand.name}: ${brand.ideas.length} ideas`, () => {
      expect(brand.ideas.length).toBeGreaterThan(0);
      for (const idea of brand.ideas) {
        const pillar = brand.pillars.find((p) => p.key === idea.pillar) ?? null;
        const persona = brand.personas.find((p) => p.key === idea.persona) ?? null;
        const channels = WIRED_CHANNELS.filter((c) => brand.channels.some((bc) => bc.channel === c));
        const context: PackageBuildContext = {
          brandName: brand.name,
          positioning: brand.positioning.slice(0, 600),
          toneTags: brand.toneTags,
          taboos: brand.taboos,
          opportunity: { title: idea.title, angle: idea.angle, type: idea.type, source: idea.source },
          pillar: pillar && { name: pillar.name, description: pillar.description.slice(0, 400) },
          persona: persona && {
            name: persona.name,
            role: persona.role,
            summary: persona.summary.slice(0, 400),
            priorities: persona.priorities.slice(0, 5),
            pains: persona.pains.slice(0, 5),
            channelNotes: {},
          },
          channels,
        };
        const thesis = writeOfflineThesis(thesisContext(context));
        const shape = {
          title: idea.title,
          coreArgument: thesis.coreArgument,
          keyPoints: thesis.supportingPoints,
          risksToAvoid: thesis.risksToAvoid,
        };
        expect(
          thesisTextFailures(shape, { opportunityTitle: idea.title, channels, taboos: brand.taboos, otherBrandNames }),
          idea.title,
        ).toEqual([]);
        for (const channel of channels) {
          const patterns = [null, ...brand.patterns.filter((p) => p.supportedChannels.includes(channel))];
          for (const pattern of patterns) {
            const { variants } = writeOfflineVariants({
              channel,
              charLimit: CHANNEL_LIMITS[channel],
              brandName: brand.name,
              toneTags: brand.toneTags,
              taboos: brand.taboos,
              opportunity: { title: idea.title, angle: idea.angle },
              persona: persona && { name: persona.name, channelNote: null },
              thesis,
              pattern: pattern && { name: pattern.name, beats: pattern.beats, exampleSnippet: pattern.exampleSnippet },
              styleReference: null,
              maxVariants: 3,
              previousOpenings: [],
            });
            for (const draft of variants) {
              const failures = draftHardFailures(draft.rawText, { channel, taboos: brand.taboos, otherBrandNames });
              expect(failures, `${idea.title} / ${channel} / ${pattern?.name}: ${draft.rawText}`).toEqual([]);
            }
          }
        }
      }
    });
  }
});
