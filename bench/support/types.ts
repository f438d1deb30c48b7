/** What every benchmark module in bench/ exports as `benchmark`. */
export interface Benchmark {
  name: string;
  description: string;
  /** Runs to completion, closes everything it opened, prints its own table. */
  run(): Promise<BenchmarkResult>;
}

export interface BenchmarkResult {
  /** Whether the goals printed next to the figures were met. */
  goalsMet: boolean;
  /** Where the JSON summary was written. */
  resultFile?: string;
}
