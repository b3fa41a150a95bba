import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { type Environment, wholeNumberFromEnv } from '../../../lib/env';
import { OfflineLanguageModel, type OfflineWriter } from './offline-model';

export type ModelRole = 'strategist' | 'idea_generator' | 'thesis_writer' | 'variant_writer' | 'copy_editor' | 'summarizer';

export interface ModelRegistry {
  modelFor(role: ModelRole): LanguageModelV4;
  /** True when drafts come from the offline model, so the UI can say so. */
  readonly offline: boolean;
}

export interface ModelConfig {
  apiKey?: string;
  baseUrl?: string;
  modelName: string;
  /** The offline model answers after this long: a model's pace, to try the progress UI (and test it). */
  offlineLatencyMs?: number;
}

export const DEFAULT_MODEL_NAME = 'gpt-4o-mini';

export function modelConfigFromEnv(env: Environment = process.env): ModelConfig {
  return {
    apiKey: env.OPENAI_API_KEY || undefined,
    baseUrl: env.OPENAI_BASE_URL || undefined,
    modelName: env.KAIRO_MODEL || DEFAULT_MODEL_NAME,
    offlineLatencyMs: wholeNumberFromEnv(env, 'KAIRO_OFFLINE_MODEL_LATENCY_MS', { unit: 'milliseconds' }),
  };
}

/**
 * One model per role. Today every role uses the configured model; the indirection is where a cheaper
 * summarizer or a stronger thesis writer goes without touching the flows. Not the AI SDK's
 * `customProvider`: with one model behind every role it would list the six roles to map each to that same
 * model and still need the `offline` flag beside it, so the registry would grow rather than shrink.
 */
export function createModelRegistry(config: ModelConfig, offlineWriters: ReadonlyMap<string, OfflineWriter>): ModelRegistry {
  if (!config.apiKey) {
    const offline = new OfflineLanguageModel(offlineWriters);
    const model = config.offlineLatencyMs ? withLatency(offline, config.offlineLatencyMs) : offline;
    return { modelFor: () => model, offline: true };
  }
  const provider = createOpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl });
  // OpenAI itself gets the Responses API; other OpenAI-compatible servers (vLLM, Ollama, LM Studio)
  // mostly speak only chat completions.
  const model = config.baseUrl ? provider.chat(config.modelName) : provider(config.modelName);
  return { modelFor: () => model, offline: false };
}

/** The same model, answering each call `ms` later (sooner only if the call is aborted). */
function withLatency(model: LanguageModelV4, ms: number): LanguageModelV4 {
  const pause = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
  // Its provider and model id stay the offline model's, so drafts keep their "Offline model" label.
  return Object.create(model, {
    doGenerate: { value: async (options: LanguageModelV4CallOptions) => pause(options.abortSignal).then(() => model.doGenerate(options)) },
    doStream: { value: async (options: LanguageModelV4CallOptions) => pause(options.abortSignal).then(() => model.doStream(options)) },
  }) as LanguageModelV4;
}
