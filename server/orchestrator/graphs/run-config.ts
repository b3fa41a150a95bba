import type { LangGraphRunnableConfig } from '@langchain/langgraph';

/**
 * A graph run's configuration: the graphs are compiled once, so what belongs to one request (the
 * system context or transaction-bound engines, the run's audit, its deadline) travels as
 * `configurable`, as `graph.invoke(input, { configurable })` hands it to every node.
 */
export type RunConfig<Deps extends Record<string, unknown>> = LangGraphRunnableConfig<Deps>;

/** The dependencies the flow passed to this run. */
export function runDeps<Deps extends Record<string, unknown>>(config: RunConfig<Deps>): Deps {
  if (!config.configurable) throw new Error('A graph ran without the dependencies its flow passes as configurable');
  return config.configurable;
}
