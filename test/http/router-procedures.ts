import { z } from 'zod';
import { appRouter } from '../../server/trpc/root';
import type { ProcedureKind } from './trpc-http';

export interface RouterProcedure {
  path: string;
  kind: ProcedureKind;
  /** The procedure's input as one object schema (tRPC merges chained `.input()` objects), or null. */
  input: z.ZodObject | null;
}

interface ProcedureDef {
  type: ProcedureKind | 'subscription';
  inputs: unknown[];
}

/**
 * Every procedure the router serves, read from the router itself (tRPC 11 keeps a flat record of
 * dotted paths), so a procedure added later is in every list built from this one.
 */
export function routerProcedures(): RouterProcedure[] {
  // Typed as the nested record; at run time it is flat, keyed by dotted path.
  const record = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  return Object.entries(record)
    .map(([path, procedure]) => {
      const { type, inputs } = procedure._def;
      if (type === 'subscription') throw new Error(`${path}: subscriptions are not served over plain HTTP`);
      return { path, kind: type, input: mergedInput(path, inputs) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

function mergedInput(path: string, inputs: unknown[]): z.ZodObject | null {
  if (inputs.length === 0) return null;
  const shape: Record<string, z.ZodType> = {};
  for (const input of inputs) {
    if (!(input instanceof z.ZodObject)) throw new Error(`${path}: an input that is not a zod object cannot be merged`);
    Object.assign(shape, input.shape);
  }
  return z.object(shape);
}
