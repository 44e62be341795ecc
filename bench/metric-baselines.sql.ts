/**
 * Hand-written SQL baselines: each computes the headline numbers of one metric query over the same rows, written the
 * way an analyst would (one pass, hash joins and window functions instead of per-row subqueries; no buckets, no
 * GraphQL). Parameters: $1 workspace id, $2 from, $3 to. The resolution window is the API default, 60 minutes.
 */

/** Counted searches (as-you-type collapsing), with clicks, helpful vote and failure by a support contact. */
const COUNTED = `
  contacts AS (
    SELECT session_id, array_agg(occurred_at) AS at FROM help_events
    WHERE workspace_id = $1 AND type = 'SUPPORT_CONTACT' AND occurred_at >= $2::timestamptz
    GROUP BY session_id
  ),
  clicks AS (
    SELECT search_id, count(*) AS n, sum(position) AS pos FROM help_events
    WHERE workspace_id = $1 AND type = 'SEARCH_CLICK' AND search_id IS NOT NULL GROUP BY search_id
  ),
  voted AS (
    SELECT DISTINCT search_id FROM help_events
    WHERE workspace_id = $1 AND type = 'ARTICLE_VOTE' AND helpful AND search_id IS NOT NULL
  ),
  searches AS (
    SELECT id, session_id, occurred_at, hit_count, hit_ids, coalesce(normalized_query, '') AS nq,
      array_agg(coalesce(normalized_query, '')) OVER (PARTITION BY session_id ORDER BY occurred_at
        RANGE BETWEEN CURRENT ROW AND interval '30 seconds' FOLLOWING) AS next_q
    FROM help_events
    WHERE workspace_id = $1 AND type = 'SEARCH' AND occurred_at >= $2::timestamptz
      AND occurred_at < $3::timestamptz + interval '30 seconds'
  ),
  counted AS (
    SELECT s.id, s.session_id, s.occurred_at, s.hit_count, s.hit_ids, s.nq, coalesce(k.n, 0) AS clicks,
      coalesce(k.pos, 0) AS pos, v.search_id IS NOT NULL AS helpful_vote,
      coalesce((SELECT bool_or(t BETWEEN s.occurred_at AND s.occurred_at + interval '60 minutes') FROM unnest(c.at) t), false) AS failed
    FROM searches s
    LEFT JOIN clicks k ON k.search_id = s.id
    LEFT JOIN voted v ON v.search_id = s.id
    LEFT JOIN contacts c ON c.session_id = s.session_id
    WHERE s.occurred_at < $3::timestamptz
      AND (k.search_id IS NOT NULL OR NOT EXISTS (
        SELECT 1 FROM unnest(s.next_q) q WHERE length(q) > length(s.nq) AND starts_with(q, s.nq)))
  ),
  views AS (
    SELECT v.session_id, v.article_id,
      coalesce((SELECT bool_or(t BETWEEN v.occurred_at AND v.occurred_at + interval '60 minutes') FROM unnest(c.at) t), false) AS failed
    FROM help_events v LEFT JOIN contacts c ON c.session_id = v.session_id
    WHERE v.workspace_id = $1 AND v.type = 'ARTICLE_VIEW' AND v.occurred_at >= $2::timestamptz AND v.occurred_at < $3::timestamptz
  )`;

/** searches, noResultRate, clickThroughRate, searchSuccessRate, helpSessions, selfServiceResolutionRate. */
export const HELP_SEARCH_BASELINE = `
  WITH ${COUNTED},
  sessions AS (
    SELECT session_id, bool_or(failed) AS failed
    FROM (SELECT session_id, failed FROM counted UNION ALL SELECT session_id, failed FROM views) u GROUP BY session_id
  )
  SELECT c.searches::int, c.no_result::float8 / nullif(c.searches, 0) AS no_result_rate,
    c.clicked::float8 / nullif(c.searches, 0) AS click_through_rate,
    c.successful::float8 / nullif(c.searches, 0) AS search_success_rate,
    s.sessions::int AS help_sessions, s.resolved::float8 / nullif(s.sessions, 0) AS self_service_resolution_rate
  FROM (SELECT count(*) AS searches, count(*) FILTER (WHERE hit_count = 0) AS no_result,
          count(*) FILTER (WHERE clicks > 0) AS clicked,
          count(*) FILTER (WHERE (clicks > 0 OR helpful_vote) AND NOT failed) AS successful FROM counted) c,
       (SELECT count(*) AS sessions, count(*) FILTER (WHERE NOT failed) AS resolved FROM sessions) s`;

/** totalCount and the 20 most viewed articles (views, impressions, clicks), ties by id. */
export const ARTICLE_EFFECTIVENESS_BASELINE = `
  WITH ${COUNTED},
  shown AS (
    SELECT article_id, count(*) AS impressions, count(*) FILTER (WHERE clicked) AS clicks
    FROM (
      SELECT search_id, article_id, bool_or(clicked) AS clicked FROM (
        SELECT c.id AS search_id, h AS article_id, false AS clicked FROM counted c, unnest(c.hit_ids) h
        UNION ALL
        SELECT k.search_id, k.article_id, true FROM help_events k JOIN counted c ON c.id = k.search_id
        WHERE k.workspace_id = $1 AND k.type = 'SEARCH_CLICK' AND k.article_id IS NOT NULL
      ) p GROUP BY 1, 2
    ) q GROUP BY article_id
  ),
  viewed AS (SELECT article_id, count(*) AS views FROM views GROUP BY article_id),
  article_votes AS (
    SELECT article_id FROM help_events WHERE workspace_id = $1 AND type = 'ARTICLE_VOTE' AND helpful IS NOT NULL
      AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz GROUP BY article_id
  ),
  listed AS (
    SELECT a.id, coalesce(v.views, 0) AS views, coalesce(s.impressions, 0) AS impressions, coalesce(s.clicks, 0) AS clicks
    FROM articles a LEFT JOIN viewed v ON v.article_id = a.id LEFT JOIN shown s ON s.article_id = a.id
    LEFT JOIN article_votes o ON o.article_id = a.id
    WHERE a.workspace_id = $1 AND ((a.status = 'PUBLISHED' AND a.deleted_at IS NULL)
      OR v.article_id IS NOT NULL OR s.article_id IS NOT NULL OR o.article_id IS NOT NULL)
  )
  SELECT (SELECT count(*) FROM listed)::int AS total_count, t.id, t.views::int, t.impressions::int, t.clicks::int
  FROM (SELECT * FROM listed ORDER BY views DESC, id LIMIT 20) t ORDER BY t.views DESC, t.id`;

/** The 20 most failed normalized queries with their counts (the closest-article lookup is left out). */
export const CONTENT_GAPS_BASELINE = `
  WITH ${COUNTED}
  SELECT nq AS query, count(*)::int AS searches, count(*) FILTER (WHERE hit_count = 0)::int AS no_result
  FROM counted WHERE hit_count = 0 OR clicks = 0
  GROUP BY nq ORDER BY searches DESC, no_result DESC, nq COLLATE "C" LIMIT 20`;

/** total and previousTotal (counts per UTC month and kind computed alongside, as the series needs). */
export const FEEDBACK_VOLUME_BASELINE = `
  SELECT sum(n) FILTER (WHERE m IS NOT NULL AND cur)::int AS total, sum(n) FILTER (WHERE m IS NULL AND NOT cur)::int AS previous_total,
    count(*) FILTER (WHERE m IS NOT NULL AND cur)::int AS cells
  FROM (
    SELECT occurred_at >= $2::timestamptz AS cur, date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS m, kind, count(*) AS n
    FROM feedback
    WHERE workspace_id = $1 AND occurred_at >= $2::timestamptz - ($3::timestamptz - $2::timestamptz) AND occurred_at < $3::timestamptz
    GROUP BY GROUPING SETS ((1, 2, 3), (1))
  ) g`;

/** count, mean, median, actionable count, the 10-bar histogram and signal counts, in one scan. */
export const FEEDBACK_QUALITY_BASELINE = `
  SELECT count(*)::int AS count, avg(quality_score)::float8 AS mean,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY quality_score) AS p50,
    count(*) FILTER (WHERE quality_score >= 60)::int AS actionable,
    count(*) FILTER (WHERE quality_signals -> 'enoughWords' = 'true')::int AS enough_words,
    count(*) FILTER (WHERE quality_signals -> 'describesSteps' = 'true')::int AS describes_steps,
    ARRAY[${Array.from({ length: 10 }, (_, i) => `count(*) FILTER (WHERE least(greatest(quality_score, 0) / 10, 9) = ${i})`).join(', ')}]::int[] AS bars
  FROM feedback WHERE workspace_id = $1 AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz`;

/** responses, mean effort score, easy responses (>= 5). */
export const EASE_OF_USE_BASELINE = `
  SELECT count(*)::int AS responses, avg(effort_score)::float8 AS mean, count(*) FILTER (WHERE effort_score >= 5)::int AS easy
  FROM feedback WHERE workspace_id = $1 AND kind = 'EASE_OF_USE' AND effort_score IS NOT NULL
    AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz`;

/** Lead time count, mean, p50, p90 of enhancements shipped in range, and the delivered-demand ratio. */
export const LEAD_TIME_BASELINE = `
  WITH shipped AS (
    SELECT id, shipped_at, created_at FROM enhancements
    WHERE workspace_id = $1 AND status = 'SHIPPED' AND shipped_at >= $2::timestamptz AND shipped_at < $3::timestamptz
  ),
  open AS (
    SELECT id FROM enhancements WHERE workspace_id = $1 AND created_at < $3::timestamptz
      AND status IN ('OPEN', 'UNDER_REVIEW', 'PLANNED', 'IN_PROGRESS')
  ),
  first_feedback AS (
    SELECT l.enhancement_id, min(f.occurred_at) AS at FROM enhancement_feedback l JOIN feedback f ON f.id = l.feedback_id
    WHERE l.workspace_id = $1 GROUP BY l.enhancement_id
  ),
  lead AS (
    SELECT extract(epoch FROM s.shipped_at - least(s.created_at, ff.at))::float8 AS lead
    FROM shipped s LEFT JOIN first_feedback ff ON ff.enhancement_id = s.id
  )
  SELECT count(*)::int AS count, avg(lead) AS mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY lead) AS p50,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY lead) AS p90,
    (SELECT count(DISTINCT feedback_id) FROM enhancement_feedback WHERE enhancement_id IN (SELECT id FROM shipped))::float8
      / nullif((SELECT count(DISTINCT feedback_id) FROM enhancement_feedback
                WHERE enhancement_id IN (SELECT id FROM shipped UNION ALL SELECT id FROM open)), 0) AS delivered_demand_ratio
  FROM lead`;
