import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH } from '../../e2e/chromium';
import { ACCESS_TOKEN_COOKIE } from '../../server/auth/token-transport';
import { HTTP_DIST_DIR } from '../../test/http/prod-server';
import { mintAccessToken } from '../../test/http/tokens';
import { callProcedure } from '../../test/http/trpc-http';
import type { BenchDatabase } from '../databases';
import { atMost, type BenchRow, medianAtMost, ratioOf, summarize } from '../report';
import type { BenchSizes } from '../sizes';
import { boardBrand, serveDatabase } from './http';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TODAY_ROUTE = '/brands/[brandId]/today/page';

/** The route's segments: the layouts and the error boundary around the page, and the page. */
const TODAY_SEGMENTS = [
  '[project]/app/layout',
  '[project]/app/brands/[brandId]/layout',
  '[project]/app/brands/[brandId]/error',
  '[project]/app/brands/[brandId]/today/page',
];

/**
 * The JavaScript a visit to the Today route loads, gzipped: the root chunks every page loads
 * (build-manifest.json) and the chunks of the route's segments (its client reference manifest). The
 * not-found and global-error pages' chunks load only when those show; polyfills are `nomodule`.
 */
export function todayRouteJavaScript(distDir = path.join(ROOT, HTTP_DIST_DIR)): { files: number; gzipBytes: number } {
  const build = JSON.parse(readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const manifestFile = path.join(distDir, 'server/app', path.dirname(TODAY_ROUTE), 'page_client-reference-manifest.js');
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  new Function('globalThis', readFileSync(manifestFile, 'utf8'))(sandbox);
  const entries = sandbox.__RSC_MANIFEST?.[TODAY_ROUTE]?.entryJSFiles ?? {};
  const missing = TODAY_SEGMENTS.filter((segment) => !entries[segment]);
  if (missing.length > 0) throw new Error(`the client reference manifest names no chunks for ${missing.join(', ')}`);
  const files = new Set([...build.rootMainFiles, ...TODAY_SEGMENTS.flatMap((segment) => entries[segment]!)]);
  let gzipBytes = 0;
  for (const file of files) gzipBytes += gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
  return { files: files.size, gzipBytes };
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The same cards as plain HTML with the app's stylesheets and no script: what the list costs to paint. */
function staticPage(stylesheets: string[], cards: { title: string; angle: string; score: number }[]): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  const items = cards
    .map((card) => `<li class="card"><h3>${escapeHtml(card.title)}</h3><p>${escapeHtml(card.angle)}</p><span>${card.score}</span></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Today</title>${links}</head><body><main><h1 class="page-title">Today</h1><ol>${items}</ol></main></body></html>`;
}

async function serveStatic(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no address for the static page');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** P4: first contentful paint of the Today page with a large board, beside the same list as static HTML. */
export async function measureTodayPage(db: BenchDatabase, sizes: BenchSizes): Promise<BenchRow[]> {
  const fx = await boardBrand(db, sizes.pageOpportunities);
  const server = await serveDatabase(db);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const token = await mintAccessToken({ userId: fx.ownerUserId });
    const pageUrl = `${server.baseUrl}/brands/${fx.brandId}/today`;
    const board = await callProcedure(server.baseUrl, 'today.get', 'query', { brandId: fx.brandId }, { token });
    const cards = (board.data as { opportunities: { title: string; angle: string; score: number }[] }).opportunities;
    const appHtml = await (await fetch(pageUrl, { headers: { cookie: `${ACCESS_TOKEN_COOKIE}=${token}` } })).text();
    const stylesheets = [...appHtml.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(
      (match) => new URL(match[1]!, server.baseUrl).href,
    );
    const reference = await serveStatic(staticPage(stylesheets, cards));

    const firstPaint = async (url: string, withCookie: boolean): Promise<number> => {
      // A fresh context each time: nothing cached, as a first visit of the day.
      const context = await browser.newContext();
      if (withCookie) await context.addCookies([{ name: ACCESS_TOKEN_COOKIE, value: token, url: server.baseUrl }]);
      const page = await context.newPage();
      const response = await page.goto(url, { waitUntil: 'load' });
      if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
      const fcp = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const found = performance.getEntriesByName('first-contentful-paint')[0];
            if (found) resolve(found.startTime);
            else new PerformanceObserver((list) => resolve(list.getEntries()[0]!.startTime)).observe({ type: 'paint', buffered: true });
          }),
      );
      await context.close();
      return fcp;
    };
    const app: number[] = [];
    const plain: number[] = [];
    await firstPaint(pageUrl, true); // warm the server's route
    for (let i = 0; i < sizes.pageLoads; i++) {
      app.push(await firstPaint(pageUrl, true));
      plain.push(await firstPaint(reference.url, false));
    }
    reference.server.close();
    const fcp = summarize(app);
    const staticFcp = summarize(plain);
    const js = todayRouteJavaScript();
    return [
      {
        id: 'P4 PostgreSQL',
        measure: `Today page first contentful paint, ${sizes.pageOpportunities} opportunities (${cards.length} cards shown)`,
        median: fcp.median,
        p95: fcp.p95,
        reference: staticFcp.median,
        unit: 'ms',
        ratio: ratioOf(fcp.median, staticFcp.median),
        target: atMost(2),
      },
      {
        id: 'P4 PostgreSQL',
        measure: `Today route JavaScript, gzipped (${js.files} files)`,
        median: js.gzipBytes / 1000,
        p95: null,
        reference: null,
        unit: 'kB',
        ratio: null,
        target: medianAtMost(200, 'kB'),
      },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
