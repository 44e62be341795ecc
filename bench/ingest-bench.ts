import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { graphql } from './http-json';
import { round } from './latency-stats';

/** Events per second through `recordHelpEvents` vs a raw multi-row INSERT of the same rows. */
export interface IngestComparison {
  batchSize: number;
  batches: number;
  graphqlPerSecond: number;
  rawPerSecond: number;
  /** GraphQL / raw (target >= 0.5). */
  ratio: number;
}

interface BenchEvent {
  type: 'ARTICLE_VIEW' | 'SEARCH_CLICK' | 'ARTICLE_VOTE' | 'SUPPORT_CONTACT';
  sessionId: string;
  channel: string;
  occurredAt: string;
  clientEventId: string;
  searchId?: string;
  articleId?: string;
  position?: number;
  helpful?: boolean;
}

const RECORD = 'mutation($e: [HelpEventInput!]!) { recordHelpEvents(events: $e) { status } }';

/** One batch as a portal reports it: 50% views, 25% clicks (on real searches), 15% votes, 10% support contacts. */
function makeBatch(b: number, size: number, searchIds: string[], articleIds: string[]): BenchEvent[] {
  const at = new Date(Date.now() - 60_000).toISOString();
  return Array.from({ length: size }, (_, i): BenchEvent => {
    const n = b * size + i;
    const base = { sessionId: `ingest-${Math.floor(n / 6)}`, channel: 'portal', occurredAt: at, clientEventId: `ingest-${randomUUID()}` };
    const r = i % 20;
    if (r < 10) return { ...base, type: 'ARTICLE_VIEW', articleId: articleIds[n % articleIds.length] };
    if (r < 15) return { ...base, type: 'SEARCH_CLICK', searchId: searchIds[n % searchIds.length], articleId: articleIds[n % articleIds.length], position: 1 + (n % 10) };
    if (r < 18) return { ...base, type: 'ARTICLE_VOTE', articleId: articleIds[n % articleIds.length], helpful: r % 2 === 0 };
    return { ...base, type: 'SUPPORT_CONTACT' };
  });
}

const COLUMNS = ['id', 'workspace_id', 'type', 'session_id', 'channel', 'occurred_at', 'client_event_id', 'search_id', 'article_id', 'position', 'helpful', 'locale'];

/** The raw baseline: one multi-row INSERT of the batch (no validation, no reference checks, no duplicate lookup). */
async function rawInsert(pool: Pool, workspaceId: string, events: BenchEvent[]): Promise<void> {
  const params: unknown[] = [];
  const rows = events.map((e) => {
    const values = [randomUUID(), workspaceId, e.type, e.sessionId, e.channel, e.occurredAt, `${e.clientEventId}-raw`, e.searchId ?? null, e.articleId ?? null, e.position ?? null, e.helpful ?? null, e.articleId ? 'en' : null];
    return `(${values.map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`;
  });
  await pool.query(`INSERT INTO help_events (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, params);
}

/**
 * Sends `batches` batches of `batchSize` events one after another through GraphQL over HTTP (checking every item is
 * RECORDED), then the same rows (new ids) through a raw INSERT on the server's `pg` pool.
 */
export async function benchIngest(url: string, ingestKey: string, pool: Pool, workspaceId: string, batches: number, batchSize = 1000): Promise<IngestComparison> {
  const searchIds = (await pool.query<{ id: string }>(`SELECT id FROM help_events WHERE workspace_id = $1 AND type = 'SEARCH' LIMIT 2000`, [workspaceId])).rows.map((r) => r.id);
  const articleIds = (await pool.query<{ id: string }>(`SELECT id FROM articles WHERE workspace_id = $1 LIMIT 2000`, [workspaceId])).rows.map((r) => r.id);
  const all = Array.from({ length: batches + 1 }, (_, b) => makeBatch(b, batchSize, searchIds, articleIds));

  const send = async (events: BenchEvent[]) => {
    const data = await graphql<{ recordHelpEvents: { status: string }[] }>(url, ingestKey, RECORD, { e: events });
    const refused = data.recordHelpEvents.filter((r) => r.status !== 'RECORDED').length;
    if (refused) throw new Error(`recordHelpEvents: ${refused} items not RECORDED`);
  };
  await send(all[0]); // warm-up
  await rawInsert(pool, workspaceId, all[0]);
  let t = performance.now();
  for (const batch of all.slice(1)) await send(batch);
  const gqlSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (const batch of all.slice(1)) await rawInsert(pool, workspaceId, batch);
  const rawSeconds = (performance.now() - t) / 1000;
  const events = batches * batchSize;
  const graphqlPerSecond = round(events / gqlSeconds, 0);
  const rawPerSecond = round(events / rawSeconds, 0);
  return { batchSize, batches, graphqlPerSecond, rawPerSecond, ratio: round(graphqlPerSecond / rawPerSecond) };
}
