/**
 * A hard LLM node gave no usable answer (after its retry): the flow aborts, and the caller learns
 * that the model, not their request, failed (tRPC BAD_GATEWAY).
 */
export class ModelUnavailableError extends Error {
  constructor(node: string, reason: string) {
    super(`The ${node} model gave no usable answer: ${reason}`);
    this.name = 'ModelUnavailableError';
  }
}
