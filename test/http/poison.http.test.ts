import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_CHOICES } from '../../components/insights/window-choice';
import { MAX_EVENT_COUNT } from '../../engines/learning/dto';
import { ENGAGEMENT_WEIGHTS } from '../../engines/learning/engagement';
import { demoServerBed } from './suite-server';
import { DEMO_USER_IDS, mintAccessToken } from './tokens';
import { callProcedure, type TrpcHttpResponse } from './trpc-http';

// One tenant's poisonous metric (a share count at the top of int4, which once overflowed the
// insights sum and left pooled connections handing wrong rows to the next request) must not change
// a single answer for the other tenant, nor break the tenant's own insights.

const OVERFLOW_COUNT = 2_147_483_647;
const MIXED_REQUESTS = 200;
const CONCURRENCY = 8;

let grace: string;

const bed = demoServerBed();
beforeAll(async () => {
  grace = await mintAccessToken({ userId: DEMO_USER_IDS.grace });
});

interface Request {
  kind: string;
  send(): Promise<TrpcHttpResponse>;
}

function graceRequests(packageId: string): Request[] {
  const brandId = bed.brands.climateDesk;
  const as = (path: string, input: unknown) => () => callProcedure(bed.server.baseUrl, path, 'query', input, { token: grace });
  return [
    { kind: 'today.get', send: as('today.get', { brandId }) },
    { kind: 'today.get (opportunities on LinkedIn)', send: as('today.get', { brandId, channel: 'linkedin' }) },
    { kind: 'brands.list', send: as('brands.list', undefined) },
    { kind: 'brands.strategy', send: as('brands.strategy', { brandId }) },
    { kind: 'packages.workspace', send: as('packages.workspace', { brandId, packageId }) },
    ...WINDOW_CHOICES.map((windowDays) => ({
      kind: `learning.insights ${windowDays}`,
      send: as('learning.insights', { brandId, windowDays }),
    })),
  ];
}

const northwindInsights = (windowDays: number) =>
  callProcedure(bed.server.baseUrl, 'learning.insights', 'query', { brandId: bed.brands.ledgerline, windowDays }, { token: bed.olivia });

/** Today's weighted interactions on the channel in one window's engagement series. */
function todaysInteractions(insights: unknown, channel: string): number {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const point = (insights as { engagement: { day: Date; channel: string; interactions: number }[] }).engagement.find(
    (p) => p.channel === channel && p.day.getTime() === today.getTime(),
  );
  return point?.interactions ?? 0;
}

describe('a poisonous metric from one tenant', () => {
  it('is refused or summed exactly, and every answer to the other tenant stays what it was', { timeout: 300_000 }, async () => {
    const [globexPackage] = await bed.probe.query<{ id: string }>(
      'select id from content_packages where brand_id = $1 and deleted_at is null order by created_at limit 1',
      [bed.brands.climateDesk],
    );
    const [variant] = await bed.probe.query<{ id: string; channel: string }>(
      'select id, channel from variants where brand_id = $1 and published_at is not null and deleted_at is null order by published_at desc limit 1',
      [bed.brands.ledgerline],
    );
    const requests = graceRequests(globexPackage!.id);
    const expected = new Map<string, unknown>();
    for (const request of requests) {
      const response = await request.send();
      expect({ kind: request.kind, status: response.status }).toEqual({ kind: request.kind, status: 200 });
      expected.set(request.kind, response.data);
    }
    const insightsBefore = await Promise.all(WINDOW_CHOICES.map(northwindInsights));
    expect(insightsBefore.map((r) => r.status)).toEqual(WINDOW_CHOICES.map(() => 200));

    const created = await callProcedure(
      bed.server.baseUrl,
      'ingestKeys.create',
      'mutation',
      { brandId: bed.brands.ledgerline, name: 'Poison test' },
      { token: bed.olivia },
    );
    expect(created.status).toBe(200);
    const ingestKey = (created.data as { key: string }).key;
    const ingest = (externalEventId: string, count: number) =>
      fetch(`${bed.server.baseUrl}/api/ingest/execution-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            {
              channel: variant!.channel,
              variantId: variant!.id,
              externalEventId,
              eventType: 'share',
              count,
              occurredAt: new Date(Date.now() - 60_000).toISOString(),
            },
          ],
        }),
      });

    // Refused as out of bounds, or taken whole.
    const overflow = await ingest('poison-overflow', OVERFLOW_COUNT);
    const overflowBody = (await overflow.json()) as Record<string, unknown>;
    expect([200, 400]).toContain(overflow.status);
    expect(overflowBody).toMatchObject(overflow.status === 200 ? { inserted: 1 } : { error: expect.any(String) });
    const atBound = await ingest('poison-largest', MAX_EVENT_COUNT);
    expect({ status: atBound.status, body: await atBound.json() }).toMatchObject({ status: 200, body: { inserted: 1 } });
    const acceptedShares = MAX_EVENT_COUNT + (overflow.status === 200 ? OVERFLOW_COUNT : 0);

    const insightsAfter = await Promise.all(WINDOW_CHOICES.map(northwindInsights));
    expect(insightsAfter.map((r) => ({ status: r.status, error: r.error }))).toEqual(
      WINDOW_CHOICES.map(() => ({ status: 200, error: undefined })),
    );
    insightsAfter.forEach((after, i) => {
      const added = todaysInteractions(after.data, variant!.channel) - todaysInteractions(insightsBefore[i]!.data, variant!.channel);
      expect(added).toBe(acceptedShares * ENGAGEMENT_WEIGHTS.share);
    });
    const northwindExpected = insightsAfter.map((r) => r.data);

    // The other tenant's mixed requests, interleaved with the poisoned tenant's insights.
    const wrong: { kind: string; status: number; body: unknown }[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < MIXED_REQUESTS) {
        const n = sent++;
        const request = requests[n % requests.length]!;
        const windowIndex = n % WINDOW_CHOICES.length;
        const [mine, theirs] = await Promise.all([request.send(), northwindInsights(WINDOW_CHOICES[windowIndex]!)]);
        if (mine.status !== 200 || !isDeepStrictEqual(mine.data, expected.get(request.kind))) {
          wrong.push({ kind: `Globex ${request.kind}`, status: mine.status, body: mine.body });
        }
        if (theirs.status !== 200 || !isDeepStrictEqual(theirs.data, northwindExpected[windowIndex])) {
          wrong.push({ kind: `Northwind learning.insights ${WINDOW_CHOICES[windowIndex]}`, status: theirs.status, body: theirs.body });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(sent).toBeGreaterThanOrEqual(MIXED_REQUESTS);
    expect({ wrongAnswers: wrong.length, first: wrong.slice(0, 3) }).toEqual({ wrongAnswers: 0, first: [] });
  });
});
