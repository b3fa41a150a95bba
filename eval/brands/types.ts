import type { StrategyDraft } from '../../engines/brand-brain/strategy-dto';
import type { Channel, OpportunityType } from '../../engines/enums';

/**
 * What a good package for an opportunity would say, written by hand with the brand in mind. The eval
 * reads the package's title, thesis and drafts for these words: each list is a set of acceptable
 * wordings (any one of them counts), except `tabooTraps`, which must never appear.
 */
export interface ExpectedPackage {
  /** Who it is for, in words a good thesis would use. */
  audience: string[];
  /** The problem it names. */
  problem: string[];
  /** The angle's key ideas; each one found counts towards the angle coverage. */
  angleKeywords: string[];
  /**
   * Taboos of the brand the opportunity tempts a writer into (the title or angle leans on them);
   * every one must also be one of the brand's taboos, since those are what the guard rail knows.
   */
  tabooTraps: string[];
}

export interface EvalOpportunity {
  /** Short and stable: the row's name in the results table. */
  key: string;
  type: OpportunityType;
  title: string;
  /** The angle as an editor would file it, why-now included. */
  angle: string;
  /** Names from the brand's strategy, resolved to ids when the brand is created. */
  pillar: string;
  persona: string;
  primaryChannel: Channel;
  /** The channels F2 is asked to draft for (the primary channel among them). */
  channels: Channel[];
  expected: ExpectedPackage;
}

/** A reference brand written for the eval: its channels, its whole strategy and the ideas to package. */
export interface EvalBrand {
  key: string;
  name: string;
  /** What kind of business it is, for the results table. */
  kind: string;
  primaryChannel: Channel;
  channels: { channel: Channel; handle: string }[];
  strategy: StrategyDraft;
  opportunities: EvalOpportunity[];
}
