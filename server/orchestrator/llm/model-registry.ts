import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { OfflineLanguageModel, type OfflineWriter } from './offline-model';

export type ModelRole = 'thesis_writer' | 'variant_writer' | 'copy_editor' | 'summarizer';

export interface ModelRegistry {
  modelFor(role: ModelRole): LanguageModelV4;
  /** True when drafts come from the offline model, so the UI can say so. */
  readonly offline: boolean;
}

export interface ModelConfig {
  apiKey?: string;
  baseUrl?: string;
  modelName: string;
}

export const DEFAULT_MODEL_NAME = 'gpt-4o-mini';

export function modelConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ModelConfig {
  return {
    apiKey: env.OPENAI_API_KEY || undefined,
    baseUrl: env.OPENAI_BASE_URL || undefined,
    modelName: env.KAIRO_MODEL || DEFAULT_MODEL_NAME,
  };
}

/**
 * One model per role. Today every role uses the configured model; the indirection is where a cheaper
 * summarizer or a stronger thesis writer goes without touching the flows.
 */
export function createModelRegistry(config: ModelConfig, offlineWriters: ReadonlyMap<string, OfflineWriter>): ModelRegistry {
  if (!config.apiKey) {
    const offline = new OfflineLanguageModel(offlineWriters);
    return { modelFor: () => offline, offline: true };
  }
  const provider = createOpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl });
  // OpenAI itself gets the Responses API; other OpenAI-compatible servers (vLLM, Ollama, LM Studio)
  // mostly speak only chat completions.
  const model = config.baseUrl ? provider.chat(config.modelName) : provider(config.modelName);
  return { modelFor: () => model, offline: false };
}

export { isOfflineModelLabel, modelLabel } from './model-label';
