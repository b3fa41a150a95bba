import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../engines/enums';
import { insertContentOpportunity } from '../../test/fixtures/content';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';

/** Every package made here, by title. */
const made = new Map<string, { id: string; channels: Channel[] }>();

const TITLES: { title: string; channels: Channel[] }[] = [
  { title: 'Close the books faster', channels: ['linkedin'] },
  { title: 'CLOSE week without the spreadsheets', channels: ['linkedin', 'x'] },
  { title: 'Audit trails people read', channels: ['x'] },
  { title: '100% of invoices matched', channels: ['newsletter'] },
  { title: '100 invoices, one morning', channels: ['linkedin', 'newsletter'] },
  { title: 'snake_case ledgers', channels: ['x'] },
  { title: 'snakeXcase is not a match', channels: ['linkedin'] },
  { title: '=HYPERLINK("http://evil.example","click")', channels: ['linkedin'] },
  { title: '+1 for continuous close', channels: ['x', 'linkedin'] },
  { title: '@finance teams, a question', channels: ['newsletter'] },
  { title: '-5 days to close', channels: ['linkedin'] },
  { title: 'A quote " and a comma, in a title', channels: ['x'] },
  { title: 'Reconciliation as a habit', channels: ['linkedin'] },
  { title: 'The controller’s calendar', channels: ['x', 'newsletter'] },
];

const bed = twoTenantBed({ tenant: 'Library Co', other: 'Other Library Co' });
beforeAll(async () => {
  for (const { title, channels } of TITLES) {
    const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx, { title });
    const { package: pkg } = await bed.system.engines.content.createPackageFromOpportunity(bed.fx, {
      opportunityId,
      channels,
      createdByUserId: bed.fx.ownerUserId,
    });
    made.set(title, { id: pkg.id, channels });
  }
  // One of the other tenant's, with a title every search here would match.
  const foreign = await insertContentOpportunity(bed.handle.db, bed.other, { title: 'Close the books, another tenant' });
  await bed.system.engines.content.createPackageFromOpportunity(bed.other, {
    opportunityId: foreign,
    channels: ['linkedin'],
    createdByUserId: bed.other.ownerUserId,
  });
});

const idOf = (title: string) => made.get(title)!.id;

type ListInput = Parameters<ReturnType<typeof bed.as>['packages']['list']>[0];

/** Every page of the list with `limit` per page, concatenated. */
async function allPages(input: Omit<ListInput, 'cursor' | 'limit'>, limit: number) {
  const items = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await bed.as(bed.owner).packages.list({ ...input, cursor, limit });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
    expect(pages).toBeLessThanOrEqual(TITLES.length + 1);
  } while (cursor);
  return items;
}

describe('packages.list', () => {
  it('lists every package of the brand, most recently changed first, with channels, origin and variant states', async () => {
    const { items, nextCursor } = await bed.as(bed.owner).packages.list({ brandId: bed.fx.brandId, limit: 100 });
    expect(nextCursor).toBeNull();
    expect(items.map((item) => item.id).sort()).toEqual([...made.values()].map((p) => p.id).sort());
    for (let i = 1; i < items.length; i++) {
      const [newer, older] = [items[i - 1]!, items[i]!];
      expect(newer.updatedAt.getTime()).toBeGreaterThanOrEqual(older.updatedAt.getTime());
    }
    const audit = items.find((item) => item.title === 'Audit trails people read')!;
    expect(audit).toMatchObject({ status: 'draft', channels: ['x'], origin: { title: 'Audit trails people read' }, variants: [] });
  });

  it('paging through every page yields every package exactly once, in the one-page order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<Omit<ListInput, 'brandId' | 'cursor' | 'limit'>>(
          {},
          { channel: 'x' },
          { channel: 'linkedin' },
          { search: 'close' },
        ),
        async (limit, filter) => {
          const whole = (await bed.as(bed.owner).packages.list({ brandId: bed.fx.brandId, ...filter, limit: 100 })).items.map(
            (item) => item.id,
          );
          const paged = (await allPages({ brandId: bed.fx.brandId, ...filter }, limit)).map((item) => item.id);
          expect(paged).toEqual(whole);
          expect(new Set(paged).size).toBe(paged.length);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('filters by channel and status; archived packages only under the archived status', async () => {
    const onX = await allPages({ brandId: bed.fx.brandId, channel: 'x' }, 100);
    expect(onX.map((item) => item.id).sort()).toEqual(
      [...made.values()]
        .filter((p) => p.channels.includes('x'))
        .map((p) => p.id)
        .sort(),
    );
    const reviewed = idOf('Reconciliation as a habit');
    await bed.as(bed.owner).packages.setStatus({ brandId: bed.fx.brandId, packageId: reviewed, status: 'in_review' });
    const inReview = await bed.as(bed.owner).packages.list({ brandId: bed.fx.brandId, status: 'in_review' });
    expect(inReview.items.map((item) => item.id)).toEqual([reviewed]);
    // The change moved it to the top of the unfiltered list.
    expect((await bed.as(bed.owner).packages.list({ brandId: bed.fx.brandId, limit: 1 })).items[0]!.id).toBe(reviewed);

    const archived = idOf('The controller’s calendar');
    await bed.as(bed.owner).packages.archive({ brandId: bed.fx.brandId, packageId: archived });
    const everyDefault = (await allPages({ brandId: bed.fx.brandId }, 100)).map((item) => item.id);
    expect(everyDefault).not.toContain(archived);
    expect(everyDefault).toHaveLength(TITLES.length - 1);
    expect((await bed.as(bed.owner).packages.list({ brandId: bed.fx.brandId, status: 'archived' })).items.map((item) => item.id)).toEqual([
      archived,
    ]);
  });

  it('searches titles case-insensitively, with % and _ meaning themselves', async () => {
    const titles = async (search: string) => (await allPages({ brandId: bed.fx.brandId, search }, 100)).map((item) => item.title).sort();
    expect(await titles('close')).toEqual(
      ['+1 for continuous close', '-5 days to close', 'CLOSE week without the spreadsheets', 'Close the books faster'].sort(),
    );
    expect(await titles('100%')).toEqual(['100% of invoices matched']);
    expect(await titles('snake_case')).toEqual(['snake_case ledgers']);
    expect(await titles('   ')).toHaveLength(TITLES.length - 1);
    expect(await titles('nothing like this')).toEqual([]);
  });

  it('another tenant gets NOT_FOUND for the brand; a forged cursor or unknown status is BAD_REQUEST naming the field', async () => {
    expect(await codeOf(bed.as(bed.otherOwner).packages.list({ brandId: bed.fx.brandId }))).toBe('NOT_FOUND');
    expect(await codeOf(bed.as(bed.otherOwner).packages.exportCsv({ brandId: bed.fx.brandId }))).toBe('NOT_FOUND');
    const forged = await rejection(bed.as(bed.owner).packages.list({ brandId: bed.fx.brandId, cursor: '2026-13-45T00:00:00.000000Z~x' }));
    expect(forged.code).toBe('BAD_REQUEST');
    expect(forged.message).toContain('cursor');
    const impossible = await rejection(
      bed
        .as(bed.owner)
        .packages.list({ brandId: bed.fx.brandId, cursor: `2026-02-30T10:00:00.000000Z~${idOf('Audit trails people read')}` }),
    );
    expect(impossible.code).toBe('BAD_REQUEST');
    const status = await rejection(bed.as(bed.owner).packages.list({ brandId: bed.fx.brandId, status: 'lost' as never }));
    expect(status.code).toBe('BAD_REQUEST');
    expect(status.message).toContain('status');
  });
});

describe('packages.exportCsv', () => {
  it('holds the filtered library, quoting commas and quotes and neutralising formula-leading cells', async () => {
    const file = await bed.as(bed.owner).packages.exportCsv({ brandId: bed.fx.brandId, channel: 'linkedin' });
    expect(file.filename).toMatch(/^packages-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...records] = parse(file.csv) as string[][];
    expect(header).toEqual(['title', 'status', 'channels', 'variants', 'origin_opportunity', 'updated_at', 'created_at', 'package_id']);
    const linkedin = [...made.values()].filter((p) => p.channels.includes('linkedin'));
    expect(records).toHaveLength(linkedin.length);
    expect(file.rows).toBe(linkedin.length);
    const titles = records.map((record) => record[0]);
    expect(titles).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(titles).toContain("'+1 for continuous close");
    expect(titles).toContain("'-5 days to close");
    expect(titles).toContain('Close the books faster');
    // Every cell that is not a neutralised formula starts with something a spreadsheet shows as text.
    for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const quoted = await bed.as(bed.owner).packages.exportCsv({ brandId: bed.fx.brandId, search: 'quote' });
    expect((parse(quoted.csv) as string[][])[1]![0]).toBe('A quote " and a comma, in a title');
    const newsletter = await bed.as(bed.owner).packages.exportCsv({ brandId: bed.fx.brandId, search: '@finance' });
    expect((parse(newsletter.csv) as string[][])[1]![0]).toBe("'@finance teams, a question");
  });
});
