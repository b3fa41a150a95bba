import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { OFFLINE_PROVIDER } from '../../../lib/labels';

export const OFFLINE_MODEL_ID = 'offline-drafts-v1';

/** A deterministic writer: the node's bounded input context in, its output object out. */
export type OfflineWriter = (context: unknown) => unknown;

/** Marks the JSON context block in a node's prompt, so the offline model can read the same DTO. */
export const CONTEXT_OPEN = '<context>';
export const CONTEXT_CLOSE = '</context>';

/**
 * The model used when no API key is configured: a real AI SDK language model that answers each LLM
 * node (named by the structured-output request) with a deterministic object written from the node's
 * bounded context. Every flow and test therefore runs with no network, and the same input always
 * yields the same draft.
 */
export class OfflineLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = OFFLINE_PROVIDER;
  readonly modelId = OFFLINE_MODEL_ID;
  readonly supportedUrls = {};

  constructor(private readonly writers: ReadonlyMap<string, OfflineWriter>) {}

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const text = JSON.stringify(this.answer(options));
    return {
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: estimateTokens(promptText(options.prompt)), noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: estimateTokens(text), text: undefined, reasoning: undefined },
      },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const { content, finishReason, usage } = await this.doGenerate(options);
    const text = content[0]?.type === 'text' ? content[0].text : '';
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: text },
      { type: 'text-end', id: '0' },
      { type: 'finish', finishReason, usage },
    ];
    return {
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }

  private answer(options: LanguageModelV4CallOptions): unknown {
    const format = options.responseFormat;
    if (format?.type !== 'json' || !format.name) {
      throw new Error('The offline model only answers named structured-output requests');
    }
    const writer = this.writers.get(format.name);
    if (!writer) throw new Error(`The offline model has no writer for "${format.name}"`);
    return writer(readContext(promptText(options.prompt)));
  }
}

function promptText(prompt: LanguageModelV4Prompt): string {
  return prompt
    .map((message) =>
      typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    )
    .join('\n');
}

function readContext(text: string): unknown {
  const start = text.lastIndexOf(CONTEXT_OPEN);
  const end = text.lastIndexOf(CONTEXT_CLOSE);
  if (start < 0 || end < start) throw new Error('The prompt carries no context block');
  return JSON.parse(text.slice(start + CONTEXT_OPEN.length, end));
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
