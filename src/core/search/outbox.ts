import { DataSource, EntityManager } from 'typeorm';
import { OutboxAction, SearchOutbox } from './outbox.entity';
import { queryRows } from '../db/query-rows';

/** A claimed outbox row. */
export interface OutboxItem {
  id: string;
  workspaceId: string;
  articleId: string;
  action: OutboxAction;
  attempts: number;
}

/** How long a claim lasts before another worker may take the row again (a crashed worker's rows come back). */
const LEASE_SECONDS = 60;
/** Advisory lock serializing outbox claims across processes ("hs_outbox" as a number). */
const CLAIM_LOCK_KEY = 0x68735f6f7574;

/**
 * The transactional outbox of search-index changes. `enqueue` runs inside the caller's transaction; workers `claim`
 * rows with a lease (`FOR UPDATE SKIP LOCKED`, safe with several processes), then `ack` or `retryLater`.
 */
export class SearchOutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Records that an article's index entry must be brought up to date. Call inside the article's transaction. */
  async enqueue(manager: EntityManager, workspaceId: string, articleIds: string[], action: OutboxAction): Promise<void> {
    if (articleIds.length === 0) return;
    await manager.insert(
      SearchOutbox,
      articleIds.map((articleId) => ({ workspaceId, articleId, action })),
    );
  }

  /**
   * Takes up to `limit` due rows for this worker, oldest first. An article with a row already leased (or backing off)
   * is skipped, so two workers never index the same article at once (the one holding an older read could otherwise
   * overwrite a newer document); claims are serialized by a transaction-scoped advisory lock so two claims cannot both
   * see an article as free.
   */
  async claim(limit: number): Promise<OutboxItem[]> {
    const rows = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [CLAIM_LOCK_KEY]);
      return queryRows(
        m,
        `UPDATE search_outbox o
            SET available_at = now() + make_interval(secs => $2), attempts = o.attempts + 1
          WHERE o.id IN (SELECT s.id FROM search_outbox s
                          WHERE s.available_at <= now()
                            AND NOT EXISTS (SELECT 1 FROM search_outbox f
                                             WHERE f.article_id = s.article_id
                                               AND f.attempts > 0 AND f.available_at > now())
                          ORDER BY s.id
                          LIMIT $1
                          FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.workspace_id, o.article_id, o.action, o.attempts`,
        [limit, LEASE_SECONDS],
      );
    });
    return rows
      .map((r) => ({
        id: String(r.id),
        workspaceId: String(r.workspace_id),
        articleId: String(r.article_id),
        action: r.action as OutboxAction,
        attempts: Number(r.attempts),
      }))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Removes rows whose change the index has applied. */
  async ack(ids: string[]): Promise<void> {
    if (ids.length) await this.dataSource.query(`DELETE FROM search_outbox WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /**
   * Puts rows back with exponential backoff (1 s doubling, at most 30 s, so the index catches up soon after an
   * outage) and the error that stopped them.
   */
  async retryLater(items: OutboxItem[], error: string): Promise<void> {
    for (const item of items) {
      const delay = Math.min(30, 2 ** Math.min(item.attempts - 1, 5));
      await this.dataSource.query(
        `UPDATE search_outbox SET available_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1`,
        [item.id, delay, error.slice(0, 1000)],
      );
    }
  }

  /** Rows not yet applied (due or leased). */
  async pending(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM search_outbox`);
    return n;
  }
}
