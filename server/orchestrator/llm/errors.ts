import { KairoError } from '../../../engines/errors';

/**
 * A hard LLM node gave no usable answer (after its retry): the flow aborts, and the caller learns
 * that the model, not their request, failed (tRPC BAD_GATEWAY).
 */
export class ModelUnavailableError extends KairoError {
  override readonly name = 'ModelUnavailableError';
  readonly errorCode = 'model_unavailable';
  constructor(node: string, reason: string) {
    super(`The ${node} model gave no usable answer: ${reason}`);
  }
}

/**
 * A hard LLM node's input could not be made into its prompt (outside the node's input schema, or over
 * its size cap): the flow aborts before any model call, and the caller learns that the material is
 * too large or malformed for the model (tRPC UNPROCESSABLE_CONTENT), not that the server broke.
 */
export class PromptBuildError extends KairoError {
  override readonly name = 'PromptBuildError';
  readonly errorCode = 'prompt_unbuildable';
  constructor(node: string, reason: string) {
    super(`The ${node} prompt could not be built: ${reason}`);
  }
}
