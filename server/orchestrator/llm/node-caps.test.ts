import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildPrompt, type LlmNode } from './llm-node';
import { copyRepairNode } from './nodes/copy-repair';
import { draftJudgeNode } from './nodes/draft-judge';
import { learningSummaryNode } from './nodes/learning-summary';
import { opportunityCandidatesNode } from './nodes/opportunity-candidates';
import { packageThesisNode } from './nodes/package-thesis';
import { strategyDraftNode } from './nodes/strategy-draft';
import { thesisRepairNode } from './nodes/thesis-repair';
import { todaySummaryNode } from './nodes/today-summary';
import { variantPlanNode } from './nodes/variant-plan';

/** Ordinary prose (letters and spaces), so the JSON block is as long as the text it carries. */
const prose = (length: number) => 'Plain words to fill a field. '.repeat(Math.ceil(length / 29)).slice(0, length);

function arrayMax(schema: z.ZodArray): number {
  const check = (schema._zod.def.checks ?? []).find((c) => c._zod.def.check === 'max_length');
  return (check?._zod.def as { maximum?: number } | undefined)?.maximum ?? 20;
}

/** The largest value `schema` accepts: every string at its max length, every list at its max count. */
function maximal(schema: z.ZodType): unknown {
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return maximal(schema._zod.def.innerType as z.ZodType);
  }
  if (schema instanceof z.ZodObject) {
    return Object.fromEntries(Object.entries(schema.shape).map(([key, value]) => [key, maximal(value as z.ZodType)]));
  }
  if (schema instanceof z.ZodArray) {
    const element = schema._zod.def.element as z.ZodType;
    // A list of enum values (the package's channels) holds each value once.
    if (element instanceof z.ZodEnum) return element.options.slice(0, arrayMax(schema));
    return Array.from({ length: arrayMax(schema) }, () => maximal(element));
  }
  if (schema instanceof z.ZodRecord) {
    const keys = schema._zod.def.keyType as z.ZodType;
    if (!(keys instanceof z.ZodEnum)) throw new Error('maximal: only enum-keyed records are bounded');
    return Object.fromEntries(keys.options.map((key) => [String(key), maximal(schema._zod.def.valueType as z.ZodType)]));
  }
  // Ids (signals, pillars, personas) have one length; any valid one will do.
  if (schema instanceof z.ZodUUID) return '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
  if (schema instanceof z.ZodString) {
    if (schema.maxLength === null) throw new Error('maximal: an unbounded string has no maximum');
    return prose(schema.maxLength);
  }
  if (schema instanceof z.ZodNumber) {
    const max = schema.maxValue ?? Infinity;
    return Number.isFinite(max) && max < 1e9 ? max : 999_999_999;
  }
  if (schema instanceof z.ZodEnum) return schema.options.reduce((a, b) => (String(b).length > String(a).length ? b : a));
  if (schema instanceof z.ZodBoolean) return false;
  throw new Error(`maximal: no rule for ${schema.constructor.name}`);
}

const NODES = [
  todaySummaryNode,
  packageThesisNode,
  variantPlanNode,
  copyRepairNode,
  learningSummaryNode,
  strategyDraftNode,
  opportunityCandidatesNode,
  thesisRepairNode,
  draftJudgeNode,
] as unknown as LlmNode<z.ZodType, z.ZodType>[];

describe('LLM node prompt caps', () => {
  it.each(NODES.map((node) => [node.definition.name, node] as const))('%s: the largest valid input fits the prompt cap', (_, node) => {
    const input = maximal(node.definition.input);
    expect(node.definition.input.safeParse(input).success).toBe(true);
    const built = buildPrompt(node.definition, input);
    expect(built).toEqual({ ok: true, prompt: expect.any(String) });
  });
});
