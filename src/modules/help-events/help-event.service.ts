import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { HelpEventInput } from './dto/help-event.input';
import { HelpEventStatus } from './help-event-kind';
import { HelpEventItemError, HelpEventResult } from './help-event-result.type';
import { CheckedHelpEvent, isItemError, validateHelpEvent } from './help-event-validation';
import { queryRows } from '../../core/db/query-rows';
import { BadInputError } from '../../core/errors/errors';
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
  /** Ids of the articles shown, in order (`hit_ids`). */
  hitIds: string[];
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
            reason, locale)
  ON CONFLICT DO NOTHING
  RETURNING id`;

/**
 * Owns the append-only `help_events` table: records the SEARCH events of `searchArticles` and the batches of clicks,
 * views, votes and support contacts that clients report. Every reference is checked against the caller's workspace.
 */
export class HelpEventService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the SEARCH event of one `searchArticles` call; its id is the searchId clicks point back at. */
  async recordSearch(ctx: RequestContext, s: SearchEventData): Promise<void> {
    await queryRows(
      this.dataSource,
      `INSERT INTO help_events (id, workspace_id, type, session_id, channel, occurred_at, query, normalized_query,
                                locale, hit_count, hit_ids)
       VALUES ($1, $2, 'SEARCH', $3, $4, now(), $5, $6, $7, $8, $9::uuid[])`,
      [s.id, workspaceOf(ctx), s.sessionId, s.channel, s.query, s.normalizedQuery, s.locale, s.hitCount, s.hitIds],
    );
  }

  /**
   * Records a batch: each item is validated on its own and answered in input order; all valid items are inserted by
   * one multi-row INSERT ... ON CONFLICT DO NOTHING in one transaction. An item whose clientEventId was seen before
   * (earlier, or earlier in the same batch) answers DUPLICATE with the original event id.
   */
  async record(ctx: RequestContext, inputs: HelpEventInput[]): Promise<HelpEventResult[]> {
    const workspaceId = workspaceOf(ctx);
    if (inputs.length > MAX_HELP_EVENT_BATCH) {
      throw new BadInputError(`send at most ${MAX_HELP_EVENT_BATCH} events per call`, 'events');
    }
    const now = new Date();
    const checked = inputs.map((input) => validateHelpEvent(input, now));
    return this.dataSource.transaction((m) => this.recordChecked(m, workspaceId, checked));
  }

  private async recordChecked(
    m: EntityManager,
    workspaceId: string,
    checked: (CheckedHelpEvent | HelpEventItemError)[],
  ): Promise<HelpEventResult[]> {
    const valid = checked.filter((c): c is CheckedHelpEvent => !isItemError(c));
    const searches = await this.searchLocales(m, workspaceId, valid.map((v) => v.searchId));
    const articles = await this.articleLocales(m, workspaceId, valid.map((v) => v.articleId));

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

  private async insert(m: EntityManager, workspaceId: string, rows: PendingRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const col = <K extends keyof PendingRow>(k: K) => rows.map((r) => r[k]);
    const out = await queryRows<{ id: string }>(m, INSERT_SQL, [
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
    ]);
    return new Set(out.map((r) => r.id));
  }

  /** Searches of the workspace among `ids`, with their locale (null when the search had none). */
  private async searchLocales(m: EntityManager, ws: string, ids: (string | null)[]): Promise<Map<string, string | null>> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    if (wanted.length === 0) return new Map();
    const rows = await queryRows<{ id: string; locale: string | null }>(
      m,
      `SELECT id, locale FROM help_events WHERE workspace_id = $1 AND type = 'SEARCH' AND id = ANY($2::uuid[])`,
      [ws, wanted],
    );
    return new Map(rows.map((r) => [r.id, r.locale]));
  }

  /** Articles of the workspace among `ids` (soft-deleted included: late events still count), with their locale. */
  private async articleLocales(m: EntityManager, ws: string, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    if (wanted.length === 0) return new Map();
    const rows = await queryRows<{ id: string; locale: string }>(
      m,
      `SELECT id, locale FROM articles WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
      [ws, wanted],
    );
    return new Map(rows.map((r) => [r.id, r.locale]));
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
