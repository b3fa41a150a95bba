/**
 * A flow's time budget as it runs out: LLM nodes take their timeouts and retries from what is left,
 * so no call outlives the budget and the flow ends by itself, failed or partly done.
 */
export class Deadline {
  readonly at: number;

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.at = now() + budgetMs;
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  /**
   * Time for model calls: what is left minus what the flow needs after its last call (storing the
   * drafts, assembling the answer), a tenth of the budget and at most five seconds.
   */
  callableMs(): number {
    return Math.max(0, this.remainingMs() - Math.min(5_000, this.budgetMs / 10));
  }
}
