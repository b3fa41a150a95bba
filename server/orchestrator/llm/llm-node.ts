import { generateText, NoObjectGeneratedError, Output } from 'ai';
import type { z } from 'zod';
import { modelLabel } from '../../../lib/labels';
import { PromptBuildError } from './errors';
import type { ModelRegistry, ModelRole } from './model-registry';
import { CONTEXT_CLOSE, CONTEXT_OPEN } from './offline-model';

export type FailurePolicy = 'hard' | 'soft';

export interface LlmNodeDefinition<I extends z.ZodType, O extends z.ZodType> {
  /** Names the structured output; the offline model dispatches on it. */
  name: string;
  role: ModelRole;
  input: I;
  output: O;
  /** The system instructions: what the node is for and what it must not do. */
  instructions: string;
  /** The task, written from the input DTO only. The DTO itself follows as a JSON context block. */
  prompt: (input: z.infer<I>) => string;
  /** The deterministic answer the offline model gives for this node. */
  offline: (input: z.infer<I>) => z.infer<O>;
  failure: FailurePolicy;
  timeoutMs?: number;
  maxPromptChars?: number;
}

export interface LlmUsage {
  inputTokens: number | null;
  outputTokens: number | null;
}

export type LlmNodeResult<T> =
  | { ok: true; output: T; model: string; usage: LlmUsage; attempts: number }
  | { ok: false; error: string; failure: FailurePolicy; model: string; attempts: number };

export interface LlmNode<I extends z.ZodType, O extends z.ZodType> {
  readonly definition: LlmNodeDefinition<I, O>;
  run(models: ModelRegistry, input: z.infer<I>, options?: LlmRunOptions): Promise<LlmNodeResult<z.infer<O>>>;
}

export interface LlmRunOptions {
  signal?: AbortSignal;
  /** Overrides the node's own timeout (a test's short one). */
  timeoutMs?: number;
  /** The flow's budget: each attempt's timeout and the SDK's retries are cut to what is left of it. */
  deadline?: { callableMs(): number };
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_PROMPT_CHARS = 8_000;
/** A malformed or schema-invalid answer is asked for once more; transport errors are the SDK's retries. */
const MAX_ATTEMPTS = 2;
const MAX_SDK_RETRIES = 2;
/** Below this much of the flow's budget, a call is not started: it could not answer in time. */
const MIN_CALL_MS = 200;
export const BUDGET_SPENT = "the flow's time budget ran out";

/**
 * Defines an LLM node: the only way a flow talks to a model. The node sees its input DTO and nothing
 * else, answers with an object its output schema accepts, and reports failure as a value the flow
 * handles by the node's policy instead of an exception that unwinds the graph.
 */
export function defineLlmNode<I extends z.ZodType, O extends z.ZodType>(definition: LlmNodeDefinition<I, O>): LlmNode<I, O> {
  return {
    definition,
    async run(models, rawInput, options = {}) {
      const model = models.modelFor(definition.role);
      const label = modelLabel(model);
      const built = buildPrompt(definition, rawInput);
      if (!built.ok) {
        // A prompt that cannot be built is the node's failure like any other: soft nodes report it,
        // hard ones abort the flow with a typed error instead of an anonymous 500.
        if (definition.failure === 'hard') throw new PromptBuildError(definition.name, built.error);
        return {
          ok: false,
          error: `the prompt could not be built: ${built.error}`,
          failure: definition.failure,
          model: label,
          attempts: 0,
        };
      }
      const { prompt } = built;
      let lastError = 'no attempt made';
      const nodeTimeoutMs = options.timeoutMs ?? definition.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const left = options.deadline?.callableMs() ?? Number.POSITIVE_INFINITY;
        if (left < MIN_CALL_MS) {
          if (attempt === 1) lastError = BUDGET_SPENT;
          return { ok: false, error: lastError, failure: definition.failure, model: label, attempts: attempt - 1 };
        }
        const budgetBound = left < nodeTimeoutMs;
        const signals = [AbortSignal.timeout(budgetBound ? left : nodeTimeoutMs)];
        if (options.signal) signals.push(options.signal);
        try {
          const result = await generateText({
            model,
            system: definition.instructions,
            prompt,
            output: Output.object({ schema: definition.output, name: definition.name }),
            abortSignal: AbortSignal.any(signals),
            maxRetries: sdkRetries(left, nodeTimeoutMs),
          });
          return {
            ok: true,
            output: result.output as z.infer<O>,
            model: label,
            usage: { inputTokens: result.usage.inputTokens ?? null, outputTokens: result.usage.outputTokens ?? null },
            attempts: attempt,
          };
        } catch (error) {
          lastError = budgetBound && isTimeout(error) ? BUDGET_SPENT : describe(error);
          if (!NoObjectGeneratedError.isInstance(error)) break;
        }
      }
      return { ok: false, error: lastError, failure: definition.failure, model: label, attempts: MAX_ATTEMPTS };
    },
  };
}

/** The task line and the input DTO as the context block, or why the input cannot be sent. */
export function buildPrompt<I extends z.ZodType, O extends z.ZodType>(
  definition: LlmNodeDefinition<I, O>,
  rawInput: unknown,
): { ok: true; prompt: string } | { ok: false; error: string } {
  const parsed = definition.input.safeParse(rawInput);
  if (!parsed.success) return { ok: false, error: `input outside the node schema (${summarizeIssues(parsed.error)})` };
  const input = parsed.data as z.infer<I>;
  // `<` is written as \u003c inside the block (still the same JSON), so a title or taboo that says
  // "<context>" cannot open or close a block: the block's markers are the only `<` in it.
  const block = JSON.stringify(input).replace(/</g, '\\u003c');
  const prompt = `${definition.prompt(input)}\n\n${CONTEXT_OPEN}${block}${CONTEXT_CLOSE}`;
  const cap = definition.maxPromptChars ?? DEFAULT_MAX_PROMPT_CHARS;
  // Input schemas bound every string and list, and the caps are sized for their maxima (see the
  // tests), so an oversized prompt means a node's schema and cap disagree.
  if (prompt.length > cap) return { ok: false, error: `${prompt.length} chars, over the cap of ${cap}` };
  return { ok: true, prompt };
}

function summarizeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * The SDK's retries (429, 5xx, dropped connections) share the attempt's timeout; with less than a
 * node's timeout left there is no room for a slow first try and a second one, so fewer are made.
 */
function sdkRetries(leftMs: number, nodeTimeoutMs: number): number {
  if (leftMs >= nodeTimeoutMs) return MAX_SDK_RETRIES;
  return leftMs >= nodeTimeoutMs / 2 ? 1 : 0;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (isTimeout(error)) return 'the model did not answer in time';
    return error.message.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

/** The offline writers of a set of nodes, keyed by output name, for the offline model. */
export function offlineWritersOf(nodes: readonly LlmNode<z.ZodType, z.ZodType>[]): Map<string, (context: unknown) => unknown> {
  return new Map(nodes.map((node) => [node.definition.name, (context: unknown) => node.definition.offline(context)]));
}
