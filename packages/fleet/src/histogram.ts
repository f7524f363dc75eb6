/**
 * A latency histogram with logarithmic buckets (2 % wide), so each worker sends a few hundred numbers
 * instead of every sample, and the parent merges workers exactly by adding counts.
 */

/** Serialisable histogram: bucket index -> count. */
export interface HistogramData {
  buckets: Record<string, number>;
  count: number;
  maxMs: number;
}

const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Samples below 10 µs share bucket 0. */
const FLOOR_MS = 0.01;

/** Creates an empty histogram. */
export function createHistogram(): HistogramData {
  return { buckets: {}, count: 0, maxMs: 0 };
}

/** Adds one sample, in milliseconds. */
export function record(histogram: HistogramData, ms: number): void {
  const index = ms <= FLOOR_MS ? 0 : Math.ceil(Math.log(ms / FLOOR_MS) / LOG_GROWTH);
  histogram.buckets[index] = (histogram.buckets[index] ?? 0) + 1;
  histogram.count += 1;
  if (ms > histogram.maxMs) histogram.maxMs = ms;
}

/** Adds every sample of `from` into `into`. */
export function merge(into: HistogramData, from: HistogramData): HistogramData {
  for (const [index, n] of Object.entries(from.buckets)) into.buckets[index] = (into.buckets[index] ?? 0) + n;
  into.count += from.count;
  into.maxMs = Math.max(into.maxMs, from.maxMs);
  return into;
}

/**
 * The `q` quantile (0..1) in milliseconds: the upper edge of the bucket holding it (at most 2 % high).
 * `NaN` for an empty histogram.
 */
export function quantile(histogram: HistogramData, q: number): number {
  if (histogram.count === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * histogram.count));
  const indices = Object.keys(histogram.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const index of indices) {
    seen += histogram.buckets[index] ?? 0;
    if (seen >= rank) return Math.min(histogram.maxMs, FLOOR_MS * GROWTH ** index);
  }
  return histogram.maxMs;
}
