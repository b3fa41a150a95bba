import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { insertBareSiblingBrand } from '../../test/fixtures';
import { OPPORTUNITY_NOW, opportunitiesBed } from '../../test/fixtures/opportunities';
import { opportunities } from '../db/schema';
import { errorCode } from '../errors';
import type { InvalidImportError } from './manual';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './manual-dto';

const bed = opportunitiesBed({ tenant: 'Manual Ideas Co', other: 'Other Ideas Co' }, { emptyBoardEachTest: true });

const idea = (title = 'Close checklists auditors trust') => ({
  title,
  angle: 'Auditors ask for evidence of every step; a checklist with owners gives it.',
  type: 'evergreen' as const,
  pillarId: bed.fx.pillarIds[0],
  personaId: bed.fx.personaIds[1],
  primaryChannel: 'linkedin' as const,
  suggestedChannels: ['x' as const],
  createdByUserId: bed.fx.ownerUserId,
});

async function storedCount(): Promise<number> {
  const rows = await bed.handle.db
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(and(eq(opportunities.brandId, bed.fx.brandId), isNull(opportunities.deletedAt)));
  return rows.length;
}

async function failure(promise: Promise<unknown>): Promise<Error & { issues?: InvalidImportError['issues'] }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('createOpportunity', () => {
  it('ingests a manual idea with its initial score, its author and the primary channel among the suggested ones', async () => {
    const { opportunity, created } = await bed.engine.createOpportunity(bed.fx, { ...idea(), sourceUrl: 'https://example.com/audit' });
    expect(created).toBe(true);
    expect(opportunity).toMatchObject({
      title: 'Close checklists auditors trust',
      createdVia: 'manual',
      createdByUserId: bed.fx.ownerUserId,
      score: 40,
      pillarHandle: { id: bed.fx.pillarIds[0], name: 'Faster close' },
      personaHandle: { id: bed.fx.personaIds[1], name: 'CFO Chris' },
      suggestedChannels: ['linkedin', 'x'],
      sourceUrl: 'https://example.com/audit',
      dismissedAt: null,
    });
    const board = await bed.engine.getTodayBoard(bed.fx);
    expect(board.opportunities.map((o) => o.id)).toContain(opportunity.id);
  });

  it('refuses a title the brand already has, from any source and however it is spelled, naming that idea', async () => {
    const first = await bed.engine.createOpportunity(bed.fx, idea());
    const error = await failure(bed.engine.createOpportunity(bed.fx, idea('close checklists, auditors TRUST!')));
    expect(errorCode(error)).toBe('conflict');
    expect(error.message).toBe(
      `title: duplicates the existing idea “Close checklists auditors trust” (on the board, id ${first.opportunity.id})`,
    );

    await bed.engine.ingestOpportunity(bed.fx, { ...idea('Cash forecasting in a downturn'), source: 'Some feed' });
    expect(errorCode(await failure(bed.engine.createOpportunity(bed.fx, idea('Cash forecasting in a downturn'))))).toBe('conflict');
    expect(await storedCount()).toBe(2);
  });

  it('refuses the title of a dismissed idea, saying it was dismissed', async () => {
    const { opportunity } = await bed.engine.createOpportunity(bed.fx, idea());
    await bed.engine.dismissOpportunity(bed.fx, { opportunityId: opportunity.id });
    const error = await failure(bed.engine.createOpportunity(bed.fx, idea()));
    expect(errorCode(error)).toBe('conflict');
    expect(error.message).toContain('dismissed as not relevant');
  });

  it("refuses another brand's pillar or persona as bad input naming the field, and an unknown one alike", async () => {
    const foreignPillar = await failure(bed.engine.createOpportunity(bed.fx, { ...idea(), pillarId: bed.other.pillarIds[0] }));
    expect(errorCode(foreignPillar)).toBe('bad_input');
    expect(foreignPillar.message).toBe(`pillarId: ${bed.other.pillarIds[0]} is not an active pillar of this brand`);
    const foreignPersona = await failure(bed.engine.createOpportunity(bed.fx, { ...idea(), personaId: bed.other.personaIds[0] }));
    expect(foreignPersona.message).toMatch(/^personaId: /);
    // A sibling brand of the same tenant does not share the fixture brand's strategy either.
    const sibling = await insertBareSiblingBrand(bed.handle.db, bed.fx);
    expect(errorCode(await failure(bed.engine.createOpportunity(sibling, idea())))).toBe('bad_input');
    expect(await storedCount()).toBe(0);
  });

  it('answers NotFound for a brand of another tenant, and refuses an expiry in the past', async () => {
    expect(errorCode(await failure(bed.engine.createOpportunity({ tenantId: bed.other.tenantId, brandId: bed.fx.brandId }, idea())))).toBe(
      'not_found',
    );
    const past = await failure(bed.engine.createOpportunity(bed.fx, { ...idea(), expiresAt: addDays(OPPORTUNITY_NOW, -1) }));
    expect(past.message).toBe('expiresAt: must lie in the future');
    const far = await failure(bed.engine.createOpportunity(bed.fx, { ...idea(), expiresAt: new Date(8.64e15) }));
    expect(far.message).toBe('expiresAt: must lie within the next 5 years');
    expect(await storedCount()).toBe(0);
  });

  it('refuses a non-http link and an unknown type with field messages', async () => {
    const link = await failure(bed.engine.createOpportunity(bed.fx, { ...idea(), sourceUrl: 'javascript:alert(1)' }));
    expect(link.message).toContain('must be an http(s) link');
    const type = await failure(bed.engine.createOpportunity(bed.fx, { ...idea(), type: 'rumour' as 'trend' }));
    expect(type.message).toContain('must be one of trend, evergreen, competitive, campaign');
  });
});

const HEADER = 'title,angle,type,pillar,persona,primary_channel,suggested_channels,source_url,expires_at';

function csvOf(...rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

const goodRow = (n: number) => `Idea number ${n},Why idea ${n} matters now,trend,Faster close,Controller Cara,linkedin,x;newsletter,,`;

describe('importOpportunitiesCsv', () => {
  it('stores every row, resolving pillar and persona names and the channel list, and returns the ids in file order', async () => {
    const csv = csvOf(
      goodRow(1),
      '"Audit trail, explained","Quoted, with commas",Evergreen,audit readiness,cfo chris,X,,https://example.com/a,2026-05-01',
      'A bare idea,No pillar or persona,campaign,,,newsletter,,,',
    );
    const result = await bed.engine.importOpportunitiesCsv(bed.fx, { csv, createdByUserId: bed.fx.ownerUserId });
    expect(result.imported).toBe(3);
    const stored = await Promise.all(result.opportunityIds.map((id) => bed.engine.getOpportunity(bed.fx, { opportunityId: id })));
    expect(stored.map((o) => o.title)).toEqual(['Idea number 1', 'Audit trail, explained', 'A bare idea']);
    expect(stored[0]).toMatchObject({
      type: 'trend',
      pillarId: bed.fx.pillarIds[0],
      personaId: bed.fx.personaIds[0],
      suggestedChannels: ['linkedin', 'x', 'newsletter'],
      createdVia: 'manual',
      createdByUserId: bed.fx.ownerUserId,
    });
    expect(stored[1]).toMatchObject({
      type: 'evergreen',
      pillarId: bed.fx.pillarIds[1],
      personaId: bed.fx.personaIds[1],
      primaryChannel: 'x',
      sourceUrl: 'https://example.com/a',
      // The idea lives through the day it names (UTC).
      expiresAt: new Date('2026-05-02T00:00:00.000Z'),
    });
    expect(stored[2]).toMatchObject({ pillarId: null, personaId: null });
  });

  it('refuses every bad row by line number and column, and stores nothing', async () => {
    await bed.engine.createOpportunity(bed.fx, idea('Already on the board'));
    const csv = [
      HEADER, // line 1
      goodRow(1), // line 2
      ',An angle,trend,,,linkedin,,,', // 3: no title
      'No angle,,trend,,,linkedin,,,', // 4: no angle
      'Bad type,Angle,rumour,,,linkedin,,,', // 5
      'Bad channel,Angle,trend,,,myspace,,,', // 6
      'Bad suggested,Angle,trend,,,linkedin,x;fax,,', // 7
      'Bad pillar,Angle,trend,Gardening,,linkedin,,,', // 8
      'Bad persona,Angle,trend,,Nobody,linkedin,,,', // 9
      'Bad link,Angle,trend,,,linkedin,,ftp://example.com/x,', // 10
      'Bad expiry,Angle,trend,,,linkedin,,,next week', // 11
      'Past expiry,Angle,trend,,,linkedin,,,2020-01-01', // 12
      'Idea number 1,Same title as line 2,trend,,,linkedin,,,', // 13
      'already on the board!,Same as a live idea,trend,,,linkedin,,,', // 14
      '"A quoted ""title""",Angle,trend,,,linkedin,,,,extra', // 15: a cell beyond the header
      '', // a blank line is skipped, not an error
      '"Spans\ntwo lines",Angle,trend,,,linkedin,,,', // 17: starts here, ends on 18
      'After the span,Angle,trend,,,linkedin,,,2020-01-01', // 19
      'Far expiry,Angle,trend,,,linkedin,,,9999-12-31', // 20
    ].join('\n');
    const error = await failure(bed.engine.importOpportunitiesCsv(bed.fx, { csv }));
    expect(errorCode(error)).toBe('bad_input');
    const byLine = (error.issues ?? []).map((issue) => `${issue.line} ${issue.column ?? '-'}: ${issue.message}`);
    expect(byLine).toEqual([
      '3 title: is required',
      '4 angle: is required',
      '5 type: must be one of trend, evergreen, competitive, campaign',
      '6 primary_channel: must be one of linkedin, x, newsletter, instagram, youtube, tiktok',
      '7 suggested_channels: must be one of linkedin, x, newsletter, instagram, youtube, tiktok',
      '8 pillar: “Gardening” is not an active pillar of this brand (its pillars: Faster close, Audit readiness)',
      '9 persona: “Nobody” is not a persona of this brand (its personas: CFO Chris, Controller Cara)',
      '10 source_url: must be an http(s) link',
      '11 expires_at: must be a date (YYYY-MM-DD) or an ISO 8601 time; got “next week”',
      '12 expires_at: must lie in the future',
      '13 title: duplicates the idea on line 2',
      expect.stringMatching(/^14 title: duplicates the existing idea “Already on the board” \(on the board, id /),
      '15 -: has 10 cells; the header has 9',
      '19 expires_at: must lie in the future',
      '20 expires_at: must lie within the next 5 years',
    ]);
    expect(error.message.split('\n')[0]).toBe('15 problem(s) in the file; nothing was imported:');
    expect(error.message).toContain('line 5: type must be one of trend, evergreen, competitive, campaign');
    expect(await storedCount()).toBe(1);
  });

  it('stores nothing when a single row of many is bad', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => goodRow(i + 1));
    rows[36] = 'Broken,Angle,trend,,,carrier pigeon,,,';
    const error = await failure(bed.engine.importOpportunitiesCsv(bed.fx, { csv: csvOf(...rows) }));
    expect(error.issues?.map((issue) => issue.line)).toEqual([38]);
    expect(await storedCount()).toBe(0);
  });

  it(`takes ${MAX_IMPORT_ROWS} rows and refuses one more`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => goodRow(i + 1));
    const tooMany = await failure(bed.engine.importOpportunitiesCsv(bed.fx, { csv: csvOf(...rows) }));
    expect(errorCode(tooMany)).toBe('bad_input');
    expect(tooMany.message).toBe('The file has 1,001 ideas; at most 1,000 per import');
    expect(await storedCount()).toBe(0);

    const result = await bed.engine.importOpportunitiesCsv(bed.fx, { csv: csvOf(...rows.slice(0, MAX_IMPORT_ROWS)) });
    expect(result.imported).toBe(MAX_IMPORT_ROWS);
    expect(await storedCount()).toBe(MAX_IMPORT_ROWS);
  });

  it('refuses a file over 1 MB, an empty file, a header without rows, and a header with unknown or missing columns', async () => {
    const padding = 'x'.repeat(MAX_IMPORT_BYTES);
    const oversize = await failure(bed.engine.importOpportunitiesCsv(bed.fx, { csv: csvOf(`${padding},a,trend,,,linkedin,,,`) }));
    expect(oversize.message).toContain('larger than 1 MB');
    // Multi-byte text counts by its bytes, not its characters.
    const wide = await failure(
      bed.engine.importOpportunitiesCsv(bed.fx, { csv: csvOf(`${'é'.repeat(MAX_IMPORT_BYTES / 2)},a,trend,,,linkedin,,,`) }),
    );
    expect(wide.message).toBe('The file is larger than 1 MB');

    expect((await failure(bed.engine.importOpportunitiesCsv(bed.fx, { csv: '' }))).message).toMatch(/^The file is empty/);
    const headerOnly = await failure(bed.engine.importOpportunitiesCsv(bed.fx, { csv: `${HEADER}\n` }));
    expect(errorCode(headerOnly)).toBe('bad_input');
    expect(headerOnly.message).toBe('The file has a header row but no ideas under it');

    const columns = await failure(bed.engine.importOpportunitiesCsv(bed.fx, { csv: 'title,angel,type\nA,B,trend' }));
    expect(columns.message).toMatch(/^line 1: missing column\(s\) angle, primary_channel; unknown column\(s\) “angel”/);
    expect(await storedCount()).toBe(0);
  });

  it('reads a header in any order and case, with a byte-order mark and CRLF line ends', async () => {
    const csv = '\uFEFFPrimary Channel,Type,Angle,Title\r\nx,competitive,An angle,Reordered columns\r\n';
    const result = await bed.engine.importOpportunitiesCsv(bed.fx, { csv });
    expect(result.imported).toBe(1);
    await expect(bed.engine.getOpportunity(bed.fx, { opportunityId: result.opportunityIds[0]! })).resolves.toMatchObject({
      title: 'Reordered columns',
      type: 'competitive',
      primaryChannel: 'x',
    });
  });
});
