import type { Channel, OpportunityCreatedVia, OpportunityType, PatternCategory, PatternStatus } from '../../../engines/enums';

// The hand-written content of one demo brand. seed.ts turns it into rows; everything random
// (scores, dates, ids, which ideas are pinned or snoozed) is decided there, from the seeded PRNG.

export interface PillarSeed {
  key: string;
  name: string;
  category: string;
  description: string;
}

export interface PersonaSeed {
  key: string;
  name: string;
  role: string;
  summary: string;
  /** 3–7 items (DESIGN §8). */
  priorities: string[];
  pains: string[];
  successMetrics: string[];
  channelBiases: Partial<Record<Channel, string>>;
}

export interface PatternSeed {
  name: string;
  category: PatternCategory;
  status: PatternStatus;
  /** Ordered beats, e.g. Hook, Context, Insight, Proof, CTA. */
  beats: string[];
  supportedChannels: Channel[];
  exampleSnippet: string;
  performanceHint: string;
}

/** Where ideas come from; an idea names one by key. */
export interface SourceSeed {
  name: string;
  via: OpportunityCreatedVia;
  /** Ingested items link back to their feed: the idea's url is this base plus a slug of its title. */
  url?: string;
}

export interface IdeaSeed {
  type: OpportunityType;
  pillar: string;
  persona: string;
  source: string;
  title: string;
  angle: string;
}

export type VariantSeedStatus = 'draft' | 'edited' | 'approved' | 'published';

export interface VariantSeed {
  channel: Channel;
  /** A pattern name: the brand's own first, then the tenant's shared ones. */
  pattern: string;
  status: VariantSeedStatus;
  /** The active text (approved, edited or draft, by status); must fit the channel's limit. */
  text: string;
  /** The machine draft a person edited into `text`, when they did. */
  draft?: string;
  rationale: string;
}

export interface PackageSeed {
  /** Title of the brand idea this package was made from. */
  opportunity: string;
  title: string;
  status: 'draft' | 'in_review' | 'published';
  /** Days between the package's creation and "now". */
  ageDays: number;
  /** Published packages: days between publication and "now". */
  publishedDaysAgo?: number;
  coreArgument: string;
  keyPoints: string[];
  risksToAvoid: string[];
  notes?: string;
  variants: VariantSeed[];
}

export interface BrandSeed {
  tenantId: string;
  name: string;
  slug: string;
  primaryChannel: Channel;
  channels: { channel: Channel; handle: string }[];
  positioning: string;
  toneTags: string[];
  taboos: string[];
  metadata: Record<string, unknown>;
  /** Followers or subscribers per channel: the reach the execution events are drawn around. */
  audience: Partial<Record<Channel, number>>;
  /**
   * How often each channel is an idea's primary channel. Only fully wired channels, so every idea
   * on the board can be drafted into a package; the brand's other channels appear as suggestions.
   */
  channelWeights: [Channel, number][];
  pillars: PillarSeed[];
  personas: PersonaSeed[];
  sources: Record<string, SourceSeed>;
  ideas: IdeaSeed[];
  patterns: PatternSeed[];
  packages: PackageSeed[];
}

/** [type, pillar key, persona key, source key, title, angle] — one idea a line keeps the lists readable. */
export type IdeaRow = [OpportunityType, string, string, string, string, string];

export function ideasFrom(rows: IdeaRow[]): IdeaSeed[] {
  return rows.map(([type, pillar, persona, source, title, angle]) => ({ type, pillar, persona, source, title, angle }));
}
