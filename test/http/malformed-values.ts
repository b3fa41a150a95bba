import fc from 'fast-check';
import type { z } from 'zod';

/** The broad kind of a zod schema, seen through optional / nullable / default wrappers. */
export type FieldKind = 'uuid' | 'string' | 'number' | 'boolean' | 'date' | 'enum' | 'array' | 'object' | 'other';

interface ZodDef {
  type: string;
  format?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
}

export function fieldKind(schema: z.ZodType): FieldKind {
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return fieldKind(def.innerType!);
    case 'pipe':
      return fieldKind(def.in!);
    case 'string':
      return def.format === 'uuid' ? 'uuid' : 'string';
    case 'number':
    case 'boolean':
    case 'date':
    case 'enum':
    case 'array':
    case 'object':
      return def.type as FieldKind;
    default:
      return 'other';
  }
}

export const HUGE = 100_000;
/** Deep enough to trip any recursive walker, shallow enough for a URL under Node's 16 KiB header limit. */
export const NESTING_IN_URL = 2_000;

export function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Years at the ends of what a JavaScript Date can hold. */
export const FAR_FUTURE = new Date(8.64e15); // +275760-09-13
export const FAR_PAST = new Date(-8.64e15); // -271821-04-20

/** Values of the wrong type for any field. */
const WRONG_TYPES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['zero', 0],
  ['an empty object', {}],
  ['an object', { value: 'x' }],
  ['an empty array', []],
  [`arrays nested ${NESTING_IN_URL} deep`, nestedArray(NESTING_IN_URL)],
];

const TEXT_EDGES = (valid: unknown): [string, unknown][] => [
  ['an empty string', ''],
  ['blanks', '   '],
  [`${HUGE} characters`, 'a'.repeat(HUGE)],
  ['a NUL character', `${String(valid)}\u0000`],
  ['a lone high surrogate', `${String(valid)}\uD800`],
  ['a lone low surrogate', `\uDFFF${String(valid)}`],
  ['the value in an array', [valid]],
];

/** Deterministic edge values for a field of this kind, given its valid value. */
export function edgeValues(kind: FieldKind, valid: unknown): [string, unknown][] {
  const edges: [string, unknown][] = [...WRONG_TYPES];
  switch (kind) {
    case 'uuid':
      edges.push(
        ...TEXT_EDGES(valid),
        ['not a uuid', 'not-a-uuid'],
        ['SQL', "' OR 1=1 --"],
        ['a uuid with a non-hex digit', '00000000-0000-4000-8000-00000000000g'],
        ['a uuid with braces', `{${String(valid)}}`],
        ['a number', 12345],
      );
      break;
    case 'string':
    case 'enum':
      edges.push(...TEXT_EDGES(valid), ['a number', 42], ['a path', '../../etc/passwd']);
      if (kind === 'enum') edges.push(['an unknown option', 'facebook'], ['an option in capitals', String(valid).toUpperCase()]);
      break;
    case 'number':
      edges.push(
        ['1e308', 1e308],
        ['-1e308', -1e308],
        ['Infinity', Number.POSITIVE_INFINITY],
        ['-Infinity', Number.NEGATIVE_INFINITY],
        ['NaN', Number.NaN],
        ['2^53 + 2', 2 ** 53 + 2],
        ['2^31', 2 ** 31],
        ['-2^31 - 1', -(2 ** 31) - 1],
        ['a fraction', 1.5],
        ['a numeric string', String(valid)],
      );
      break;
    case 'boolean':
      edges.push(['"true"', 'true'], ['1', 1], ['"yes"', 'yes']);
      break;
    case 'date':
      edges.push(
        ['year 275760', FAR_FUTURE],
        ['year -271821', FAR_PAST],
        ['an invalid date', new Date(Number.NaN)],
        ['an ISO string', new Date().toISOString()],
        ['epoch milliseconds', Date.now()],
      );
      break;
    case 'array': {
      // An optional array the valid input leaves out is undefined here: its edges start from an empty one.
      const items = Array.isArray(valid) ? (valid as unknown[]) : [];
      edges.push(
        ['an array of null', [null]],
        ['an array holding the array', [items]],
        ['a string', 'linkedin'],
        ['10,000 copies of the first element', Array.from({ length: 10_000 }, () => items[0] ?? null)],
        ['duplicates', [...items, ...items]],
      );
      break;
    }
    default:
      break;
  }
  return edges;
}

/** Arbitrary values of any shape: fast-check's `anything`, strings of any UTF-16 units, doubles and dates. */
export const arbitraryValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: false }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.double(),
  fc.date({ noInvalidDate: false }),
  fc.bigInt().map((n) => Number(n)),
);
