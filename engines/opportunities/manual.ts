import { and, asc, isNull, like, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { addDays, expiryAfterDay } from '../../lib/dates';
import { CsvFormatError, type CsvRecord, normaliseHeader, parseCsv } from '../csv';
import type { Database } from '../db/client';
import { contentPillars, opportunities, personas } from '../db/schema';
import { ConflictError, InvariantViolationError } from '../errors';
import { assertBrandLive, type BrandScope, type Executor, inBrand } from '../scope';
import { normalizeForDedupe } from './dedupe';
import type { IngestOpportunityResult } from './dto';
import { type IngestRequest, ingestOpportunity, opportunityRow } from './ingest';
import {
  type CreateOpportunityInput,
  IDEA_CSV_COLUMNS,
  type IdeaCsvField,
  type ImportIssue,
  type ImportOpportunitiesCsvInput,
  type ImportOpportunitiesResult,
  MANUAL_SOURCE,
  MAX_EXPIRY_DAYS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  ManualIdeaFields,
  REQUIRED_IDEA_COLUMNS,
} from './manual-dto';

// Ideas people add themselves: one typed into the Today board, or a CSV file of them. Both go through
// the ingest's row (dedupe key, initial score, created_via 'manual'), and both refuse a title the brand
// already has from any source — live, snoozed, expired or dismissed — naming the idea it duplicates:
// a person re-typing an idea wants to hear that it exists, not to get the old card back silently.

type CreateRequest = z.output<typeof CreateOpportunityInput>;
type ImportRequest = z.output<typeof ImportOpportunitiesCsvInput>;

/** A CSV import refused row by row; nothing of the file was stored. `issues` name each line. */
export class InvalidImportError extends InvariantViolationError {
  override readonly name = 'InvalidImportError';
  constructor(readonly issues: ImportIssue[]) {
    const shown = issues.slice(0, 50).map(issueText);
    const more = issues.length > 50 ? [`… and ${issues.length - 50} more`] : [];
    super([`${issues.length} problem(s) in the file; nothing was imported:`, ...shown, ...more].join('\n'), 'input');
  }
}

const issueText = (issue: ImportIssue) => `line ${issue.line}: ${issue.column ? `${issue.column} ` : ''}${issue.message}`;

/** One typed-in idea: checked against the brand's strategy and ideas, then ingested. */
export async function createManualOpportunity(
  db: Database,
  scope: BrandScope,
  request: CreateRequest,
  now: Date,
): Promise<IngestOpportunityResult> {
  const expiryProblem = request.expiresAt ? problemWithExpiry(request.expiresAt, now) : null;
  if (expiryProblem) throw new InvariantViolationError(`expiresAt: ${expiryProblem}`, 'input');
  const titleKey = normalizeForDedupe(request.title);
  if (titleKey === '') throw new InvariantViolationError('title: needs at least one letter or digit', 'input');
  await assertBrandLive(db, scope);
  const strategy = await loadStrategyNames(db, scope);
  if (request.pillarId && !strategy.pillars.some((p) => p.id === request.pillarId && p.isActive)) {
    throw new InvariantViolationError(`pillarId: ${request.pillarId} is not an active pillar of this brand`, 'input');
  }
  if (request.personaId && !strategy.personas.some((p) => p.id === request.personaId)) {
    throw new InvariantViolationError(`personaId: ${request.personaId} is not a persona of this brand`, 'input');
  }
  const [earlier] = (await findSameTitles(db, scope, [titleKey])).values();
  if (earlier) throw new ConflictError(`title: ${duplicateOf(earlier, now)}`);
  const result = await ingestOpportunity(db, scope, ingestRequest(request, request.createdByUserId ?? null), now);
  // Someone added the same idea between the check and the insert.
  if (!result.created) throw new ConflictError(`title: ${duplicateOf(result.opportunity, now)}`);
  return result;
}

/**
 * Validates every row first (columns, values, pillar and persona names, duplicates within the file
 * and of the brand's ideas) and refuses the file with every bad line, or stores every row in one
 * transaction.
 */
export async function importOpportunitiesCsv(
  db: Database,
  scope: BrandScope,
  request: ImportRequest,
  now: Date,
): Promise<ImportOpportunitiesResult> {
  if (new TextEncoder().encode(request.csv).length > MAX_IMPORT_BYTES) throw new CsvFormatError('The file is larger than 1 MB');
  await assertBrandLive(db, scope);
  const [header, ...records] = parseCsv(request.csv.replace(/^\uFEFF/, ''));
  if (!header) throw new CsvFormatError(`The file is empty: it needs a header row (${Object.values(IDEA_CSV_COLUMNS).join(', ')})`);
  const columns = headerColumns(header);
  if (records.length === 0) throw new CsvFormatError('The file has a header row but no ideas under it');
  if (records.length > MAX_IMPORT_ROWS) {
    throw new CsvFormatError(
      `The file has ${records.length.toLocaleString('en-US')} ideas; at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} per import`,
    );
  }

  const strategy = await loadStrategyNames(db, scope);
  const pillarsByName = new Map(strategy.pillars.map((p) => [normalizeForDedupe(p.name), p]));
  const personasByName = new Map(strategy.personas.map((p) => [normalizeForDedupe(p.name), p]));
  const issues: ImportIssue[] = [];
  const rows: { line: number; titleKey: string; request: IngestRequest }[] = [];
  const firstLineOfTitle = new Map<string, number>();

  for (const record of records) {
    const { line } = record;
    const refuse = (field: IdeaCsvField | null, message: string) =>
      issues.push({ line, column: field ? IDEA_CSV_COLUMNS[field] : null, message });
    const cell = (field: IdeaCsvField) => {
      const index = columns.get(field);
      return index === undefined ? '' : (record.fields[index] ?? '').trim();
    };
    if (record.fields.slice(header.fields.length).some((extra) => extra.trim() !== '')) {
      refuse(null, `has ${record.fields.length} cells; the header has ${header.fields.length}`);
    }

    const pillarName = cell('pillar');
    const pillar = pillarName ? pillarsByName.get(normalizeForDedupe(pillarName)) : undefined;
    if (pillarName && !pillar?.isActive) {
      refuse(
        'pillar',
        `“${pillarName}” is not an active pillar of this brand (${known(
          strategy.pillars.filter((p) => p.isActive),
          'pillars',
        )})`,
      );
    }
    const personaName = cell('persona');
    const persona = personaName ? personasByName.get(normalizeForDedupe(personaName)) : undefined;
    if (personaName && !persona)
      refuse('persona', `“${personaName}” is not a persona of this brand (${known(strategy.personas, 'personas')})`);

    const expiresCell = cell('expiresAt');
    const expiresAt = expiresCell ? parseExpiry(expiresCell) : null;
    if (expiresCell && !expiresAt) refuse('expiresAt', `must be a date (YYYY-MM-DD) or an ISO 8601 time; got “${expiresCell}”`);
    const expiryProblem = expiresAt ? problemWithExpiry(expiresAt, now) : null;
    if (expiryProblem) refuse('expiresAt', expiryProblem);

    const parsed = ManualIdeaFields.safeParse({
      title: cell('title'),
      angle: cell('angle'),
      type: cell('type').toLowerCase(),
      primaryChannel: cell('primaryChannel').toLowerCase(),
      suggestedChannels: cell('suggestedChannels')
        .split(';')
        .map((channel) => channel.trim().toLowerCase())
        .filter((channel) => channel !== ''),
      sourceUrl: cell('sourceUrl') || null,
      expiresAt,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) refuse(csvField(issue.path[0]), issue.message);
      continue;
    }
    const titleKey = normalizeForDedupe(parsed.data.title);
    if (titleKey === '') {
      refuse('title', 'needs at least one letter or digit');
      continue;
    }
    const earlierLine = firstLineOfTitle.get(titleKey);
    if (earlierLine !== undefined) refuse('title', `duplicates the idea on line ${earlierLine}`);
    else firstLineOfTitle.set(titleKey, line);
    rows.push({
      line,
      titleKey,
      request: ingestRequest(
        { ...parsed.data, pillarId: pillar?.id ?? null, personaId: persona?.id ?? null },
        request.createdByUserId ?? null,
        { importedFromLine: line },
      ),
    });
  }

  const existing = await findSameTitles(db, scope, [...firstLineOfTitle.keys()]);
  for (const { line, titleKey } of rows) {
    const earlier = existing.get(titleKey);
    if (earlier && firstLineOfTitle.get(titleKey) === line) issues.push({ line, column: 'title', message: duplicateOf(earlier, now) });
  }
  if (issues.length > 0) throw new InvalidImportError(issues.sort((a, b) => a.line - b.line));

  return db.transaction(async (tx) => {
    await assertBrandLive(tx, scope);
    const values = rows.map((row) => opportunityRow(scope, row.request, now));
    // One statement; a row the dedupe index turns away was added by someone else meanwhile, and
    // refusing then rolls back the whole file.
    const inserted = await tx
      .insert(opportunities)
      .values(values)
      .onConflictDoNothing({ target: [opportunities.brandId, opportunities.dedupeKey], where: isNull(opportunities.deletedAt) })
      .returning({ id: opportunities.id, dedupeKey: opportunities.dedupeKey });
    if (inserted.length !== values.length) {
      const landed = new Set(inserted.map((row) => row.dedupeKey));
      const lines = rows.filter((_, i) => !landed.has(values[i]!.dedupeKey)).map((row) => row.line);
      throw new ConflictError(`line ${lines.join(', ')}: an idea with this title was added while importing; nothing was imported`);
    }
    const idByKey = new Map(inserted.map((row) => [row.dedupeKey, row.id]));
    return { imported: inserted.length, opportunityIds: values.map((value) => idByKey.get(value.dedupeKey)!) };
  });
}

/** The ingest request for a person's idea: source `manual`, created via `manual`, by that person. */
function ingestRequest(
  idea: z.output<typeof ManualIdeaFields>,
  createdByUserId: string | null,
  metadata: Record<string, unknown> = {},
): IngestRequest {
  return {
    type: idea.type,
    title: idea.title,
    angle: idea.angle,
    source: MANUAL_SOURCE,
    sourceUrl: idea.sourceUrl ?? null,
    personaId: idea.personaId ?? null,
    pillarId: idea.pillarId ?? null,
    primaryChannel: idea.primaryChannel,
    suggestedChannels: idea.suggestedChannels,
    createdVia: 'manual',
    expiresAt: idea.expiresAt ?? null,
    metadata,
    createdByUserId,
  };
}

/** Header names to column positions; an unknown or missing required column refuses the file. */
function headerColumns(header: CsvRecord): Map<IdeaCsvField, number> {
  const byName = new Map(Object.entries(IDEA_CSV_COLUMNS).map(([field, column]) => [normaliseHeader(column), field as IdeaCsvField]));
  const columns = new Map<IdeaCsvField, number>();
  const unknown: string[] = [];
  header.fields.forEach((name, index) => {
    const field = byName.get(normaliseHeader(name));
    if (field && !columns.has(field)) columns.set(field, index);
    else if (name.trim() !== '') unknown.push(`“${name}”${field ? ' (twice)' : ''}`);
  });
  const missing = REQUIRED_IDEA_COLUMNS.filter((field) => !columns.has(field)).map((field) => IDEA_CSV_COLUMNS[field]);
  const problems = [
    ...(missing.length > 0 ? [`missing column(s) ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`unknown column(s) ${unknown.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw new CsvFormatError(`line ${header.line}: ${problems.join('; ')}. The columns are ${Object.values(IDEA_CSV_COLUMNS).join(', ')}`);
  }
  return columns;
}

const FIELD_OF_PATH: Partial<Record<string, IdeaCsvField>> = {
  title: 'title',
  angle: 'angle',
  type: 'type',
  primaryChannel: 'primaryChannel',
  suggestedChannels: 'suggestedChannels',
  sourceUrl: 'sourceUrl',
  expiresAt: 'expiresAt',
};
const csvField = (path: PropertyKey | undefined): IdeaCsvField | null => FIELD_OF_PATH[String(path)] ?? null;

/** An expiry lies in the future, and within MAX_EXPIRY_DAYS. */
function problemWithExpiry(expiresAt: Date, now: Date): string | null {
  if (expiresAt <= now) return 'must lie in the future';
  if (expiresAt > addDays(now, MAX_EXPIRY_DAYS)) return 'must lie within the next 5 years';
  return null;
}

/** A calendar day (the idea lives through it, UTC) or a full ISO 8601 time with its offset. */
function parseExpiry(cell: string): Date | null {
  const day = expiryAfterDay(cell);
  if (day) return day;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(cell)) return null;
  const time = new Date(cell);
  return Number.isNaN(time.getTime()) ? null : time;
}

const known = (rows: { name: string }[], what: string) =>
  rows.length > 0 ? `its ${what}: ${rows.map((row) => row.name).join(', ')}` : `it has no ${what} yet`;

interface StrategyNames {
  pillars: { id: string; name: string; isActive: boolean }[];
  personas: { id: string; name: string }[];
}

async function loadStrategyNames(db: Executor, scope: BrandScope): Promise<StrategyNames> {
  const [pillars, brandPersonas] = await Promise.all([
    db
      .select({ id: contentPillars.id, name: contentPillars.name, isActive: contentPillars.isActive })
      .from(contentPillars)
      .where(inBrand(contentPillars, scope))
      .orderBy(sql`${contentPillars.priorityRank} asc nulls last`, asc(contentPillars.name)),
    db.select({ id: personas.id, name: personas.name }).from(personas).where(inBrand(personas, scope)).orderBy(asc(personas.name)),
  ]);
  return { pillars, personas: brandPersonas };
}

interface EarlierIdea {
  id: string;
  title: string;
  dismissedAt: Date | null;
  expiresAt: Date | null;
  snoozedUntil: Date | null;
}

/**
 * The brand's undeleted ideas whose normalised title is one of `titleKeys`, whatever their source. The
 * dedupe key starts with the normalised title and a '|'; normalised titles hold no LIKE wildcards
 * (punctuation is stripped), and a title that itself holds '|' is told apart by normalising it again.
 */
async function findSameTitles(db: Executor, scope: BrandScope, titleKeys: string[]): Promise<Map<string, EarlierIdea>> {
  const found = new Map<string, EarlierIdea>();
  for (let offset = 0; offset < titleKeys.length; offset += 200) {
    const chunk = titleKeys.slice(offset, offset + 200);
    const rows = await db
      .select({
        id: opportunities.id,
        title: opportunities.title,
        dismissedAt: opportunities.dismissedAt,
        expiresAt: opportunities.expiresAt,
        snoozedUntil: opportunities.snoozedUntil,
      })
      .from(opportunities)
      .where(and(inBrand(opportunities, scope), or(...chunk.map((key) => like(opportunities.dedupeKey, `${key}|%`)))));
    const wanted = new Set(chunk);
    for (const row of rows) {
      const key = normalizeForDedupe(row.title);
      if (wanted.has(key) && !found.has(key)) found.set(key, row);
    }
  }
  return found;
}

/** What a person needs to find the idea theirs duplicates: its title and where it is now. */
function duplicateOf(earlier: EarlierIdea, now: Date): string {
  const where = earlier.dismissedAt
    ? 'dismissed as not relevant'
    : earlier.expiresAt && earlier.expiresAt <= now
      ? 'expired'
      : earlier.snoozedUntil && earlier.snoozedUntil > now
        ? 'snoozed'
        : 'on the board';
  return `duplicates the existing idea “${earlier.title}” (${where}, id ${earlier.id})`;
}
