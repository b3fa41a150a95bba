/**
 * Identical reads asked for while one is running share it (request coalescing): fifty people opening
 * the same board at once cost one read, not fifty queued behind each other on the same cores.
 *
 * The caller's key must name everything the answer depends on, the tenant and brand and who asks
 * included, so no answer reaches a caller it was not read for. Nothing is kept once a read settles:
 * the next caller reads anew, and a failure reaches every caller that shared the read, then is gone.
 * A caller never joins a read that started before a write finished (`noteWrite`): whoever saw their
 * change confirmed reads after it. That holds for the writes of this process; another server instance's
 * write is seen by the reads that start after it, as without sharing.
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, { writes: number; answer: Promise<unknown> }>();
  private writes = 0;

  /** `read()`'s answer, from the identical read already running when there is one. */
  run<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running && running.writes === this.writes) return running.answer as Promise<T>;
    const answer = Promise.resolve()
      .then(read)
      .finally(() => {
        if (this.inFlight.get(key)?.answer === answer) this.inFlight.delete(key);
      });
    this.inFlight.set(key, { writes: this.writes, answer });
    return answer;
  }

  /** A write has finished: reads that start from now on no longer share one that started before. */
  noteWrite(): void {
    this.writes++;
  }
}
