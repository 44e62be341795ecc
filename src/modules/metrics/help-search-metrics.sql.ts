/**
 * SQL of the help-search metrics, one statement. Parameters:
 * $1 workspace id, $2 from, $3 to (half-open range), $4 resolution window in minutes, $5 locale filter or null,
 * $6 channel filter or null, $7 IANA time zone, $8 bucket unit (day, week, month).
 *
 * Only the measured units (searches, views) are filtered by range, locale and channel; the follow-up events that
 * judge them (clicks, votes, support contacts) count whenever they happened and from whichever channel.
 */

import { CONTACT_TIMES, CONTACTS, countedSearchesSql, failedByContact } from './help-event-sql';

/** Figures of one bucket row or of the total row, from the `sa` (searches) and `se` (sessions) aggregates. */
const FIGURE_COLUMNS = `
  coalesce(sa.searches, 0) AS searches, coalesce(sa.no_result, 0) AS no_result, coalesce(sa.with_hits, 0) AS with_hits,
  coalesce(sa.clicked, 0) AS clicked, coalesce(sa.clicks, 0) AS clicks, coalesce(sa.position_sum, 0) AS position_sum,
  coalesce(sa.no_click, 0) AS no_click, coalesce(sa.successful, 0) AS successful,
  coalesce(se.sessions, 0) AS sessions, coalesce(se.resolved, 0) AS resolved`;

/** One JSON array of `{ query, count, no_result_count, clicked_count }`, most searched first, from `src`. */
const queryList = (src: string) => `(
    SELECT coalesce(json_agg(json_build_object('query', q.query, 'count', q.n, 'no_result_count', q.no_result,
      'clicked_count', q.clicked) ORDER BY q.n DESC, q.query COLLATE "C"), '[]'::json)
    FROM ${src} q
  )`;

/**
 * One row per bucket (ordered) plus one total row (`is_total`), with counts and rates (null when the denominator is
 * 0); the total row also carries `top_queries` and `top_failed_queries` (the 10 most searched and the 10 most
 * failing (no results or no click) normalized queries among counted searches) as JSON. Buckets are local-time
 * intervals of the zone turned back into instants, so a day can last 23 or 25 hours. The counted searches are
 * computed once (one pass over the range's events, see help-event-sql.ts) and reused by every part.
 */
export const HELP_SEARCH_SQL = `
  WITH ${CONTACTS},
  ${countedSearchesSql({ failure: true })},
  ${CONTACT_TIMES},
  views AS (
    SELECT v.session_id, v.occurred_at, ${failedByContact('v')} AS failed
    FROM help_events v
    LEFT JOIN contact_times ct ON ct.session_id = v.session_id
    WHERE v.workspace_id = $1 AND v.type = 'ARTICLE_VIEW'
      AND v.occurred_at >= $2::timestamptz AND v.occurred_at < $3::timestamptz
      AND ($5::text IS NULL OR v.locale = $5::text) AND ($6::text IS NULL OR v.channel = $6::text)
  ),
  help_sessions AS (
    SELECT session_id, min(occurred_at) AS first_at, bool_or(failed) AS failed
    FROM (SELECT session_id, occurred_at, failed FROM counted UNION ALL SELECT session_id, occurred_at, failed FROM views) u
    GROUP BY session_id
  ),
  buckets AS (
    SELECT b AS local_start,
           b AT TIME ZONE $7::text AS start_at,
           (b + ('1 ' || $8::text)::interval) AT TIME ZONE $7::text AS end_at
    FROM generate_series(
      date_trunc($8::text, $2::timestamptz AT TIME ZONE $7::text),
      ($3::timestamptz - interval '1 microsecond') AT TIME ZONE $7::text,
      ('1 ' || $8::text)::interval
    ) AS b
  ),
  search_agg AS (
    SELECT b, grouping(b) AS is_total, count(*) AS searches,
      count(*) FILTER (WHERE hit_count = 0) AS no_result,
      count(*) FILTER (WHERE hit_count > 0) AS with_hits,
      count(*) FILTER (WHERE clicks > 0) AS clicked,
      sum(clicks) AS clicks, sum(position_sum) AS position_sum,
      count(*) FILTER (WHERE hit_count > 0 AND clicks = 0) AS no_click,
      count(*) FILTER (WHERE (clicks > 0 OR helpful_vote) AND NOT failed) AS successful
    FROM (SELECT date_trunc($8::text, occurred_at AT TIME ZONE $7::text) AS b, hit_count, clicks, position_sum,
            helpful_vote, failed FROM counted) c
    GROUP BY GROUPING SETS ((b), ())
  ),
  session_agg AS (
    SELECT b, grouping(b) AS is_total, count(*) AS sessions, count(*) FILTER (WHERE NOT failed) AS resolved
    FROM (SELECT date_trunc($8::text, first_at AT TIME ZONE $7::text) AS b, failed FROM help_sessions) s
    GROUP BY GROUPING SETS ((b), ())
  ),
  query_agg AS MATERIALIZED (
    SELECT normalized_query AS query, count(*) AS n, count(*) FILTER (WHERE hit_count = 0) AS no_result,
      count(*) FILTER (WHERE clicks > 0) AS clicked, count(*) FILTER (WHERE clicks = 0) AS failed,
      count(*) FILTER (WHERE clicks = 0 AND hit_count = 0) AS failed_no_result
    FROM counted GROUP BY normalized_query
  ),
  top AS (
    SELECT query, n, no_result, clicked FROM query_agg ORDER BY n DESC, query COLLATE "C" LIMIT 10
  ),
  top_failed AS (
    SELECT query, failed AS n, failed_no_result AS no_result, 0 AS clicked FROM query_agg WHERE failed > 0
    ORDER BY failed DESC, query COLLATE "C" LIMIT 10
  ),
  figures AS (
    SELECT false AS is_total, bk.local_start, bk.start_at, bk.end_at, ${FIGURE_COLUMNS}
    FROM buckets bk
    LEFT JOIN search_agg sa ON sa.is_total = 0 AND sa.b = bk.local_start
    LEFT JOIN session_agg se ON se.is_total = 0 AND se.b = bk.local_start
    UNION ALL
    SELECT true, NULL, NULL, NULL, ${FIGURE_COLUMNS}
    FROM (SELECT 1) one
    LEFT JOIN search_agg sa ON sa.is_total = 1
    LEFT JOIN session_agg se ON se.is_total = 1
  )
  SELECT is_total, start_at, end_at,
    searches::int AS searches, no_result::int AS no_result_searches, clicked::int AS clicked_searches,
    clicks::int AS clicks, successful::int AS successful_searches,
    sessions::int AS help_sessions, resolved::int AS resolved_help_sessions,
    no_result::float8 / nullif(searches, 0) AS no_result_rate,
    clicked::float8 / nullif(searches, 0) AS click_through_rate,
    clicks::float8 / nullif(searches, 0) AS clicks_per_search,
    no_click::float8 / nullif(with_hits, 0) AS no_click_rate,
    position_sum::float8 / nullif(clicks, 0) AS average_click_position,
    successful::float8 / nullif(searches, 0) AS search_success_rate,
    resolved::float8 / nullif(sessions, 0) AS self_service_resolution_rate,
    CASE WHEN is_total THEN ${queryList('top')} END AS top_queries,
    CASE WHEN is_total THEN ${queryList('top_failed')} END AS top_failed_queries
  FROM figures
  ORDER BY is_total DESC, local_start`;
