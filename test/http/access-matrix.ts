import { randomUUID } from 'node:crypto';
import type { BrandIds } from './demo-ids';
import { type Access, FILTER_ID_FIELDS, PROCEDURE_TABLE } from './procedure-table';
import type { RouterProcedure } from './router-procedures';
import { DEMO_USER_IDS, mintAccessToken, TENANT_IDS } from './tokens';

/** One call of the matrix and the answer it must get. */
export interface AccessCase {
  procedure: RouterProcedure;
  caller: string;
  token?: string;
  input: Record<string, unknown> | undefined;
  /** The owner's own call, sent before the refused ones and outside their checksum: it may write its audit run. */
  control?: true;
  expect:
    | { kind: 'refused'; status: number; code: string }
    /** Answered successfully, and nothing of tenant 1 in the answer. */
    | { kind: 'answered'; foreignIds?: string[] }
    /**
     * The other tenant's real id in `field`: the same answer as the same call with a random id there
     * (status, code, and message once each id is replaced by a placeholder); NOT_FOUND unless the
     * field only filters a listing.
     */
    | {
        kind: 'same as missing';
        field: string;
        realId: string;
        missingInput: Record<string, unknown>;
        missingId: string;
        notFound: boolean;
      };
}

export interface MatrixContext {
  ids: { northwind: BrandIds; globex: BrandIds };
  tokens: { olivia: string; max: string; grace: string };
}

/** Tokens that must each leave a request signed out. */
export async function invalidTokens(): Promise<Record<string, string | undefined>> {
  const userId = DEMO_USER_IDS.olivia;
  return {
    'no token': undefined,
    'an expired token': await mintAccessToken({ userId, expiresInSeconds: -60 }),
    'a forged token (wrong secret)': await mintAccessToken({ userId, secret: 'not-the-servers-secret-0123456789abcdef' }),
    'an unsigned token (alg: none)': await mintAccessToken({ userId, alg: 'none' }),
    "a token with role 'anon'": await mintAccessToken({ userId, role: 'anon' }),
  };
}

const UNAUTHORIZED = { kind: 'refused', status: 401, code: 'UNAUTHORIZED' } as const;
const FORBIDDEN = { kind: 'refused', status: 403, code: 'FORBIDDEN' } as const;

/** Every call the matrix makes for one procedure. */
export function accessCases(procedure: RouterProcedure, context: MatrixContext, tokens: Record<string, string | undefined>): AccessCase[] {
  const entry = PROCEDURE_TABLE[procedure.path];
  if (!entry) throw new Error(`${procedure.path} is not in PROCEDURE_TABLE`);
  const { northwind, globex } = context.ids;
  const own = entry.input?.(northwind);
  const cases: AccessCase[] = [];
  const add = (caller: string, token: string | undefined, input: Record<string, unknown> | undefined, expect: AccessCase['expect']) =>
    cases.push({ procedure, caller, token, input, expect });

  for (const [caller, token] of Object.entries(tokens))
    add(caller, token, own, entry.access === 'public' ? { kind: 'answered' } : UNAUTHORIZED);

  // The demo sign-in lists every demo user, of both tenants, by design.
  if (entry.access === 'public') return cases;
  // The control: the same input from its owner is answered, so each refusal below is the caller's
  // doing, not a stale id in the table. Only for queries, which change nothing (a summary records its
  // model call as a run, which is why controls stay outside the refused calls' checksum).
  if (procedure.kind === 'query')
    cases.push({
      procedure,
      caller: 'Olivia (owner of tenant 1)',
      token: context.tokens.olivia,
      input: own,
      control: true,
      expect: { kind: 'answered' },
    });
  if (entry.access === 'signed-in') {
    // A signed-in mutation makes something of the caller's own (workspaces.create): answered, it would
    // write, and the matrix sends only calls that write nothing. Its procedure tests cover the answer.
    if (procedure.kind === 'mutation') return cases;
    add('Grace (the other tenant)', context.tokens.grace, own, { kind: 'answered', foreignIds: northwindIds(northwind) });
    return cases;
  }

  // The other tenant's owner with tenant 1's brand or workspace: exactly what one that does not exist gets.
  const scopeField = WORKSPACE_ACCESS.has(entry.access) ? 'workspaceId' : 'brandId';
  const missingScope = randomUUID();
  add(`Grace with tenant 1 ${scopeField === 'workspaceId' ? 'workspace' : 'brand'}`, context.tokens.grace, own, {
    kind: 'same as missing',
    field: scopeField,
    realId: own![scopeField] as string,
    missingInput: { ...own, [scopeField]: missingScope },
    missingId: missingScope,
    notFound: true,
  });
  // Her own brand or workspace with tenant 1's row: the engines' own scoping, behind the scope check.
  const hers = entry.input!(globex);
  for (const field of idFields(own!, northwind, scopeField)) {
    const missingId = randomUUID();
    add(
      `Grace with her ${scopeField === 'workspaceId' ? 'workspace' : 'brand'} and tenant 1 ${field}`,
      context.tokens.grace,
      { ...hers, [field]: own![field] },
      {
        kind: 'same as missing',
        field,
        realId: own![field] as string,
        missingInput: { ...hers, [field]: missingId },
        missingId,
        notFound: !FILTER_ID_FIELDS.has(field),
      },
    );
  }
  if (entry.access === 'admin' || entry.access === 'workspace-admin')
    add('Max (member) on an admin procedure', context.tokens.max, own, FORBIDDEN);
  if (entry.access === 'workspace-owner') add('Max (member) on an owner procedure', context.tokens.max, own, FORBIDDEN);
  return cases;
}

/** Levels whose input names a workspace (`workspaceId`) rather than a brand. */
const WORKSPACE_ACCESS: ReadonlySet<Access> = new Set(['workspace', 'workspace-admin', 'workspace-owner']);

/** Input fields other than the scope (the brand or the workspace) that carry one of the brand's row ids. */
function idFields(input: Record<string, unknown>, ids: BrandIds, scopeField: 'brandId' | 'workspaceId'): string[] {
  const rowIds = new Set(
    Object.entries(ids)
      .filter(([key]) => key !== scopeField)
      .map(([, value]) => value),
  );
  return Object.keys(input).filter((field) => rowIds.has(input[field] as string));
}

function northwindIds(ids: BrandIds): string[] {
  return [TENANT_IDS.northwind, ...Object.values(ids)];
}
