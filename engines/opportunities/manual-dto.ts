import { z } from 'zod';
import { Channel, OpportunityType } from '../enums';
import { storableString } from '../text';

/** The CSV import's limits: a file a person prepares by hand, not a data dump. */
export const MAX_IMPORT_BYTES = 1_048_576;
export const MAX_IMPORT_ROWS = 1_000;

/** An idea is planned at most this far ahead: a later expiry is a typo (or a hostile date), not a plan. */
export const MAX_EXPIRY_DAYS = 5 * 366;

/** The `source` of ideas people type in or import; their `createdVia` is `manual`. */
export const MANUAL_SOURCE = 'manual';

const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
const required = (max: number) =>
  storableString()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`);

export const IdeaType = z.enum(OpportunityType.options, { error: oneOf(OpportunityType.options) });
export const IdeaChannel = z.enum(Channel.options, { error: oneOf(Channel.options) });

/**
 * An idea as a person gives it, by hand or as a CSV row; the messages read after the field's name
 * ("type must be one of …"), so the form and the import show the same words.
 */
export const ManualIdeaFields = z.object({
  title: required(200),
  angle: required(2_000),
  type: IdeaType,
  pillarId: z.uuid().nullish(),
  personaId: z.uuid().nullish(),
  primaryChannel: IdeaChannel,
  /** The primary channel is added when missing. */
  suggestedChannels: z.array(IdeaChannel).max(Channel.options.length).default([]),
  sourceUrl: storableString()
    .trim()
    .pipe(z.httpUrl({ error: 'must be an http(s) link' }).max(2_000, 'must be at most 2,000 characters'))
    .nullish(),
  /** When the idea stops being worth doing; must lie in the future. */
  expiresAt: z.date({ error: 'must be a date' }).nullish(),
});

/** `opportunities.create`: one idea typed in on the Today board. */
export const CreateOpportunityInput = ManualIdeaFields.extend({
  /** The person adding it; procedures fill it from the viewer. */
  createdByUserId: z.uuid().nullish(),
});
export type CreateOpportunityInput = z.input<typeof CreateOpportunityInput>;

/** `opportunities.importCsv`: a CSV file of ideas, stored whole or not at all. */
export const ImportOpportunitiesCsvInput = z.object({
  csv: z.string().max(MAX_IMPORT_BYTES, 'the file is larger than 1 MB'),
  createdByUserId: z.uuid().nullish(),
});
export type ImportOpportunitiesCsvInput = z.input<typeof ImportOpportunitiesCsvInput>;

export const ImportOpportunitiesResult = z.object({
  imported: z.int().min(0),
  /** The stored ideas' ids, in file order. */
  opportunityIds: z.array(z.uuid()),
});
export type ImportOpportunitiesResult = z.infer<typeof ImportOpportunitiesResult>;

/** One refused CSV row: its file line, the column at fault (when one is) and what is wrong. */
export const ImportIssue = z.object({ line: z.int().min(1), column: z.string().nullable(), message: z.string() });
export type ImportIssue = z.infer<typeof ImportIssue>;

/** The columns of the ideas CSV, by the field they fill; README "Importing ideas" documents them. */
export const IDEA_CSV_COLUMNS = {
  title: 'title',
  angle: 'angle',
  type: 'type',
  pillar: 'pillar',
  persona: 'persona',
  primaryChannel: 'primary_channel',
  suggestedChannels: 'suggested_channels',
  sourceUrl: 'source_url',
  expiresAt: 'expires_at',
} as const;
export type IdeaCsvField = keyof typeof IDEA_CSV_COLUMNS;
export const REQUIRED_IDEA_COLUMNS: readonly IdeaCsvField[] = ['title', 'angle', 'type', 'primaryChannel'];
