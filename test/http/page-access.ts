import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_COOKIE } from '../../server/auth/token-transport';
import type { SuiteServer } from './suite-server';

/** One page request and the answer it must get: a status, and where a redirect must lead. */
export interface PageCase {
  label: string;
  path: string;
  token?: string;
  status: number;
  location?: RegExp;
}

type Context = Pick<SuiteServer, 'ids' | 'tokens'> & { invalidTokens: Record<string, string | undefined> };

const TO_SIGN_IN = /^\/sign-in$/;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Signed out on a deep link: the sign-in page, carrying that page back as `?next=` (lib/next-path.ts). */
const toSignInFrom = (path: string) => new RegExp(`^/sign-in\\?next=${escapeRegExp(encodeURIComponent(path))}$`);

/**
 * Every page, keyed by its file under app/ (the suite checks the keys against the files): signed out
 * or with a stale, forged or unsigned session cookie a page sends the person to sign in, never a 500
 * (the person could not even reach /sign-in); the other tenant gets 404 for tenant 1's brand; a
 * missing package is 404.
 */
export const PAGE_ACCESS: Record<string, (context: Context) => PageCase[]> = {
  'app/page.tsx': (context) => [
    ...signedOut(context, '/', 307, TO_SIGN_IN),
    // Olivia has two brands: the front door lists them. Grace has one: straight to its Today board.
    { label: 'Olivia (two brands)', path: '/', token: context.tokens.olivia, status: 307, location: /^\/brands$/ },
    { label: 'Grace (one brand)', path: '/', token: context.tokens.grace, status: 307, location: /^\/brands\/[0-9a-f-]{36}\/today$/ },
    { label: 'a newcomer in no workspace (create your workspace)', path: '/', token: context.tokens.newcomer, status: 200 },
  ],
  'app/sign-in/page.tsx': (context) => [
    ...signedOut(context, '/sign-in', 200),
    { label: 'Olivia (already signed in)', path: '/sign-in', token: context.tokens.olivia, status: 307, location: /^\/$/ },
    {
      label: 'Olivia (already signed in) with a deep link in ?next=',
      path: `/sign-in?next=${encodeURIComponent(`/brands/${context.ids.northwind.brandId}/insights?days=7`)}`,
      token: context.tokens.olivia,
      status: 307,
      location: new RegExp(`^/brands/${context.ids.northwind.brandId}/insights\\?days=7$`),
    },
    // Never an open redirect: anything but a path on this site is dropped.
    ...['https://evil.example/', '//evil.example/', '/\\evil.example/'].map((next) => ({
      label: `Olivia (already signed in) with ?next=${next}`,
      path: `/sign-in?next=${encodeURIComponent(next)}`,
      token: context.tokens.olivia,
      status: 307,
      location: /^\/$/,
    })),
  ],
  // Every brand the viewer can see, by workspace; a member sees theirs too (without "New brand").
  'app/brands/page.tsx': (context) => [
    ...signedOut(context, '/brands', 307, toSignInFrom('/brands')),
    { label: 'Olivia (owner)', path: '/brands', token: context.tokens.olivia, status: 200 },
    { label: 'Max (member)', path: '/brands', token: context.tokens.max, status: 200 },
    { label: 'a newcomer in no workspace', path: '/brands', token: context.tokens.newcomer, status: 200 },
  ],
  'app/brands/[brandId]/today/page.tsx': (context) => brandPage(context, 'today'),
  'app/brands/[brandId]/insights/page.tsx': (context) => brandPage(context, 'insights'),
  'app/brands/[brandId]/runs/page.tsx': (context) => brandPage(context, 'runs'),
  // Members read the library (the page says why they cannot change it), so Max gets the page too.
  'app/brands/[brandId]/patterns/page.tsx': (context) => [
    ...brandPage(context, 'patterns'),
    { label: 'Max (member, read-only)', path: `/brands/${context.ids.northwind.brandId}/patterns`, token: context.tokens.max, status: 200 },
  ],
  // Members see their settings read-only (the page says why), so Max gets the page too.
  'app/brands/[brandId]/settings/page.tsx': (context) => [
    ...brandPage(context, 'settings'),
    { label: 'Max (member, read-only)', path: `/brands/${context.ids.northwind.brandId}/settings`, token: context.tokens.max, status: 200 },
  ],
  // Members read the sources (the page says why they cannot change them), so Max gets the page too.
  'app/brands/[brandId]/sources/page.tsx': (context) => [
    ...brandPage(context, 'sources'),
    { label: 'Max (member, read-only)', path: `/brands/${context.ids.northwind.brandId}/sources`, token: context.tokens.max, status: 200 },
  ],
  // Members read the strategy (the page says why they cannot change it), so Max gets the page too.
  'app/brands/[brandId]/strategy/page.tsx': (context) => [
    ...brandPage(context, 'strategy'),
    { label: 'Max (member, read-only)', path: `/brands/${context.ids.northwind.brandId}/strategy`, token: context.tokens.max, status: 200 },
  ],
  // Members get the page with the reason they cannot set the strategy up, and a link to read it.
  'app/brands/[brandId]/strategy/setup/page.tsx': (context) => [
    ...brandPage(context, 'strategy/setup'),
    {
      label: 'Max (member, told why)',
      path: `/brands/${context.ids.northwind.brandId}/strategy/setup`,
      token: context.tokens.max,
      status: 200,
    },
  ],
  // A static segment beside [brandId]: never the brand layout's 404 for a brand called "new". Max, a
  // member only, gets the page with the reason he cannot add a brand.
  'app/brands/new/page.tsx': (context) => [
    ...signedOut(context, '/brands/new', 307, toSignInFrom('/brands/new')),
    { label: 'Olivia (owner)', path: '/brands/new', token: context.tokens.olivia, status: 200 },
    {
      label: 'Olivia with a workspace not hers in ?workspaceId=',
      path: `/brands/new?workspaceId=${randomUUID()}`,
      token: context.tokens.olivia,
      status: 200,
    },
    { label: 'Max (member only)', path: '/brands/new', token: context.tokens.max, status: 200 },
  ],
  // Filters the list would refuse (an unknown status, a hand-edited cursor-free query) read as no filter.
  'app/brands/[brandId]/packages/page.tsx': (context) => [
    ...brandPage(context, 'packages'),
    {
      label: 'Olivia with an unknown status and channel in the URL',
      path: `/brands/${context.ids.northwind.brandId}/packages?status=bogus&channel=fax&q=%25`,
      token: context.tokens.olivia,
      status: 200,
    },
  ],
  'app/brands/[brandId]/packages/[packageId]/page.tsx': (context) => {
    const { brandId, packageId } = context.ids.northwind;
    return [
      ...brandPage(context, `packages/${packageId}`),
      {
        label: 'Olivia with a missing package',
        path: `/brands/${brandId}/packages/${randomUUID()}`,
        token: context.tokens.olivia,
        status: 404,
      },
      {
        label: 'Olivia with a package id that is not a uuid',
        path: `/brands/${brandId}/packages/not-a-uuid`,
        token: context.tokens.olivia,
        status: 404,
      },
    ];
  },
  'app/workspaces/[workspaceId]/team/page.tsx': (context) => {
    const path = `/workspaces/${context.ids.northwind.workspaceId}/team`;
    return [
      ...signedOut(context, path, 307, toSignInFrom(path)),
      { label: 'Olivia (owner)', path, token: context.tokens.olivia, status: 200 },
      { label: 'Max (member, read-only)', path, token: context.tokens.max, status: 200 },
      { label: 'Grace (the other tenant)', path, token: context.tokens.grace, status: 404 },
      { label: 'Olivia with a missing workspace', path: `/workspaces/${randomUUID()}/team`, token: context.tokens.olivia, status: 404 },
      {
        label: 'Olivia with a workspace id that is not a uuid',
        path: '/workspaces/not-a-uuid/team',
        token: context.tokens.olivia,
        status: 404,
      },
    ];
  },
};

function signedOut({ invalidTokens }: Context, path: string, status: number, location?: RegExp): PageCase[] {
  return Object.entries(invalidTokens).map(([label, token]) => ({ label, path, token, status, location }));
}

function brandPage(context: Context, section: string): PageCase[] {
  const path = `/brands/${context.ids.northwind.brandId}/${section}`;
  return [
    ...signedOut(context, path, 307, toSignInFrom(path)),
    { label: 'Olivia (owner)', path, token: context.tokens.olivia, status: 200 },
    { label: 'Grace (the other tenant)', path, token: context.tokens.grace, status: 404 },
  ];
}

/** What is wrong with a page's answer (empty when it is right). */
export async function checkPageCase(baseUrl: string, page: PageCase): Promise<string[]> {
  const response = await fetch(baseUrl + page.path, {
    headers: page.token ? { cookie: `${ACCESS_TOKEN_COOKIE}=${page.token}` } : {},
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.text();
  const location = response.headers.get('location') ?? '';
  const right = response.status === page.status && (!page.location || page.location.test(location));
  if (right) return [];
  const where = location ? ` → ${location}` : '';
  return [
    `GET ${page.path} as ${page.label}: expected ${page.status}${page.location ? ` → ${page.location}` : ''}, got ${response.status}${where} ${body.slice(0, 200)}`,
  ];
}
