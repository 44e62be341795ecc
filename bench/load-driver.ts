/** Keys and ids a load run uses; see {@link prepareLoadWorkspace}. */
export interface LoadTarget {
  url: string;
  searchKey: string;
  readKey: string;
  ingestKey: string;
  articleIds: string[];
}

/** Outcome of a load run. */
export interface LoadReport {
  requests: number;
  /** Failed requests (transport error, non-200 status, or any GraphQL error), with a reason each (first 20 kept). */
  errors: number;
  errorSamples: string[];
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  byKind: Record<string, number>;
}

const WORDS = ['import', 'trello', 'export', 'csv', 'billing', 'invite', 'password', 'reset', 'api', 'webhook', 'sso', 'zzqx'];

/**
 * Runs `clients` concurrent clients for `durationMs`, each looping over a mix of requests: 50% `searchArticles`,
 * 30% `helpSearchMetrics` over the last 30 days, 20% `recordHelpEvents` batches of 20 article views.
 */
export async function runLoad(target: LoadTarget, clients: number, durationMs: number): Promise<LoadReport> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  const byKind: Record<string, number> = {};
  let errors = 0;
  const end = Date.now() + durationMs;
  const to = new Date(Date.now() + 60_000).toISOString();
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();

  const client = async (c: number) => {
    let n = 0;
    while (Date.now() < end) {
      n++;
      const roll = (c * 31 + n * 17) % 10;
      const session = `load-${c}-${Math.floor(n / 5)}`;
      let kind: string;
      let key: string;
      let body: unknown;
      if (roll < 5) {
        kind = 'search';
        key = target.searchKey;
        body = {
          query: 'query($q: String!, $s: String) { searchArticles(query: $q, sessionId: $s) { total hits { position article { id title } } } }',
          variables: { q: WORDS[(c + n) % WORDS.length], s: session },
        };
      } else if (roll < 8) {
        kind = 'metrics';
        key = target.readKey;
        body = {
          query: 'query($f: DateTimeISO!, $t: DateTimeISO!) { helpSearchMetrics(from: $f, to: $t) { searches noResultRate clickThroughRate } }',
          variables: { f: from, t: to },
        };
      } else {
        kind = 'events';
        key = target.ingestKey;
        const now = new Date().toISOString();
        body = {
          query: 'mutation($e: [HelpEventInput!]!) { recordHelpEvents(events: $e) { status } }',
          variables: {
            e: Array.from({ length: 20 }, (_, i) => ({
              type: 'ARTICLE_VIEW',
              sessionId: session,
              occurredAt: now,
              articleId: target.articleIds[(n + i) % target.articleIds.length],
            })),
          },
        };
      }
      const started = performance.now();
      try {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify(body),
        });
        const json = (await res.json()) as { errors?: { message: string }[]; data?: Record<string, unknown> };
        if (res.status !== 200 || json.errors?.length) throw new Error(`${kind}: HTTP ${res.status} ${json.errors?.[0]?.message ?? ''}`);
        if (kind === 'events') {
          const results = json.data!.recordHelpEvents as { status: string }[];
          if (results.some((r) => r.status === 'ERROR')) throw new Error('events: an item was refused');
        }
      } catch (err) {
        errors++;
        if (errorSamples.length < 20) errorSamples.push((err as Error).message);
      }
      latencies.push(performance.now() - started);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    errors,
    errorSamples,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    byKind,
  };
}
