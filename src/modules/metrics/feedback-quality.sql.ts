/*
 * SQL of the feedback quality metric. Every statement takes $1 workspace, $2 from, $3 to (half-open), then the
 * filters $4 kind, $5 feature id, $6 milestone id, $7 source (null = any); $8 is statement-specific.
 */

/** The measured items: the workspace's feedback that occurred in [$2, $3) and passes the filters. */
const ITEMS_CTE = `
items AS (
  SELECT f.feature_id, f.quality_score AS score, f.quality_signals AS signals
    FROM feedback f
   WHERE f.workspace_id = $1 AND f.occurred_at >= $2::timestamptz AND f.occurred_at < $3::timestamptz
     AND ($4::text IS NULL OR f.kind::text = $4)
     AND ($5::uuid IS NULL OR f.feature_id = $5)
     AND ($6::uuid IS NULL OR f.milestone_id = $6)
     AND ($7::text IS NULL OR f.source = $7)
)`;

/**
 * Count, mean, median and items scoring >= $8 (the actionable threshold): one total row (is_total, present even
 * when nothing matches) then one row per feature, items without a feature last.
 */
export const QUALITY_STATS_SQL = `
WITH ${ITEMS_CTE}
SELECT GROUPING(feature_id) = 1 AS is_total, feature_id,
       count(*)::int AS n,
       avg(score)::float8 AS mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS p50,
       (count(*) FILTER (WHERE score >= $8::int))::int AS actionable
  FROM items
 GROUP BY GROUPING SETS ((), (feature_id))
 ORDER BY is_total DESC, feature_id IS NULL, n DESC, feature_id`;

/** Ten histogram bars (lower bound 0, 10, ... 90; a score of 100 falls in the last), every bar present. */
export const QUALITY_HISTOGRAM_SQL = `
WITH ${ITEMS_CTE}
SELECT b.i * 10 AS lower, count(i.score)::int AS n
  FROM generate_series(0, 9) AS b(i)
  LEFT JOIN items i ON LEAST(GREATEST(i.score, 0) / 10, 9) = b.i
 GROUP BY b.i
 ORDER BY b.i`;

/**
 * Items where each signal is present (stored as true): the names of $8 (text[], in that order, zero when unseen),
 * then any other name found in the stored signals, alphabetically.
 */
export const QUALITY_SIGNALS_SQL = `
WITH ${ITEMS_CTE},
present AS (
  SELECT s.key AS name, (count(*) FILTER (WHERE s.value = 'true'::jsonb))::int AS n
    FROM items i CROSS JOIN LATERAL jsonb_each(i.signals) AS s
   GROUP BY s.key
)
SELECT COALESCE(k.name, p.name) AS name, COALESCE(p.n, 0) AS n
  FROM unnest($8::text[]) WITH ORDINALITY AS k(name, ord)
  FULL JOIN present p ON p.name = k.name
 ORDER BY k.ord NULLS LAST, p.name`;
