import fc from 'fast-check';
import superjson from 'superjson';
import { z } from 'zod';
import { arbitraryValue, edgeValues, FAR_FUTURE, FAR_PAST, fieldKind, HUGE, NESTING_IN_URL, nestedArray } from './malformed-values';
import type { RouterProcedure } from './router-procedures';
import type { TrpcCallOptions } from './trpc-http';

/** One malformed call: either an input superjson carries, or a request shaped by hand. */
export interface MalformedCall {
  label: string;
  input?: unknown;
  options?: TrpcCallOptions;
}

export const MIN_CASES_PER_TARGET = 50;
const TARGET_CASES = 60;

/**
 * The malformed calls for one procedure, from its zod input and a valid input: each field given
 * wrong types and edge values, each required field missing, extra fields beside a defect, wrong
 * whole inputs, hand-made bodies and query strings, then fast-check samples (from `seed`) until there
 * are at least TARGET_CASES. Every value-level case is checked here to fail the procedure's own
 * schema after the superjson round trip the server makes, so none of them is a valid call in
 * disguise; far dates pass the schema and are the engines' to refuse.
 */
export function procedureCorpus(procedure: RouterProcedure, valid: Record<string, unknown> | undefined, seed: number): MalformedCall[] {
  const calls = [...handMadeRequests(procedure, valid)];
  if (!procedure.input || !valid) {
    // Nothing to validate: whatever comes as input is ignored, and the hand-made requests suffice.
    for (const [label, value] of wholeInputs(valid)) calls.push(sentAsIs({ label, input: value }));
    return padWithSamples(
      calls,
      arbitraryValue.map((value) => sentAsIs({ label: 'fast-check input', input: value })),
      seed,
    );
  }
  const schema = procedure.input;
  const refused = (input: unknown) => !schema.safeParse(roundTrip(input)).success;
  const fields = Object.keys(schema.shape);
  const valueCalls: MalformedCall[] = [];

  for (const [label, value] of wholeInputs(valid)) valueCalls.push({ label: `input: ${label}`, input: value });
  for (const field of fields) {
    const { [field]: _dropped, ...without } = valid;
    valueCalls.push({ label: `${field} missing`, input: without });
    const kind = fieldKind(schema.shape[field]!);
    for (const [label, value] of edgeValues(kind, valid[field]))
      valueCalls.push({ label: `${field}: ${label}`, input: { ...valid, [field]: value } });
  }
  const required = fields.filter((field) => refused({ ...valid, [field]: undefined }));
  if (required[0]) {
    const { [required[0]]: _dropped, ...without } = valid;
    valueCalls.push(
      { label: `extra fields, ${required[0]} missing`, input: { ...without, tenantId: valid.brandId, role: 'owner', isAdmin: true } },
      { label: `a __proto__ field, ${required[0]} missing`, input: JSON.parse(`{"__proto__": {"isAdmin": true}}`) as object },
    );
  }

  const kept = valueCalls.filter((call) => refused(call.input) || holdsFarDate(call.input)).map(sentAsIs);
  const sampled = fc
    .record({
      field: fc.constantFrom(...fields),
      value: arbitraryValue,
      extra: fc.dictionary(fc.string({ maxLength: 8 }), arbitraryValue, { maxKeys: 2 }),
    })
    .map(({ field, value, extra }) => sentAsIs({ label: `fast-check ${field}`, input: { ...extra, ...valid, [field]: value } }))
    .filter((call) => refused(call.input ?? (JSON.parse(call.options!.rawInput!) as { json: unknown }).json));
  return padWithSamples([...calls, ...kept], sampled, seed);
}

function padWithSamples(calls: MalformedCall[], arbitrary: fc.Arbitrary<MalformedCall>, seed: number): MalformedCall[] {
  const missing = Math.max(0, TARGET_CASES - calls.length);
  return [...calls, ...fc.sample(arbitrary, { seed, numRuns: missing })];
}

function wholeInputs(valid: Record<string, unknown> | undefined): [string, unknown][] {
  return [
    ['null', null],
    ['a number', 42],
    ['a string', 'brandId'],
    ['an array', [valid ?? {}]],
    [`arrays nested ${NESTING_IN_URL} deep`, nestedArray(NESTING_IN_URL)],
    ['an empty object', {}],
  ];
}

/** Requests superjson would never produce: broken JSON and envelopes, the wrong method or body type. */
function handMadeRequests(procedure: RouterProcedure, valid: Record<string, unknown> | undefined): MalformedCall[] {
  // Each envelope's payload is itself invalid, so whatever the meta does, the call must be refused.
  const garbage = invalidPayload(procedure, valid);
  const envelope = (meta: unknown) => JSON.stringify({ json: garbage, meta });
  const calls: MalformedCall[] = [
    { label: 'JSON cut short', options: { rawInput: '{"json":{' } },
    { label: 'not JSON', options: { rawInput: 'brandId=1' } },
    { label: 'plain JSON without the superjson envelope', options: { rawInput: JSON.stringify(valid ?? {}) } },
    { label: 'superjson meta naming an unknown class', options: { rawInput: envelope({ values: { brandId: ['class', 'Nope'] } }) } },
    { label: 'superjson meta reaching __proto__', options: { rawInput: envelope({ values: { '__proto__.polluted': ['Date'] } }) } },
    { label: 'superjson meta making garbage a Date', options: { rawInput: envelope({ values: { brandId: ['Date'] } }) } },
    { label: 'superjson meta of the wrong type', options: { rawInput: envelope('values') } },
    {
      label: 'superjson referential meta pointing at itself',
      options: { rawInput: envelope({ referentialEqualities: { brandId: ['brandId'] } }) },
    },
    { label: 'superjson meta for a path that is not there', options: { rawInput: envelope({ values: { 'a.b.c': ['Date'] } }) } },
  ];
  if (procedure.kind === 'query') {
    calls.push(
      { label: 'broken percent-encoding', options: { rawQuery: 'input=%E0%A4%A' } },
      { label: 'the input parameter twice', options: { rawQuery: `input=1&input=2` } },
      { label: 'a POST to a query', input: valid, options: { method: 'POST' } },
    );
  } else {
    calls.push(
      { label: 'an empty body', options: { rawInput: '' } },
      { label: 'a text/plain body', input: valid, options: { contentType: 'text/plain' } },
      { label: 'a GET of a mutation', input: valid, options: { method: 'GET' } },
      { label: `arrays nested ${HUGE} deep`, options: { rawInput: `${'['.repeat(HUGE)}${']'.repeat(HUGE)}` } },
      { label: `a ${HUGE}-character string`, options: { rawInput: JSON.stringify({ json: 'x'.repeat(HUGE) }) } },
    );
  }
  return calls;
}

/**
 * The valid input with every id (and a `brandId`, present or not) made 'garbage'; when the procedure
 * names nothing by id (workspaces.create), every field null instead, so the payload is never valid.
 */
function invalidPayload(procedure: RouterProcedure, valid: Record<string, unknown> | undefined): Record<string, unknown> {
  const isId = (value: unknown) => z.uuid().safeParse(value).success;
  const ids = {
    ...Object.fromEntries(Object.entries(valid ?? {}).map(([key, value]) => [key, isId(value) ? 'garbage' : value])),
    brandId: 'garbage',
  };
  if (!procedure.input?.safeParse(ids).success) return ids;
  return Object.fromEntries(Object.keys(valid ?? {}).map((key) => [key, null]));
}

/** What the server's superjson sees of a value the client sends. */
function roundTrip(input: unknown): unknown {
  const encoded = superjsonText(input);
  const parsed = JSON.parse(encoded ?? JSON.stringify({ json: input })) as Parameters<typeof superjson.deserialize>[0];
  return encoded === null ? parsed.json : superjson.deserialize(parsed);
}

/**
 * Values superjson will not carry (arrays deep enough to overflow its recursive walker, a
 * `__proto__` key it refuses as pollution) go out as the plain envelope a hostile client would send.
 */
function sentAsIs(call: MalformedCall): MalformedCall {
  return superjsonText(call.input) === null ? { label: call.label, options: { rawInput: JSON.stringify({ json: call.input }) } } : call;
}

function superjsonText(input: unknown): string | null {
  if (deeplyNested(input)) return null;
  try {
    return JSON.stringify(superjson.serialize(input));
  } catch {
    return null;
  }
}

function deeplyNested(value: unknown, depth = 0): boolean {
  if (depth > 100) return true;
  if (Array.isArray(value)) return value.some((item) => deeplyNested(item, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.values(value).some((item) => deeplyNested(item, depth + 1));
  return false;
}

function holdsFarDate(input: unknown): boolean {
  if (!input || typeof input !== 'object') return false;
  return Object.values(input).some(
    (value) => value instanceof Date && (value.getTime() === FAR_FUTURE.getTime() || value.getTime() === FAR_PAST.getTime()),
  );
}
