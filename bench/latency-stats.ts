/** Latency distribution of a run. */
export interface LatencyStats {
  count: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Completed requests per second of wall time. */
  perSecond: number;
}

/** Continuous percentile (linear interpolation) of sorted values, p in [0, 1]. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** Median of a few timings. */
export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/**
 * Runs `clients` concurrent loops calling `fn` until `durationMs` has passed (or each made `maxPerClient` calls),
 * after `warmup` untimed calls per client. Failed calls count as errors and are not timed.
 */
export async function runClients(
  clients: number,
  durationMs: number,
  fn: (client: number, n: number) => Promise<unknown>,
  opts: { warmup?: number; maxPerClient?: number } = {},
): Promise<LatencyStats & { firstError?: string }> {
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; i < (opts.warmup ?? 3); i++) await fn(c, -1 - i).catch(() => undefined);
  }));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let n = 0; performance.now() < end && n < (opts.maxPerClient ?? Infinity); n++) {
        const t = performance.now();
        try {
          await fn(c, n);
          latencies.push(performance.now() - t);
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    firstError,
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    meanMs: round(latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length)),
    perSecond: round(latencies.length / seconds),
  };
}

/** Rounds to 2 decimals (keeps JSON and tables readable). */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
