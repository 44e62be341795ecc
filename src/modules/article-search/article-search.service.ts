import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SearchArticlesArgs, MAX_QUERY_LENGTH, MAX_SEARCH_PAGE } from './dto/search-articles.args';
import { ArticleSearchHit, ArticleSearchResult } from './article-search-result.type';
import { PostgresArticleSearch } from './postgres-article-search';
import { safeHighlight } from './highlight';
import { Article, ArticleStatus } from '../articles/article.entity';
import { HelpEventService } from '../help-events/help-event.service';
import { normalizeQuery } from '../help-events/normalize-query';
import { requireChannel, requireSessionId } from '../help-events/help-event-fields';
import { SearchEngine, SearchRequest, SearchResult } from '../../core/search/search-engine';
import { decodeCursor, encodeCursor } from '../../core/graphql/connection';
import { BadInputError } from '../../core/errors/errors';
import { RequestContext, workspaceOf } from '../../core/context/request-context';
import { logger } from '../../core/logging/logger';

/** Deepest result a page may start at (the index's `pagination.maxTotalHits`). */
const MAX_SEARCH_OFFSET = 100_000;

/** Cursor id of an untracked search (it has no searchId). */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Tuning of {@link ArticleSearchService}. */
export interface ArticleSearchOptions {
  /** Give up on the search engine after this long and answer from PostgreSQL (default 2000 ms). */
  engineTimeoutMs?: number;
}

/**
 * Knowledge-base search for portals: asks the search engine (Meilisearch), falls back to PostgreSQL full-text search
 * when the engine fails or is too slow (`degraded: true`, never an error), loads the articles through the request's
 * loader and records the SEARCH help event that clicks and metrics refer to.
 */
export class ArticleSearchService {
  private readonly fallback: PostgresArticleSearch;
  private readonly engineTimeoutMs: number;

  constructor(
    dataSource: DataSource,
    private readonly engine: SearchEngine,
    private readonly helpEvents: HelpEventService,
    opts: ArticleSearchOptions = {},
  ) {
    this.fallback = new PostgresArticleSearch(dataSource);
    this.engineTimeoutMs = opts.engineTimeoutMs ?? 2000;
  }

  /**
   * Runs one search. The first page records a SEARCH event (unless `track` is false); later pages, reached with
   * `after`, reuse the searchId carried by the cursor so one search is counted once and positions stay global.
   */
  async search(ctx: RequestContext, args: SearchArticlesArgs): Promise<ArticleSearchResult> {
    const workspaceId = workspaceOf(ctx);
    const query = args.query.trim();
    if (!query) throw new BadInputError('query must not be blank', 'query');
    if (args.query.length > MAX_QUERY_LENGTH) {
      throw new BadInputError(`query must be at most ${MAX_QUERY_LENGTH} characters`, 'query');
    }
    const limit = args.first ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_PAGE) {
      throw new BadInputError(`first must be between 1 and ${MAX_SEARCH_PAGE}`, 'first');
    }
    const channel = requireChannel(args.channel);
    const sessionId = args.sessionId != null ? requireSessionId(args.sessionId) : randomUUID();
    const [offset, cursorSearchId] = args.after ? this.readCursor(args.after) : [0, undefined];
    // A later page continues the caller's own search for the same query, never another one's.
    if (cursorSearchId && cursorSearchId !== NIL_UUID) {
      if ((await this.helpEvents.searchQuery(ctx, cursorSearchId)) !== normalizeQuery(query)) {
        throw new BadInputError('after is not a cursor of this search', 'after');
      }
    }

    const req: SearchRequest = {
      workspaceId,
      query,
      locale: args.locale?.trim() || undefined,
      featureId: args.featureId,
      tags: args.tags?.map((t) => t.trim().toLowerCase()).filter(Boolean),
      offset,
      limit,
    };
    const { result, degraded } = await this.runSearch(req);

    let searchId: string | null = cursorSearchId === NIL_UUID ? null : (cursorSearchId ?? null);
    let hits: ArticleSearchHit[];
    if (!args.after && args.track !== false) {
      // The SEARCH event is written concurrently with loading the hit articles (two statements on two pooled
      // connections instead of one after the other). The INSERT itself keeps only the candidates that are this
      // workspace's published, not deleted articles, in engine order, which is the same filter loadHits applies, so
      // hit_ids still lists exactly the articles shown. The answer waits for both: the event is committed before the
      // client gets its searchId.
      searchId = randomUUID();
      const [loaded, recordedIds] = await Promise.all([
        this.loadHits(ctx, result, offset, degraded),
        this.helpEvents.recordSearch(ctx, {
          id: searchId,
          sessionId,
          channel,
          query,
          normalizedQuery: normalizeQuery(query),
          locale: req.locale ?? null,
          hitCount: result.total,
          candidateIds: result.hits.map((h) => h.id),
        }),
      ]);
      // Both statements apply the same filter; should an article change status between the two (a race of a few
      // milliseconds), show only what the recorded event lists, so impressions never count an article not shown.
      const recorded = new Set(recordedIds);
      hits = loaded.filter((h) => recorded.has(h.article.id));
    } else {
      hits = await this.loadHits(ctx, result, offset, degraded);
    }
    const cursorId = searchId ?? NIL_UUID;
    const shown = result.hits.length;
    return {
      searchId,
      sessionId,
      query,
      total: result.total,
      degraded,
      hits,
      pageInfo: {
        hasNextPage: offset + shown < result.total && shown > 0,
        hasPreviousPage: offset > 0,
        startCursor: shown > 0 ? encodeCursor(offset + 1, cursorId) : null,
        endCursor: shown > 0 ? encodeCursor(offset + shown, cursorId) : null,
      },
    };
  }

  /** The engine's answer, or PostgreSQL's when the engine fails or exceeds the timeout. */
  private async runSearch(req: SearchRequest): Promise<{ result: SearchResult; degraded: boolean }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`search engine timed out after ${this.engineTimeoutMs} ms`)), this.engineTimeoutMs);
    });
    try {
      return { result: await Promise.race([this.engine.search(req), timeout]), degraded: false };
    } catch (err) {
      logger.warn({ err }, 'search engine unavailable: answering from PostgreSQL');
      return { result: await this.fallback.search(req), degraded: true };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Loads the hit articles through the request loader (scoped to the workspace). Hits the index still holds but that
   * are no longer published in PostgreSQL are dropped; positions keep the engine's ranking.
   */
  private async loadHits(
    ctx: RequestContext,
    result: SearchResult,
    offset: number,
    degraded: boolean,
  ): Promise<ArticleSearchHit[]> {
    const articles = await ctx.loaders.articleById.loadMany(result.hits.map((h) => h.id));
    const hits: ArticleSearchHit[] = [];
    result.hits.forEach((h, i) => {
      const article = articles[i];
      if (!(article instanceof Article) || article.deletedAt || article.status !== ArticleStatus.PUBLISHED) return;
      hits.push({
        position: offset + i + 1,
        article,
        // the PostgreSQL fallback escapes as it highlights; the engine's fragments are escaped here
        titleHighlighted: degraded ? h.titleHighlighted : safeHighlight(h.titleHighlighted),
        snippet: degraded ? h.snippet : safeHighlight(h.snippet),
      });
    });
    return hits;
  }

  private readCursor(after: string): [number, string] {
    const [value, id] = decodeCursor(after);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SEARCH_OFFSET) {
      throw new BadInputError('after is not a cursor returned by searchArticles', 'after');
    }
    return [value, id.toLowerCase()];
  }
}
