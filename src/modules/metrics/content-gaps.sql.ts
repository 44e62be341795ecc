import { countedSearchesSql } from './help-event-sql';

/** The tsvector articles are matched on, as in the PostgreSQL search fallback (`simple`: no stemming). */
const DOCUMENT = `to_tsvector('simple', a.title || ' ' || a.summary || ' ' || a.body)`;

/**
 * A tsquery OR-ing every word of `g.query` (so partial matches count), each quoted as a lexeme; empty (matching
 * nothing) when the query has no word.
 */
const ANY_WORD_QUERY = `(
    SELECT coalesce(string_agg('''' || replace(l, '''', '''''') || '''', ' | '), '')
    FROM unnest(tsvector_to_array(to_tsvector('simple', g.query))) AS l
    WHERE strpos(l, chr(92)) = 0
  )::tsquery`;

/**
 * SQL of `contentGaps`. Parameters: $1-$6 as in help-event-sql.ts ($5 filters the searches' locale and the closest
 * article's), $7 number of queries. One row per normalized query with failed counted searches, most failed first
 * (ties: most no-result searches, then query), with the best full-text match among published articles.
 */
export const CONTENT_GAPS_SQL = `
  WITH ${countedSearchesSql()},
  gaps AS (
    SELECT normalized_query AS query, count(*) AS searches,
      count(*) FILTER (WHERE hit_count = 0) AS no_result,
      count(*) FILTER (WHERE hit_count > 0) AS no_click,
      max(occurred_at) AS last_at
    FROM counted
    WHERE hit_count = 0 OR clicks = 0
    GROUP BY normalized_query
    ORDER BY searches DESC, no_result DESC, normalized_query COLLATE "C"
    LIMIT $7::int
  ),
  -- each candidate article's document computed once per statement (only when there is a gap to match)
  docs AS MATERIALIZED (
    SELECT a.id, a.updated_at, ${DOCUMENT} AS doc
    FROM articles a
    WHERE a.workspace_id = $1 AND a.status = 'PUBLISHED' AND a.deleted_at IS NULL
      AND ($5::text IS NULL OR a.locale = $5::text)
  )
  SELECT g.query, g.searches::int AS searches, g.no_result::int AS no_result_searches,
    g.no_click::int AS no_click_searches, g.last_at AS last_searched_at,
    best.id AS closest_article_id, best.score AS closest_article_score
  FROM gaps g
  LEFT JOIN LATERAL (
    SELECT d.id, ts_rank(d.doc, q.tsq)::float8 AS score
    FROM docs d, (SELECT ${ANY_WORD_QUERY} AS tsq) q
    WHERE d.doc @@ q.tsq
    ORDER BY score DESC, d.updated_at DESC, d.id
    LIMIT 1
  ) best ON true
  ORDER BY g.searches DESC, g.no_result DESC, g.query COLLATE "C"`;
