import { meiliHttpClient } from '../src/core/search/meili-http';
import { eq } from '../src/core/search/filter';
import type { MeilisearchEngine } from '../src/core/search/meilisearch-engine';
import { graphql } from './http-json';
import { LatencyStats, round, runClients } from './latency-stats';
import { OBJECTS, VERBS } from './generate-catalog.sql';

/** GraphQL vs direct Meilisearch at one concurrency. */
export interface SearchComparison {
  clients: number;
  graphql: LatencyStats;
  direct: LatencyStats;
  /** GraphQL p50 / direct p50 (target <= 1.3). */
  ratio: number;
}

const SEARCH = `query($q: String!, $s: String) {
  searchArticles(query: $q, sessionId: $s) { searchId total hits { position titleHighlighted snippet article { id slug title } } }
}`;

/** A fixed mix of portal queries: full "verb object" queries, as-you-type prefixes, single words and misses. */
export function benchQueries(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    const q = `${VERBS[(i * 7) % VERBS.length]} ${OBJECTS[(i * 3) % OBJECTS.length]}`;
    if (i % 4 === 0) out.push(q.slice(0, 3 + (i % 5)));
    else if (i % 4 === 1) out.push(q.split(' ')[1]);
    else out.push(q);
  }
  out.push('dark mode', 'gantt chart', 'time tracking');
  return out;
}

/**
 * Measures `searchArticles` through GraphQL over HTTP (which also records the SEARCH event) against the request the
 * server's engine sends for it, posted straight to Meilisearch with the same keep-alive `node:http` transport.
 */
export async function benchSearch(
  url: string,
  searchKey: string,
  engine: MeilisearchEngine,
  workspaceId: string,
  clients: number,
  seconds: number,
): Promise<SearchComparison> {
  const queries = benchQueries();
  const gql = (c: number, n: number) =>
    graphql(url, searchKey, SEARCH, { q: queries[(c * 13 + n) % queries.length], s: `bench-${c}-${Math.floor(n / 4)}` });
  const searchUrl = `${engine.url}/indexes/${engine.indexName}/search`;
  const filter = [eq('workspaceId', workspaceId), eq('status', 'PUBLISHED')].join(' AND ');
  const direct = (c: number, n: number) =>
    meiliHttpClient(searchUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${engine.masterKey}` },
      body: JSON.stringify({
        q: queries[(c * 13 + n) % queries.length],
        filter,
        offset: 0,
        limit: 10,
        attributesToRetrieve: ['id'],
        attributesToHighlight: ['title'],
        attributesToCrop: ['body'],
        cropLength: 24,
        highlightPreTag: '<mark>',
        highlightPostTag: '</mark>',
      }),
    });
  const ms = seconds * 1000;
  const d = await runClients(clients, ms, direct, { warmup: 3 });
  const g = await runClients(clients, ms, gql, { warmup: 3 });
  return { clients, graphql: g, direct: d, ratio: round(g.p50Ms / d.p50Ms) };
}
