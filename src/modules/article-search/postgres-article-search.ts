import { DataSource } from 'typeorm';
import { queryRows } from '../../core/db/query-rows';
import { SearchRequest, SearchResult } from '../../core/search/search-engine';
import { markdownToPlainText } from '../articles/markdown';
import { highlightTerms, queryTerms, snippetAround } from './highlight';

/** The tsvector every article is matched on (the `simple` configuration: no stemming, works for every locale). */
const DOCUMENT = `to_tsvector('simple', a.title || ' ' || a.summary || ' ' || a.body)`;

const SEARCH_SQL = `
  WITH q AS (SELECT websearch_to_tsquery('simple', $2) AS tsq)
  SELECT a.id, a.title, a.body, count(*) OVER () AS total
  FROM articles a, q
  WHERE a.workspace_id = $1 AND a.status = 'PUBLISHED' AND a.deleted_at IS NULL
    AND ($4::text IS NULL OR a.locale = $4)
    AND ($5::uuid IS NULL OR a.feature_id = $5)
    AND a.tags @> $6::text[]
    AND (${DOCUMENT} @@ q.tsq OR a.title ILIKE $3 ESCAPE '\\')
  ORDER BY ts_rank(${DOCUMENT}, q.tsq) DESC, (a.title ILIKE $3 ESCAPE '\\') DESC, a.updated_at DESC, a.id
  LIMIT $7 OFFSET $8`;

/** `%text%` for ILIKE, with the pattern characters of `text` escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/**
 * Article search answered by PostgreSQL full-text search, used when the search engine is unavailable: published,
 * not deleted articles of the workspace matching `websearch_to_tsquery` (or whose title contains the query), ranked by
 * `ts_rank`. Highlights are computed here, on the plain text of the Markdown body.
 */
export class PostgresArticleSearch {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `req` in one statement; `total` is exact. */
  async search(req: SearchRequest): Promise<SearchResult> {
    const rows = await queryRows<{ id: string; title: string; body: string; total: string }>(this.dataSource, SEARCH_SQL, [
      req.workspaceId,
      req.query,
      containsPattern(req.query.trim()),
      req.locale ?? null,
      req.featureId ?? null,
      (req.tags ?? []).map((t) => t.trim().toLowerCase()),
      req.limit,
      req.offset,
    ]);
    const terms = queryTerms(req.query);
    return {
      total: rows.length > 0 ? Number(rows[0].total) : await this.countBefore(req),
      hits: rows.map((r) => ({
        id: r.id,
        titleHighlighted: highlightTerms(r.title, terms),
        snippet: snippetAround(markdownToPlainText(r.body), terms),
      })),
    };
  }

  /** Total when the page is past the last hit (the window count is then unavailable). */
  private async countBefore(req: SearchRequest): Promise<number> {
    if (req.offset === 0) return 0;
    const first = await this.search({ ...req, offset: 0, limit: 1 });
    return first.total;
  }
}
