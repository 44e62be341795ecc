import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { HelpEventInput } from './dto/help-event.input';
import { HelpEventStatus } from './help-event-kind';
import { HelpEventItemError, HelpEventResult } from './help-event-result.type';
import { CheckedHelpEvent, isItemError, validateHelpEvent } from './help-event-validation';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError } from '../../core/errors/errors';
import { isUniqueViolation } from '../../core/db/pg-errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';

/** Largest batch `recordHelpEvents` accepts. */
export const MAX_HELP_EVENT_BATCH = 1000;

/** A SEARCH event as `searchArticles` records it. */
export interface SearchEventData {
  /** The searchId handed to the client. */
  id: string;
  sessionId: string;
  channel: string;
  query: string;
  normalizedQuery: string;
  locale: string | null;
  /** Total number of matches (`hit_count`). */
  hitCount: number;
  /**
   * Ids of the page of hits the engine returned, in rank order. The statement keeps those that are published, not
   * deleted articles of the workspace (the ones shown) as `hit_ids`.
   */
  candidateIds: string[];
}

/** A valid item waiting for insertion, with the id it will get. */
interface PendingRow extends CheckedHelpEvent {
  index: number;
  id: string;
  locale: string | null;
}

const INSERT_SQL = `
  INSERT INTO help_events (id, workspace_id, type, session_id, channel, occurred_at, client_event_id, search_id,
                           article_id, position, helpful, reason, locale)
  SELECT u.id, $1::uuid, u.type, u.session_id, u.channel, u.occurred_at, u.client_event_id, u.search_id,
         u.article_id, u.position, u.helpful, u.reason, u.locale
  FROM unnest($2::uuid[], $3::help_event_type[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::uuid[],
              $9::uuid[], $10::int[], $11::bool[], $12::text[], $13::text[])
       AS u(id, type, session_id, channel, occurred_at, client_event_id, search_id, article_id, position, helpful,
            reason, locale)`;

/** The referenced searches ($2) and articles ($3) that belong to workspace $1. */
const REFERENCES_SQL = `
  SELECT true AS search, id, locale FROM help_events
   WHERE workspace_id = $1 AND type = 'SEARCH' AND id = ANY($2::uuid[])
  UNION ALL
  SELECT false, id, locale FROM articles WHERE workspace_id = $1 AND id = ANY($3::uuid[])`;

/** One SEARCH event; `hit_ids` are the candidates ($9, engine order) that are published articles of the workspace. */
const RECORD_SEARCH_SQL = `
  INSERT INTO help_events (id, workspace_id, type, session_id, channel, occurred_at, query, normalized_query, locale,
                           hit_count, hit_ids)
  SELECT $1::uuid, $2::uuid, 'SEARCH', $3::text, $4::text, now(), $5::text, $6::text, $7::text, $8::int,
         ARRAY(SELECT c.id
               FROM unnest($9::uuid[]) WITH ORDINALITY AS c(id, n)
               JOIN articles a ON a.id = c.id
               WHERE a.workspace_id = $2::uuid AND a.status = 'PUBLISHED' AND a.deleted_at IS NULL
               ORDER BY c.n)
  RETURNING hit_ids`;

/** A uuid[] as `pg` returns it: parsed already, or in its text form `{a,b}` (no type parser registered). */
function parseUuidArray(v: string[] | string | null | undefined): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}

/**
 * Owns the append-only `help_events` table: records the SEARCH events of `searchArticles` and the batches of clicks,
 * views, votes and support contacts that clients report. Every reference is checked against the caller's workspace.
 */
export class HelpEventService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the SEARCH event of one `searchArticles` call (its id is the searchId clicks point back at) in one
   * autocommitted statement, and answers the `hit_ids` it stored: the candidates that are this workspace's published,
   * not deleted articles, in the given order. Filtering inside the INSERT lets the caller load the articles at the
   * same time instead of before.
   */
  async recordSearch(ctx: RequestContext, s: SearchEventData): Promise<string[]> {
    const rows = await queryRows<{ hit_ids: string[] | string }>(this.dataSource, RECORD_SEARCH_SQL, [
      s.id,
      workspaceOf(ctx),
      s.sessionId,
      s.channel,
      s.query,
      s.normalizedQuery,
      s.locale,
      s.hitCount,
      s.candidateIds,
    ]);
    return parseUuidArray(rows[0]?.hit_ids);
  }

  /** The normalized query of one of the caller's SEARCH events, or null when there is no such search. */
  async searchQuery(ctx: RequestContext, searchId: string): Promise<string | null> {
    const rows = await queryRows<{ normalized_query: string }>(
      this.dataSource,
      `SELECT normalized_query FROM help_events WHERE id = $1 AND workspace_id = $2 AND type = 'SEARCH'`,
      [searchId, workspaceOf(ctx)],
    );
    return rows[0]?.normalized_query ?? null;
  }

  /**
   * Records a batch: each item is validated on its own and answered in input order; all valid items are inserted by
   * one INSERT ... SELECT FROM unnest(...) statement (see {@link insert}). An item whose clientEventId was seen before
   * (earlier, or earlier in the same batch) answers DUPLICATE with the original event id.
   */
  async record(ctx: RequestContext, inputs: HelpEventInput[]): Promise<HelpEventResult[]> {
    const workspaceId = workspaceOf(ctx);
    if (inputs.length > MAX_HELP_EVENT_BATCH) {
      throw new BadInputError(`send at most ${MAX_HELP_EVENT_BATCH} events per call`, 'events');
    }
    const now = new Date();
    const checked = inputs.map((input) => validateHelpEvent(input, now));
    return this.recordChecked(this.dataSource.manager, workspaceId, checked);
  }

  /**
   * No explicit transaction: the reference check is a read of rows that are never updated (searches are append-only
   * and articles are only soft-deleted, which still counts), and the insert is a single statement, atomic on its own
   * and committed before the answer. That saves BEGIN and COMMIT round trips on every batch.
   */
  private async recordChecked(
    m: EntityManager,
    workspaceId: string,
    checked: (CheckedHelpEvent | HelpEventItemError)[],
  ): Promise<HelpEventResult[]> {
    const valid = checked.filter((c): c is CheckedHelpEvent => !isItemError(c));
    const { searches, articles } = await this.referenceLocales(
      m,
      workspaceId,
      valid.map((v) => v.searchId),
      valid.map((v) => v.articleId),
    );

    const results: HelpEventResult[] = [];
    const pending: PendingRow[] = [];
    const firstByClientId = new Map<string, PendingRow>();
    const repeats: { index: number; of: PendingRow }[] = [];
    checked.forEach((c, index) => {
      const error = isItemError(c) ? c : referenceError(c, searches, articles);
      if (error || isItemError(c)) {
        results[index] = { index, status: HelpEventStatus.ERROR, eventId: null, error };
        return;
      }
      const first = c.clientEventId ? firstByClientId.get(c.clientEventId) : undefined;
      if (first) {
        repeats.push({ index, of: first });
        return;
      }
      const locale = (c.articleId && articles.get(c.articleId)) || (c.searchId && searches.get(c.searchId)) || null;
      const row: PendingRow = { ...c, index, id: randomUUID(), locale };
      pending.push(row);
      if (c.clientEventId) firstByClientId.set(c.clientEventId, row);
    });

    const inserted = await this.insert(m, workspaceId, pending);
    const conflicted = pending.filter((p) => !inserted.has(p.id));
    const originals = await this.idsByClientEventId(m, workspaceId, conflicted.map((p) => p.clientEventId!));
    const idOf = (p: PendingRow) => (inserted.has(p.id) ? p.id : (originals.get(p.clientEventId ?? '') ?? null));
    for (const p of pending) {
      const recorded = inserted.has(p.id);
      results[p.index] = {
        index: p.index,
        status: recorded ? HelpEventStatus.RECORDED : HelpEventStatus.DUPLICATE,
        eventId: idOf(p),
        error: null,
      };
    }
    for (const r of repeats) {
      results[r.index] = { index: r.index, status: HelpEventStatus.DUPLICATE, eventId: idOf(r.of), error: null };
    }
    return results;
  }

  /**
   * Inserts `rows` and answers the ids actually stored. First as a plain INSERT (about 20% cheaper than the
   * speculative insertion of ON CONFLICT on this table's unique index, measured on PostgreSQL 15): a batch of new
   * events, the usual case, is then stored by that one statement. Should any clientEventId already exist, the
   * statement fails as a whole (unique violation, nothing stored) and the batch is sent again with ON CONFLICT DO
   * NOTHING RETURNING id, which stores the new rows and reports which ones were duplicates.
   */
  private async insert(m: EntityManager, workspaceId: string, rows: PendingRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const col = <K extends keyof PendingRow>(k: K) => rows.map((r) => r[k]);
    const params = [
      workspaceId,
      col('id'),
      col('type'),
      col('sessionId'),
      col('channel'),
      rows.map((r) => r.occurredAt.toISOString()),
      col('clientEventId'),
      col('searchId'),
      col('articleId'),
      col('position'),
      col('helpful'),
      col('reason'),
      col('locale'),
    ];
    try {
      await queryRows(m, INSERT_SQL, params);
      return new Set(params[1] as string[]);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const out = await queryRows<{ id: string }>(m, `${INSERT_SQL} ON CONFLICT DO NOTHING RETURNING id`, params);
    return new Set(out.map((r) => r.id));
  }

  /**
   * The searches and the articles of the workspace among the referenced ids, with their locale (a search's may be
   * null), in one statement. Soft-deleted articles are included: late events about them still count.
   */
  private async referenceLocales(
    m: EntityManager,
    ws: string,
    searchIds: (string | null)[],
    articleIds: (string | null)[],
  ): Promise<{ searches: Map<string, string | null>; articles: Map<string, string> }> {
    const searches = new Map<string, string | null>();
    const articles = new Map<string, string>();
    const wantedSearches = [...new Set(searchIds.filter((i): i is string => !!i))];
    const wantedArticles = [...new Set(articleIds.filter((i): i is string => !!i))];
    if (wantedSearches.length === 0 && wantedArticles.length === 0) return { searches, articles };
    const rows = await queryRows<{ search: boolean; id: string; locale: string | null }>(m, REFERENCES_SQL, [
      ws,
      wantedSearches,
      wantedArticles,
    ]);
    for (const r of rows) {
      if (r.search) searches.set(r.id, r.locale);
      else articles.set(r.id, r.locale ?? '');
    }
    return { searches, articles };
  }

  private async idsByClientEventId(m: EntityManager, ws: string, clientIds: string[]): Promise<Map<string, string>> {
    if (clientIds.length === 0) return new Map();
    const rows = await queryRows<{ id: string; client_event_id: string }>(
      m,
      `SELECT id, client_event_id FROM help_events WHERE workspace_id = $1 AND client_event_id = ANY($2::text[])`,
      [ws, clientIds],
    );
    return new Map(rows.map((r) => [r.client_event_id, r.id]));
  }
}

/** NOT_FOUND when the item points at a search or article that is not this workspace's. */
function referenceError(
  c: CheckedHelpEvent,
  searches: Map<string, string | null>,
  articles: Map<string, string>,
): HelpEventItemError | null {
  if (c.searchId && !searches.has(c.searchId)) {
    return { code: 'NOT_FOUND', message: 'searchId does not name a search of this workspace', field: 'searchId' };
  }
  if (c.articleId && !articles.has(c.articleId)) {
    return { code: 'NOT_FOUND', message: 'articleId does not name an article of this workspace', field: 'articleId' };
  }
  return null;
}
