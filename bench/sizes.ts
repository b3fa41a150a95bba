/** How much data and how many samples each measure takes: the sizes, or small ones for CI's smoke run. */
export interface BenchSizes {
  /** P1, P5, P6: live opportunities on the measured brand. */
  boardOpportunities: number;
  /** P1: sequential today.get calls. */
  todayCalls: number;
  /** P5: calls in flight at once, and how many such rounds. */
  concurrency: number;
  concurrentRounds: number;
  /** P2: events in the window for the small and the large brand (10× apart). */
  learningEvents: [number, number];
  learningRuns: number;
  /** P3: the model's fixed latency per call, and how many builds are timed. */
  modelLatencyMs: number;
  buildRuns: number;
  /** P4: opportunities on the page, and page loads timed. */
  pageOpportunities: number;
  pageLoads: number;
  /** P6: events ingested through the engine before the reads. */
  planTrapEvents: number;
  /** P6, P7: events per batch (the route's limit). */
  ingestBatch: number;
  /** P7: events sent through the ingest route. */
  ingestEvents: number;
  /** P8: brands in the small and the large walk, and events per brand. */
  cronBrands: [number, number];
  eventsPerBrand: number;
}

export const FULL_SIZES: BenchSizes = {
  boardOpportunities: 5_000,
  todayCalls: 200,
  concurrency: 50,
  concurrentRounds: 4,
  learningEvents: [100_000, 1_000_000],
  learningRuns: 7,
  modelLatencyMs: 300,
  buildRuns: 5,
  pageOpportunities: 500,
  pageLoads: 7,
  planTrapEvents: 100_000,
  ingestBatch: 5_000,
  ingestEvents: 200_000,
  cronBrands: [200, 2_000],
  eventsPerBrand: 500,
};

export const QUICK_SIZES: BenchSizes = {
  boardOpportunities: 500,
  todayCalls: 20,
  concurrency: 10,
  concurrentRounds: 1,
  learningEvents: [2_000, 20_000],
  learningRuns: 3,
  modelLatencyMs: 300,
  buildRuns: 2,
  pageOpportunities: 50,
  pageLoads: 2,
  planTrapEvents: 10_000,
  ingestBatch: 1_000,
  ingestEvents: 10_000,
  cronBrands: [20, 200],
  eventsPerBrand: 50,
};
